"""markdown-it-py parsing, the heading view built on its tokens, and the one
helper that places inline tokens (emphasis markers, text characters) back in
the source."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from html import unescape as html_unescape
from typing import TYPE_CHECKING, Optional, Sequence

if TYPE_CHECKING:
    from .document import Document

_EMPHASIS = {"strong_open": "strong_close", "em_open": "em_close"}


def parse(source: str) -> list:
    """A full parse (block and inline) of ``source``, as ``Document.tokens`` gives it."""
    from .mdparse import parse_blocks, parse_inline

    tokens, env = parse_blocks(source)
    for tok in tokens:
        if tok.type == "inline":
            tok.children = parse_inline(tok.content, env)
    return tokens


# --------------------------------------------------------------------------
# Inline positions
#
# markdown-it-py gives block tokens line maps but inline tokens no positions,
# and a text token holds *decoded* text (`&colon;` is `:`, `\.` is `.`). These
# helpers walk the children of an inline token through its source, in order,
# and give each one its character span; a text token also gets the span of
# every character it holds. Any surprise returns None: a caller then reports
# on the whole heading and offers no fix rather than guessing.
# --------------------------------------------------------------------------

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


# --------------------------------------------------------------------------
# MDX
#
# MDX reads `import`/`export` blocks and `{…}` expressions as JavaScript, and
# a JSX tag on its own line is not an HTML block: the Markdown between
# `<Tabs>` and `</Tabs>` is Markdown. CommonMark instead reads
# `<PackageManagerTabs>` as an HTML block that swallows lines up to the next
# blank line, so a code fence inside it breaks up and its `# comment` lines
# turn into headings. For `.mdx` files the heading view therefore parses a
# copy of the source with those parts blanked (line breaks kept, so lines and
# offsets stay those of the file).
# --------------------------------------------------------------------------

_BLANKABLE = re.compile(r"[^\r\n]")
_MAX_JS_SCAN = 20_000  # characters one tag or expression may span


def is_mdx(doc: "Document") -> bool:
    return doc.path.lower().endswith(".mdx")


# Characters that can start an inline construct other than plain text
# (escapes, entities, emphasis, strikethrough, code, links/images, autolinks and
# inline HTML, line breaks).
_INLINE_MARKUP = re.compile(r"[\\&*_~`\[<\n]")


class MarkdownView:
    """The document's block tokens for the heading rules, with inline children
    parsed only for the blocks a rule looks into, and a parse failure kept
    (``markdown_view`` reports it once)."""

    def __init__(self, doc: "Document"):
        self._doc = doc
        self.tokens: list = []
        self.error: Optional[Exception] = None
        self.reported = False
        try:
            self.tokens = doc.block_tokens
        except Exception as exc:  # noqa: BLE001 - markdown-it should never fail; if it does, say so once
            self.error = exc

    def children(self, token) -> list:
        """Inline children of an ``inline`` token, parsed on first use; text
        without any inline markup character is one text token, as markdown-it
        would make it, without running the inline parser."""
        if not _INLINE_MARKUP.search(token.content):
            from markdown_it.token import Token

            return [Token("text", "", 0, content=token.content)]
        return self._doc.inline_children(token) or []


_PREFIX = r"[ \t>]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)*"
_GUARDS = {
    "headings": r"(?:#{1,6}(?:[ \t]|$)|(?:=+|-+)[ \t]*$|<[hH][1-6])",
    "emphasis": r"[*_]",  # a paragraph that opens with emphasis (HD007)
    "glued-hash": r"#+[^\s#]",  # a `#` glued to a word at a line start (HD010)
}
_FAST = {k: re.compile("^" + _PREFIX + v, re.MULTILINE) for k, v in _GUARDS.items()}
# `^`/`$` only know \n; files with CR line endings take the slower spelled-out form.
_WITH_CR = {
    k: re.compile(r"(?:(?<=[\r\n])|\A)" + _PREFIX + v.replace("$", r"(?=[\r\n]|\Z)"))
    for k, v in _GUARDS.items()
}


def may_have(doc: "Document", guard: str) -> bool:
    cache = doc.__dict__.setdefault("_guards", {})
    found = cache.get(guard)
    if found is None:
        text = doc.text
        pattern = (_WITH_CR if "\r" in text else _FAST)[guard]
        found = cache[guard] = pattern.search(text, doc.body_start) is not None
    return found


def may_have_headings(doc: "Document") -> bool:
    return may_have(doc, "headings")


def may_have_emphasis_line(doc: "Document") -> bool:
    return may_have(doc, "emphasis")


def may_have_glued_hash(doc: "Document") -> bool:
    return may_have(doc, "glued-hash")


class MarkdownParseError(Exception):
    """The Markdown of a file could not be parsed."""


def markdown_view(doc: "Document") -> MarkdownView:
    """The document's heading view, built once. When the parse failed, the
    first caller gets a ``MarkdownParseError`` (the engine turns it into one
    CL999 finding on the file) and every later caller an empty view, so the
    other heading rules neither crash again nor report anything."""
    view = doc.__dict__.get("_markdown_view")
    if view is None:
        view = doc.__dict__["_markdown_view"] = MarkdownView(doc)
    if view.error is not None and not view.reported:
        view.reported = True
        raise MarkdownParseError(
            f"the Markdown could not be parsed ({type(view.error).__name__}: {view.error}); "
            "heading rules skipped this file"
        ) from view.error
    return view


def markdown_tokens(doc: "Document") -> list:
    """Block tokens of the heading view (see ``MarkdownView``)."""
    return markdown_view(doc).tokens


def non_markdown_spans(doc: "Document", source: str) -> list[tuple[int, int]]:
    """Spans of ``source`` (the text with the frontmatter blanked) that a site
    generator does not read as Markdown: template code and comment blocks
    (Jekyll/Liquid ``{% highlight %}``, ``{% comment %}``, Hugo
    ``{{< highlight >}}``) in every file, and in ``.mdx`` files ESM blocks,
    ``{…}`` expressions starting a line and lines of nothing but JSX tags.
    ``Document.markdown_source`` blanks them, so the one parse of the file is
    the structure the site renders."""
    spans = template_spans(source, doc.body_start) if ("{%" in source or "{{" in source) else []
    if is_mdx(doc):
        spans = _merge(spans + mdx_spans(source, doc.body_start))
    return spans


def blank_spans(source: str, spans: list[tuple[int, int]]) -> str:
    """``source`` with ``spans`` replaced by spaces, line breaks kept."""
    if not spans:
        return source
    out, pos = [], 0
    for start, end in spans:
        out.append(source[pos:start])
        piece = source[start:end]
        out.append(_BLANKABLE.sub(" ", piece) if ("\n" in piece or "\r" in piece) else " " * len(piece))
        pos = end
    out.append(source[pos:])
    return "".join(out)


def is_code_span(source: str, span: tuple[int, int]) -> bool:
    """Template blocks, ESM and expressions are code; JSX tag lines are not
    (their attributes are text a reader sees)."""
    head = source[span[0] : span[0] + 16].lstrip()
    return not head.startswith("<")


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


_TEMPLATE_OPEN = re.compile(
    r"^[ \t]*(?:\{%-?\s*(highlight|comment)\b[^\n]*?-?%\}|\{\{[<%]\s*(highlight)\b[^\n]*?[>%]\}\})",
    re.MULTILINE,
)
_TEMPLATE_CLOSE = {
    "highlight": re.compile(r"\{%-?\s*endhighlight\s*-?%\}[^\n]*"),
    "comment": re.compile(r"\{%-?\s*endcomment\s*-?%\}[^\n]*"),
    "hugo": re.compile(r"\{\{[<%]\s*/highlight\s*[>%]\}\}[^\n]*"),
}


def template_spans(source: str, body_start: int = 0) -> list[tuple[int, int]]:
    """Spans of template code/comment blocks that start a line, through the
    end of their closing tag's line; an unclosed block is left alone."""
    spans: list[tuple[int, int]] = []
    pos = body_start
    while True:
        m = _TEMPLATE_OPEN.search(source, pos)
        if m is None:
            return spans
        kind = "hugo" if m.group(2) else m.group(1)
        close = _TEMPLATE_CLOSE[kind].search(source, m.end())
        if close is None:
            pos = m.end()
            continue
        spans.append((m.start(), close.end()))
        pos = close.end()


