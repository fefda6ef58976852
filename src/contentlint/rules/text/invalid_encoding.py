from __future__ import annotations

from ...registry import Rule, register
from ...violations import Finding

MAX_REPORTED = 20


@register
class InvalidEncoding(Rule):
    """Flags bytes that are not valid UTF-8, at their line and byte offset. The
    rest of the file is still checked, and the bytes are kept as they are if
    other fixes are written.

    ## Why
    Site generators either refuse such files or show `�` to readers. The bytes
    usually come from a file saved as Latin-1 or Windows-1252.

    ## Example
    A file saved in Latin-1 whose `é` is the single byte `0xE9`.

    ## Use instead
    The same text saved as UTF-8.

    ## Fix
    None: contentlint cannot know which encoding the bytes were meant in.
    Re-save the file as UTF-8 in your editor.
    """

    code = "TX002"
    name = "invalid-encoding"
    summary = "Bytes that are not valid UTF-8"

    def check(self, doc, ctx):
        errors = doc.decode_errors
        for err in errors[:MAX_REPORTED]:
            shown = "".join(f"\\x{b:02x}" for b in err.raw[:8]) + ("…" if len(err.raw) > 8 else "")
            yield Finding(err.start, err.end, f"Invalid UTF-8 byte(s) `{shown}` at byte offset {err.byte_offset}")
        if len(errors) > MAX_REPORTED:
            last = errors[MAX_REPORTED]
            yield Finding(last.start, last.end, f"{len(errors) - MAX_REPORTED} more runs of invalid UTF-8 bytes not shown")
