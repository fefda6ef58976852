"""One parse of a file's Markdown by pulldown-cmark (through pyromark) into
the plain-data ``MarkdownView``: one walk over the parser's events, each
byte range turned into a character offset once (nothing to do on ASCII
text), nothing re-located afterwards.

Enabled syntax: CommonMark plus GFM tables and strikethrough, what every site
generator reads and what the markdown-it reference parser is configured
with. docs/markdown-parser.md lists where the two parsers differ."""
from __future__ import annotations

import re
from bisect import bisect_right
from operator import itemgetter
from typing import Any, Callable, Iterable, Optional

from .lines import LineIndex
from .mdview import Block, Definition, Heading, Inline, Link, MarkdownView, Paragraph, normalize_label, plain_text

_ASCII_PUNCT = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
_START = itemgetter("start")
_END = itemgetter("end")
_PLAIN_DEST = re.compile(r"[^\x00-\x20()\\]*")
_SURROGATE = re.compile("[\ud800-\udfff]")
_EMPHASIS = {"Emphasis": "em", "Strong": "strong", "Strikethrough": "s"}
_BLOCK_KIND = {
    "Paragraph": "paragraph", "Heading": "heading", "CodeBlock": "code", "HtmlBlock": "html",
    "Table": "table", "BlockQuote": "quote", "List": "list",
}
_HOLDERS = frozenset(("Paragraph", "Heading", "TableCell"))


def _options() -> Any:
    import pyromark  # lazy: start-up time

    return pyromark.Options.ENABLE_TABLES | pyromark.Options.ENABLE_STRIKETHROUGH


_OPTIONS: list[Any] = []


def events(source: str) -> list[tuple[Any, Any]]:
    """pyromark's events with byte ranges; a string holding lone surrogates
    (undecodable bytes kept by surrogateescape) is handed over with U+FFFD in
    their place, which the caller's byte→character map accounts for."""
    import pyromark  # lazy: start-up time

    if not _OPTIONS:
        _OPTIONS.append(_options())
    return list(pyromark.events_with_range(source, options=_OPTIONS[0]))


def _offsets(conv: Optional[Callable[[int], int]]) -> Optional[dict[int, int]]:
    """The byte→character table behind ``conv`` (a dict's ``__getitem__``)."""
    return getattr(conv, "__self__", None)


def paragraph_parts(view: MarkdownView, paragraph: Paragraph) -> tuple[Inline, ...]:
    """The inline parts of ``paragraph``, walked again from the view's events."""
    if paragraph.parts is not None:
        return paragraph.parts
    if view.events is None or view.lines is None:
        return ()
    conv = view.offsets.__getitem__ if view.offsets is not None else None
    walk = _Walk(view.source, view.lines, conv, lazy=False)
    sub_view = walk.run(view.events[paragraph.first : paragraph.last + 1])
    return sub_view.paragraphs[0].parts or () if sub_view.paragraphs else ()


def _byte_to_char(text: str, offsets: Iterable[int]) -> Optional[Callable[[int], int]]:
    """None on ASCII text (byte and character offsets agree); else a map from
    each of ``offsets`` (UTF-8 byte offsets, on character boundaries) to its
    character offset, decoding each stretch between two of them once."""
    if text.isascii():
        return None
    data = text.encode("utf-8")
    found: dict[int, int] = {}
    byte = char = 0
    for offset in sorted(offsets):
        char += len(data[byte:offset].decode("utf-8"))
        found[offset] = char
        byte = offset
    return found.__getitem__