_MDX_CANDIDATE = re.compile(
    r"^(?:[ \t]*(?P<fence>`{3,}|~{3,})|(?P<esm>(?:import|export)(?=[\s{*]))|[ \t]*(?P<expr>\{)|[ \t]*(?P<tag></?[A-Za-z]))",
    re.MULTILINE,
)
_BLANK_LINE = re.compile(r"\n[ \t]*(?:\r?\n|\r|$)")


def mdx_spans(source: str, body_start: int = 0) -> list[tuple[int, int]]:
    """Ordered, non-overlapping spans of ``source`` that MDX does not read as
    Markdown. Only lines that can start such a span are looked at (a regex
    finds them), so a long page costs little more than one scan."""
    spans: list[tuple[int, int]] = []
    n = len(source)
    pos = body_start
    while True:
        m = _MDX_CANDIDATE.search(source, pos)
        if m is None:
            return spans
        start = m.start()
        line_end = source.find("\n", start)
        line_end = n if line_end < 0 else line_end
        if m.group("fence"):
            fence = m.group("fence")
            closing = re.compile(r"^[ \t]*" + re.escape(fence[0]) + "{" + str(len(fence)) + r",}[ \t]*\r?$", re.M)
            close = closing.search(source, min(line_end + 1, n))
            pos = n if close is None else close.end()
            continue
        end = -1
        if m.group("esm"):
            # ESM starts after a blank line (or at the top of the body).
            previous = source[source.rfind("\n", 0, max(start - 1, 0)) + 1 : start]
            if start <= body_start or not previous.strip():
                blank = _BLANK_LINE.search(source, start)
                end = n if blank is None else blank.start()
        elif m.group("expr"):
            end = _js_end(source, m.start("expr"), "{")
        else:
            end = _tags_only_end(source, m.start("tag"), line_end)
            if end > 0 and "<img" in source[start:end].lower():
                end = -1  # an image tag stays visible: the links family checks its src
        if end < 0:
            pos = line_end + 1
            continue
        spans.append((start, end))
        nxt = source.find("\n", end)
        pos = n if nxt < 0 else nxt + 1
        if pos <= start:
            pos = line_end + 1


