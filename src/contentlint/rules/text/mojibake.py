from __future__ import annotations

import re

from ...registry import Fixability, Rule, register
from ...text_regions import inline_code_spans, printable
from ...violations import Edit, Finding, Fix

# A UTF-8 lead byte read as Latin-1/cp1252 (Â…ô) followed by characters that
# continuation bytes become (the Latin-1 upper half and cp1252's specials).
# Text without such a pair cannot hold mojibake and costs nothing more.
_CONT = "\u0080-\u00ff\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122"
_CANDIDATE = re.compile(f"[\u00c2-\u00f4][{_CONT}]+")
_ENCODING_NAMES = {
    "sloppy-windows-1252": "Windows-1252",
    "windows-1252": "Windows-1252",
    "latin-1": "Latin-1",
    "iso-8859-2": "ISO-8859-2",
    "sloppy-windows-1250": "Windows-1250",
    "sloppy-windows-1251": "Windows-1251",
    "macroman": "Mac Roman",
    "cp437": "code page 437",
}


def repair(run: str):
    """ftfy's encoding repair of one span: (fixed text, plan) or None when ftfy
    sees no mojibake. Only the span is given to ftfy, so nothing around it moves."""
    import ftfy

    fixed, plan = ftfy.fix_encoding_and_explain(run)
    if fixed == run or not plan:
        return None
    return fixed, plan


@register
class Mojibake(Rule):
    """Flags mojibake: UTF-8 text that was decoded as Windows-1252 or Latin-1
    somewhere on its way into the file, such as `â€”` for `—`, `â€™` for `’`
    or `Ã©` for `é`. Detection and repair come from ftfy and are applied to the
    damaged span only. Code spans and code blocks are not checked.

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
    Safe when ftfy's repair is a plain re-decoding of the span; unsafe when it
    needs guesses (lost bytes, a non-breaking space that became a space). Only
    the flagged span changes: curly quotes, ligatures, full-width characters and
    Unicode normalisation elsewhere stay exactly as written.
    """

    code = "TX001"
    name = "mojibake"
    summary = "UTF-8 text decoded with the wrong encoding (e.g. `â€”` for `—`)"
    fixable = Fixability.SOMETIMES
    changes_frontmatter = True  # repairing a title's mojibake changes the title, as intended

    def check(self, doc, ctx):
        text = doc.text
        body_start = doc.body_start
        code_lines = None
        code_spans = None
        for m in _CANDIDATE.finditer(text):
            repaired = repair(m.group())
            if repaired is None:
                continue
            start, end = m.span()
            if start >= body_start:
                if code_lines is None:
                    code_lines = doc.code_lines()
                if doc.lines.line_of(start) in code_lines:
                    continue
                if code_spans is None:
                    code_spans = inline_code_spans(doc)
                if any(s <= start < e for s, e in code_spans):
                    continue
            fixed, plan = repaired
            yield Finding(start, end, _message(m.group(), fixed, plan), _fix(m.group(), fixed, plan, start, end))


def _source_encoding(plan) -> str:
    for step, name in plan:
        if step == "encode":
            return _ENCODING_NAMES.get(name, name)
    return "the wrong encoding"


def _message(run: str, fixed: str, plan) -> str:
    return f"Mojibake `{printable(run)}` (UTF-8 read as {_source_encoding(plan)}); should be `{printable(fixed)}`"


def _fix(run: str, fixed: str, plan, start: int, end: int) -> Fix:
    title = f"Replace `{printable(run)}` with `{printable(fixed)}`"
    plain = all(step in ("encode", "decode") for step, _ in plan) and "\ufffd" not in fixed
    edit = Edit(start, end, fixed)
    return Fix.safe(title, edit) if plain else Fix.unsafe(title, edit)
