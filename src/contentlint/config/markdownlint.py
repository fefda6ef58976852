"""What contentlint knows of markdownlint: its rule names, aliases and tags
(markdownlint's doc/Rules.md), and which contentlint rule does the same job.

Used by the inline directives (``<!-- markdownlint-disable MD026 -->``) and by
``contentlint init --from-markdownlint``.
"""
from __future__ import annotations

from typing import Optional

# code -> (aliases, tags); markdownlint's own table, including rules that have
# no equivalent here, so that a name can be told apart from a typo.
RULES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "MD001": (("heading-increment", "header-increment"), ("headings",)),
    "MD002": (("first-heading-h1", "first-header-h1"), ("headings",)),
    "MD003": (("heading-style", "header-style"), ("headings",)),
    "MD004": (("ul-style",), ("bullet", "ul")),
    "MD005": (("list-indent",), ("bullet", "indentation", "ul")),
    "MD006": (("ul-start-left",), ("bullet", "indentation", "ul")),
    "MD007": (("ul-indent",), ("bullet", "indentation", "ul")),
    "MD009": (("no-trailing-spaces",), ("whitespace",)),
    "MD010": (("no-hard-tabs",), ("hard_tab", "whitespace")),
    "MD011": (("no-reversed-links",), ("links",)),
    "MD012": (("no-multiple-blanks",), ("blank_lines", "whitespace")),
    "MD013": (("line-length",), ("line_length",)),
    "MD014": (("commands-show-output",), ("code",)),
    "MD018": (("no-missing-space-atx",), ("atx", "headings", "spaces")),
    "MD019": (("no-multiple-space-atx",), ("atx", "headings", "spaces")),
    "MD020": (("no-missing-space-closed-atx",), ("atx_closed", "headings", "spaces")),
    "MD021": (("no-multiple-space-closed-atx",), ("atx_closed", "headings", "spaces")),
    "MD022": (("blanks-around-headings",), ("blank_lines", "headings")),
    "MD023": (("heading-start-left",), ("headings", "spaces")),
    "MD024": (("no-duplicate-heading", "no-duplicate-header"), ("headings",)),
    "MD025": (("single-h1", "single-title"), ("headings",)),
    "MD026": (("no-trailing-punctuation",), ("headings",)),
    "MD027": (("no-multiple-space-blockquote",), ("blockquote", "indentation", "whitespace")),
    "MD028": (("no-blanks-blockquote",), ("blockquote", "whitespace")),
    "MD029": (("ol-prefix",), ("ol",)),
    "MD030": (("list-marker-space",), ("ol", "ul", "whitespace")),
    "MD031": (("blanks-around-fences",), ("blank_lines", "code")),
    "MD032": (("blanks-around-lists",), ("blank_lines", "bullet", "ol", "ul")),
    "MD033": (("no-inline-html",), ("html",)),
    "MD034": (("no-bare-urls",), ("links", "url")),
    "MD035": (("hr-style",), ("hr",)),
    "MD036": (("no-emphasis-as-heading", "no-emphasis-as-header"), ("emphasis", "headings")),
    "MD037": (("no-space-in-emphasis",), ("emphasis", "whitespace")),
    "MD038": (("no-space-in-code",), ("code", "whitespace")),
    "MD039": (("no-space-in-links",), ("links", "whitespace")),
    "MD040": (("fenced-code-language",), ("code", "language")),
    "MD041": (("first-line-h1", "first-line-heading"), ("headings",)),
    "MD042": (("no-empty-links",), ("links",)),
    "MD043": (("required-headings", "required-headers"), ("headings",)),
    "MD044": (("proper-names",), ("spelling",)),
    "MD045": (("no-alt-text",), ("accessibility", "images")),
    "MD046": (("code-block-style",), ("code",)),
    "MD047": (("single-trailing-newline",), ("blank_lines",)),
    "MD048": (("code-fence-style",), ("code",)),
    "MD049": (("emphasis-style",), ("emphasis",)),
    "MD050": (("strong-style",), ("emphasis",)),
    "MD051": (("link-fragments",), ("links",)),
    "MD052": (("reference-links-images",), ("images", "links")),
    "MD053": (("link-image-reference-definitions",), ("images", "links")),
    "MD054": (("link-image-style",), ("images", "links")),
    "MD055": (("table-pipe-style",), ("table",)),
    "MD056": (("table-column-count",), ("table",)),
    "MD058": (("blanks-around-tables",), ("table",)),
    "MD059": (("descriptive-link-text",), ("accessibility", "links")),
    "MD060": (("table-column-style",), ("table",)),
}

# markdownlint rule -> the contentlint rule that flags the same thing
# (tests/fixtures/parity holds markdownlint's own examples for the HD rules).
EQUIVALENT: dict[str, str] = {
    "MD001": "HD001",  # heading-increment
    "MD003": "HD009",  # heading-style
    "MD018": "HD010",  # no-space-after-hash
    "MD024": "HD005",  # duplicate-heading
    "MD025": "HD002",  # multiple-titles
    "MD026": "HD004",  # heading-trailing-punctuation
    "MD036": "HD007",  # emphasis-as-heading
    "MD041": "HD008",  # first-heading-level
    "MD047": "TX005",  # missing-final-newline
}


def _names() -> dict[str, tuple[str, ...]]:
    """Every name markdownlint accepts (upper-case) -> the rule codes it names."""
    table: dict[str, list[str]] = {}
    for code, (aliases, tags) in RULES.items():
        for name in (code, *aliases):
            table.setdefault(name.upper(), []).append(code)
        for tag in tags:
            table.setdefault(tag.upper(), []).append(code)
    return {name: tuple(codes) for name, codes in table.items()}


NAMES = _names()


def markdownlint_codes(name: str) -> Optional[tuple[str, ...]]:
    """The markdownlint rules a name, alias or tag stands for (None: unknown to markdownlint)."""
    return NAMES.get(name.upper())


def contentlint_codes(name: str) -> Optional[tuple[str, ...]]:
    """The contentlint rules a markdownlint name, alias or tag stands for;
    empty when none of them has an equivalent, None when markdownlint does not know it."""
    codes = markdownlint_codes(name)
    if codes is None:
        return None
    return tuple(EQUIVALENT[c] for c in codes if c in EQUIVALENT)


def label(code: str) -> str:
    """``MD026/no-trailing-punctuation``, as markdownlint prints a rule."""
    aliases = RULES.get(code, ((),))[0]
    return f"{code}/{aliases[0]}" if aliases else code
