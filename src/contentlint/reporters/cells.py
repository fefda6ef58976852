"""Terminal cells of a string as rich counts them, without importing rich for
printable ASCII (nearly every line a report shows): rich costs a one-file
run tens of milliseconds at start-up."""
from __future__ import annotations


# The report's own marks besides ASCII: the snippet gutter and the ellipsis
# of a cut line, one cell each in rich.cells too.
_OWN_MARKS = str.maketrans("", "", "│…")


def cell_len(text: str) -> int:
    if text.isascii() and text.isprintable():
        return len(text)  # one cell each, exactly as rich.cells says
    rest = text.translate(_OWN_MARKS)
    if rest.isascii() and rest.isprintable():
        return len(text)
    from rich.cells import cell_len as rich_cell_len  # lazy: start-up time

    return rich_cell_len(text)