def _tags_only_end(source: str, pos: int, line_end: int) -> int:
    """End of a run of JSX tags starting at ``pos`` when nothing but spaces
    follows it on its last line (the tags may span lines); else -1."""
    n = len(source)
    while True:
        end = _js_end(source, pos, "<")
        if end < 0:
            return -1
        rest = end
        while rest < n and source[rest] in " \t":
            rest += 1
        if rest >= n or source[rest] in "\r\n":
            return rest
        if source[rest] != "<" or (rest + 1 < n and source[rest + 1] not in "/>" and not source[rest + 1].isalpha()):
            return -1
        pos = rest


def _js_end(text: str, pos: int, opener: str) -> int:
    """Offset after the JSX tag (``opener`` ``<``) or JS expression (``{``)
    starting at ``pos``, skipping strings, template literals and comments;
    -1 when it does not close within a bounded stretch."""
    limit = min(len(text), pos + _MAX_JS_SCAN)
    return _tag_end(text, pos, limit) if opener == "<" else _brace_end(text, pos, limit)


def _brace_end(text: str, pos: int, limit: int) -> int:
    depth = 0
    while pos < limit:
        if text.startswith("/*", pos):
            close = text.find("*/", pos + 2, limit)
            if close < 0:
                return -1
            pos = close + 2
            continue
        if text.startswith("//", pos):
            newline = text.find("\n", pos, limit)
            pos = newline if newline >= 0 else limit
            continue
        ch = text[pos]
        if ch in "\"'`":
            pos = _string_end(text, pos, limit)
            if pos < 0:
                return -1
            continue
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
            if depth == 0:
                return pos + 1
        pos += 1
    return -1


