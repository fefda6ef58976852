"""What the heading rules share: the page title from the frontmatter, text
normalisation for comparisons, and the paragraphs MDX hides."""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable, Mapping, Optional, TypeVar, Union, cast

from ...document.outline import OutlineEntry
from ...document.text_regions import shorten
from ...registry import FamilySettings, RuleContext, RuleOptions
from ...patterns import lazy_regex

if TYPE_CHECKING:
    from ...document.document import Document
    from ...document.mdview import Heading

TITLE_KEY_SETTING = "title-key"
DEFAULT_TITLE_KEY = "title"
# Docusaurus and MkDocs show the frontmatter title only on a page whose body
# has no h1; with an h1, that h1 is the title and the frontmatter one is
# metadata (sidebar label, <title>).
TITLE_FALLBACK_SETTING = "title-fallback"


@dataclass(frozen=True)
class HeadingSettings(FamilySettings):
    """`title-key` and `title-fallback`: where the page title is, and when the layout shows it."""

    title_key: str = DEFAULT_TITLE_KEY
    title_fallback: bool = False

    @classmethod
    def from_settings(cls, settings: Mapping[str, Any]) -> "HeadingSettings":
        return cls(settings.get(TITLE_KEY_SETTING, DEFAULT_TITLE_KEY), bool(settings.get(TITLE_FALLBACK_SETTING)))


# `## Title {#custom-id .class}`: a heading attribute list (kramdown, Hugo,
# Pandoc, markdown-it-attrs) is not part of the heading's words.
ATTRIBUTE_LIST = lazy_regex(r"\s*\{[:#.][^{}]*\}\s*$")


def label(text: str) -> str:
    """Heading text without a trailing attribute list."""
    return ATTRIBUTE_LIST.sub("", text) if text.endswith("}") else text


def title_key(ctx: RuleContext[RuleOptions]) -> str:
    return ctx.family(HeadingSettings).title_key


# What the per-document memo holds for "not found" (None is a value).
_UNSET = object()

T = TypeVar("T")


def _memoised(doc: Document, ctx: RuleContext[RuleOptions], name: str,
              compute: Callable[[Document, RuleContext[RuleOptions]], T]) -> T:
    """``compute(doc, ctx)`` once per document, kept in the per-document memo
    under ``name``: several rules of the family ask for the same answer."""
    found = ctx.memo.get(name, _UNSET)
    if found is _UNSET:
        found = ctx.memo[name] = compute(doc, ctx)
    return cast(T, found)


def frontmatter_title(doc: Document, ctx: RuleContext[RuleOptions]) -> Optional[str]:
    """The page title from the frontmatter key named by the ``title-key``
    setting, when it is a non-empty scalar; ``title-key = ""`` turns it off.
    Kept in the per-document memo: five rules ask for it."""
    return _memoised(doc, ctx, "headings.frontmatter-title", _frontmatter_title)


def _frontmatter_title(doc: Document, ctx: RuleContext[RuleOptions]) -> Optional[str]:
    key = title_key(ctx)
    if not key:
        return None
    value = doc.metadata.get(key)
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        return None
    value = str(value).strip()
    return value or None


def title_unknown(doc: Document) -> bool:
    """Whether the file has frontmatter whose keys cannot be read (FM002,
    FM004): any title it holds is unknown, so the rules that judge the body's
    headings against it stay silent rather than guess."""
    if doc.frontmatter_problem is not None:
        return True
    block = doc.frontmatter
    return block is not None and (block.error is not None or not isinstance(block.data, dict))


def repeated_title(doc: Document, ctx: RuleContext[RuleOptions]) -> Optional[Heading]:
    """The body's first heading when it repeats the frontmatter title (HD012's
    finding, which HD002 leaves to it), else None. Memoised like the title."""
    return _memoised(doc, ctx, "headings.repeated-title", _repeated_title)


