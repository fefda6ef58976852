from __future__ import annotations

import bisect
from typing import TYPE_CHECKING, Iterable, Iterator, Optional

from ...document.text_regions import inline_code_spans, shorten
from ...registry import Fixability, NoOptions, Rule, RuleContext, register
from ...violations import Edit, Finding, Fix
from .mojibake_repair import Repair, find_repairs, suspect_pattern

if TYPE_CHECKING:
    from ...document.document import Document

_SHOWN = 40


@register
class Mojibake(Rule):
    """Flags mojibake: text whose UTF-8 bytes were read in another encoding
    somewhere on its way into the file, such as `â€”` for `—`, `Ã©` for `é`,
    `Ð Ñ€Ð¸` or `РџСЂРёРІРµС‚` for Russian, or Windows-1252 quotes that became
    invisible C1 controls (`\\x93…\\x94` for `“…”`). Every encoding ftfy knows
    is covered: Windows-1252, Latin-1, Windows-1250/1251/1253/1254/1257,
    ISO-8859-2, MacRoman and code page 437, also read wrongly more than once.
    ftfy's `fix_encoding` judges each whole line (frontmatter included), so the
    letters around the damage count; code spans and code blocks are not checked.

    ## Why
    Readers see the garbage characters; search engines index them. The damage
    usually comes from copying out of a CMS or an email, and it spreads as the
    text is copied on.

    ## Example
    ```markdown
    It was a long day â€” and a longer night.
    ```

    ## Use instead
    ```markdown
    It was a long day — and a longer night.
    ```

    ## Fix
    The repair is exactly what `ftfy.fix_encoding` makes of the line, limited
    to the flagged span; nothing else changes (curly quotes, ligatures,
    full-width letters and Unicode normalisation stay as written). It is safe
    when it is certain: the flagged text is exactly the repaired text's UTF-8
    read in the named encoding(s), so no byte is guessed, and the repaired
    letters belong to the script of the letters they touch; or the flagged
    characters are C1 controls that every Windows code page reads as the same
    punctuation. Otherwise (lost bytes shown as `�`, a non-breaking space that
    became a space, a C1 control such as `\\x80` whose meaning depends on the
    code page) it is unsafe.
    """

    code = "TX001"
    name = "mojibake"
    summary = "UTF-8 text decoded with the wrong encoding (e.g. `â€”` for `—`)"
    fixable = Fixability.SOMETIMES
    changes_frontmatter = True  # repairing a title's mojibake changes the title, as intended

    def check(self, doc: Document, ctx: RuleContext[NoOptions]) -> Iterable[Finding]:
        text = doc.text
        if text.isascii():
            return
        body_start = doc.body_start
        code: Optional[_Code] = None
        for start, end in _suspect_lines(text):
            repairs = find_repairs(text[start:end])
            if not repairs:
                continue
            if end > body_start:
                if code is None:
                    code = _Code(doc)
                if doc.lines.line_of(start) in code.lines:
                    continue
                pieces = code.pieces_outside(max(start, body_start), end)
                if pieces != [(start, end)]:
                    for a, b in pieces:
                        yield from _findings(text, a, find_repairs(text[a:b]))
                    continue
            yield from _findings(text, start, repairs)


def _suspect_lines(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each line holding a suspect sequence, in order; found
    with ``find`` rather than the document's line index, which would cost more
    than the whole check on files in other scripts."""
    end = -1
    for m in suspect_pattern().finditer(text):
        if m.start() < end:
            continue
        start = max(text.rfind("\n", 0, m.start()), text.rfind("\r", 0, m.start())) + 1
        end = min(_found(text.find("\n", m.start()), text), _found(text.find("\r", m.start()), text))
        yield start, end


def _found(index: int, text: str) -> int:
    return len(text) if index < 0 else index


class _Code:
    """Code blocks and code spans of the body, found on first need."""

    def __init__(self, doc: Document) -> None:
        self.lines = doc.code_lines()
        self.spans = inline_code_spans(doc)
        self.starts = [s for s, _ in self.spans]
        self.body_start = doc.body_start

    def pieces_outside(self, start: int, end: int) -> list[tuple[int, int]]:
        pieces: list[tuple[int, int]] = []
        i = max(0, bisect.bisect_right(self.starts, start) - 1)
        for s, e in self.spans[i:]:
            if s >= end:
                break
            if e <= start:
                continue
            if s > start:
                pieces.append((start, s))
            start = max(start, e)
        if start < end:
            pieces.append((start, end))
        return pieces


def _findings(text: str, offset: int, repairs: Iterable[Repair]) -> Iterator[Finding]:
    for r in repairs:
        start, end = offset + r.start, offset + r.end
        before = text[start:end]
        shown_before, shown_after = shorten(before, _SHOWN), shorten(r.replacement, _SHOWN)
        message = f"Mojibake `{shown_before}` ({r.reason}); should be `{shown_after}`"
        title = f"Replace `{shown_before}` with `{shown_after}`"
        edit = Edit(start, end, r.replacement)
        yield Finding(start, end, message, Fix.safe(title, edit) if r.certain else Fix.unsafe(title, edit))
