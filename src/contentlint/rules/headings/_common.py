"""What the heading rules share: the page title from the frontmatter, text
normalisation for comparisons, and the paragraphs MDX hides."""
from __future__ import annotations

import re
import unicodedata
from typing import Optional

TITLE_KEY_SETTING = "title-key"
DEFAULT_TITLE_KEY = "title"

_SPACES = re.compile(r"\s+")
# `## Title {#custom-id .class}`: a heading attribute list (kramdown, Hugo,
# Pandoc, markdown-it-attrs) is not part of the heading's words.
ATTRIBUTE_LIST = re.compile(r"\s*\{[:#.][^{}]*\}\s*$")


def label(text: str) -> str:
    """Heading text without a trailing attribute list."""
    return ATTRIBUTE_LIST.sub("", text) if text.endswith("}") else text


def title_key(ctx) -> str:
    return ctx.shared.get("settings", {}).get(TITLE_KEY_SETTING, DEFAULT_TITLE_KEY)


def frontmatter_title(doc, ctx) -> Optional[str]:
    """The page title from the frontmatter key named by the ``title-key``
    setting, when it is a non-empty scalar; ``title-key = ""`` turns it off."""
    key = title_key(ctx)
    if not key:
        return None
    value = doc.metadata.get(key)
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        return None
    value = str(value).strip()
    return value or None


def title_unknown(doc) -> bool:
    """Whether the file has frontmatter whose keys cannot be read (FM002,
    FM004): any title it holds is unknown, so the rules that judge the body's
    headings against it stay silent rather than guess."""
    if doc.frontmatter_problem is not None:
        return True
    block = doc.frontmatter
    return block is not None and (block.error is not None or not isinstance(block.data, dict))


def repeated_title(doc, ctx):
    """The body's first heading when it repeats the frontmatter title (HD012's
    finding, which HD002 leaves to it), else None."""
    title = frontmatter_title(doc, ctx)
    if title is None or not doc.headings or not comparable(title):
        return None
    heading = doc.headings[0]
    return heading if comparable(heading.text) == comparable(title) else None


def comparable(text: str) -> str:
    """Text for "is this the same title": case, punctuation (`-`, `:`, quotes,
    emphasis markers) and spacing differences removed."""
    folded = unicodedata.normalize("NFKC", label(text)).casefold()
    kept = "".join(" " if unicodedata.category(ch)[0] == "P" else ch for ch in folded)
    return _SPACES.sub(" ", kept).strip()


def same_heading_key(text: str) -> str:
    """Text for "is this the same heading" (the same generated anchor): case
    and spacing folded."""
    return _SPACES.sub(" ", label(text)).strip().casefold()


def is_emoji(ch: str) -> bool:
    code = ord(ch)
    return (
        unicodedata.category(ch) == "So"
        or code in (0x200D, 0x20E3, 0xFE0E, 0xFE0F)
        or 0x1F3FB <= code <= 0x1F3FF  # skin tones
        or 0xE0020 <= code <= 0xE007F  # tag characters (flag sequences)
    )


def short(text: str, limit: int = 60) -> str:
    from ...text_regions import shorten

    return shorten(text, limit)