def build(
    source: str,
    lines: LineIndex,
    parse: Optional[str] = None,
    shifts: Optional[Callable[[int], int]] = None,
    stream: Optional[list[tuple[Any, Any]]] = None,
) -> MarkdownView:
    """The view of ``source`` (the file's text with what is not Markdown
    blanked; same length and line breaks as the file, so ``lines`` fits).
    ``parse``, when given, is the copy of ``source`` handed to the parser
    (MDX: some lines' indentation moved to their end) and ``shifts`` maps its
    offsets back to ``source``'s; ``stream`` is the parser's events for it
    when a caller already has them."""
    text = source if parse is None else parse
    if not text.isascii() and _SURROGATE.search(text):
        text = _SURROGATE.sub("\ufffd", text)
    if stream is None:
        stream = events(text)
    conv = None
    if shifts is not None or not text.isascii():
        ranges = [r for _, r in stream]
        offsets = set(map(_START, ranges))
        offsets.update(map(_END, ranges))
        conv = _shifted(_byte_to_char(text, offsets), offsets, shifts)
    return _Walk(source, lines, conv).run(stream, _offsets(conv))


def _shifted(
    conv: Optional[Callable[[int], int]], offsets: Iterable[int], shifts: Optional[Callable[[int], int]]
) -> Optional[Callable[[int], int]]:
    """``conv`` followed by ``shifts``, as one table's ``__getitem__`` (the
    walk's fast path, and what ``paragraph_parts`` walks again with)."""
    if shifts is None:
        return conv
    return {o: shifts(conv(o) if conv is not None else o) for o in offsets}.__getitem__


