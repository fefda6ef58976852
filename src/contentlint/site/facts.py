"""What one file tells the site index, computed once from the Document's views.

Facts are plain JSON data so the result cache can keep them: a warm run, or a
run over one file, rebuilds the whole site's index without parsing the files
that did not change. Positions are character offsets into the file's text.
"""
from __future__ import annotations

import datetime
import re
from functools import lru_cache
from typing import Any, Iterator, Mapping, Optional

from ..document.document import Document
from ..document.mdview import Definition, normalize_label
from ..links.safety import UrlKind, classify
from ..patterns import lazy_regex

# URLs that are remote whatever follows (classify() may still skip a templated one).
_WEB = ("https://", "http://")
# A paragraph line that may start a definition (`: text`), after container prefixes.
_DEFINITION_LINE = lazy_regex(r"[ \t>]*(?::|\\:|&)")

# Bumped when what facts hold changes: cached facts of another version are recomputed.
FACTS_VERSION = 10

# The frontmatter keys that routes, locales and redirects depend on, in lower case:
# Hugo reads its keys in any case (`publishDate`, `PublishDate`). Hugo's `title`
# fills `:title`/`:slug` permalinks; `build`/`headless` and the dates decide
# whether and where it renders a page.
ROUTE_KEYS = ("slug", "permalink", "lang", "locale", "language", "draft", "published", "redirect_from",
              "aliases", "url", "date", "categories", "category", "id", "layout", "sitemap",
              "title", "build", "_build", "headless", "publishdate", "pubdate", "lastmod", "modified")
_ROUTE_KEYS = frozenset(ROUTE_KEYS)

# kramdown/Hugo/Docusaurus/MkDocs `{#id}` (Python-Markdown also `{: #id }`) at the end of a heading
# (an attribute list, not Markdown structure).
_EXPLICIT_ID = lazy_regex(r"\s*\{:?\s*#([^\s}]+)[^}]*\}\s*$")
# A kramdown block attribute list on its own line (`{: #apt}` under a heading or
# paragraph) gives that block the id (kramdown syntax, which the CommonMark view
# leaves as text).
_BLOCK_IAL = lazy_regex(r"^[ \t>]*\{:([^{}\n]*)\}[ \t]*$", re.MULTILINE)
_IAL_ID = lazy_regex(r"(?:^|\s)#([\w:.-]+)")
# An attribute list (Python-Markdown attr_list) as the text right after an inline
# element: `**Note**{ #note }` gives the element that id.
_INLINE_ATTRS = lazy_regex(r"\{:?([^{}\n]*)\}")
# A cheap test first: an attribute list right after what closes an inline element
# (found from its `{`, a literal the regex engine looks for fast, then the character before).
_ATTR_OPEN = lazy_regex(r"\{:?[ \t]*[#.]")
_ATTR_AFTER = frozenset("*_)`~]>")
# Inline tokens an attribute list may follow (it then belongs to them).
_ATTRIBUTED = {"strong_close", "em_close", "link_close", "image", "code_inline", "s_close"}
# id/name attributes written in HTML or JSX inside the page; any of them is a link target.
_ID_ATTR = lazy_regex(r"<[A-Za-z][^<>]*?\s(?:id|name)\s*=\s*(?:\"([^\"<>]*)\"|'([^'<>]*)')", re.DOTALL)




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
    return {str(k): _json_value(v) for k, v in data.items() if str(k).lower() in _ROUTE_KEYS}


def heading_text(heading: Any) -> str:
    """The heading as a renderer's text content: text and code, no tags (JSX or HTML)."""
    return "".join(p.content for p in heading.parts if p.kind in ("text", "code_inline")).strip()


def split_explicit_id(text: str) -> tuple[str, Optional[str]]:
    # The pattern is tried at every position: a heading without `{` (most) cannot match.
    m = _EXPLICIT_ID.search(text) if "{" in text else None
    if m is None:
        return text, None
    return text[: m.start()], m.group(1)


