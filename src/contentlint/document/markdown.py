"""What a site generator does not read as Markdown: template code blocks in
every file, and in MDX files ESM, ``{…}`` expressions and lines of JSX tags.
``Document.markdown_source`` blanks these before the one parse of the file."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, Optional
from ..patterns import lazy_regex

if TYPE_CHECKING:
    from .document import Document

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

_BLANKABLE = lazy_regex(r"[^\r\n]")
_MAX_JS_SCAN = 20_000  # characters one tag or expression may span


def is_mdx(doc: "Document") -> bool:
    return doc.path.lower().endswith(".mdx")


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


# A Liquid output tag (`{{ site.url }}`) or Hugo shortcode call (`{{< ref "x.md" >}}`)
# on one line. Jekyll renders Liquid, and Hugo shortcodes, before the Markdown is
# read, so `[1]: {{ site.url }}/x` is a link definition and `[a]({{< ref "x" >}})`
# a link on the built site; CommonMark would refuse both for the spaces in the
# destination (and then read `[text][1](note)` as a link to `note`). Only a tag
# that starts a destination (after `](` or `]:`) is filled: elsewhere the spaces
# change nothing the parser decides, and a heading's words must stay as written.
# (The `]` is matched, not looked behind at: a literal first character lets
# the regex engine skip to it in C instead of trying both branches everywhere.)
_OUTPUT_TAG = lazy_regex(r"\](?:\((\{\{[^{}\n]*\}\})|:([ \t]*\{\{[^{}\n]*\}\}))")
_TAG_SPACE = lazy_regex(r"[ \t]")


def fill_output_tags(source: str) -> str:
    """``source`` with the spaces inside one-line ``{{ … }}`` tags that start a
    link destination made ``-`` (same length): the parser then reads the tag as
    the one word its output is. Not for MDX, where ``{…}`` is an expression
    (blanked instead)."""
    if "{{" not in source:
        return source
    return _OUTPUT_TAG.sub(_fill, source)


def _fill(match: re.Match[str]) -> str:
    opener = match.group(1)
    if opener is not None:  # `](`{{ … }}
        return "](" + _TAG_SPACE.sub("-", opener)
    found = match.group(2)
    lead = len(found) - len(found.lstrip(" \t"))  # the spaces after `]:` stay: they separate label and destination
    return "]:" + found[:lead] + _TAG_SPACE.sub("-", found[lead:])


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


# An opening tag, matched at the start of its line (see ``_template_open``).
_TEMPLATE_OPEN = lazy_regex(
    r"[ \t]*(?:\{%-?\s*(highlight|comment)\b[^\n]*?-?%\}|\{\{[<%]\s*(highlight)\b[^\n]*?[>%]\}\})"
)
_TEMPLATE_BRACE = lazy_regex(r"\{[{%]")
_TEMPLATE_CLOSE = {
    "highlight": lazy_regex(r"\{%-?\s*endhighlight\s*-?%\}[^\n]*"),
    "comment": lazy_regex(r"\{%-?\s*endcomment\s*-?%\}[^\n]*"),
    "hugo": lazy_regex(r"\{\{[<%]\s*/highlight\s*[>%]\}\}[^\n]*"),
}


def template_spans(source: str, body_start: int = 0) -> list[tuple[int, int]]:
    """Spans of template code/comment blocks that start a line, through the
    end of their closing tag's line; an unclosed block is left alone."""
    spans: list[tuple[int, int]] = []
    pos = body_start
    while True:
        m = _template_open(source, pos)
        if m is None:
            return spans
        kind = "hugo" if m.group(2) else m.group(1)
        close = _TEMPLATE_CLOSE[kind].search(source, m.end())
        if close is None:
            pos = m.end()
            continue
        spans.append((m.start(), close.end()))
        pos = close.end()


def _template_open(source: str, pos: int) -> Optional[re.Match[str]]:
    """The first opening tag on a line that starts at or after ``pos``, spaces
    before it allowed. Found from the `{{`/`{%` braces (few, and a literal
    the regex engine skips to in C) rather than by trying a `^` pattern at
    every character of the file."""
    for brace in _TEMPLATE_BRACE.finditer(source, pos):
        at = brace.start()
        line = source.rfind("\n", 0, at) + 1
        if line < pos or source[line:at].strip(" \t"):
            continue  # the line starts before ``pos``, or text comes before the brace
        m = _TEMPLATE_OPEN.match(source, line)
        if m is not None:
            return m
    return None


_MDX_CANDIDATE = lazy_regex(
    r"^(?:[ \t]*(?P<fence>`{3,}|~{3,})|(?P<esm>(?:import|export)(?=[\s{*]))|[ \t]*(?P<expr>\{)|[ \t]*(?P<tag></?[A-Za-z]))",
    re.MULTILINE,
)
_BLANK_LINE = lazy_regex(r"\n[ \t]*(?:\r?\n|\r|$)")


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
