"""Image and link URLs of a document, each with the span where it is written.

Frontmatter: the configured fields (``hero``, ``image``…), following nested
forms (``image: {src: …}``, ``hero.image.file``) and lists. Body: inline and
reference-style images, ``<img src>`` in HTML, and (when asked) links.

Spans are character offsets into ``doc.text``. ``exact`` says the text at the
span is the URL itself, so a fix may rewrite it; when escapes or folding sit
between the source and the value, the span still points at the value but no
fix is offered.
"""
from __future__ import annotations

import html
from bisect import bisect_right
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterator, Optional

import yaml

from .safety import UrlKind, classify

# Keys under an image field that hold the image itself (Astro `image: {src, alt}`,
# Starlight `hero.image.file` / `.dark` / `.light`, Hugo/Jekyll `path`/`url`).
IMAGE_KEYS = ("src", "url", "image", "file", "path", "dark", "light")
_MAX_DEPTH = 4

_HTML_IMG = re.compile(
    r"<img\b[^>]*?\ssrc\s*=\s*(?:\"(?P<d>[^\"]*)\"|'(?P<s>[^']*)'|(?P<b>[^\s\"'=<>`{][^\s\"'=<>`]*))",
    re.IGNORECASE | re.DOTALL,
)
_LINK_TAIL = re.compile(r"\]\(")
_MAYBE_DISALLOWED = re.compile(r"(?<![\w.+-])(?:javascript|vbscript|file|data)\s*:", re.IGNORECASE)
_REF_DEF = re.compile(
    r"^(?:[ \t]{0,3}>[ \t]?)*[ \t]{0,3}\[(?P<label>(?:[^\]\\\n]|\\.){1,999})\]:[ \t]*(?:\r?\n(?:[ \t]*>)*[ \t]*)?"
    r"(?P<dest><[^<>\n]*>|\S+)",
    re.MULTILINE,
)


@dataclass(frozen=True)
class UrlUse:
    url: str
    start: int
    end: int
    exact: bool
    image: bool
    where: str  # e.g. "`hero.image.file`", "body image", "HTML <img>", "body link"
    style: str  # quoting context, for whether a replacement can be written verbatim


@lru_cache(maxsize=1)
def _md():
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark")


def document_urls(doc, settings) -> list[UrlUse]:
    """Every URL use of ``doc`` under ``settings`` (a LinkSettings), computed once per document."""
    key = (settings.fields, settings.body_images, settings.body_links)
    cached = doc.__dict__.get("_contentlint_urls")
    if cached is not None and cached[0] == key:
        return cached[1]
    uses = list(_frontmatter_urls(doc, settings.fields))
    if settings.body_images or settings.body_links:
        uses.extend(_body_urls(doc, images=settings.body_images, links=settings.body_links))
    seen = set()
    unique = []
    for use in uses:
        if (use.start, use.end, use.url) not in seen:
            seen.add((use.start, use.end, use.url))
            unique.append(use)
    doc.__dict__["_contentlint_urls"] = (key, unique)
    return unique


# --- frontmatter -----------------------------------------------------------


def _values(value, path: tuple, depth: int = 0) -> Iterator[tuple[tuple, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, list) and depth < _MAX_DEPTH:
        for i, item in enumerate(value):
            yield from _values(item, path + (i,), depth + 1)
    elif isinstance(value, dict) and depth < _MAX_DEPTH:
        for key in IMAGE_KEYS:
            if key in value:
                yield from _values(value[key], path + (key,), depth + 1)


def _field_values(data: dict, fields) -> Iterator[tuple[tuple, str]]:
    seen: set[tuple] = set()
    for spec in fields:
        value = data
        path: tuple = ()
        for part in spec.split("."):
            if not isinstance(value, dict) or part not in value:
                break
            value = value[part]
            path += (part,)
        else:
            for found_path, url in _values(value, path):
                if found_path not in seen:
                    seen.add(found_path)
                    yield found_path, url


def _where(path: tuple) -> str:
    parts = []
    for p in path:
        parts.append(f"[{p}]" if isinstance(p, int) else ("." if parts else "") + str(p))
    return "`" + "".join(parts) + "`"


def _frontmatter_urls(doc, fields) -> Iterator[UrlUse]:
    block = doc.frontmatter
    data = doc.metadata
    if block is None or not data:
        return
    cursor: dict[tuple, int] = {}
    for path, url in _field_values(data, fields):
        if block.format == "yaml":
            span = _yaml_span(block, path, url)
        else:
            span = _scan_span(block, path, url, cursor)
        start, end, exact, style = span
        yield UrlUse(url, start, end, exact, True, _where(path), style)


def _yaml_node(block, path):
    node = block.yaml_node
    for part in path:
        if node is None:
            return None
        if isinstance(node, yaml.MappingNode):
            found = None
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode) and key.value == str(part):
                    found = value
            node = found
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            node = node.value[part]
        else:
            return None
    return node