class _Walk:
    """The state of one walk over the events (discarded after ``run``)."""

    def __init__(self, source: str, lines: LineIndex, conv: Optional[Callable[[int], int]], lazy: bool = True):
        self.source = source
        self.lines = lines
        self.starts = lines.starts
        self.conv = conv
        self.headings: list[Heading] = []
        self.paragraphs: list[Paragraph] = []
        self.blocks: list[Any] = []
        self.links: list[Link] = []
        self.code_spans: list[tuple[int, int]] = []
        self.inline_html: list[tuple[int, int]] = []
        self.containers: list[int] = []  # ids of the open block quotes and list items
        self.items = 0  # open list items
        self.next_id = 0
        self.open_blocks: list[tuple[int, int, int]] = []  # (index in blocks, start, depth)
        self.parts: Optional[list[Inline]] = None  # the open heading/paragraph/cell
        self.pieces: list[tuple[str, int, int]] = []  # text events not yet merged
        self.last_end = -1  # end of the last inline event of the holder
        self.html: list[str] = []  # the open HTML block's lines
        self.image_depth = 0
        self.image: list[Any] = []  # start, url, link type, label, alt pieces
        self.link_stack: list[tuple[int, str, str, str, int]] = []
        # Paragraph parts are built on demand (MarkdownView.parts): most are never read.
        self.lazy = lazy
        self.index = 0  # of the current event in the stream
        self.paragraph_first = 0

    def run(self, stream: list[tuple[Any, Any]], offsets: Optional[dict[int, int]] = None) -> MarkdownView:
        conv = self.conv
        pieces = self.pieces
        for self.index, (event, rng) in enumerate(stream):
            start = rng["start"]
            end = rng["end"]
            if conv is not None:
                start = conv(start)
                end = conv(end)
            if type(event) is str:
                self.simple(event, start, end)
                continue
            value = event.get("Text")
            if value is not None:  # the most frequent event, kept on the shortest path
                if self.image_depth:
                    if self.image_depth == 1:  # a nested image's alt text is not the outer one's
                        self.image[4].append(value)
                    self.image[5] = end
                elif self.parts is not None:
                    pieces.append((value, start, end))
                else:
                    self.last_end = end
                continue
            if pieces:
                self.flush()
            for key in event:
                value = event[key]
            if key == "Start":
                self.start(value, start, end)
            elif key == "End":
                self.end(value, start, end)
            elif key == "Code":
                self.code_spans.append((start, end))
                if self.image_depth:
                    if self.image_depth == 1:
                        self.image[4].append(value)
                    self.image[5] = end
                else:
                    if self.parts is not None:
                        self.parts.append(Inline("code_inline", start, end, value))
                    self.last_end = end
            elif key == "InlineHtml":
                if not self.image_depth:
                    self.inline_html.append((start, end))
                    if self.parts is not None:
                        self.parts.append(Inline("html_inline", start, end, value))
                    self.last_end = end
            elif key == "Html":  # the lines of an HTML block
                self.html.append(value)
        return MarkdownView(
            tuple(self.headings), tuple(self.paragraphs), tuple(self.blocks), tuple(self.links),
            tuple(self.code_spans), tuple(self.inline_html),
            events=stream if self.lazy else None, source=self.source, lines=self.lines, offsets=offsets,
        )

    # --- inline -----------------------------------------------------------

    def simple(self, event: str, start: int, end: int) -> None:
        if self.pieces:
            self.flush()
        if event in ("SoftBreak", "HardBreak"):
            if not self.image_depth:
                if self.parts is not None:
                    self.parts.append(Inline("softbreak" if event == "SoftBreak" else "hardbreak", start, end))
                self.last_end = end
        elif event == "Rule":
            line = self.lines.line_of(start)
            self.blocks.append(Block("rule", line, line + 1, start, end, len(self.containers)))

    def flush(self) -> None:
        """Merge the pending text events into one text part (as markdown-it
        joins text and escapes), mapping each character to its source."""
        pieces = self.pieces[:]
        self.pieces.clear()
        source = self.source
        value, s, e = pieces[0]
        begin = s
        if s - 1 > self.last_end and source[s - 1] == "\\" and source[s] in _ASCII_PUNCT:
            begin = s - 1  # a backslash escape: its backslash belongs to the character
        end = pieces[-1][2]
        if len(pieces) == 1 and begin == s and len(value) == e - s:
            self.parts.append(Inline("text", s, e, value))  # type: ignore[union-attr]
            self.last_end = e
            return
        chars: list[int] = []
        chars_end = begin
        for i, (value, s, e) in enumerate(pieces):
            if i:
                begin = chars_end
            if len(value) == e - begin:
                chars.extend(range(begin, e))
            elif len(value) == e - s:
                chars.append(begin)
                chars.extend(range(s + 1, e))
            else:  # an entity: every character it decodes to maps onto the whole reference
                chars.extend([begin] * len(value))
            chars_end = e
        chars.append(end)
        content = "".join(p[0] for p in pieces)
        start = chars[0]
        identity = chars == list(range(start, end + 1))
        self.parts.append(  # type: ignore[union-attr]
            Inline("text", start, end, content, chars=None if identity else tuple(chars))
        )
        self.last_end = end

    # --- blocks and inline containers -----------------------------------

    def start(self, tag: Any, start: int, end: int) -> None:
        name: str
        value: Any
        name, value = (tag, None) if type(tag) is str else next(iter(tag.items()))
        if self.image_depth:
            if name == "Image":
                self.image_depth += 1
            return
        kind = _EMPHASIS.get(name)
        if kind is not None:
            n = 2 if name == "Strong" else 1
            if name == "Strikethrough":
                n = 2 if self.source.startswith("~~", start) else 1
            if self.parts is not None:
                self.parts.append(Inline(kind + "_open", start, start + n, markup=self.source[start : start + n]))
            self.last_end = start + n
            return
        if name == "Link":
            auto = value["link_type"] in ("Autolink", "Email")
            url = value["dest_url"]
            if value["link_type"] == "Email":
                url = "mailto:" + url
            # The link's place in reading order is taken now, before the images it holds.
            self.link_stack.append((start, url, value["link_type"], value["id"], len(self.links)))
            self.links.append(None)  # type: ignore[arg-type]
            if self.parts is not None:
                self.parts.append(Inline("link_open", start, start + 1, markup="autolink" if auto else "", href=url))
            self.last_end = start + 1
            return
        if name == "Image":
            self.image_depth = 1
            self.image = [start, value["dest_url"], value["link_type"], value["id"], [], start + 2]
            return
        block = _BLOCK_KIND.get(name)
        if block is not None:
            line = bisect_right(self.starts, start) - 1
            self.open_blocks.append((len(self.blocks), start, len(self.containers)))
            self.blocks.append((block, line))
            if block == "html":
                self.html = []
        if name in _HOLDERS:
            self.parts = None if self.lazy and name == "Paragraph" else []
            self.paragraph_first = self.index
            self.last_end = -1
        elif name in ("BlockQuote", "Item"):
            self.containers.append(self.next_id)
            self.next_id += 1
            if name == "Item":
                self.items += 1

    def end(self, tag: Any, start: int, end: int) -> None:
        name, value = (tag, None) if type(tag) is str else next(iter(tag.items()))
        if self.image_depth:
            if name == "Image":
                self.image_depth -= 1
                if not self.image_depth:
                    self.end_image(end)
            return
        kind = _EMPHASIS.get(name)
        if kind is not None:
            if self.parts is not None:
                n = 2 if name == "Strong" else 1
                if name == "Strikethrough":
                    n = 2 if self.source.startswith("~~", end - 2) else 1
                self.parts.append(Inline(kind + "_close", end - n, end, markup=self.source[end - n : end]))
            self.last_end = end
            return
        if name == "Link":
            self.end_link(end)
            return
        if name in ("BlockQuote", "Item"):
            self.containers.pop()
            if name == "Item":
                self.items -= 1
        parts = self.parts
        if name in _HOLDERS:
            self.parts = None
        if name not in _BLOCK_KIND:
            return
        index, begin, depth = self.open_blocks.pop()
        kind, line = self.blocks[index]
        tail = end
        if kind == "html":  # its range may take the line of spaces that ends it
            while tail > begin and self.source[tail - 1] in " \t\r\n":
                tail -= 1
        last = bisect_right(self.starts, max(begin, tail - 1)) - 1
        content = "".join(self.html) if kind == "html" else ""
        self.blocks[index] = Block(kind, line, last + 1, begin, end, depth, content)
        if kind == "paragraph":
            self.paragraphs.append(Paragraph(
                line, last + 1, depth, self.items > 0, None if self.lazy else tuple(parts or ()),
                self.paragraph_first, self.index,
            ))
        elif kind == "heading":
            self.heading(value, begin, end, line, last, depth, tuple(parts or ()))

    def end_link(self, end: int) -> None:
        start, url, link_type, label, slot = self.link_stack.pop()
        parts = self.parts
        if link_type in ("Autolink", "Email"):
            if parts is not None:
                parts.append(Inline("link_close", end - 1, end, markup="autolink"))
            self.last_end = end
            self.links[slot] = Link("autolink", start, end, url, start + 1, end - 1, "md-angle", "")
            return
        inner_end = max(self.last_end, start + 1)
        if link_type == "Collapsed" and self.source.startswith("[]", end):
            end += 2  # pulldown-cmark's range of `[docs][]` stops before the `[]`
        if parts is not None:
            parts.append(Inline("link_close", inner_end, end))
        self.last_end = end
        self.links[slot] = self.link("link", start, end, url, link_type, label, inner_end)

    def end_image(self, end: int) -> None:
        start, url, link_type, label, alt, inner_end = self.image
        if link_type == "Collapsed" and self.source.startswith("[]", end):
            end += 2
        alt_text = "".join(alt)
        if self.parts is not None:
            self.parts.append(Inline("image", start, end, alt_text, href=url))
        self.last_end = end
        self.links.append(self.link("image", start, end, url, link_type, label, inner_end))

    def link(self, kind: str, start: int, end: int, url: str, link_type: str, label: str, inner_end: int) -> Link:
        if link_type != "Inline":
            return Link(kind, start, end, url, -1, -1, "md", label)
        source = self.source
        close = source.find("](", inner_end, end)
        if close < 0:
            return Link(kind, start, end, url, -1, -1, "md", label)
        s, e, angle = destination(source, close + 2, end)
        return Link(kind, start, end, url, s, e, "md-angle" if angle else "md", label)

    def heading(self, value: Any, begin: int, end: int, line: int, last: int, depth: int,
                parts: tuple[Inline, ...]) -> None:
        lines = self.lines
        source = self.source
        level = int(str(value)[1])
        setext = last > line
        if setext:
            under = source[lines.line_start(last) : lines.line_end(last)]
            under_start = lines.line_start(last)
            marker_start = under_start + len(under) - len(under.lstrip(" \t>"))
            marker_end = under_start + len(under.rstrip())
            content_start = parts[0].start if parts else begin
        else:
            marker_start = begin
            marker_end = begin + level
            content_start = parts[0].start if parts else marker_end
        content_end = parts[-1].end if parts else content_start
        self.headings.append(Heading(
            level, line, last + 1, setext, content_start, content_end, lines.line_start(line),
            lines.line_end(last), marker_start, marker_end, depth > 0,
            self.containers[-1] if self.containers else -1, parts, plain_text(parts),
        ))


