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
from typing import Any, Callable, Optional

from .byte_chars import Convert, converter
from .lines import LineIndex
from .mdview import Block, Definition, Heading, Inline, Link, MarkdownView, Paragraph, normalize_label, plain_text
from .native_inline import inline_parts

_ASCII_PUNCT = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
_PLAIN_DEST = re.compile(r"[^\x00-\x20()\\]*")
_SURROGATE = re.compile("[\ud800-\udfff]")


def parser_text(text: str) -> str:
    """``text`` as the parser is handed it: a lone surrogate (an undecodable
    byte kept by surrogateescape) becomes U+FFFD, one character each. Only
    UTF-8 encoding fails on one, and it is three times faster than the regex
    search that would find it, so a file without any pays that much."""
    if text.isascii():
        return text
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return _SURROGATE.sub("\ufffd", text)
    return text
_BLOCK_KIND = {
    "Paragraph": "paragraph", "Heading": "heading", "CodeBlock": "code", "HtmlBlock": "html",
    "Table": "table", "BlockQuote": "quote", "List": "list",
}
_EMPHASIS_NAMES = ("Emphasis", "Strong", "Strikethrough")  # a tuple: an End value may be a dict
# End events given as a string that end nothing the block walk records.
_INLINE_ENDS = frozenset(("Emphasis", "Strong", "Strikethrough", "TableCell", "TableRow", "TableHead"))
_LEVELS = {"H1": 1, "H2": 2, "H3": 3, "H4": 4, "H5": 5, "H6": 6}
# `](dest` with a destination of plain characters (no <…>, no line break, no
# escape or parenthesis): what ``destination`` finds, in one match.
# (The lookahead keeps the run whole: no backtracking to stop before a `(`.)
_PLAIN_INLINE_DEST = re.compile(r"\]\((?=[^ \t\r\n<>])(?=([^\x00-\x20()\\]*))\1(?![(\\])")
_new = tuple.__new__  # a record without the NamedTuple's Python-level __new__


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


def paragraph_parts(view: MarkdownView, paragraph: Paragraph) -> tuple[Inline, ...]:
    """The inline parts of ``paragraph``, walked from the view's events."""
    if paragraph.parts is not None:
        return paragraph.parts
    if view.events is None:
        return ()
    return tuple(inline_parts(view.source, view.events, paragraph.first, paragraph.last, view.offsets))


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
    text = parser_text(source if parse is None else parse)
    if stream is None:
        stream = events(text)
    return _walk(stream, source, lines, converter(text, shifts))