def own_host(url: str, hosts: frozenset[str]) -> bool:
    """Whether a remote ``url`` is on one of the site's own ``hosts`` (lower case)."""
    if url.isascii():
        # The host is a piece of the URL, lower-cased character by character: a URL
        # holding none of the hosts is on none of them (most links, on other sites).
        low = url.lower()
        if not any(host in low for host in hosts):
            return False
    rest = url.split("//", 1)[1] if "//" in url else ""
    host = rest.split("/", 1)[0].split("?", 1)[0].split("#", 1)[0].rsplit("@", 1)[-1].split(":", 1)[0]
    return host.lower() in hosts


# Scans whose facts only some frameworks read, named by what the site's config
# options say (``scans_for``): definition terms (Hugo's autoDefinitionTermID),
# attribute lists after inline elements (MkDocs' attr_list), kramdown attribute
# lists below headings (Jekyll), text from elsewhere (Hugo's `{{% %}}`, MkDocs'
# `::: `), and each kind of include directive. A site whose framework reads none
# of them pays for none: a skipped scan's fact is empty.
ALL_SCANS = frozenset({"dt", "ai", "hi", "inc", "liquid", "snippet", "mdx"})
# Which include directive kinds (index.py `include_dirs`) each scan finds.
_INCLUDE_SCANS = {"include": "liquid", "include_relative": "liquid", "snippet": "snippet", "mdx": "mdx"}


def scans_for(options: Mapping[str, Any]) -> frozenset[str]:
    """The optional scans a site with these config options reads (see ALL_SCANS)."""
    wanted = {name for name, option in (("dt", "definition_term_ids"), ("ai", "attr_list"), ("hi", "kramdown_ial"),
                                        ("inc", "includes")) if options.get(option)}
    include_dirs = options.get("include_dirs")
    if isinstance(include_dirs, Mapping):
        wanted.update(_INCLUDE_SCANS[k] for k in include_dirs if k in _INCLUDE_SCANS)
    return frozenset(wanted)


def facts_of(doc: Document, hosts: frozenset[str] = frozenset(),
             scans: Optional[frozenset[str]] = None) -> dict[str, Any]:
    """The facts of one document: route frontmatter, headings (text and explicit
    id, in order: slugs depend on the order), HTML ids, and its local links
    and those to the site's own ``hosts``, with their spans ([url, start,
    end, exact]). Links to other hosts are no business of the site model,
    and leaving them out keeps the facts cache small. Of the optional facts,
    only those of ``scans`` are looked for (the others are empty; None: all)."""
    scans = ALL_SCANS if scans is None else scans
    headings = []
    for h in doc.headings:
        text, explicit = split_explicit_id(heading_text(h))
        headings.append([text, explicit])
    code = doc.code_lines()
    ids: list[str] = []
    text = doc.text
    # One-character searches first (memchr): most pages hold no `=` or no `{` outside
    # what is tested next, and each longer search reads the whole text again.
    if "=" in text and ("id=" in text or "name=" in text or "id =" in text):
        for m in _ID_ATTR.finditer(text):
            if doc.lines.line_of(m.start()) in code:
                continue
            value = m.group(1) if m.group(1) is not None else m.group(2)
            if value:
                ids.append(value)
    if "{" in text and "{:" in text:
        for m in _BLOCK_IAL.finditer(text):
            if doc.lines.line_of(m.start()) not in code:
                ids.extend(_IAL_ID.findall(m.group(1)))
    links = site_links(doc, hosts)
    return {"v": FACTS_VERSION, "fm": route_frontmatter(doc.metadata), "h": headings, "ids": ids, "l": links,
            "ai": _inline_attr_ids(doc) if "ai" in scans else [],
            "inc": _includes(doc) if "inc" in scans else 0, "dt": _definition_terms(doc) if "dt" in scans else [],
            "incl": include_directives(doc, scans), "hi": heading_ial_ids(doc) if "hi" in scans else []}