def _repeated_title(doc: Document, ctx: RuleContext[RuleOptions]) -> Optional[Heading]:
    title = rendered_title(doc, ctx)
    if title is None or not doc.headings or not comparable(title):
        return None
    heading = doc.headings[0]
    return heading if comparable(heading.text) == comparable(title) else None


def rendered_title(doc: Document, ctx: RuleContext[RuleOptions]) -> Optional[str]:
    """The frontmatter title when the layout shows it as the page's h1:
    always, unless the `title-fallback` setting says it is shown only on a
    page whose body has no h1 (then a body h1 is the title). Memoised like the title."""
    return _memoised(doc, ctx, "headings.rendered-title", _rendered_title)


def _rendered_title(doc: Document, ctx: RuleContext[RuleOptions]) -> Optional[str]:
    title = frontmatter_title(doc, ctx)
    if title is None or not ctx.family(HeadingSettings).title_fallback:
        return title
    return None if any(entry.level == 1 for entry in page_outline(doc, ctx)) else title


def comparable(text: str) -> str:
    """Text for "is this the same title": case, punctuation (`-`, `:`, quotes,
    emphasis markers) and spacing differences removed."""
    folded = unicodedata.normalize("NFKC", label(text)).casefold()
    return " ".join(folded.translate(_PUNCTUATION_TO_SPACE).split())


class _PunctuationToSpace(dict[int, int]):
    """A ``str.translate`` table: punctuation (Unicode category P*) becomes a
    space, anything else itself. Each character's category is looked up once
    per process, then translation runs in C (the per-character generator it
    replaces was a tenth of the heading rules' time)."""

    def __missing__(self, code: int) -> int:
        found = self[code] = 32 if unicodedata.category(chr(code))[0] == "P" else code
        return found


_PUNCTUATION_TO_SPACE = _PunctuationToSpace()


def same_heading_key(text: str) -> str:
    """Text for "is this the same heading": the words as the reader sees them
    (markup and attribute list gone, spacing collapsed). Case is kept:
    `/Zi` and `/ZI` are two compiler options, not one heading twice."""
    return " ".join(label(text).split())  # split() and `\s` agree on what whitespace is


def is_emoji(ch: str) -> bool:
    code = ord(ch)
    return (
        unicodedata.category(ch) == "So"
        or code in (0x200D, 0x20E3, 0xFE0E, 0xFE0F)
        or 0x1F3FB <= code <= 0x1F3FF  # skin tones
        or 0xE0020 <= code <= 0xE007F  # tag characters (flag sequences)
    )


def short(text: str, limit: int = 60) -> str:
    return shorten(text, limit)


def is_tab_heading(entry: Union[OutlineEntry, Heading]) -> bool:
    """A DocFX tab (`# [Visual Studio](#tab/vs)`, any level, maybe after an
    `<a name>` anchor): the heading is one link to `#tab/…` and nothing else.
    DocFX renders it as the label of a tab, not as a heading."""
    heading = entry.heading if isinstance(entry, OutlineEntry) else entry
    if heading is None or len(heading.parts) < 2:  # a link is two parts at least: most headings stop here
        return False
    kids = [p for p in heading.parts if not (p.kind == "text" and not p.content.strip()) and p.kind != "html_inline"]
    if not kids or kids[0].kind != "link_open" or kids[-1].kind != "link_close":
        return False
    if not kids[0].href.startswith("#tab/"):
        return False
    return sum(1 for p in kids if p.kind == "link_open") == 1


def page_outline(doc: Document, ctx: RuleContext[RuleOptions]) -> tuple[OutlineEntry, ...]:
    """The outline the structure rules judge: DocFX tab labels left out.
    Kept in the per-document memo: five rules ask for it."""
    return _memoised(doc, ctx, "page-outline", _page_outline)


def _page_outline(doc: Document, ctx: RuleContext[RuleOptions]) -> tuple[OutlineEntry, ...]:
    return tuple(entry for entry in doc.outline if not is_tab_heading(entry))
