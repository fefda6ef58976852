"""Offsets ↔ (line, column) over a text whose lines may end in \\n, \\r\\n or \\r."""
from __future__ import annotations

import bisect
from itertools import accumulate
from ..patterns import lazy_regex

_LINE_BREAK = lazy_regex(r"\r\n|\r|\n")


class LineIndex:
    def __init__(self, text: str):
        self.text = text
        # Without a \r every line ends in one \n: line_end needs no look at the text.
        self._lf_only = "\r" not in text
        if not self._lf_only:
            starts = [0]
            starts.extend(m.end() for m in _LINE_BREAK.finditer(text))
        else:
            # Every file is indexed, most have only \n: the starts summed in C
            # (each line's length plus its break), about 3x faster than a match per line.
            starts = list(accumulate(map((1).__add__, map(len, text.split("\n")[:-1])), initial=0))
        self.starts = starts

    def __len__(self) -> int:
        return len(self.starts)

    def line_of(self, offset: int) -> int:
        """0-based line holding ``offset``."""
        return bisect.bisect_right(self.starts, offset) - 1

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of ``offset``; columns count code points."""
        offset = max(0, min(offset, len(self.text)))
        line = self.line_of(offset)
        return line + 1, offset - self.starts[line] + 1

    def line_start(self, line: int) -> int:
        return self.starts[line]

    def line_end(self, line: int) -> int:
        """Offset of the end of ``line`` (0-based), excluding its line break."""
        if line + 1 < len(self.starts):
            end = self.starts[line + 1]
            if self._lf_only:
                return end - 1
            text = self.text
            if end >= 2 and text[end - 2 : end] == "\r\n":
                return end - 2
            return end - 1
        return len(self.text)

    def line_text(self, line: int) -> str:
        return self.text[self.starts[line] : self.line_end(line)]

    def offset(self, line: int, column: int = 0) -> int:
        """Offset of 0-based ``line`` and 0-based ``column``."""
        return self.starts[line] + column
