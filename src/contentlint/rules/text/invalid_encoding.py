from __future__ import annotations

from ...registry import Fixability, Rule, register
from ...violations import Edit, Finding, Fix
from .legacy_encoding import encoding_name, guess_single_byte

MAX_REPORTED = 20


@register
class InvalidEncoding(Rule):
    """Flags bytes that are not valid UTF-8. A file with no valid UTF-8 beyond
    ASCII was saved in a legacy encoding: it gets one finding, at its first
    invalid byte, naming the encoding charset-normalizer reads it in (Windows-1252
    when that reading is as good as any). A file that mixes valid UTF-8 with
    invalid bytes gets a finding at each run of them. The rest of the file is
    still checked, and the bytes are kept as they are if other fixes are written.

    ## Why
    Site generators either refuse such files or show `�` to readers. The bytes
    usually come from a file saved as Latin-1 or Windows-1252.

    ## Example
    A file saved in Windows-1252 whose `é` is the single byte `0xE9`.

    ## Use instead
    The same text saved as UTF-8.

    ## Fix
    Unsafe, for a file in one legacy encoding: rewrite it as UTF-8 from the
    named encoding. The detector can be wrong on short text (Windows-1252 and
    Windows-1254 differ in a few letters only), so check the result. No fix
    for a file that mixes encodings: re-save it as UTF-8 in your editor.
    """

    code = "TX002"
    name = "invalid-encoding"
    summary = "Bytes that are not valid UTF-8"
    fixable = Fixability.SOMETIMES
    changes_frontmatter = True  # a rewritten file's frontmatter is read for the first time

    def check(self, doc, ctx):
        errors = doc.decode_errors
        if not errors:
            return
        if doc.encoding == "utf-8" and _only_ascii_besides(doc.text, errors):
            yield _whole_file(doc, errors)
            return
        for err in errors[:MAX_REPORTED]:
            yield Finding(err.start, err.end, f"Invalid UTF-8 byte(s) `{_shown(err.raw)}` at byte offset {err.byte_offset}")
        if len(errors) > MAX_REPORTED:
            last = errors[MAX_REPORTED]
            yield Finding(last.start, last.end, f"{len(errors) - MAX_REPORTED} more runs of invalid UTF-8 bytes not shown")


def _only_ascii_besides(text: str, errors) -> bool:
    pos = 0
    for err in errors:
        if not text[pos : err.start].isascii():
            return False
        pos = err.end
    return text[pos:].isascii()


def _whole_file(doc, errors) -> Finding:
    first = errors[0]
    count = sum(len(e.raw) for e in errors)
    where = f"{count} bytes are not UTF-8, the first" if count > 1 else "1 byte is not UTF-8:"
    where += f" `{_shown(first.raw)}` at byte offset {first.byte_offset}"
    codec = guess_single_byte(b"".join(_pieces(doc.text, errors)))
    if codec is None:
        return Finding(first.start, first.end, f"File is not UTF-8 and its encoding could not be determined ({where})")
    name = encoding_name(codec)
    edits = [Edit(e.start, e.end, e.raw.decode(codec)) for e in errors]
    fix = Fix.unsafe(f"Rewrite the file as UTF-8, reading it as {name}", *edits)
    return Finding(first.start, first.end, f"File is not UTF-8; it looks like {name} ({where})", fix)


def _pieces(text: str, errors):
    pos = 0
    for err in errors:
        yield text[pos : err.start].encode("ascii")
        yield err.raw
        pos = err.end
    yield text[pos:].encode("ascii")


def _shown(raw: bytes) -> str:
    return "".join(f"\\x{b:02x}" for b in raw[:8]) + ("…" if len(raw) > 8 else "")
