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

import json
import re
from typing import TYPE_CHECKING, Any, Iterable, Iterator, NamedTuple, Optional, Protocol

from ..document.keynodes import KeyPath
from ..document.mdview import Definition, normalize_label
from ..patterns import lazy_regex

if TYPE_CHECKING:
    import yaml

    from ..document.document import Document
    from ..document.frontmatter import FrontmatterBlock

# Keys under an image field that hold the image itself (Astro `image: {src, alt}`,
# Starlight `hero.image.file` / `.dark` / `.light`, Hugo/Jekyll `path`/`url`).
IMAGE_KEYS = ("src", "url", "image", "file", "path", "dark", "light")
_MAX_DEPTH = 4

_HTML_IMG = lazy_regex(
    r"<img\b[^>]*?\ssrc\s*=\s*(?:\"(?P<d>[^\"]*)\"|'(?P<s>[^']*)'|(?P<b>[^\s\"'=<>`{][^\s\"'=<>`]*))",
    re.IGNORECASE | re.DOTALL,
)


class UrlUse(NamedTuple):
    """One use of a URL. A NamedTuple: one per link of every file, and a
    frozen dataclass cost a Python-level ``__init__`` of seven setattr calls."""

    url: str
    start: int
    end: int
    exact: bool
    image: bool
    where: str  # e.g. "`hero.image.file`", "body image", "HTML <img>", "body link"
    style: str  # quoting context, for whether a replacement can be written verbatim


class UrlSettings(Protocol):
    """Where URLs are looked for (``net.settings.LinkSettings``)."""

    @property
    def fields(self) -> tuple[str, ...]: ...
    @property
    def body_images(self) -> bool: ...
    @property
    def body_links(self) -> bool: ...


# Where a URL was found, what the text there holds, and its quoting context:
# (start, end, exact, style) as in ``UrlUse``.
Span = tuple[int, int, bool, str]


def document_urls(doc: "Document", settings: UrlSettings) -> list[UrlUse]:
    """Every URL use of ``doc`` under ``settings`` (a LinkSettings); the LK
    rules share one answer per file through the rule context's memo."""
    uses = list(_frontmatter_urls(doc, settings.fields))
    if settings.body_images or settings.body_links:
        # In reading order of the uses (a definition's URL where it is first used).
        found = sorted(_body_urls(doc, images=settings.body_images, links=settings.body_links),
                       key=lambda pair: pair[0])
        uses.extend(use for _, use in found)
    seen: set[tuple[int, int, str]] = set()
    unique: list[UrlUse] = []
    for use in uses:
        if (use.start, use.end, use.url) not in seen:
            seen.add((use.start, use.end, use.url))
            unique.append(use)
    return unique


# --- frontmatter -----------------------------------------------------------


def _values(value: Any, path: KeyPath, depth: int = 0) -> Iterator[tuple[KeyPath, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, list) and depth < _MAX_DEPTH:
        for i, item in enumerate(value):
            yield from _values(item, path + (i,), depth + 1)
    elif isinstance(value, dict) and depth < _MAX_DEPTH:
        for key in IMAGE_KEYS:
            if key in value:
                yield from _values(value[key], path + (key,), depth + 1)


def _field_values(data: dict[Any, Any], fields: Iterable[str]) -> Iterator[tuple[KeyPath, str]]:
    seen: set[KeyPath] = set()
    for spec in fields:
        value: Any = data
        path: KeyPath = ()
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


def _where(path: KeyPath) -> str:
    parts: list[str] = []
    for p in path:
        parts.append(f"[{p}]" if isinstance(p, int) else ("." if parts else "") + str(p))
    return "`" + "".join(parts) + "`"


def _frontmatter_urls(doc: "Document", fields: Iterable[str]) -> Iterator[UrlUse]:
    block = doc.frontmatter
    data = doc.metadata
    if block is None or not data:
        return
    cursor: dict[KeyPath, int] = {}
    for path, url in _field_values(data, fields):
        if block.format == "yaml":
            span = _yaml_span(block, path, url)
        else:
            span = _scan_span(block, path, url, cursor)
        start, end, exact, style = span
        yield UrlUse(url, start, end, exact, True, _where(path), style)


def _yaml_node(block: "FrontmatterBlock", path: KeyPath) -> Optional[yaml.Node]:
    import yaml  # lazy: start-up time (only a document with YAML frontmatter gets here)

    node = block.yaml_node
    for part in path:
        if node is None:
            return None
        if isinstance(node, yaml.MappingNode):
            found: Optional[yaml.Node] = None
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode) and key.value == str(part):
                    found = value
            node = found
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            node = node.value[part]
        else:
            return None
    return node


def _yaml_span(block: "FrontmatterBlock", path: KeyPath, url: str) -> Span:
    import yaml  # lazy: start-up time

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


def _scan_span(block: "FrontmatterBlock", path: KeyPath, url: str, cursor: dict[KeyPath, int]) -> Span:
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
    best: Optional[tuple[int, str, str]] = None
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


def _body_urls(doc: "Document", *, images: bool, links: bool) -> Iterator[tuple[int, UrlUse]]:
    """``(where it is used, use)`` for each URL in the body."""
    text = doc.text
    if not links and "![" not in text and "<img" not in text.lower():
        return  # no body image anywhere: nothing to read
    view = doc.markdown
    if images:
        lines = doc.lines
        for block in view.blocks:
            if block.kind == "html" and "<img" in block.content.lower():
                for use in _html_images(text, lines.line_start(block.line), lines.line_end(block.end_line - 1)):
                    yield use.start, use
        for start, end in view.inline_html:
            if "<img" in text[start:end].lower():
                for use in _html_images(text, start, end):
                    yield use.start, use
    definitions: Optional[dict[str, Definition]] = None
    used: set[str] = set()  # a definition is one use of its URL, however many links name it
    for link in view.links:
        image = link.kind == "image"
        # A link with a scheme a renderer may refuse (javascript:, data:) is a
        # link here too: other renderers keep it, and LK rules judge it.
        if not (images if image else links):
            continue
        kind = "body image" if image else "body link"
        if link.dest_start >= 0:
            written = text[link.dest_start : link.dest_end]
            url = written if link.kind == "autolink" else link.url
            if url != link.url and link.url == "mailto:" + written:
                url = link.url  # an email autolink `<a@b.org>` is the URL mailto:a@b.org, not a relative path
            yield link.start, UrlUse(url, link.dest_start, link.dest_end, written == url, image, kind, link.style)
            continue
        if definitions is None:
            definitions = doc.link_definitions
        found = definitions.get(normalize_label(link.label))
        if found is not None and found.label not in used:
            used.add(found.label)
            written = text[found.start : found.end]
            yield link.start, UrlUse(found.url, found.start, found.end, written == found.url, image, kind, found.style)


def _html_images(text: str, start: int, end: int) -> Iterator[UrlUse]:
    for m in _HTML_IMG.finditer(text, start, end):
        for group, style in (("d", "html-double"), ("s", "html-single"), ("b", "html-bare")):
            raw = m.group(group)
            if raw is not None:
                s, e = m.start(group), m.end(group)
                import html  # lazy: start-up time (html.entities is a 2,000-entry table)

                value = html.unescape(raw)
                yield UrlUse(value, s, e, value == raw, True, "HTML <img>", style)
                break


# --- rewriting -------------------------------------------------------------

_YAML_PLAIN_OK = lazy_regex(r"[A-Za-z0-9/.][^\s#]*")


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