def _yaml_span(block, path, url):
    node = _yaml_node(block, path)
    if not isinstance(node, yaml.ScalarNode):
        start, end = block.locate(path)
        return start, end, False, "none"
    base = block.content_start
    start, end = base + node.start_mark.index, base + node.end_mark.index
    text = block.text
    if node.style in ("'", '"'):
        inner = (start + 1, end - 1)
        exact = text[inner[0] : inner[1]] == url
        return inner[0], inner[1], exact, "yaml-single" if node.style == "'" else "yaml-double"
    if not node.style:  # plain (the C loader says "", the Python one None)
        return start, end, text[start:end] == url, "yaml-plain"
    return start, end, False, "none"


def _scan_span(block, path, url, cursor):
    """TOML/JSON have no position-aware parser in the standard library: find the
    value's literal after its key (list items in order after the previous one)."""
    text = block.text
    keys = tuple(p for p in path if not isinstance(p, int))
    key_start, key_end = block.locate(keys)
    parent = path[:-1] if path and isinstance(path[-1], int) else path
    pos = max(key_end, cursor.get(parent, 0))
    limit = block.content_end
    candidates = []
    if block.format == "json":
        candidates.append((json.dumps(url, ensure_ascii=False), "json"))
        candidates.append((json.dumps(url), "json"))
    else:
        candidates.append(('"' + url.replace("\\", "\\\\").replace('"', '\\"') + '"', "toml-basic"))
        candidates.append(("'" + url + "'", "toml-literal"))
        candidates.append(("'''" + url + "'''", "none"))
    best = None
    for literal, style in candidates:
        at = text.find(literal, pos, limit)
        if at >= 0 and (best is None or at < best[0]):
            best = (at, literal, style)
    if best is None:
        return key_start, key_end, False, "none"
    at, literal, style = best
    quote = 3 if literal.startswith("'''") else 1
    start, end = at + quote, at + len(literal) - quote
    cursor[parent] = at + len(literal)
    return start, end, text[start:end] == url, style


# --- body --------------------------------------------------------------------


def _body_urls(doc, *, images: bool, links: bool) -> Iterator[UrlUse]:
    text = doc.text
    if not links and "![" not in text and "<img" not in text.lower() and not (
        "](" in text and _MAYBE_DISALLOWED.search(text)
    ):
        return  # no body image anywhere: no parse needed
    tokens = doc.block_tokens
    if not tokens:
        return
    from ..document.text_regions import inline_code_spans

    text = doc.text
    lines = doc.lines
    code: Optional[list] = None
    definitions = None
    used_defs: set[tuple[int, int]] = set()
    last_map = None
    for tok in tokens:
        if tok.map:
            last_map = tok.map
        if tok.type == "html_block" and images and tok.map:
            if "<img" in tok.content or "<IMG" in tok.content.upper():
                yield from _html_images(text, lines.line_start(tok.map[0]), lines.line_end(tok.map[1] - 1))
            continue
        if tok.type != "inline":
            continue
        content = tok.content
        if links:
            if "[" not in content and "<" not in content:
                continue  # no image, link or HTML here
        elif "![" not in content and "<img" not in content.lower() and not (
            "](" in content and _MAYBE_DISALLOWED.search(content)
        ):
            continue  # no image here, nor a link with a refused scheme (below)
        children = doc.inline_children(tok)
        if not children:
            continue
        span_map = tok.map or last_map
        if not span_map:
            continue
        region_start = lines.line_start(span_map[0])
        region_end = lines.line_end(span_map[1] - 1)
        candidates = None
        html_done = False
        for child in children:
            wanted_image = child.type == "image" and images
            wanted_link = child.type == "link_open" and links
            if child.type == "html_inline" and images:
                if not html_done and "<img" in child.content.lower():
                    html_done = True
                    code = inline_code_spans(doc) if code is None else code
                    yield from _html_images(text, region_start, region_end, code)
                continue
            if not (wanted_image or wanted_link):
                continue
            target = child.attrGet("src" if wanted_image else "href") or ""
            if child.markup == "autolink":
                found = _autolink(text, region_start, region_end, target)
                if found is not None:
                    yield UrlUse(text[found[0] : found[1]], found[0], found[1], True, False, "body link", "md-angle")
                continue
            if candidates is None:
                code = inline_code_spans(doc) if code is None else code
                candidates = _inline_destinations(text, region_start, region_end, code)
            hit = next((c for c in candidates if not c[4] and c[2] == target), None)
            kind = "body image" if wanted_image else "body link"
            if hit is not None:
                hit[4] = True
                yield UrlUse(hit[3], hit[0], hit[1], text[hit[0] : hit[1]] == hit[3], wanted_image, kind, hit[5])
                continue
            if definitions is None:
                definitions = _definitions(doc)
            for d in definitions:
                if d[2] == target:
                    if (d[0], d[1]) not in used_defs:
                        used_defs.add((d[0], d[1]))
                        yield UrlUse(d[3], d[0], d[1], text[d[0] : d[1]] == d[3], wanted_image, kind, d[5])
                    break
        if "](" in tok.content and _MAYBE_DISALLOWED.search(tok.content):
            # markdown-it drops links and images whose scheme it refuses (javascript:,
            # vbscript:, file:, most data:), but other renderers keep them.
            if candidates is None:
                code = inline_code_spans(doc) if code is None else code
                candidates = _inline_destinations(text, region_start, region_end, code)
            for c in candidates:
                if c[4] or classify(c[3]) != UrlKind.DISALLOWED_SCHEME:
                    continue
                c[4] = True
                is_image = _opens_image(text, c[0], region_start)
                if (is_image and images) or (not is_image and links):
                    kind = "body image" if is_image else "body link"
                    yield UrlUse(c[3], c[0], c[1], text[c[0] : c[1]] == c[3], is_image, kind, c[5])


