"""Character offsets ↔ LSP positions in the negotiated encoding.

contentlint spans are offsets in code points; LSP counts a line's columns in
UTF-16 code units unless client and server agreed on UTF-8 or UTF-32. Lines
end at ``\\n``, ``\\r\\n`` or ``\\r`` only, as in LSP and in ``LineIndex``
(``str.splitlines`` would also break at U+2028 and form feeds, so a
paragraph holding one would put every later finding on the wrong line).
"""
from __future__ import annotations

from lsprotocol import types

from ..document.lines import LineIndex

UTF8, UTF16, UTF32 = "utf-8", "utf-16", "utf-32"


def units(text: str, encoding: str) -> int:
    """How many code units ``text`` takes in ``encoding``."""
    if encoding == UTF32:
        return len(text)
    if text.isascii():
        return len(text)
    if encoding == UTF8:
        return len(text.encode("utf-8", "surrogatepass"))
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


class Positions:
    """Position arithmetic over one version of a document's text."""

    def __init__(self, text: str, encoding: str = UTF16):
        self.text = text
        self.encoding = encoding
        self.lines = LineIndex(text)

    def position(self, offset: int) -> types.Position:
        offset = max(0, min(offset, len(self.text)))
        line = self.lines.line_of(offset)
        start = self.lines.line_start(line)
        return types.Position(line=line, character=units(self.text[start:offset], self.encoding))

    def range(self, start: int, end: int) -> types.Range:
        return types.Range(start=self.position(start), end=self.position(end))

    def offset(self, position: types.Position) -> int:
        """The offset of ``position``; past the end of a line means its end,
        inside a character (half a surrogate pair) means before it."""
        if position.line >= len(self.lines):
            return len(self.text)
        start = self.lines.line_start(position.line)
        end = self.lines.line_end(position.line)
        wanted = position.character
        if self.encoding == UTF32 or self.text.isascii():
            return min(start + wanted, end)
        count = 0
        for i in range(start, end):
            step = units(self.text[i], self.encoding)
            if count + step > wanted:
                return i
            count += step
        return end