@lru_cache(maxsize=1 << 15)
def _wanted(url: str, hosts: frozenset[str]) -> bool:
    """Whether the site model judges a link to ``url``: local paths, fragments and
    the site's own hosts. Memoised: a site's pages link to the same URLs over and
    over (translations of one page, the same few sites)."""
    # Most links go to other sites: they are dropped before the full classification.
    if url.startswith(_WEB) and not (hosts and own_host(url, hosts)):
        return False
    kind = classify(url)
    if kind == UrlKind.REMOTE:
        return own_host(url, hosts)
    return kind in (UrlKind.LOCAL_RELATIVE, UrlKind.LOCAL_ROOT) or url.startswith("#")


def site_links(doc: Document, hosts: frozenset[str] = frozenset()) -> list[list[Any]]:
    """[url, start, end, exact] of each body link the site model judges (``_wanted``),
    in reading order: the links ``links.extract.document_urls`` finds with body
    links only (no images, no frontmatter fields), read straight from the
    Markdown view's link list into plain lists. A reference-style link names
    its definition's destination (a definition counts once, at its first use);
    definitions are only looked up for a link whose URL the site model wants,
    so a page whose reference links all go to other sites pays no second parse."""
    text = doc.text
    found: list[tuple[int, list[Any]]] = []
    definitions: Optional[dict[str, Definition]] = None
    for link in doc.markdown.links:
        if link.kind == "image":
            continue
        if link.dest_start >= 0:
            if link.kind != "autolink":
                # The URL is the parser's; what is written is only read for a wanted one.
                url = link.url
                if _wanted(url, hosts):
                    written = text[link.dest_start : link.dest_end]
                    found.append((link.start, [url, link.dest_start, link.dest_end, 1 if written == url else 0]))
                continue
            written = text[link.dest_start : link.dest_end]
            url = written
            if url != link.url and link.url == "mailto:" + written:
                url = link.url  # an email autolink `<a@b.org>` is the URL mailto:a@b.org
            if _wanted(url, hosts):
                found.append((link.start, [url, link.dest_start, link.dest_end, 1 if written == url else 0]))
            continue
        if not _wanted(link.url, hosts):
            continue  # the parser resolved the reference to the definition's URL: not one the site judges
        if definitions is None:
            definitions = doc.link_definitions
        definition = definitions.get(normalize_label(link.label))
        if definition is not None and _wanted(definition.url, hosts):
            exact = text[definition.start : definition.end] == definition.url
            found.append((link.start, [definition.url, definition.start, definition.end, 1 if exact else 0]))
    found.sort(key=lambda pair: pair[0])
    # One entry per span and URL: a definition named by several links counts once, at its first use.
    seen: set[tuple[int, int, str]] = set()
    out: list[list[Any]] = []
    for _, entry in found:
        mark = (entry[1], entry[2], entry[0])
        if mark not in seen:
            seen.add(mark)
            out.append(entry)
    return out


def _definition_terms(doc: Document) -> list[str]:
    """The terms of definition lists (`Term` then `: definition`), as text: the
    CommonMark parse keeps them as the first lines of a paragraph. Hugo gives
    them ids like headings with `autoDefinitionTermID`."""
    if "\n: " not in doc.text and "\n:\t" not in doc.text:
        return []
    terms: list[str] = []
    line_text = doc.lines.line_text
    for paragraph in doc.markdown.paragraphs:
        if not any(_DEFINITION_LINE.match(line_text(i)) for i in range(paragraph.line + 1, paragraph.end_line)):
            continue  # no line below the first starts with `:` (written, escaped or as an entity): no definition
        lines: list[list[Any]] = [[]]
        for part in doc.paragraph_parts(paragraph):
            if part.kind in ("softbreak", "hardbreak"):
                lines.append([])
            else:
                lines[-1].append(part)
        first = next((i for i, line in enumerate(lines) if i and line and line[0].kind == "text"
                      and line[0].content.startswith((": ", ":\t"))), 0)
        for line in lines[:first]:
            term = "".join(p.content for p in line if p.kind in ("text", "code_inline")).strip()
            if term:
                terms.append(term)
    return terms


