"""UTF-8 byte offsets (what pulldown-cmark reports) to character offsets
(what every view holds), for the few offsets a view keeps: no table of every
event's offsets is built, and an ASCII text needs no map at all."""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from typing import Callable, Optional

Convert = Callable[[int], int]

# 1 for a UTF-8 continuation byte (10xxxxxx), else 0: a character offset is
# the byte offset less the continuation bytes before it.
_CONTINUATION = bytes(1 if 0x80 <= b < 0xC0 else 0 for b in range(256))


# A text with at most this many continuation bytes (a few curly quotes, an
# emoji, an accented name) is mapped through the list of their runs.
_SPARSE = 512
_CONTINUATION_RUN = re.compile(rb"[\x80-\xbf]+")


def char_offsets(text: str) -> Convert:
    """The character offset of each UTF-8 byte offset of ``text`` (offsets on
    character boundaries). In a text that is mostly ASCII, the offset less
    the continuation bytes of the runs that start before it (one bisect;
    no boundary is inside a run). Otherwise each answer is remembered, and
    the next one counts continuation bytes (in C) only from the nearest
    offset already answered below it: a parser's offsets come mostly in
    reading order, so that is a few bytes back, and nothing is computed for
    the parts of the file no offset falls in. (A table of checkpoints over
    the whole file cost more to build than all the lookups in it.)"""
    data = text.encode("utf-8", "surrogatepass")
    if len(data) - len(text) <= _SPARSE:
        return _sparse(data)
    count = data.translate(_CONTINUATION).count
    known_bytes = [0]
    known_chars = [0]

    def convert(offset: int) -> int:
        last = known_bytes[-1]
        if offset >= last:  # the usual case: further on than any offset so far
            if offset == last:
                return known_chars[-1]
            chars = known_chars[-1] + offset - last - count(1, last, offset)
            known_bytes.append(offset)
            known_chars.append(chars)
            return chars
        at = bisect_right(known_bytes, offset) - 1
        base = known_bytes[at]
        if base == offset:
            return known_chars[at]
        chars = known_chars[at] + offset - base - count(1, base, offset)
        known_bytes.insert(at + 1, offset)
        known_chars.insert(at + 1, chars)
        return chars

    return convert


def _sparse(data: bytes) -> Convert:
    starts: list[int] = []
    before = [0]  # continuation bytes in the runs before each run
    total = 0
    for run in _CONTINUATION_RUN.finditer(data):
        starts.append(run.start())
        total += run.end() - run.start()
        before.append(total)

    def convert(offset: int) -> int:
        return offset - before[bisect_left(starts, offset)]

    return convert


def converter(text: str, shifts: Optional[Convert] = None) -> Optional[Convert]:
    """Byte offset of ``text`` → character offset, followed by ``shifts``
    (the map from a parse copy's offsets back to the file's); None when that
    is the identity (ASCII text, nothing shifted)."""
    chars = None if text.isascii() else char_offsets(text)
    if shifts is None:
        return chars
    if chars is None:
        return shifts
    return lambda offset: shifts(chars(offset))
