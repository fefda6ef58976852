"""`--diff`: fixes as a patch that `git apply` and `patch -p1` accept.

The diff is computed over the file's bytes as they are on disk and as
`--fix` would write them (encoding, BOM and newline style included), split
into lines at `\\n` only, as patch tools read them: `str.splitlines` also
breaks at VT, FF, U+2028 and lone CRs, which miscounts the hunks. A last
line without a newline gets git's `\\ No newline at end of file` marker.
"""
from __future__ import annotations

import re

NO_NEWLINE = b"\\ No newline at end of file\n"
_NEEDS_QUOTES = re.compile(rb'["\\\x00-\x1f\x7f]')
_ESCAPES = {ord("\a"): b"\\a", ord("\b"): b"\\b", ord("\t"): b"\\t", ord("\n"): b"\\n", ord("\v"): b"\\v",
            ord("\f"): b"\\f", ord("\r"): b"\\r", ord('"'): b'\\"', ord("\\"): b"\\\\"}


def _lines(data: bytes) -> list[bytes]:
    return re.findall(rb"[^\n]*\n|[^\n]+\Z", data)


def _name(prefix: str, path: str) -> bytes:
    """A path in git's spelling: C-quoted when it holds a quote, a backslash
    or a control character (git apply reads such names only quoted)."""
    raw = (prefix + path).encode("utf-8", "surrogateescape")
    if not _NEEDS_QUOTES.search(raw):
        return raw
    out = bytearray(b'"')
    for byte in raw:
        if byte in _ESCAPES:
            out += _ESCAPES[byte]
        elif byte < 0x20 or byte == 0x7F:
            out += b"\\%03o" % byte
        else:
            out.append(byte)
    return bytes(out + b'"')


def unified_diff(path: str, before: bytes, after: bytes) -> bytes:
    """The patch turning ``before`` into ``after`` for the file at ``path``
    (as shown to the user, relative to the current folder), or b"" when equal."""
    if before == after:
        return b""
    old, new = _lines(before), _lines(after)
    a, b = _name("a/", path), _name("b/", path)
    import difflib  # lazy: start-up time (only --diff needs it)

    body = list(difflib.diff_bytes(difflib.unified_diff, old, new, a, b, lineterm=b"\n"))
    out = [b"diff --git " + a + b" " + b + b"\n"]
    for line in body:
        out.append(line if line.endswith(b"\n") else line + b"\n" + NO_NEWLINE)
    return b"".join(out)
