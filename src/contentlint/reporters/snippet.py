"""The source line under a finding, cut to a window around the flagged span so
that a 2,000-character line (minified HTML, a long table row) neither floods
the terminal nor wraps, and the carets still sit under the flagged text.

Widths are terminal cells (as ``rich.cells`` counts them), so wide characters (CJK, emoji)
keep the carets aligned."""
from __future__ import annotations


from .cells import cell_len

from ..document.text_regions import printable

ELLIPSIS = "…"


class Window:
    # A plain class, not a dataclass: only built and read (never compared,
    # hashed or changed), and a frozen dataclass costs ~1 ms at every start.
    __slots__ = ("text", "caret_start", "caret_width")

    def __init__(self, text: str, caret_start: int, caret_width: int) -> None:
        self.text = text  # what is shown of the line
        self.caret_start = caret_start  # cells before the first caret
        self.caret_width = caret_width  # carets (at least one)


def pieces(source: str, column: int, end_column: int, same_line: bool) -> tuple[str, str, str]:
    """The shown line split into (before, span, after). Tabs expand against
    the whole line's tab stops (a span that starts mid-line keeps the widths
    it has on screen); control characters become visible escapes."""
    start = max(0, column - 1)
    end = max(start, end_column - 1) if same_line else len(source)
    before = source[:start].expandtabs(4)
    through = source[:end].expandtabs(4)
    whole = source.expandtabs(4)
    return printable(before), printable(through[len(before):]), printable(whole[len(through):])


def _take_left(text: str, budget: int) -> str:
    """The longest start of ``text`` that fits in ``budget`` cells."""
    out, used = [], 0
    for ch in text:
        w = cell_len(ch)
        if used + w > budget:
            break
        out.append(ch)
        used += w
    return "".join(out)


def _take_right(text: str, budget: int) -> str:
    return _take_left(text[::-1], budget)[::-1]


def window(before: str, span: str, after: str, budget: int) -> Window:
    """Fit ``before + span + after`` into ``budget`` cells: whole when it
    fits, else the span with as much context on each side as fits, each cut
    side marked with an ellipsis; a span wider than the budget shows its start."""
    budget = max(budget, 8)
    # An empty span (a missing final newline) still gets one caret, after the text.
    span_cells = max(1, cell_len(span))
    if cell_len(before) + span_cells + cell_len(after) <= budget:
        return Window(before + span + after, cell_len(before), max(1, cell_len(span)))
    if span_cells + (1 if before else 0) + (1 if after else 0) > budget:
        # The span alone does not fit: show where it starts.
        lead = _take_right(before, min(cell_len(before), budget // 4))
        left = (ELLIPSIS if lead != before else "") + lead
        shown = _take_left(span, budget - cell_len(left) - 1)
        return Window(left + shown + ELLIPSIS, cell_len(left), max(1, cell_len(shown)))
    room = budget - span_cells
    # Context is split evenly; a side that needs less gives the rest away.
    # Each side that is cut spends one cell on its ellipsis.
    want_left = cell_len(before)
    want_right = cell_len(after)
    left_room = min(want_left, room // 2)
    right_room = min(want_right, room - left_room)
    left_room = min(want_left, room - right_room)
    if left_room < want_left:
        lead = ELLIPSIS + _take_right(before, left_room - 1)
    else:
        lead = before
    if right_room < want_right:
        tail = _take_left(after, right_room - 1) + ELLIPSIS
    else:
        tail = after
    return Window(lead + span + tail, cell_len(lead), max(1, cell_len(span)))