# Paragraphs that a Markdown extension replaces with content generated elsewhere:
# `::: name` blocks (mkdocstrings, mkdocs-click). Snippets are include_directives'.
_INCLUDE_STARTS = ("::: ",)
# Hugo shortcodes called with `{{% %}}`: their output is Markdown, headings included.
_MARKDOWN_SHORTCODE = "{{%"


def _includes(doc: Document) -> int:
    """1 when some of the page's text comes from elsewhere at build time (its anchors are not all known)."""
    text = doc.text
    if "::: " not in text and _MARKDOWN_SHORTCODE not in text:
        return 0
    for block in doc.markdown.blocks:
        if block.kind in ("paragraph", "heading", "table"):
            source = text[block.start : block.end]
            if source.lstrip().startswith(_INCLUDE_STARTS) or _MARKDOWN_SHORTCODE in source:
                return 1
    return 0


def _inline_attr_ids(doc: Document) -> list[str]:
    """Ids given by attribute lists after inline elements (kept apart: only
    sites whose Markdown has attr_list, MkDocs', make them anchors)."""
    text = doc.text
    if not any(text[m.start() - 1] in _ATTR_AFTER for m in _ATTR_OPEN.finditer(text, 1)):
        return []
    found: list[str] = []
    for paragraph in doc.markdown.paragraphs:
        previous = ""
        for part in doc.paragraph_parts(paragraph):
            if part.kind == "text" and previous in _ATTRIBUTED:
                m = _INLINE_ATTRS.match(part.content)
                if m is not None:
                    found.extend(_IAL_ID.findall(m.group(1)))
            previous = part.kind
    return found


def route_key_span(doc: Document) -> list[int]:
    """Where findings about the page's route point: its `slug`/`permalink`
    key, else its `title`, else the start of the file. Worked out when such a
    finding is reported (rules/site/common.py AT_ROUTE_KEY), not kept in every
    page's facts: few pages have one."""
    block = doc.frontmatter
    data = doc.metadata
    if block is not None:
        node = block.yaml_node if block.format == "yaml" else None
        for name in ("slug", "permalink", "url", "title"):
            if name in data:
                # The top-level key straight from the composed YAML (the last duplicate wins, as in
                # the data) instead of indexing every key of the block.
                found = _top_key(node, name, block.content_start)  # marks count from the block's content
                if found is not None:
                    return found
                try:
                    start, end = block.locate((name,))
                except (ValueError, KeyError, TypeError, IndexError):
                    continue
                return [start, end]
    return [0, 0]


def _top_key(node: Any, name: str, base: int) -> Optional[list[int]]:
    import yaml  # lazy: start-up time (a page with YAML frontmatter and a site)

    if not isinstance(node, yaml.MappingNode):
        return None
    found = None
    for key, _ in node.value:
        if isinstance(key, yaml.ScalarNode) and key.value == name:
            found = key
    if found is None:
        return None
    return [base + found.start_mark.index, base + found.end_mark.index]


# --- files a page includes as it is built -------------------------------------------
#
# Jekyll's `{% include name %}` (from `_includes/`) and `{% include_relative name %}`
# insert a file's text before kramdown reads the page; pymdownx.snippets'
# `--8<-- "name"` does the same before Python-Markdown; an MDX page renders an
# imported `.md`/`.mdx` file where its component is used. Each directive is
# [kind, the file as written or None when it is not a literal, how many of the
# page's own headings come before it].
_LIQUID_INCLUDE = lazy_regex(r"\{%-?\s*(include|include_relative)\s+([^\s%]+)[^%]*?-?%\}")
_SNIPPET_LINE = lazy_regex(r"^[ \t]*(;?)--8<--[ \t]*(?:([\"'])(.*?)\2)?[ \t]*$", re.MULTILINE)
_MDX_IMPORT = lazy_regex(r"^import\s+(?:\{[^}]*\bContent\s+as\s+([A-Za-z_$][\w$]*)[^}]*\}|([A-Za-z_$][\w$]*))\s+"
                         r"from\s+(['\"])([^'\"]+\.mdx?)\3", re.MULTILINE)


