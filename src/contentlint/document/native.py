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
_BLOCK_KIND = {
    "Paragraph": "paragraph", "Heading": "heading", "CodeBlock": "code", "HtmlBlock": "html",
    "Table": "table", "BlockQuote": "quote", "List": "list",
}
# Inline and table events the block walk has nothing to do for (a heading's
# and a paragraph's inline events are walked apart, see native_inline).
_EMPHASIS_NAMES = frozenset(("Emphasis", "Strong", "Strikethrough"))
_PASSED = _EMPHASIS_NAMES | {"TableHead", "TableRow", "TableCell"}
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
    text = source if parse is None else parse
    if not text.isascii() and _SURROGATE.search(text):
        text = _SURROGATE.sub("\ufffd", text)
    if stream is None:
        stream = events(text)
    return _walk(stream, source, lines, converter(text, shifts))


def _walk(stream: list[tuple[Any, Any]], source: str, lines: LineIndex, conv: Optional[Convert]) -> MarkdownView:
    """One pass over the events, building the blocks, links, code spans and
    inline HTML. Inline events are passed over (text, emphasis, table cells:
    most of the stream): only a heading's are walked, when it ends, and a
    paragraph's on demand. Offsets are converted only where kept."""
    starts = lines.starts
    headings: list[Heading] = []
    paragraphs: list[Paragraph] = []
    blocks: list[Any] = []
    links: list[Any] = []
    code_spans: list[tuple[int, int]] = []
    inline_html: list[tuple[int, int]] = []
    containers: list[int] = []  # ids of the open block quotes and list items
    items = 0  # open list items
    next_id = 0
    open_blocks: list[tuple[int, int, int, int]] = []  # index in blocks, start, depth, Start event
    html: list[str] = []  # the open HTML block's lines
    image_depth = 0
    image: tuple[int, str, str, str, int] = (0, "", "", "", 0)  # start, url, link type, label, Start event
    link_stack: list[tuple[int, str, str, str, int]] = []  # start, url, link type, label, slot
    last_end = -1  # end of the last inline event that is not text, a break or emphasis
    for index, (event, rng) in enumerate(stream):
        if type(event) is str:  # SoftBreak, HardBreak, Rule
            if event == "Rule":
                start, end = rng["start"], rng["end"]
                if conv is not None:
                    start, end = conv(start), conv(end)
                line = bisect_right(starts, start) - 1
                blocks.append(_new(Block, ("rule", line, line + 1, start, end, len(containers), "")))
            continue
        if "Text" in event:  # the most frequent event: nothing to do here
            continue
        tag = event.get("Start")
        if tag is not None:
            if type(tag) is str:
                name = tag
                if name in _PASSED:
                    continue
                if name == "Item":
                    if not image_depth:
                        containers.append(next_id)
                        next_id += 1
                        items += 1
                    continue
            else:
                [name] = tag
            if image_depth:
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
            else:
                kind = _BLOCK_KIND.get(name)
                if kind is not None:
                    open_blocks.append((len(blocks), start, len(containers), index))
                    blocks.append((kind, bisect_right(starts, start) - 1))
                    if kind == "html":
                        html = []
                    elif kind == "quote":
                        containers.append(next_id)
                        next_id += 1
            continue
        tag = event.get("End")
        if tag is not None:
            if type(tag) is str:
                name = tag
                if name in _PASSED:
                    continue
                if name == "Item":
                    if not image_depth:
                        containers.pop()
                        items -= 1
                    continue
            else:
                [name] = tag
            if image_depth:
                if name == "Image":
                    image_depth -= 1
                    if not image_depth:
                        end = rng["end"]
                        if conv is not None:
                            end = conv(end)
                        last_end = end = _end_image(source, stream, index, image, end, conv, links)
                continue
            end = rng["end"]
            if conv is not None:
                end = conv(end)
            if name == "Link":
                start, url, link_type, label, slot = link_stack.pop()
                if link_type in ("Autolink", "Email"):
                    links[slot] = _new(Link, ("autolink", start, end, url, start + 1, end - 1, "md-angle", ""))
                else:
                    before = stream[index - 1]
                    if _sets_end(before[0]):
                        last_end = before[1]["end"]
                        if conv is not None:
                            last_end = conv(last_end)
                    inner_end = max(last_end, start + 1)
                    if link_type == "Collapsed" and source.startswith("[]", end):
                        end += 2  # pulldown-cmark's range of `[docs][]` stops before the `[]`
                    links[slot] = _link(source, "link", start, end, url, link_type, label, inner_end)
                last_end = end
                continue
            if name == "BlockQuote":
                containers.pop()
            elif name not in _BLOCK_KIND:
                continue
            at, begin, depth, first = open_blocks.pop()
            kind, line = blocks[at]
            tail = end
            content = ""
            if kind == "html":  # its range may take the line of spaces that ends it
                while tail > begin and source[tail - 1] in " \t\r\n":
                    tail -= 1
                content = "".join(html)
            last = bisect_right(starts, max(begin, tail - 1)) - 1
            blocks[at] = _new(Block, (kind, line, last + 1, begin, end, depth, content))
            if kind == "paragraph":
                paragraphs.append(_new(Paragraph, (line, last + 1, depth, items > 0, None, first, index)))
            elif kind == "heading":
                headings.append(_heading(source, lines, tag["Heading"], begin, line, last, depth,
                                         containers[-1] if containers else -1,
                                         _heading_parts(source, stream, first, index, conv)))
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
        events=stream, source=source, lines=lines, offsets=conv,
    )


def _sets_end(event: Any) -> bool:
    """Whether ``event`` (before a link's End) is one the walk passes over
    whose end is where the link's text ends: text, a break, emphasis closing."""
    if type(event) is str:
        return True
    if "Text" in event:
        return True
    tag = event.get("End")
    return type(tag) is str and tag in _EMPHASIS_NAMES


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


def _heading_parts(source: str, stream: list[tuple[Any, Any]], first: int, last: int,
                   conv: Optional[Convert]) -> tuple[Inline, ...]:
    """The inline parts of the heading between ``stream[first]`` and
    ``stream[last]``; most hold one text event, which needs no walk."""
    if last == first + 2:
        event, rng = stream[first + 1]
        value = event.get("Text") if type(event) is not str else None
        if value is not None:
            start, end = rng["start"], rng["end"]
            if conv is not None:
                start, end = conv(start), conv(end)
            if len(value) == end - start and not (start and source[start - 1] == "\\" and source[start] in _ASCII_PUNCT):
                return (_new(Inline, ("text", start, end, value, "", "", None)),)
    return tuple(inline_parts(source, stream, first, last, conv))


def _heading(source: str, lines: LineIndex, level_name: Any, begin: int, line: int, last: int, depth: int,
             container: int, parts: tuple[Inline, ...]) -> Heading:
    level = _LEVELS.get(level_name) or int(str(level_name)[1])
    setext = last > line
    starts = lines.starts
    if setext:
        under_start = starts[last]
        under = source[under_start : lines.line_end(last)]
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
        lines.line_end(last), marker_start, marker_end, depth > 0, container, parts, plain_text(parts),
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