def _inside(spans, offset: int) -> bool:
    """Whether ``offset`` falls in one of ``spans`` (sorted, non-overlapping)."""
    i = bisect_right(spans, (offset, float("inf"))) - 1
    return i >= 0 and spans[i][0] <= offset < spans[i][1]


def _inline_destinations(text: str, start: int, end: int, code: list[tuple[int, int]]) -> list[list]:
    """[start, end, normalized, raw value, used, style] for each `](dest` in the region."""
    from markdown_it.helpers import parseLinkDestination

    md = _md()
    found = []
    for m in _LINK_TAIL.finditer(text, start, end):
        if _inside(code, m.start()):
            continue
        pos = m.end()
        while pos < end and text[pos] in " \t":
            pos += 1
        if text.startswith("\r\n", pos):
            pos += 2
        elif pos < end and text[pos] in "\r\n":
            pos += 1
        while pos < end and text[pos] in " \t":
            pos += 1
        res = parseLinkDestination(text, pos, end)
        if not res.ok:
            continue
        angle = text.startswith("<", pos)
        s, e = (pos + 1, res.pos - 1) if angle else (pos, res.pos)
        found.append([s, e, md.normalizeLink(res.str), res.str, False, "md-angle" if angle else "md"])
    return found


def _opens_image(text: str, dest_start: int, limit: int) -> bool:
    """Whether the `[…](` ending just before ``dest_start`` opens with `![`."""
    pos = text.rfind("](", limit, dest_start)
    depth = 0
    while pos >= limit:
        ch = text[pos]
        if ch == "]" and (pos == 0 or text[pos - 1] != "\\"):
            depth += 1
        elif ch == "[" and (pos == 0 or text[pos - 1] != "\\"):
            depth -= 1
            if depth == 0:
                return pos > 0 and text[pos - 1] == "!"
        pos -= 1
    return False


def _autolink(text: str, start: int, end: int, target: str) -> Optional[tuple[int, int]]:
    md = _md()
    for m in re.finditer(r"<([^<>\s]+)>", text[start:end]):
        if md.normalizeLink(m.group(1)) == target:
            return start + m.start(1), start + m.end(1)
    return None


def _definitions(doc) -> list[list]:
    from markdown_it.common.utils import unescapeAll

    md = _md()
    text = doc.text
    code_lines = doc.code_lines()
    lines = doc.lines
    out = []
    for m in _REF_DEF.finditer(text, doc.body_start):
        if lines.line_of(m.start()) in code_lines:
            continue
        dest = m.group("dest")
        s, e = m.start("dest"), m.end("dest")
        style = "md"
        if dest.startswith("<") and dest.endswith(">"):
            s, e, dest, style = s + 1, e - 1, dest[1:-1], "md-angle"
        raw = unescapeAll(dest)
        out.append([s, e, md.normalizeLink(raw), raw, False, style])
    return out


def _html_images(text: str, start: int, end: int, code: list = ()) -> Iterator[UrlUse]:
    for m in _HTML_IMG.finditer(text, start, end):
        if _inside(code, m.start()):
            continue
        for group, style in (("d", "html-double"), ("s", "html-single"), ("b", "html-bare")):
            raw = m.group(group)
            if raw is not None:
                s, e = m.start(group), m.end(group)
                value = html.unescape(raw)
                yield UrlUse(value, s, e, value == raw, True, "HTML <img>", style)
                break


# --- rewriting -------------------------------------------------------------

_YAML_PLAIN_OK = re.compile(r"[A-Za-z0-9/.][^\s#]*")


def can_replace(use: UrlUse, new: str) -> bool:
    """Whether ``new`` can be written over ``use`` verbatim in its quoting context."""
    if not use.exact or not new or any(ord(c) < 0x20 or c == "\x7f" for c in new):
        return False
    style = use.style
    if style == "yaml-plain":
        return bool(_YAML_PLAIN_OK.fullmatch(new)) and ": " not in new and not new.endswith(":")
    if style in ("yaml-single", "toml-literal"):
        return "'" not in new
    if style in ("yaml-double", "toml-basic", "json"):
        return '"' not in new and "\\" not in new
    if style == "md":
        return not re.search(r"[\s()<>\\]", new)
    if style == "md-angle":
        return not re.search(r"[<>\n\\]", new)
    if style == "html-double":
        return '"' not in new and "&" not in new
    if style == "html-single":
        return "'" not in new and "&" not in new
    if style == "html-bare":
        return not re.search(r"[\s\"'=<>`&]", new)
    return False
