"""The Markdown view built from markdown-it-py, the reference the native
parse (contentlint.document.native) is tested against: markdown-it gives
block tokens with line maps and inline tokens without positions, so the
inline tokens are walked through the source (``locate_inline``, the code the
heading rules used before the native parse) to place them."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional, Sequence

from markdown_it import MarkdownIt

from contentlint.document.lines import LineIndex
from contentlint.document.mdview import Block, Heading, Inline, Link, MarkdownView, Paragraph, plain_text

MD = MarkdownIt("commonmark").enable(["table", "strikethrough"])

_ASCII_PUNCT = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
_ENTITY = re.compile(r"&(?:#[xX]([0-9a-fA-F]{1,6})|#([0-9]{1,7})|([A-Za-z][A-Za-z0-9]{0,31}));")
_LINE_BREAK = re.compile(r"[ \t]*(?:\r\n|\r|\n)[ \t>]*")


@dataclass(frozen=True)
class InlinePart:
    """One inline token placed in the source. ``chars`` (text tokens only) holds
    ``len(token.content) + 1`` offsets: character ``i`` of the content comes
    from ``source[chars[i]:chars[i + 1]]``."""

    token: object
    start: int
    end: int
    chars: Optional[tuple[int, ...]] = None

    @property
    def type(self) -> str:
        return self.token.type

    def char_span(self, index: int) -> tuple[int, int]:
        """Source span of content character ``index`` (negative counts from the end)."""
        assert self.chars is not None
        if index < 0:
            index += len(self.chars) - 1
        return self.chars[index], self.chars[index + 1]


def _decode_entity(m: re.Match) -> Optional[str]:
    hexa, dec, name = m.groups()
    if name is not None:
        from markdown_it.common.entities import entities

        return entities.get(name)
    code = int(hexa, 16) if hexa is not None else int(dec)
    # CommonMark: invalid and NUL code points become U+FFFD.
    if code == 0 or code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
        return "\ufffd"
    return chr(code)


def _match_text(source: str, pos: int, limit: int, content: str) -> Optional[list[int]]:
    """Offsets of each character of decoded ``content`` read from ``source`` at ``pos``."""
    chars: list[int] = []
    i = 0
    n = len(content)
    while i < n:
        if pos >= limit:
            return None
        ch = source[pos]
        if ch == "\\" and pos + 1 < limit and source[pos + 1] in _ASCII_PUNCT and content[i] == source[pos + 1]:
            chars.append(pos)
            pos += 2
            i += 1
            continue
        if ch == "&":
            m = _ENTITY.match(source, pos, limit)
            decoded = _decode_entity(m) if m else None
            if decoded and content.startswith(decoded, i):
                # A multi-character entity maps all its characters onto the whole reference.
                chars.extend([pos] * len(decoded))
                pos = m.end()
                i += len(decoded)
                continue
        if ch != content[i]:
            return None
        chars.append(pos)
        pos += 1
        i += 1
    chars.append(pos)
    return chars


def _skip_balanced(source: str, pos: int, limit: int, opener: str, closer: str) -> int:
    """Offset after the bracket group starting at ``pos`` (which holds ``opener``), or -1."""
    depth = 0
    quote = ""
    while pos < limit:
        ch = source[pos]
        if ch == "\\":
            pos += 2
            continue
        if quote:
            if ch == quote:
                quote = ""
        elif ch in "\"'" and opener == "(":
            quote = ch
        elif ch == "<" and opener == "(":
            close = source.find(">", pos, limit)
            if close < 0:
                return -1
            pos = close
        elif ch == opener:
            depth += 1
        elif ch == closer:
            depth -= 1
            if depth == 0:
                return pos + 1
        pos += 1
    return -1


def _link_tail(source: str, pos: int, limit: int) -> int:
    """Offset after ``]`` and the destination or reference that follows it, or -1."""
    if pos >= limit or source[pos] != "]":
        return -1
    pos += 1
    if pos < limit and source[pos] in "([":
        return _skip_balanced(source, pos, limit, source[pos], ")" if source[pos] == "(" else "]")
    return pos


def _code_span_end(source: str, pos: int, limit: int, markup: str) -> int:
    n = len(markup)
    search = pos + n
    while True:
        hit = source.find(markup, search, limit)
        if hit < 0:
            return -1
        end = hit + n
        if (end >= limit or source[end] != "`") and source[hit - 1] != "`":
            return end
        while end < limit and source[end] == "`":
            end += 1
        search = end


def locate_inline(source: str, start: int, end: int, children: Sequence) -> Optional[list[InlinePart]]:
    """Spans of ``children`` (an inline token's children) inside ``source[start:end]``."""
    parts: list[InlinePart] = []
    pos = start
    link_stack: list[str] = []
    for tok in children:
        kind = tok.type
        begin = pos
        chars = None
        if kind == "text":
            if not tok.content:
                parts.append(InlinePart(tok, pos, pos, (pos,)))
                continue
            found = _match_text(source, pos, end, tok.content)
            if found is None:
                return None
            chars = tuple(found)
            pos = found[-1]
        elif kind in ("strong_open", "strong_close", "em_open", "em_close", "s_open", "s_close", "text_special"):
            markup = tok.markup
            if not markup or not source.startswith(markup, pos):
                return None
            pos += len(markup)
        elif kind in ("softbreak", "hardbreak"):
            if kind == "hardbreak" and source.startswith("\\", pos):
                pos += 1
            m = _LINE_BREAK.match(source, pos, end)
            if m is None:
                return None
            pos = m.end()
        elif kind == "code_inline":
            if not source.startswith(tok.markup, pos):
                return None
            pos = _code_span_end(source, pos, end, tok.markup)
        elif kind == "html_inline":
            if not source.startswith(tok.content, pos):
                return None
            pos += len(tok.content)
        elif kind == "link_open":
            auto = tok.markup == "autolink"
            link_stack.append(tok.markup)
            if not source.startswith("<" if auto else "[", pos):
                return None
            pos += 1
        elif kind == "link_close":
            if not link_stack:
                return None
            if link_stack.pop() == "autolink":
                pos = pos + 1 if source.startswith(">", pos) else -1
            else:
                pos = _link_tail(source, pos, end)
        elif kind == "image":
            if not source.startswith("![", pos):
                return None
            close = _skip_balanced(source, pos + 1, end, "[", "]")
            pos = -1 if close < 0 else _link_tail(source, close - 1, end)
        else:
            return None  # a token type this walk does not know (a plugin's): never guess
        if pos < 0 or pos > end:
            return None
        parts.append(InlinePart(tok, begin, pos, chars))
    return parts


_BLOCKS = {
    "paragraph_open": "paragraph", "heading_open": "heading", "fence": "code", "code_block": "code",
    "html_block": "html", "table_open": "table", "hr": "rule", "blockquote_open": "quote",
    "bullet_list_open": "list", "ordered_list_open": "list",
}
_KINDS = {"text_special": "text"}


def _parts(source: str, start: int, end: int, children: list) -> tuple[Optional[tuple[Inline, ...]], tuple[Inline, ...]]:
    """(placed parts or None when they cannot be placed, parts without positions)."""
    kids = [c for c in children if not (c.type == "text" and not c.content)]
    loose = tuple(_inline(c, -1, -1) for c in kids)
    placed = locate_inline(source, start, end, kids)
    if placed is None:
        return None, _merge(loose)
    return _merge(tuple(_inline(p.token, p.start, p.end, p.chars) for p in placed)), _merge(loose)


def _inline(tok, start: int, end: int, chars=None) -> Inline:
    kind = _KINDS.get(tok.type, tok.type)
    if kind == "image":
        content = "".join(c.content for c in tok.children or () if c.type in ("text", "code_inline"))
        return Inline("image", start, end, content, href=tok.attrGet("src") or "")
    if kind in ("text", "code_inline", "html_inline"):
        return Inline(kind, start, end, tok.content, chars=chars)
    if kind.startswith(("em_", "strong_", "s_")):
        return Inline(kind, start, end, markup=tok.markup)
    if kind == "link_open":
        return Inline(kind, start, end, markup=tok.markup, href=tok.attrGet("href") or "")
    if kind == "link_close":
        return Inline(kind, start, end, markup=tok.markup)
    return Inline(kind, start, end)


def _merge(parts: tuple[Inline, ...]) -> tuple[Inline, ...]:
    """Adjacent text parts joined (markdown-it leaves an escape after an
    autolink-like run as two), the character maps concatenated."""
    out: list[Inline] = []
    for part in parts:
        if out and part.kind == "text" and out[-1].kind == "text":
            prev = out[-1]
            chars = None
            if prev.chars is not None and part.chars is not None:
                chars = prev.chars[:-1] + part.chars
            out[-1] = Inline("text", prev.start, part.end, prev.content + part.content, chars=chars)
        else:
            out.append(part)
    return tuple(out)


@dataclass
class Reference:
    """The reference view, and which headings could be placed in the source."""

    view: MarkdownView
    placed: list[bool]
    loose_heading_parts: list[tuple[Inline, ...]]
    loose_paragraph_parts: list[tuple[Inline, ...]]


def build(source: str) -> Reference:
    lines = LineIndex(source)
    tokens = MD.parse(source)
    headings, paragraphs, blocks, links, code_spans, inline_html = [], [], [], [], [], []
    placed_flags, loose_h, loose_p = [], [], []
    containers: list[int] = []
    next_id = 0
    depth = 0
    items = 0
    for i, tok in enumerate(tokens):
        if tok.type in ("list_item_open", "blockquote_open"):
            containers.append(next_id)
            next_id += 1
        if tok.type == "list_item_open":
            items += 1
        if tok.type in ("list_item_close", "blockquote_close"):
            containers.pop()
            depth -= 1
        if tok.type == "list_item_close":
            items -= 1
        kind = _BLOCKS.get(tok.type)
        if kind is not None and tok.map and not (kind == "paragraph" and tok.hidden):
            first, last = tok.map
            content = tok.content if kind == "html" else ""
            blocks.append(Block(kind, first, last, -1, -1, depth, content))
        if tok.type in ("list_item_open", "blockquote_open"):
            depth += 1
        if tok.type != "inline" or not tok.map:
            continue
        opener = tokens[i - 1]
        first, last = tok.map
        after = 0
        if opener.type == "heading_open" and opener.markup.startswith("#"):
            line_text = lines.line_text(first)
            after = line_text.find(opener.markup) + len(opener.markup)  # the content follows the `#` run
        start = _content_start(source, lines, first, tok.content, after)
        end = _content_end(source, lines, opener, first, last, tok.content, start)
        placed, loose = _parts(source, start, end, tok.children or [])
        parts = placed if placed is not None else loose
        for p in placed or ():
            if p.kind == "code_inline":
                code_spans.append((p.start, p.end))
            elif p.kind == "html_inline":
                inline_html.append((p.start, p.end))
        _links(tok.children or [], placed, links)
        if opener.type == "paragraph_open" and not opener.hidden:
            paragraphs.append(Paragraph(first, last, depth, items > 0, parts))
            loose_p.append(loose)
        elif opener.type == "heading_open":
            heading = _heading(source, lines, opener, tok, parts, start, end, containers)
            headings.append(heading)
            placed_flags.append(placed is not None)
            loose_h.append(loose)
    view = MarkdownView(tuple(headings), tuple(paragraphs), tuple(blocks), tuple(links),
                        tuple(code_spans), tuple(inline_html))
    return Reference(view, placed_flags, loose_h, loose_p)


def _content_start(source: str, lines: LineIndex, first: int, content: str, after: int = 0) -> int:
    line_text = lines.line_text(first)
    head = content.split("\n", 1)[0]
    return lines.line_start(first) + max(line_text.find(head, after), 0) if head else lines.line_start(first)


def _content_end(source, lines, opener, first, last, content, start) -> int:
    if "\n" not in content:
        return start + len(content)
    tail = content.rsplit("\n", 1)[1]
    end_line = last - 1
    if opener.type == "heading_open" and opener.markup in ("=", "-"):
        end_line = last - 2
    line_text = lines.line_text(end_line)
    return lines.line_start(end_line) + max(line_text.rfind(tail), 0) + len(tail)


def _heading(source, lines, tok, inline, parts, start, end, containers) -> Heading:
    first, last = tok.map
    level = int(tok.tag[1])
    setext = tok.markup in ("=", "-")
    line_text = lines.line_text(first)
    line_start = lines.line_start(first)
    if setext:
        under = lines.line_text(last - 1)
        marker_start = lines.line_start(last - 1) + len(under) - len(under.lstrip(" \t>"))
        marker_end = lines.line_start(last - 1) + len(under.rstrip())
    else:
        hashes = line_text.find("#" * level)
        marker_start, marker_end = line_start + hashes, line_start + hashes + level
        if not inline.content:
            start = end = marker_end
    return Heading(level, first, last, setext, start, end, line_start, lines.line_end(last - 1),
                   marker_start, marker_end, tok.level > 0, containers[-1] if containers else -1,
                   parts, plain_text(parts))


def _links(children, placed, out: list) -> None:
    """Links and images with their destination as markdown-it normalizes it
    (positions are the native view's business: compared through findings)."""
    for child in children:
        if child.type == "image":
            out.append(Link("image", -1, -1, child.attrGet("src") or "", -1, -1, "", ""))
        elif child.type == "link_open":
            kind = "autolink" if child.markup == "autolink" else "link"
            out.append(Link(kind, -1, -1, child.attrGet("href") or "", -1, -1, "", ""))