def _walk(stream: list[tuple[Any, Any]], source: str, lines: LineIndex, conv: Optional[Convert]) -> MarkdownView:
    """One pass over the events, building the blocks, links, code spans and
    inline HTML. Inline events are passed over (text, emphasis, table cells:
    most of the stream): only a heading's are walked, when it ends, and a
    paragraph's on demand. Offsets are converted only where kept. (One long
    loop with the frequent events first: this runs once per event.)"""
    starts = lines.starts
    headings: list[Heading] = []
    paragraphs: list[Paragraph] = []
    blocks: list[Any] = []
    links: list[Any] = []
    code_spans: list[tuple[int, int]] = []
    inline_html: list[tuple[int, int]] = []
    code_blocks: list[tuple[int, int]] = []
    containers: list[int] = []  # ids of the open block quotes and list items
    items = 0  # open list items
    next_id = 0
    # Open blocks: index in blocks, start, depth, Start event, line.
    open_blocks: list[tuple[int, int, int, int, int]] = []
    html: list[str] = []  # the open HTML block's lines
    image_depth = 0
    image: tuple[int, str, str, str, int] = (0, "", "", "", 0)  # start, url, link type, label, Start event
    link_stack: list[tuple[int, str, str, str, int]] = []  # start, url, link type, label, slot
    last_end = -1  # end of the last inline event that is not text, a break or emphasis
    for index, (event, rng) in enumerate(stream):
        # The most frequent event, nothing to do: tested first. (A string
        # event, SoftBreak, HardBreak or Rule, holds no "Text" either.)
        if "Text" in event:
            continue
        if type(event) is str:
            if event == "Rule":
                start, end = rng["start"], rng["end"]
                if conv is not None:
                    start, end = conv(start), conv(end)
                line = bisect_right(starts, start) - 1
                blocks.append(_new(Block, ("rule", line, line + 1, start, end, len(containers), "")))
            continue
        tag = event.get("Start")
        if tag is not None:
            if type(tag) is str:
                if tag == "Paragraph" or tag == "HtmlBlock":
                    start = rng["start"]
                    if conv is not None:
                        start = conv(start)
                    line = bisect_right(starts, start) - 1
                    open_blocks.append((len(blocks), start, len(containers), index, line))
                    blocks.append(None)
                    if tag == "HtmlBlock":
                        html = []
                elif tag == "Item":
                    containers.append(next_id)
                    next_id += 1
                    items += 1
                continue  # emphasis, table parts
            [name] = tag
            if image_depth:  # only inline events come before its End
                if name == "Image":
                    image_depth += 1
                continue
            start = rng["start"]
            if conv is not None:
                start = conv(start)
            if name == "Link":
                value = tag["Link"]
                link_type = value["link_type"]
                url = value["dest_url"]
                if link_type == "Email":
                    url = "mailto:" + url
                # The link's place in reading order is taken now, before the images it holds.
                link_stack.append((start, url, link_type, value["id"], len(links)))
                links.append(None)
                last_end = start + 1
            elif name == "Image":
                value = tag["Image"]
                image_depth = 1
                image = (start, value["dest_url"], value["link_type"], value["id"], index)
            elif name in _BLOCK_KIND:  # Heading, CodeBlock, List, Table, BlockQuote
                line = bisect_right(starts, start) - 1
                open_blocks.append((len(blocks), start, len(containers), index, line))
                blocks.append(None)
                if name == "BlockQuote":
                    containers.append(next_id)
                    next_id += 1
            continue
        tag = event.get("End")
        if tag is not None:
            if type(tag) is str:
                if tag in _INLINE_ENDS:  # emphasis, table parts: half the End events
                    continue
                if tag == "Paragraph":
                    at, begin, depth, first, line = open_blocks.pop()
                    end = rng["end"]
                    if conv is not None:
                        end = conv(end)
                    last = bisect_right(starts, end - 1 if end > begin else begin)
                    blocks[at] = _new(Block, ("paragraph", line, last, begin, end, depth, ""))
                    paragraphs.append(_new(Paragraph, (line, last, depth, items > 0, None, first, index)))
                    continue
                if tag == "Item":
                    containers.pop()
                    items -= 1
                    continue
                if tag == "Link":
                    if image_depth:
                        continue
                    end = rng["end"]
                    if conv is not None:
                        end = conv(end)
                    start, url, link_type, label, slot = link_stack.pop()
                    if link_type == "Autolink" or link_type == "Email":
                        links[slot] = _new(Link, ("autolink", start, end, url, start + 1, end - 1, "md-angle", ""))
                    else:
                        before, before_range = stream[index - 1]
                        # Text, breaks and emphasis closing are passed over: the link's text ends with them.
                        if type(before) is str or "Text" in before or before.get("End") in _EMPHASIS_NAMES:
                            last_end = before_range["end"]
                            if conv is not None:
                                last_end = conv(last_end)
                        inner_end = max(last_end, start + 1)
                        if link_type == "Collapsed" and source.startswith("[]", end):
                            end += 2  # pulldown-cmark's range of `[docs][]` stops before the `[]`
                        links[slot] = _link(source, "link", start, end, url, link_type, label, inner_end)
                    last_end = end
                    continue
                if tag == "Image":
                    image_depth -= 1
                    if not image_depth:
                        end = rng["end"]
                        if conv is not None:
                            end = conv(end)
                        last_end = _end_image(source, stream, index, image, end, conv, links)
                    continue
                if tag not in _BLOCK_KIND:  # emphasis, table parts
                    continue
                name = tag
            else:
                [name] = tag
                if name == "BlockQuote":
                    containers.pop()
                elif name not in _BLOCK_KIND:
                    continue
            at, begin, depth, first, line = open_blocks.pop()
            kind = _BLOCK_KIND[name]
            end = rng["end"]
            if conv is not None:
                end = conv(end)
            tail = end
            content = ""
            if kind == "html":  # its range may take the line of spaces that ends it
                while tail > begin and source[tail - 1] in " \t\r\n":
                    tail -= 1
                content = "".join(html)
            last = bisect_right(starts, max(begin, tail - 1)) - 1
            blocks[at] = _new(Block, (kind, line, last + 1, begin, end, depth, content))
            if kind == "code":
                code_blocks.append((first, index))
            elif kind == "heading":
                headings.append(_heading(source, lines, stream, first, index, tag["Heading"], begin, line, last,
                                         depth, containers[-1] if containers else -1, conv))
            continue
        value = event.get("Code")
        if value is not None:
            start, end = rng["start"], rng["end"]
            if conv is not None:
                start, end = conv(start), conv(end)
            code_spans.append((start, end))
            if not image_depth:
                last_end = end
            continue
        value = event.get("InlineHtml")
        if value is not None:
            if not image_depth:
                start, end = rng["start"], rng["end"]
                if conv is not None:
                    start, end = conv(start), conv(end)
                inline_html.append((start, end))
                last_end = end
            continue
        value = event.get("Html")  # the lines of an HTML block
        if value is not None:
            html.append(value)
    return MarkdownView(
        tuple(headings), tuple(paragraphs), tuple(blocks), tuple(links), tuple(code_spans), tuple(inline_html),
        events=stream, source=source, lines=lines, offsets=conv, code_blocks=tuple(code_blocks),
    )