def destination(source: str, pos: int, limit: int) -> tuple[int, int, bool]:
    """Span of the link destination written at ``pos`` (after ``](``), the
    ``<…>`` left out; and whether it was in angle brackets."""
    n = limit
    while pos < n and source[pos] in " \t":
        pos += 1
    if source.startswith("\r\n", pos):
        pos += 2
    elif pos < n and source[pos] in "\r\n":
        pos += 1
    while pos < n and source[pos] in " \t>":
        pos += 1
    if pos < n and source[pos] == "<":
        end = pos + 1
        while end < n and source[end] not in ">\n":
            end += 2 if source[end] == "\\" else 1
        return pos + 1, min(end, n), True
    plain = _PLAIN_DEST.match(source, pos, n)
    end = plain.end() if plain else pos
    if end >= n or source[end] not in "(\\":
        return pos, end, False  # the usual destination: no parentheses, no escapes
    depth = 0
    while end < n:
        ch = source[end]
        if ch == "\\" and end + 1 < n and source[end + 1] in _ASCII_PUNCT:
            end += 2
            continue
        if ch <= " ":
            break
        if ch == "(":
            depth += 1
        elif ch == ")":
            if not depth:
                break
            depth -= 1
        end += 1
    return pos, end, False


def definitions(
    source: str, parse: Optional[str] = None, shifts: Optional[Callable[[int], int]] = None
) -> dict[str, Definition]:
    """The link reference definitions of ``source`` by normalized label, the
    first of each label winning as in CommonMark. pulldown-cmark reports them
    apart from the events, through a second parse: only a file with a
    reference-style link or image whose URL is wanted pays for it."""
    import pyromark  # lazy: start-up time

    text = source if parse is None else parse
    if not text.isascii() and _SURROGATE.search(text):
        text = _SURROGATE.sub("\ufffd", text)
    if not _OPTIONS:
        _OPTIONS.append(_options())
    defs = pyromark.reference_definitions(text, options=_OPTIONS[0])
    spans = {v["span"][key] for v in defs.values() for key in ("start", "end")}
    conv = _shifted(_byte_to_char(text, spans), spans, shifts)
    found: dict[str, Definition] = {}
    for label, value in defs.items():
        start, end = value["span"]["start"], value["span"]["end"]
        if conv is not None:
            start, end = conv(start), conv(end)
        close = _label_end(source, start, end)
        if close < 0:
            continue
        s, e, angle = destination(source, close + 2, end)
        key = normalize_label(label)
        if key not in found or found[key].start > s:
            found[key] = Definition(key, s, e, value["dest"], "md-angle" if angle else "md")
    return found


def _label_end(source: str, pos: int, limit: int) -> int:
    """Offset of the `]` closing the label of the definition at ``pos`` (its `]:`)."""
    pos = source.find("[", pos, limit)
    while 0 <= pos < limit:
        ch = source[pos]
        if ch == "\\":
            pos += 2
            continue
        if ch == "]":
            return pos if source.startswith("]:", pos) else -1
        pos += 1
    return -1