def _string_end(text: str, pos: int, limit: int) -> int:
    quote = text[pos]
    pos += 1
    while pos < limit:
        ch = text[pos]
        if ch == "\\":
            pos += 2
        elif ch == quote:
            return pos + 1
        elif ch == "\n" and quote != "`":
            return -1
        elif quote == "`" and text.startswith("${", pos):
            pos = _brace_end(text, pos + 1, limit)
            if pos < 0:
                return -1
        else:
            pos += 1
    return -1


def _tag_end(text: str, pos: int, limit: int) -> int:
    pos += 1
    while pos < limit:
        ch = text[pos]
        if ch in "\"'":  # attribute values may span lines
            close = text.find(ch, pos + 1, limit)
            if close < 0:
                return -1
            pos = close + 1
        elif ch == "{":
            pos = _brace_end(text, pos, limit)
            if pos < 0:
                return -1
        elif ch == ">":
            return pos + 1
        elif ch == "<":
            return -1
        else:
            pos += 1
    return -1


# --------------------------------------------------------------------------
# Headings
# --------------------------------------------------------------------------


@dataclass
class Heading:
    """A heading with its source positions (character offsets into the file)."""

    level: int
    line: int  # 0-based first line
    end_line: int  # 0-based, exclusive
    setext: bool
    content: str  # raw inline source as markdown-it gives it
    content_start: int
    content_end: int
    line_start: int
    line_end: int
    children: list = field(default_factory=list, repr=False)
    nested: bool = False  # inside a block quote or a list item
    container: int = -1  # token index of the innermost block quote / list item, -1 at top level
    marker_start: int = 0  # the `#` run (ATX) or the underline (setext)
    marker_end: int = 0

    @cached_property
    def text(self) -> str:
        """Plain text of the heading: markup removed, code spans kept."""
        return "".join(c.content for c in self.children if c.type in ("text", "code_inline", "html_inline")).strip()

    @cached_property
    def wrapping(self) -> Optional[str]:
        """The emphasis marker (``**``, ``__``, ``*``, ``_``) wrapping the whole
        content, or None. ``**a** and **b**`` is not wrapped."""
        kids = [c for c in self.children if not (c.type == "text" and not c.content.strip())]
        if len(kids) < 2 or kids[0].type not in _EMPHASIS:
            return None
        closer = _EMPHASIS[kids[0].type]
        depth = 0
        for i, tok in enumerate(kids):
            if tok.type == kids[0].type:
                depth += 1
            elif tok.type == closer:
                depth -= 1
                if depth == 0:
                    return kids[0].markup if i == len(kids) - 1 else None
        return None

    @property
    def inner_span(self) -> tuple[int, int]:
        """Span of the content inside a wrapping emphasis (the whole content if none)."""
        marker = self.wrapping
        if marker is None or self.content_end - self.content_start < 2 * len(marker):
            return self.content_start, self.content_end
        return self.content_start + len(marker), self.content_end - len(marker)

    def parts(self, source: str) -> Optional[list[InlinePart]]:
        """The heading's inline tokens placed in ``source`` (the document's
        text), or None when they cannot be placed with certainty."""
        if "_parts" not in self.__dict__:
            self.__dict__["_parts"] = locate_inline(source, self.content_start, self.content_end, self.children)
        return self.__dict__["_parts"]

    @property
    def span(self) -> tuple[int, int]:
        """Where a finding about the heading as a whole points: from the ``#``
        run of an ATX heading, or the text of a setext one, to the end of the text."""
        if self.setext:
            return self.content_start, self.content_end
        return self.marker_start, max(self.content_end, self.marker_end)

    @classmethod
    def collect(cls, doc: "Document") -> list["Heading"]:
        if not may_have_headings(doc):
            return []
        view = markdown_view(doc)
        tokens = view.tokens
        lines = doc.lines
        result = []
        containers: list[int] = []
        for i, tok in enumerate(tokens):
            if tok.type in ("list_item_open", "blockquote_open"):
                containers.append(i)
            elif tok.type in ("list_item_close", "blockquote_close"):
                if containers:
                    containers.pop()
            if tok.type != "heading_open" or not tok.map:
                continue
            first, last = tok.map
            inline = tokens[i + 1]
            setext = tok.markup in ("=", "-")
            content = inline.content
            line_text = lines.line_text(first)
            line_start = lines.line_start(first)
            level = int(tok.tag[1])
            if setext:
                head = content.split("\n", 1)[0]
                col = line_text.find(head) if head else 0
                under = lines.line_text(last - 1)
                marker_start = lines.line_start(last - 1) + len(under) - len(under.lstrip(" \t>"))
                marker_end = lines.line_start(last - 1) + len(under.rstrip())
            else:
                hashes = line_text.find("#" * level)
                after = hashes + level if hashes >= 0 else 0
                col = line_text.find(content, after) if content else after
                marker_start, marker_end = line_start + max(hashes, 0), line_start + after
            col = max(col, 0)
            start = line_start + col
            if setext and "\n" in content:
                # Multi-line setext content: find its last line to end the span there.
                tail = content.rsplit("\n", 1)[1]
                tail_line = lines.line_text(last - 2) if last - 2 > first else line_text
                end = lines.line_start(last - 2) + max(tail_line.find(tail), 0) + len(tail)
            else:
                end = start + len(content)
            result.append(
                cls(
                    level=level,
                    line=first,
                    end_line=last,
                    setext=setext,
                    content=content,
                    content_start=start,
                    content_end=end,
                    line_start=line_start,
                    line_end=lines.line_end(last - 1),
                    children=view.children(inline) or [],
                    nested=tok.level > 0,
                    container=containers[-1] if containers else -1,
                    marker_start=marker_start,
                    marker_end=marker_end,
                )
            )
        return result


