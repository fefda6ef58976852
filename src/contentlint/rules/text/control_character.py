from __future__ import annotations

import unicodedata
from typing import TYPE_CHECKING, Iterable, Optional

from ...document.text_regions import inline_code_spans
from ...registry import Fixability, NoOptions, Rule, RuleContext, register
from ...violations import Edit, Finding, Fix
from ...patterns import lazy_regex

if TYPE_CHECKING:
    from ...document.document import Document

# C0 controls other than tab and line breaks, DEL, zero-width space, word
# joiner, line/paragraph separators, and bidi embedding/override/isolate
# controls (the "Trojan Source" characters). ZWJ/ZWNJ are not here: Persian,
# Indic scripts and emoji sequences need them.
_SEPARATORS = "\x0b\x0c\u2028\u2029"
_INVISIBLE = "\x00-\x08\x0e-\x1f\x7f\u200b\u2060"
_BIDI = "\u202a-\u202e\u2066-\u2069"
# One character class: an alternation of two classes scans three times slower
# (measured on the C++ docs); runs mixing C1 and other controls are split after.
_PATTERN = lazy_regex(f"[{_SEPARATORS}{_INVISIBLE}{_BIDI}\x80-\x9f]+")
_C1_RUNS = lazy_regex("[\x80-\x9f]+|[^\x80-\x9f]+")
# The ASCII bytes that are not flagged: deleting them from a file's UTF-8 bytes
# leaves its C0 controls, DEL and its non-ASCII sequences, at memory speed (the
# regex scans ~60 MB/s, and most pages of a docs site are nearly all ASCII).
_ASCII_TEXT = bytes(b for b in range(128) if b in b"\t\n\r" or 0x20 <= b < 0x7F)
_BIDI_RE = lazy_regex(f"[{_BIDI}]")
_SEPARATOR_RE = lazy_regex(f"[{_SEPARATORS}]")
# unicodedata has no names for C0/C1 controls
_CONTROL_NAMES = {0x00: "null", 0x07: "bell", 0x08: "backspace", 0x0B: "vertical tab", 0x0C: "form feed",
                  0x1B: "escape", 0x7F: "delete"}


@register
class ControlCharacter(Rule):
    """Flags invisible control characters: C0 control codes (other than tab
    and line breaks), zero-width spaces, word joiners, line/paragraph
    separators, bidirectional embedding/override/isolate controls, and C1
    control codes that are not damaged Windows-1252 punctuation (`\\x93`
    for `“` is mojibake: TX001 repairs it, this rule leaves it alone).

    ## Why
    They are invisible in most editors, break search and anchors, can make
    a site generator's parser fail, and bidi controls can make text read
    differently from how it is stored ("Trojan Source").

    ## Example
    ```markdown
    Zero\u200bwidth space inside a word.
    ```

    ## Use instead
    ```markdown
    Zero width space inside a word.
    ```

    ## Fix
    Safe for control codes and zero-width characters, which are removed; a
    vertical tab, form feed, line or paragraph separator between two words
    becomes a space, so the words stay apart. Unsafe for bidi controls,
    which right-to-left text may use on purpose. None for C1 controls, and
    none inside code blocks and code spans: code is reported, never
    changed (an example of a "Trojan Source" attack shows them on purpose).
    """

    code = "TX004"
    name = "control-character"
    summary = "Invisible control or zero-width character"
    fixable = Fixability.SOMETIMES
    changes_frontmatter = True

    def check(self, doc: Document, ctx: RuleContext[NoOptions]) -> Iterable[Finding]:
        text = doc.text
        if not _may_hold(text):
            return
        code: Optional[_Code] = None
        for m in (part for whole in _PATTERN.finditer(text) for part in _C1_RUNS.finditer(text, whole.start(), whole.end())):
            run = m.group()
            c1 = "\x80" <= run[0] <= "\x9f"
            if c1 and _mojibake(doc, m.start()):
                continue  # cp1252 punctuation read as Latin-1: TX001's to repair
            if code is None:
                code = _Code(doc)
            label = " ".join(f"U+{ord(ch):04X}" for ch in run[:8]) + (" …" if len(run) > 8 else "")
            names = sorted({unicodedata.name(ch, _CONTROL_NAMES.get(ord(ch), "control character")).lower() for ch in run})
            plural = "s" if len(run) > 1 else ""
            message = f"Invisible character{plural} `{label}` ({', '.join(names)})"
            if code.holds(m.start()):
                yield Finding(m.start(), m.end(), message + " in code")
                continue
            if c1:
                yield Finding(m.start(), m.end(), message)
                continue
            replacement = " " if _SEPARATOR_RE.search(run) and _between_words(text, m.start(), m.end()) else ""
            title = f"Replace `{label}` with a space" if replacement else f"Remove `{label}`"
            edit = Edit(m.start(), m.end(), replacement)
            fix = Fix.unsafe(title, edit) if _BIDI_RE.search(run) else Fix.safe(title, edit)
            yield Finding(m.start(), m.end(), message, fix)


def _may_hold(text: str) -> bool:
    """Whether the text can hold a flagged character: only its C0 controls,
    DEL and non-ASCII characters are scanned (multi-byte UTF-8 sequences hold
    no ASCII bytes, so what is left after deleting the ASCII text decodes)."""
    rest = text.encode("utf-8", "surrogatepass").translate(None, _ASCII_TEXT)
    return bool(rest) and _PATTERN.search(rest.decode("utf-8", "surrogatepass")) is not None


def _between_words(text: str, start: int, end: int) -> bool:
    return 0 < start and end < len(text) and not text[start - 1].isspace() and not text[end].isspace()


def _mojibake(doc: Document, offset: int) -> bool:
    """Whether ftfy's encoding repair changes the line: then the C1 control
    is a Windows-1252 character decoded as Latin-1, not a control code."""
    import ftfy

    line = doc.lines.line_text(doc.lines.line_of(offset))
    return ftfy.fix_encoding(line) != line


class _Code:
    """Fenced and indented code blocks and code spans of the body."""

    def __init__(self, doc: Document) -> None:
        self._doc = doc
        self._lines: set[int] = doc.code_lines() if doc.body_start < len(doc.text) else set()
        self._spans: Optional[list[tuple[int, int]]] = None

    def holds(self, offset: int) -> bool:
        doc = self._doc
        if offset < doc.body_start:
            return False
        if doc.lines.line_of(offset) in self._lines:
            return True
        if self._spans is None:
            self._spans = inline_code_spans(doc)
        return any(s <= offset < e for s, e in self._spans)
