"""The page's outline: Markdown headings plus HTML ``<h1>``–``<h6>`` blocks,
in reading order, built once per file from the Markdown view."""
from __future__ import annotations

import re
from typing import NamedTuple, Optional

from .lines import LineIndex
from .mdview import Heading, MarkdownView
from ..patterns import lazy_regex

_HTML_HEADING = lazy_regex(r"<h([1-6])(?:\s[^>]*)?>(.*?)</h\1\s*>", re.IGNORECASE | re.DOTALL)
_TAG = lazy_regex(r"<[^>]*>")
_new = tuple.__new__  # a record without the NamedTuple's Python-level __new__


class OutlineEntry(NamedTuple):
    """One entry of the outline: a Markdown heading, or an HTML heading block
    (``heading`` is None for those). ``container``: see ``Heading.container``.
    A NamedTuple like the view's records: one per heading of every file, and
    a frozen dataclass cost a Python-level ``__init__`` call each."""

    level: int
    line: int
    text: str
    span: tuple[int, int]
    heading: Optional[Heading] = None
    container: int = -1

    @property
    def html(self) -> bool:
        return self.heading is None


def build_outline(view: MarkdownView, lines: LineIndex) -> tuple[OutlineEntry, ...]:
    """Headings in reading order, HTML heading blocks (``<h3>Flags</h3>`` on
    their own, which sites use to keep an entry out of the table of contents)
    included at their level."""
    entries = [_new(OutlineEntry, (h.level, h.line, h.text, h.span, h, h.container)) for h in view.headings]
    html = []
    for block in view.blocks:
        if block.kind != "html" or "<h" not in block.content.lower():
            continue
        m = _HTML_HEADING.fullmatch(block.content.strip())
        if m is None or _HTML_HEADING.search(m.group(2)):
            continue
        text = lines.line_text(block.line)
        start = lines.line_start(block.line) + len(text) - len(text.lstrip())
        from html import unescape as html_unescape  # lazy: start-up time (html.entities is a 2,000-entry table)

        plain = " ".join(html_unescape(_TAG.sub("", m.group(2))).split())
        html.append(OutlineEntry(int(m.group(1)), block.line, plain, (start, lines.line_end(block.end_line - 1))))
    if html:
        entries = sorted(entries + html, key=lambda e: e.line)
    return tuple(entries)