# --------------------------------------------------------------------------
# The outline: Markdown headings plus HTML headings written as blocks
# --------------------------------------------------------------------------

_HTML_HEADING = re.compile(r"<h([1-6])(?:\s[^>]*)?>(.*?)</h\1\s*>", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[^>]*>")


@dataclass(frozen=True)
class OutlineEntry:
    """One entry of the page's outline: a Markdown heading, or an HTML
    ``<h1>``–``<h6>`` block (``heading`` is None for those)."""

    level: int
    line: int
    text: str
    span: tuple[int, int]
    heading: Optional[Heading] = None
    container: int = -1  # see Heading.container

    @property
    def html(self) -> bool:
        return self.heading is None


def outline(doc: "Document") -> list[OutlineEntry]:
    """Headings in reading order, HTML heading blocks (``<h3>Flags</h3>`` on
    their own, which sites use to keep an entry out of the table of contents)
    included at their level. The structure rules (levels, titles, duplicates)
    read this; the style rules read ``doc.headings``."""
    cached = doc.__dict__.get("_outline")
    if cached is not None:
        return cached
    entries = [OutlineEntry(h.level, h.line, h.text, h.span, h, h.container) for h in doc.headings]
    if not entries and not may_have_headings(doc):
        doc.__dict__["_outline"] = entries
        return entries
    html = []
    lines = doc.lines
    for tok in markdown_tokens(doc):
        if tok.type != "html_block" or not tok.map or "<h" not in tok.content.lower():
            continue
        content = tok.content.strip()
        m = _HTML_HEADING.fullmatch(content)
        if m is None or _HTML_HEADING.search(m.group(2)):
            continue
        line = tok.map[0]
        text = lines.line_text(line)
        start = lines.line_start(line) + len(text) - len(text.lstrip())
        end = lines.line_end(tok.map[1] - 1)
        plain = " ".join(html_unescape(_TAG.sub("", m.group(2))).split())
        html.append(OutlineEntry(int(m.group(1)), line, plain, (start, end)))
    if html:
        entries = sorted(entries + html, key=lambda e: e.line)
    doc.__dict__["_outline"] = entries
    return entries
