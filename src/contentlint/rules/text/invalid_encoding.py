from __future__ import annotations

from typing import TYPE_CHECKING, Iterable, Optional, Sequence

from ...registry import Fixability, NoOptions, Rule, RuleContext, register
from ...violations import Edit, Finding, Fix
from .legacy_encoding import encoding_name, guess_single_byte
from ...patterns import lazy_regex

if TYPE_CHECKING:
    from ...document.document import DecodeError, Document

MAX_REPORTED = 20
_NON_ASCII_RUN = lazy_regex(r"[^\x00-\x7f]+")


@register
class InvalidEncoding(Rule):
    """Flags bytes that are not valid UTF-8. A file saved in a single-byte
    legacy encoding gets one finding, at its first invalid byte, naming the
    encoding charset-normalizer reads it in (Windows-1252 unless another
    reading is clearly better) and the runner-up readings. A file that mixes
    UTF-8 with other bytes (read whole in the legacy encoding, its UTF-8 parts
    would turn into mojibake) gets a finding at each run of invalid bytes. The
    rest of the file is still checked, and the bytes are kept as they are if
    other fixes are written.

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

    def check(self, doc: Document, ctx: RuleContext[NoOptions]) -> Iterable[Finding]:
        errors = doc.decode_errors
        if not errors:
            return
        whole = _whole_file(doc, errors) if doc.encoding == "utf-8" else None
        if whole is not None:
            yield whole
            return
        for err in errors[:MAX_REPORTED]:
            yield Finding(err.start, err.end, f"Invalid UTF-8 byte(s) `{_shown(err.raw)}` at byte offset {err.byte_offset}")
        if len(errors) > MAX_REPORTED:
            last = errors[MAX_REPORTED]
            yield Finding(last.start, last.end, f"{len(errors) - MAX_REPORTED} more runs of invalid UTF-8 bytes not shown")


def _whole_file(doc: Document, errors: Sequence[DecodeError]) -> Optional[Finding]:
    """One finding for a file in a legacy encoding; None for a file that
    mixes UTF-8 with other bytes (read whole in the legacy encoding, its
    UTF-8 parts turn into mojibake)."""
    import ftfy

    text = doc.text
    raw = text.encode("utf-8", "surrogateescape")
    first = errors[0]
    count = sum(len(e.raw) for e in errors)
    where = f"{count} bytes are not UTF-8, the first" if count > 1 else "1 byte is not UTF-8:"
    where += f" `{_shown(first.raw)}` at byte offset {first.byte_offset}"
    codec, alternatives = guess_single_byte(raw)
    if codec is None:
        if not _only_ascii_besides(text, errors):
            return None
        return Finding(first.start, first.end, f"File is not UTF-8 and its encoding could not be determined ({where})")
    if not _only_ascii_besides(text, errors):
        decoded = raw.decode(codec)
        if ftfy.fix_encoding(decoded) != decoded:
            return None
    name = encoding_name(codec)
    # Valid UTF-8 that a legacy file holds by chance (Cyrillic `Рё` in
    # Windows-1251) is re-read too: every non-ASCII run, not only the errors.
    edits = [Edit(m.start(), m.end(), m.group().encode("utf-8", "surrogateescape").decode(codec))
             for m in _NON_ASCII_RUN.finditer(text)]
    fix = Fix.unsafe(f"Rewrite the file as UTF-8, reading it as {name}", *edits)
    perhaps = f", perhaps {' or '.join(encoding_name(c) for c in alternatives)}" if alternatives else ""
    return Finding(first.start, first.end, f"File is not UTF-8; it looks like {name}{perhaps} ({where})", fix)


def _only_ascii_besides(text: str, errors: Sequence[DecodeError]) -> bool:
    pos = 0
    for err in errors:
        if not text[pos : err.start].isascii():
            return False
        pos = err.end
    return text[pos:].isascii()


def _shown(raw: bytes) -> str:
    return "".join(f"\\x{b:02x}" for b in raw[:8]) + ("…" if len(raw) > 8 else "")