def _end_image(source: str, stream: list[tuple[Any, Any]], index: int, image: tuple[int, str, str, str, int],
               end: int, conv: Optional[Convert], links: list[Any]) -> int:
    """Record the image whose End event is ``stream[index]``; returns its end."""
    start, url, link_type, label, first = image
    inner_end = start + 2
    for at in range(index - 1, first, -1):  # its text ends with its last text or code event
        event, rng = stream[at]
        if type(event) is not str and ("Text" in event or "Code" in event):
            inner_end = rng["end"] if conv is None else conv(rng["end"])
            break
    if link_type == "Collapsed" and source.startswith("[]", end):
        end += 2
    links.append(_link(source, "image", start, end, url, link_type, label, inner_end))
    return end


def _link(source: str, kind: str, start: int, end: int, url: str, link_type: str, label: str, inner_end: int) -> Link:
    if link_type != "Inline":
        return _new(Link, (kind, start, end, url, -1, -1, "md", label))
    plain = _PLAIN_INLINE_DEST.match(source, inner_end, end)
    if plain is not None:  # the usual `](path)`, in one match
        return _new(Link, (kind, start, end, url, plain.start(1), plain.end(1), "md", label))
    close = source.find("](", inner_end, end)
    if close < 0:
        return _new(Link, (kind, start, end, url, -1, -1, "md", label))
    s, e, angle = destination(source, close + 2, end)
    return _new(Link, (kind, start, end, url, s, e, "md-angle" if angle else "md", label))


def _heading(source: str, lines: LineIndex, stream: list[tuple[Any, Any]], first: int, index: int,
             level_name: Any, begin: int, line: int, last: int, depth: int, container: int,
             conv: Optional[Convert]) -> Heading:
    """The heading whose Start event is ``stream[first]`` and End event
    ``stream[index]``, on lines ``line`` to ``last``."""
    level = _LEVELS.get(level_name) or int(str(level_name)[1])
    starts = lines.starts
    line_end = lines.line_end(last)
    if index == first + 2 and last == line:  # an ATX heading of one text event, the usual: no walk
        event, rng = stream[first + 1]
        value = event.get("Text") if type(event) is not str else None
        if value is not None:
            start, end = rng["start"], rng["end"]
            if conv is not None:
                start, end = conv(start), conv(end)
            if len(value) == end - start and not (start and source[start - 1] == "\\" and source[start] in _ASCII_PUNCT):
                part = _new(Inline, ("text", start, end, value, "", "", None))
                return _new(Heading, (level, line, line + 1, False, start, end, starts[line], line_end,
                                      begin, begin + level, depth > 0, container, (part,), value.strip()))
    parts = tuple(inline_parts(source, stream, first, index, conv))
    setext = last > line
    if setext:
        under_start = starts[last]
        under = source[under_start:line_end]
        marker_start = under_start + len(under) - len(under.lstrip(" \t>"))
        marker_end = under_start + len(under.rstrip())
        content_start = parts[0].start if parts else begin
    else:
        marker_start = begin
        marker_end = begin + level
        content_start = parts[0].start if parts else marker_end
    content_end = parts[-1].end if parts else content_start
    return _new(Heading, (
        level, line, last + 1, setext, content_start, content_end, starts[line],
        line_end, marker_start, marker_end, depth > 0, container, parts, plain_text(parts),
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

    text = parser_text(source if parse is None else parse)
    if not _OPTIONS:
        _OPTIONS.append(_options())
    defs = pyromark.reference_definitions(text, options=_OPTIONS[0])
    conv = converter(text, shifts)
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
