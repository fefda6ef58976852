"""What one file tells the site index, computed once from the Document's views.

Facts are plain JSON data so the result cache can keep them: a warm run, or a
run over one file, rebuilds the whole site's index without parsing the files
that did not change. Positions are character offsets into the file's text.
"""
from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from typing import Any, Mapping, Optional

from ..document.document import Document
from ..links.extract import document_urls
from ..links.safety import UrlKind, classify

# Bumped when what facts hold changes: cached facts of another version are recomputed.
FACTS_VERSION = 3

# The frontmatter keys that routes, locales and redirects depend on.
ROUTE_KEYS = ("slug", "permalink", "lang", "locale", "language", "draft", "published", "redirect_from",
              "aliases", "url", "date", "categories", "category", "id", "layout", "sitemap")

# kramdown/Hugo/Docusaurus/MkDocs `{#id}` at the end of a heading (an attribute list, not Markdown structure).
_EXPLICIT_ID = re.compile(r"\s*\{\s*#([^\s}]+)[^}]*\}\s*$")
# A kramdown block attribute list on its own line (`{: #apt}` under a heading or
# paragraph) gives that block the id (kramdown syntax, which the CommonMark view
# leaves as text).
_BLOCK_IAL = re.compile(r"^[ \t>]*\{:([^{}\n]*)\}[ \t]*$", re.MULTILINE)
_IAL_ID = re.compile(r"(?:^|\s)#([\w:.-]+)")
# id/name attributes written in HTML or JSX inside the page; any of them is a link target.
_ID_ATTR = re.compile(r"<[A-Za-z][^<>]*?\s(?:id|name)\s*=\s*(?:\"([^\"<>]*)\"|'([^'<>]*)')", re.DOTALL)


@dataclass(frozen=True)
class _LinkFields:
    """The shape document_urls reads (LinkSettings without the network layer)."""

    # Images are LK003's (static folders, src/assets, imports): the site rules read links only.
    fields: tuple[str, ...] = ()
    body_images: bool = False
    body_links: bool = True


_LINKS = _LinkFields()


def _json_value(value: Any, depth: int = 0) -> Any:
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    if depth > 3:
        return None
    if isinstance(value, (list, tuple)):
        return [_json_value(v, depth + 1) for v in value]
    if isinstance(value, Mapping):
        return {str(k): _json_value(v, depth + 1) for k, v in value.items()}
    return str(value)


def route_frontmatter(data: Mapping[str, Any]) -> dict[str, Any]:
    return {k: _json_value(data[k]) for k in ROUTE_KEYS if k in data}


def heading_text(heading: Any) -> str:
    """The heading as a renderer's text content: text and code, no tags (JSX or HTML)."""
    return "".join(c.content for c in heading.children if c.type in ("text", "code_inline")).strip()


def split_explicit_id(text: str) -> tuple[str, Optional[str]]:
    m = _EXPLICIT_ID.search(text)
    if m is None:
        return text, None
    return text[: m.start()], m.group(1)


def own_host(url: str, hosts: frozenset[str]) -> bool:
    """Whether a remote ``url`` is on one of the site's own ``hosts`` (lower case)."""
    rest = url.split("//", 1)[1] if "//" in url else ""
    host = rest.split("/", 1)[0].split("?", 1)[0].split("#", 1)[0].rsplit("@", 1)[-1].split(":", 1)[0]
    return host.lower() in hosts


def facts_of(doc: Document, hosts: frozenset[str] = frozenset()) -> dict[str, Any]:
    """The facts of one document: route frontmatter, headings (text and explicit
    id, in order: slugs depend on the order), HTML ids, and its local links
    and those to the site's own ``hosts``, with their spans ([url, start,
    end, exact]). Links to other hosts are no business of the site model,
    and leaving them out keeps the facts cache small."""
    headings = []
    for h in doc.headings:
        text, explicit = split_explicit_id(heading_text(h))
        headings.append([text, explicit])
    code = doc.code_lines()
    ids: list[str] = []
    text = doc.text
    if "id=" in text or "name=" in text or "id =" in text:
        for m in _ID_ATTR.finditer(text):
            if doc.lines.line_of(m.start()) in code:
                continue
            value = m.group(1) if m.group(1) is not None else m.group(2)
            if value:
                ids.append(value)
    if "{:" in text:
        for m in _BLOCK_IAL.finditer(text):
            if doc.lines.line_of(m.start()) not in code:
                ids.extend(_IAL_ID.findall(m.group(1)))
    links = []
    for use in document_urls(doc, _LINKS):
        kind = classify(use.url)
        if kind == UrlKind.REMOTE:
            if not own_host(use.url, hosts):
                continue
        elif kind not in (UrlKind.LOCAL_RELATIVE, UrlKind.LOCAL_ROOT) and not use.url.startswith("#"):
            continue
        links.append([use.url, use.start, use.end, 1 if use.exact else 0])
    return {"v": FACTS_VERSION, "fm": route_frontmatter(doc.metadata), "h": headings, "ids": ids, "l": links,
            "at": _route_key_span(doc)}


def _route_key_span(doc: Document) -> list[int]:
    """Where findings about the page's route point: its `slug`/`permalink`
    key, else its `title`, else the start of the file."""
    block = doc.frontmatter
    data = doc.metadata
    if block is not None:
        for name in ("slug", "permalink", "url", "title"):
            if name in data:
                try:
                    start, end = block.locate((name,))
                except (ValueError, KeyError, TypeError, IndexError):
                    continue
                return [start, end]
    return [0, 0]
