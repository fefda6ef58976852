"""The Markdown view of one file as plain data: headings, paragraphs, code and
HTML blocks, links, images and code spans, every position a character offset
into the file's text. Built once per file by ``native.build`` (pulldown-cmark
through pyromark); the differential test builds the same records from
markdown-it-py and compares. Nothing here refers back to the ``Document``, so
a file's objects form no reference cycle and are freed by reference counting."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, NamedTuple, Optional

from .lines import LineIndex

# Records are NamedTuples: built by the thousand per file, and a tuple is
# the cheapest immutable record to build.
# Inline part kinds, named after markdown-it's tokens (the rules were written
# against those): text, code_inline, html_inline, softbreak, hardbreak,
# em_open/em_close, strong_open/strong_close, s_open/s_close,
# link_open/link_close, image (one part: alt text as content).
_EMPHASIS = {"strong_open": "strong_close", "em_open": "em_close"}


class Inline(NamedTuple):
    """One inline part of a heading or paragraph with its source span.

    ``content``: decoded text (text), the code (code_inline), the tag
    (html_inline), the alt text (image). ``markup``: the delimiter run of
    emphasis and strikethrough parts, ``autolink`` for ``<https://…>``.
    ``href``: the destination of link_open and image. ``chars`` (text parts
    only, None when character ``i`` is simply ``start + i``): ``len(content) + 1``
    offsets, character ``i`` comes from ``source[chars[i]:chars[i + 1]]``
    (an escape or entity spans more than one source character)."""

    kind: str
    start: int
    end: int
    content: str = ""
    markup: str = ""
    href: str = ""
    chars: Optional[tuple[int, ...]] = None

    def char_span(self, index: int) -> tuple[int, int]:
        """Source span of content character ``index`` (negative counts from the end)."""
        if index < 0:
            index += len(self.content)
        if self.chars is None:
            return self.start + index, self.start + index + 1
        return self.chars[index], self.chars[index + 1]


def plain_text(parts: tuple[Inline, ...]) -> str:
    """What a reader sees: text, code and inline HTML, markup removed."""
    if len(parts) == 1:  # most headings
        part = parts[0]
        return part.content.strip() if part.kind in ("text", "code_inline", "html_inline") else ""
    return "".join(p.content for p in parts if p.kind in ("text", "code_inline", "html_inline")).strip()


def wrapping(parts: tuple[Inline, ...]) -> Optional[str]:
    """The emphasis marker (``**``, ``__``, ``*``, ``_``) wrapping all of
    ``parts``, or None. ``**a** and **b**`` is not wrapped."""
    kids = [p for p in parts if not (p.kind == "text" and not p.content.strip())]
    if len(kids) < 2 or kids[0].kind not in _EMPHASIS:
        return None
    opener = kids[0].kind
    closer = _EMPHASIS[opener]
    depth = 0
    for i, part in enumerate(kids):
        if part.kind == opener:
            depth += 1
        elif part.kind == closer:
            depth -= 1
            if depth == 0:
                return kids[0].markup if i == len(kids) - 1 else None
    return None


class Heading(NamedTuple):
    """A Markdown heading (character offsets into the file; lines 0-based,
    ``end_line`` exclusive). ``container`` numbers the innermost block quote
    or list item holding it (-1 at top level): each is an outline of its own."""

    level: int
    line: int
    end_line: int
    setext: bool
    content_start: int
    content_end: int
    line_start: int
    line_end: int
    marker_start: int  # the `#` run (ATX) or the underline (setext)
    marker_end: int
    nested: bool
    container: int
    parts: tuple[Inline, ...]
    text: str  # plain_text(parts)

    @property
    def wrapping(self) -> Optional[str]:
        return wrapping(self.parts)

    @property
    def span(self) -> tuple[int, int]:
        """Where a finding about the heading as a whole points: from the ``#``
        run of an ATX heading, or the text of a setext one, to the end of the text."""
        if self.setext:
            return self.content_start, self.content_end
        return self.marker_start, max(self.content_end, self.marker_end)


class Paragraph(NamedTuple):
    """A paragraph: its lines and where it sits (``depth`` block quotes and
    list items deep; ``in_list`` inside a list item). Its inline parts come
    from ``Document.paragraph_parts``: the native parse builds them only when asked
    (``parts`` None, ``first``/``last`` its events)."""

    line: int
    end_line: int
    depth: int
    in_list: bool
    parts: Optional[tuple[Inline, ...]] = None
    first: int = -1
    last: int = -1


class Block(NamedTuple):
    """A block in reading order: ``kind`` is paragraph, heading, code, html,
    table, rule, quote or list. ``content`` holds an HTML block's HTML
    (container prefixes removed); ``depth`` counts enclosing block quotes and
    list items."""

    kind: str
    line: int
    end_line: int
    start: int
    end: int
    depth: int
    content: str = ""


class Link(NamedTuple):
    """A link, autolink or image in the body. ``dest_start``/``dest_end``: the
    destination as written (inside ``<…>`` for ``style`` md-angle), or both -1
    for a reference whose definition holds it (``label`` names it)."""

    kind: str  # link, autolink, image
    start: int
    end: int
    url: str  # the destination, escapes and entities decoded
    dest_start: int
    dest_end: int
    style: str  # md, md-angle
    label: str


class Definition(NamedTuple):
    """A link reference definition: the span of its destination as written
    (inside ``<…>`` for style md-angle) and the URL it gives."""

    label: str  # normalized
    start: int
    end: int
    url: str
    style: str


def normalize_label(label: str) -> str:
    """A reference label as CommonMark matches it: case folded, inner
    whitespace collapsed."""
    return " ".join(label.split()).casefold()


@dataclass(frozen=True, slots=True)
class MarkdownView:
    """Everything the heading and link rules read from one parse."""

    headings: tuple[Heading, ...]
    paragraphs: tuple[Paragraph, ...]
    blocks: tuple[Block, ...]  # every block, containers included, in order
    links: tuple[Link, ...]
    code_spans: tuple[tuple[int, int], ...]
    inline_html: tuple[tuple[int, int], ...]
    error: Optional[str] = None  # why the parse failed (the view is then empty)
    # What ``paragraph_parts`` needs to walk a paragraph's events (no Document).
    events: Optional[list[Any]] = None
    source: str = ""
    lines: Optional[LineIndex] = None
    offsets: Optional[Callable[[int], int]] = None  # the events' byte offsets → ``source``'s; None: the same
    # Indexes in ``events`` of each code block's Start and End (MDX's indentation pass reads them).
    code_blocks: tuple[tuple[int, int], ...] = field(default=(), compare=False)

    def code_block_lines(self) -> set[int]:
        lines: set[int] = set()
        for block in self.blocks:
            if block.kind == "code":
                lines.update(range(block.line, block.end_line))
        return lines


EMPTY = MarkdownView((), (), (), (), (), ())