def include_directives(doc: Document, scans: frozenset[str] = ALL_SCANS) -> list[list[Any]]:
    """The files the page takes text from as it is built (see above), in order;
    only the kinds of ``scans`` (``liquid``, ``snippet``, ``mdx``)."""
    text = doc.text
    # Each substring search reads the whole text: each done once.
    liquid = "liquid" in scans and "{" in text and "{%" in text
    snippets = "snippet" in scans and "--8<--" in text
    mdx = "mdx" in scans and doc.path.lower().endswith(".mdx") and "import" in text
    if not (liquid or snippets or mdx):
        return []
    # Worked out on the first directive found: most pages that say "import" import no Markdown.
    code: Optional[set[int]] = None
    starts: list[int] = []

    def before(offset: int) -> int:
        return sum(1 for s in starts if s < offset)

    found: list[tuple[int, list[Any]]] = []
    for m in _LIQUID_INCLUDE.finditer(text, doc.body_start) if liquid else ():
        if code is None:
            code, starts = doc.code_lines(), sorted(h.content_start for h in doc.headings)
        if doc.lines.line_of(m.start()) not in code:
            name = m.group(2)
            literal = not any(c in name for c in "{}") and "=" not in m.group(0)[m.end(2) - m.start():]
            found.append((m.start(), [m.group(1), name if literal else None, before(m.start())]))
    if snippets:
        for m in _SNIPPET_LINE.finditer(text, doc.body_start):
            if code is None:
                code, starts = doc.code_lines(), sorted(h.content_start for h in doc.headings)
            if m.group(1) or doc.lines.line_of(m.start()) in code:
                continue  # `;--8<--` is the escaped form, shown as text
            name = m.group(3)
            # A section (`file.md:name`), line range or URL takes part of a file, or one from elsewhere.
            literal = name is not None and name != "" and ":" not in name
            found.append((m.start(), ["snippet", name if literal else None, before(m.start())]))
    if mdx:
        fenced: Optional[set[int]] = None
        for m in _mdx_imports(text, doc.body_start):
            if fenced is None:
                fenced = doc.markdown.code_block_lines()  # code_lines() also holds the ESM lines themselves
                starts = sorted(h.content_start for h in doc.headings)
            if doc.lines.line_of(m.start()) in fenced:
                continue
            component = m.group(1) or m.group(2)
            used = re.search(r"<" + re.escape(component) + r"[\s/>]", text[m.end():])
            if used is not None:
                at = m.end() + used.start()
                found.append((at, ["mdx", m.group(4), before(at)]))
    return [entry for _, entry in sorted(found, key=lambda f: f[0])]


def _mdx_imports(text: str, start: int) -> Iterator[re.Match[str]]:
    """``_MDX_IMPORT.finditer(text, start)``, tried only where a line starts with
    `import` (the pattern cannot match elsewhere) instead of at every position."""
    at = start
    while True:
        found = text.find("import", at)
        if found < 0:
            return
        if found == 0 or text[found - 1] == "\n":
            m = _MDX_IMPORT.match(text, found)
            if m is not None:
                yield m
                at = max(m.end(), found + 1)
                continue
        at = found + 1


def heading_ial_ids(doc: Document) -> list[list[Any]]:
    """[heading number, id] for each heading followed on the next line by a
    kramdown block attribute list with an id (`### portage (Gentoo)` then
    `{: #portage}`): kramdown gives the heading that id instead of an
    automatic one (its converter only makes an id for a header without one).
    Kept apart: only kramdown reads the line so."""
    text = doc.text
    if "{" not in text or "{:" not in text:  # the one-character search first (memchr)
        return []
    found: list[list[Any]] = []
    lines = doc.lines
    for number, heading in enumerate(doc.headings):
        if heading.end_line >= len(lines):
            continue
        m = _BLOCK_IAL.fullmatch(lines.line_text(heading.end_line))
        ids = _IAL_ID.findall(m.group(1)) if m is not None else []
        if ids:
            found.append([number, ids[-1]])
    return found
