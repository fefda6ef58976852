"""UTF-8 byte offsets (what pulldown-cmark reports) to character offsets
(what every view holds), for the few offsets a view keeps: no table of every
event's offsets is built, and an ASCII text needs no map at all."""
from __future__ import annotations

from itertools import accumulate, repeat
from typing import Callable, Optional

Convert = Callable[[int], int]

# 1 for a UTF-8 continuation byte (10xxxxxx), else 0: a character offset is
# the byte offset less the continuation bytes before it.
_CONTINUATION = bytes(1 if 0x80 <= b < 0xC0 else 0 for b in range(256))
_SHIFT = 7  # a checkpoint every 128 bytes bounds the bytes counted per offset


def char_offsets(text: str) -> Convert:
    """The character offset of each UTF-8 byte offset of ``text`` (offsets on
    character boundaries): continuation bytes are counted from the nearest
    checkpoint, in C, so an offset costs the same anywhere in the file."""
    marks = text.encode("utf-8", "surrogatepass").translate(_CONTINUATION)
    step = 1 << _SHIFT
    count = marks.count
    size = len(marks)
    before = list(accumulate(map(count, repeat(1), range(0, size, step), range(step, size + step, step)), initial=0))

    def convert(offset: int) -> int:
        chunk = offset >> _SHIFT
        return offset - before[chunk] - count(1, chunk << _SHIFT, offset)

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
