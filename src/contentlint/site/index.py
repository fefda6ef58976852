"""The site index: every page's route, locale, anchors and redirects, and the
resolution of a link written in one page to the page (and anchor) it reaches.

Built from facts (site/facts.py) after the per-file phase. A link is judged
only when the site model can be sure: links into routes whose values come
from code (``[param]`` pages), into other hosts, or written as templates are
left alone.
"""
from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from typing import Any, Mapping, Optional
from urllib.parse import SplitResult, unquote, urlsplit

from ..document.document import Document
from .facts import facts_of
from .frameworks.base import Framework, PageInput, SiteConfig
from .skeleton import Skeleton

# Links that name a Markdown file, which the framework turns into its page.
_MARKDOWN_LINK = (".md", ".mdx", ".markdown")
# Browsers scroll to the top for `#top` (and an empty fragment) when no element has that id.
ALWAYS_ANCHORS = {"", "top"}
# How deep included files may include others (Jekyll allows any depth; a loop must end).
_INCLUDE_DEPTH = 4
_INCLUDE_MAX_BYTES = 1 << 20


@dataclass
class Page:
    relpath: str
    route: Optional[str]
    locale: Optional[str]
    markdown: bool
    facts: Optional[dict[str, Any]] = None
    aliases: tuple[str, ...] = ()
    fallback: bool = False  # a route the framework fills with the default locale's page
    # `//host` when the page's locale is served on a host of its own (Hugo multihost), else "".
    origin: str = ""
    _anchors: Optional[set[str]] = field(default=None, repr=False)


@dataclass(frozen=True)
class Resolution:
    """Where a link leads. ``status``: ``ok``, ``page`` (no such page), ``anchor``
    (the page exists, the anchor does not), or ``skip`` (not judged)."""

    status: str
    target: Optional[Page] = None
    fragment: str = ""
    path: str = ""  # the site path the link reaches (base included)
    suggestion: Optional[str] = None
    origin: str = ""  # the host that path is on, when the site has one per locale


def key(path: str) -> str:
    """A route as links compare to it: without the trailing slash, `index.html` or `.html`."""
    path = unquote(path)
    if path.endswith("/index.html"):
        path = path[: -len("index.html")]
    elif path.endswith(".html"):
        path = path[: -len(".html")]
    return path.rstrip("/") or "/"


def _pattern(route: str, locales: tuple[str, ...]) -> re.Pattern[str]:
    out = []
    for part in route.strip("/").split("/"):
        if part.startswith("[...") and part.endswith("]"):
            out.append(r"(?:/.*)?")
        else:
            piece = re.sub(r"\\\[[^/\]]+\\\]", "[^/]+", re.escape(part))
            out.append("/" + piece)
    regex = "".join(out)
    if route.strip("/").startswith("[...") and locales:
        # A catch-all at the site root does not serve the locale folders: they have their own routes.
        regex = rf"(?!/(?:{'|'.join(map(re.escape, locales))})(?:/|$)){regex}"
    return re.compile(regex + "/?")


class SiteIndex:
    def __init__(self, framework: Framework, config: SiteConfig, skeleton: Skeleton,
                 extra_redirects: Optional[Mapping[str, str]] = None):
        self.framework = framework
        self.config = config
        self.skeleton = skeleton
        self.pages: dict[str, Page] = {}
        self.routes: dict[str, list[Page]] = {}
        self._route_groups: Optional[dict[str, list[str]]] = None
        self._close_memo: dict[str, Optional[str]] = {}
        self.patterns: list[re.Pattern[str]] = []
        self.redirects: dict[str, str] = {key(k): v for k, v in {**config.redirects, **(extra_redirects or {})}.items()}
        self.redirect_patterns = [_pattern(k, ()) for k in self.redirects if "[" in k]
        self.translations_mirror = bool(config.options.get("fallback"))
        # Routes the framework makes without a file (Docusaurus' blog list, archive, tag pages).
        self.generated: set[str] = set()
        for route in config.options.get("generated_routes", ()):
            if "[" in str(route):
                self.patterns.append(_pattern(str(route), ()))
            else:
                self.generated.add(key(str(route)))
        self._prefixes: dict[str, str] = {}
        self._locale_routes: Optional[dict[str, list[str]]] = None  # route keys by locale (locale_prefix)
        # A site whose locales each have a host of their own (Hugo multihost): the
        # same path is a different page on each host, so routes are keyed by host too.
        self._locale_hosts: dict[str, str] = {str(k): "//" + str(v).lower()
                                              for k, v in config.options.get("locale_hosts", {}).items()}
        self._host_origins = frozenset(self._locale_hosts.values())
        self._folded: Optional[dict[str, Page]] = None  # pages by case-folded path (link hooks)
        self._included: dict[str, Optional[dict[str, Any]]] = {}  # facts of included files, by relpath
        # Whether a page's anchors are all known, by relpath, with the facts it was decided on
        # (a fix replaces a page's facts).
        self._known: dict[str, tuple[Any, bool]] = {}
        # Memos of the link questions (``resolve``): by link context and URL, by (page, anchor),
        # each distinct URL's parts, and each page's resolved links.
        self._resolved: dict[tuple[tuple[Any, ...], str], Resolution] = {}
        self._anchor_memo: dict[tuple[int, str], tuple[Page, str, Optional[str]]] = {}
        self._split: dict[str, SplitResult] = {}
        self._page_links: dict[int, tuple[Any, Page, list[tuple[str, int, int, bool, Resolution]]]] = {}
        # Whether resolving a link reads the linking file's whole path (link hooks, file-link candidates).
        self._per_file = bool(config.options.get("link_hook")) or hasattr(framework, "link_candidates")

    # --- building -------------------------------------------------------------

    def close_route(self, path: str, cutoff: float = 0.85) -> Optional[str]:
        """A route close to ``path`` (for "did you mean"), among the routes
        under the same first segment (locale or section) on the same host
        (``//host/path`` on a site with a host per locale), the path without
        the host: comparing with every route of a 5,000-page site cost
        seconds per run. Memoised per path."""
        memo = self._close_memo
        if path not in memo:
            groups = self._route_groups
            if groups is None:  # built on first use: every page has been added by then
                groups = self._route_groups = {}
                for route in self.routes:
                    origin, inner = _split_origin(route)
                    groups.setdefault(origin + inner.strip("/").split("/", 1)[0], []).append(inner)
            origin, inner = _split_origin(path)
            candidates = groups.get(origin + inner.strip("/").split("/", 1)[0], [])
            import difflib  # lazy: start-up time (only a broken link needs it)

            close = difflib.get_close_matches(inner, candidates, n=1, cutoff=cutoff)
            memo[path] = close[0] if close else None
        found: Optional[str] = memo[path]
        return found

    def add(self, relpath: str, frontmatter: Mapping[str, Any], markdown: bool,
            facts: Optional[dict[str, Any]] = None) -> Page:
        page_input = PageInput(relpath, frontmatter, markdown)
        try:
            route = self.framework.route(page_input, self.config)
            locale = self.framework.locale(page_input, self.config)
            aliases = self.framework.aliases(page_input, self.config)
        except (ValueError, TypeError, OverflowError):
            route, locale, aliases = None, None, ()  # odd front matter: the per-file rules report it
        page = Page(relpath, route, locale, markdown, facts, aliases, origin=self.locale_origin(locale))
        return self._register(page)

    def _register(self, page: Page) -> Page:
        """Index ``page`` by its route (or route pattern) and its aliases."""
        self.pages[page.relpath] = page
        self._locale_routes = None  # a locale's routes as locale_prefix reads them include this page
        route = page.route
        if route is not None:
            if "[" in route:
                self.patterns.append(_pattern(route, self.config.locales))
            else:
                self.routes.setdefault(page.origin + key(route), []).append(page)
        for alias in page.aliases:
            self.redirects.setdefault(page.origin + key(alias), route or "")
        return page

    def add_known(self, relpath: str, facts: dict[str, Any], route: Optional[str], locale: Optional[str],
                  aliases: tuple[str, ...]) -> Page:
        """A Markdown page whose route, locale and aliases were computed before (the facts cache)."""
        page = Page(relpath, route, locale, True, facts, aliases, origin=self.locale_origin(locale))
        return self._register(page)

    def finish(self) -> None:
        """Add the routes the framework fills in: Starlight (and Docusaurus,
        mkdocs-static-i18n) serve every page of the default locale in each
        other locale that lacks it (a fallback)."""
        cfg = self.config
        if not (cfg.options.get("fallback") and cfg.default_locale and cfg.locales):
            return
        prefix = self.locale_prefix(cfg.default_locale)
        for route_key, pages in list(self.routes.items()):
            page = pages[0]
            if page.locale != cfg.default_locale or not _under(route_key, prefix):
                continue
            rest = route_key[len(prefix) :]
            for locale in cfg.locales:
                if locale == cfg.default_locale or locale == "root":
                    continue
                other = self.locale_origin(locale) + key(self.locale_prefix(locale) + rest)
                if other not in self.routes:
                    self.routes[other] = [Page(page.relpath, page.route, locale, page.markdown, page.facts,
                                               fallback=True, origin=self.locale_origin(locale))]

    def locale_origin(self, locale: Optional[str]) -> str:
        """``//host`` when ``locale`` is served on a host of its own, else ""."""
        return self._locale_hosts.get(locale, "") if locale is not None else ""

    def shown_route(self, page: Page) -> Optional[str]:
        """``page``'s route as the routes table and snapshot write it: with its
        host (``//host/path/``) when its locale has a host of its own, since
        the same path is then a different page on each host."""
        return None if page.route is None else page.origin + page.route

    def route_key(self, page: Page) -> Optional[str]:
        """The key ``page`` is indexed under in ``routes`` (None: no static route)."""
        if page.route is None or "[" in page.route:
            return None
        return page.origin + key(page.route)

    def locale_prefix(self, locale: str) -> str:
        """Where ``locale``'s pages live, as a route key without the trailing
        slash ("" for the site root): ``/fr`` (``base/fr``) when its pages are
        there, else the base (a default locale kept at the root, as Hugo,
        MkDocs, Docusaurus and Starlight's `root` locale do)."""
        if locale not in self._prefixes:
            if self._locale_routes is None:  # every locale's routes in one pass over the pages
                self._locale_routes = {}
                for p in self.pages.values():
                    if p.locale is not None and p.route is not None and "[" not in p.route:
                        self._locale_routes.setdefault(p.locale, []).append(key(p.route))
            base = key(self.config.base).rstrip("/")
            folder = base + "/" + locale
            routes = self._locale_routes.get(locale, [])
            at_root = bool(routes) and not any(_under(r, folder) for r in routes)
            self._prefixes[locale] = base if at_root else folder
        return self._prefixes[locale]

    # --- questions ------------------------------------------------------------

    def _slugger(self) -> Any:
        configured = getattr(self.framework, "slugger_for", None)
        return configured(self.config) if configured is not None else self.framework.slugger()

    def anchors(self, page: Page) -> set[str]:
        if page._anchors is None:
            found: set[str] = set()
            facts = page.facts or {}
            slug = self._slugger()
            headings = self._own_headings(facts)
            ids: list[str] = list(facts.get("ids", []))
            if facts.get("incl"):
                try:
                    headings, ids, separate = self._with_includes(page.relpath, facts, 0)
                    found.update(separate)
                except _Unknown:
                    pass  # not judged (anchors_known); the page's own anchors are still its anchors
            if getattr(slug, "explicit_first", False):
                found.update(slug.explicit(e) for _, e in headings if e)
                found.update(slug(t) for t, e in headings if not e)
            else:
                for text, explicit in headings:
                    if explicit:
                        found.add(slug.explicit(explicit) if hasattr(slug, "explicit") else explicit)
                    else:
                        found.add(slug(text))
            if self.config.options.get("definition_term_ids"):
                found.update(slug(t) for t in facts.get("dt", []))
            found.discard("")
            found.update(ids)
            if self.config.options.get("attr_list"):
                found.update(facts.get("ai", []))
            if self.config.options.get("starlight"):
                found.add("_top")  # Starlight's page title
            page._anchors = found
        return page._anchors

    def _own_headings(self, facts: dict[str, Any]) -> list[Any]:
        """The page's headings as [text, explicit id]; with kramdown, an attribute
        list on the line below a heading is its explicit id."""
        headings: list[Any] = list(facts.get("h", []))
        if self.config.options.get("kramdown_ial"):
            for number, anchor in facts.get("hi", []):
                if 0 <= number < len(headings):
                    headings[number] = [headings[number][0], anchor]
        return headings

    def _include_path(self, relpath: str, kind: str, name: str) -> Optional[str]:
        """The site file an include directive of ``relpath`` names, None when it is not there."""
        here = posixpath.dirname(relpath)
        folders = self.config.options.get("include_dirs", {}).get(kind)
        if folders is not None and not isinstance(folders, (list, tuple)):
            return None
        candidates = [posixpath.join(str(f), name) for f in folders] if folders is not None else [
            posixpath.join(here, name)]
        for candidate in candidates:
            normal = posixpath.normpath(candidate)
            if normal.startswith("../") or normal == "..":
                continue
            if (self.config.root / normal).is_file():
                return normal
        return None

    def _include_facts(self, relpath: str) -> Optional[dict[str, Any]]:
        """The facts of an included file (a page's, or read now), None when unreadable."""
        if relpath not in self._included:
            page = self.pages.get(relpath)
            facts = page.facts if page is not None else None
            if facts is None:
                try:
                    path = self.config.root / relpath
                    raw = path.read_bytes() if path.stat().st_size <= _INCLUDE_MAX_BYTES else None
                except OSError:
                    raw = None
                doc = Document.from_bytes(relpath, raw) if raw is not None else None
                facts = facts_of(doc) if doc is not None and not doc.binary else None
            self._included[relpath] = facts
        return self._included[relpath]

    def _with_includes(self, relpath: str, facts: dict[str, Any], depth: int
                       ) -> tuple[list[Any], list[str], set[str]]:
        """The page's headings with those of the files it includes spliced in
        where they are included (a slugger counts them in that order), its ids
        with theirs, and the anchors of imported MDX files (which make their own
        ids). Raises ``_Unknown`` when some included text cannot be known."""
        headings = self._own_headings(facts)
        ids: list[str] = list(facts.get("ids", []))
        separate: set[str] = set()
        if depth and facts.get("inc") and self.config.options.get("includes"):
            raise _Unknown
        shift = 0
        understood = self.config.options.get("include_dirs", {})
        for kind, name, position in facts.get("incl", []):
            if kind not in understood:
                continue  # not a directive of this framework: text on the page
            if name is None or depth >= _INCLUDE_DEPTH:
                raise _Unknown
            target = self._include_path(relpath, str(kind), str(name))
            inner = self._include_facts(target) if target is not None else None
            if target is None or inner is None:
                raise _Unknown  # a file outside the site or not there: the build says more than we can
            inner_headings, inner_ids, inner_separate = self._with_includes(target, inner, depth + 1)
            if any("{{" in i or "{%" in i for i in inner_ids) or any("{{" in t or "{%" in t for t, _ in inner_headings):
                raise _Unknown  # ids or headings made by the template
            separate.update(inner_separate)
            if kind == "mdx":
                separate.update(self._own_anchors(inner_headings, inner_ids))
                continue
            at = int(position) + shift
            headings[at:at] = inner_headings
            shift += len(inner_headings)
            ids.extend(inner_ids)
        return headings, ids, separate

    def _own_anchors(self, headings: list[Any], ids: list[str]) -> set[str]:
        """Anchors of a file rendered on its own (an imported MDX file has its own slugger)."""
        slug = self._slugger()
        found = {slug.explicit(e) if e and hasattr(slug, "explicit") else e if e else slug(t) for t, e in headings}
        found.update(ids)
        found.discard("")
        return found

    def anchors_known(self, page: Page) -> bool:
        """Whether every anchor of ``page`` can be known offline (no text from code or a file not there)."""
        facts = page.facts or {}
        if facts.get("inc") and self.config.options.get("includes"):
            return False
        if not facts.get("incl"):
            return True
        memo = self._known.get(page.relpath)
        if memo is None or memo[0] is not facts:
            try:
                self._with_includes(page.relpath, facts, 0)
                memo = (facts, True)
            except _Unknown:
                memo = (facts, False)
            self._known[page.relpath] = memo
        return memo[1]

    def real(self, route_key: str) -> list[Page]:
        return [p for p in self.routes.get(route_key, []) if not p.fallback]

    def _site_path(self, page: Page, url: str) -> Optional[tuple[str, str, bool]]:
        """(path on the site, fragment, whether the link names a file) or None when not a link into the site."""
        parts = self._parts(url)
        fragment = unquote(parts.fragment)
        if parts.scheme or parts.netloc:
            if parts.scheme not in ("http", "https", ""):
                return None
            netloc = parts.netloc.lower()
            owns = [urlsplit(d).path.rstrip("/") for d in self.config.domains if urlsplit(d).netloc.lower() == netloc]
            path = parts.path or "/"
            if not owns or not any(not p or path.startswith(p) for p in owns):
                return None
            return path, fragment, False
        path = parts.path
        if not path:
            return (page.route or "", fragment, False) if page.route else None
        if path.startswith("/"):
            if path.lower().endswith(_MARKDOWN_LINK) and hasattr(self.framework, "link_candidates"):
                target = self._file_link(page, unquote(path))
                if target in self.pages:
                    return target, fragment, True  # Docusaurus reads `/x.md` from its content folders
            return path, fragment, False
        if path.lower().endswith(_MARKDOWN_LINK):
            return self._file_link(page, unquote(path)), fragment, True
        if page.route is None:
            return None
        base = page.route if page.route.endswith("/") else page.route.rsplit("/", 1)[0] + "/"
        return posixpath.normpath(posixpath.join(base, path)) + ("/" if path.endswith("/") else ""), fragment, False

    def _file_link(self, page: Page, link: str) -> str:
        """The file a Markdown file link names: the first of the framework's
        candidates that is a page (Docusaurus tries its content folders before
        the linking file's folder), else the one beside the linking file."""
        beside = posixpath.normpath(posixpath.join(posixpath.dirname(page.relpath), link))
        candidates_of = getattr(self.framework, "link_candidates", None)
        if candidates_of is None:
            return beside
        candidates = tuple(str(c) for c in candidates_of(page.relpath, link, self.config))
        found = next((c for c in candidates if c in self.pages), None)
        if found is not None:
            return found
        return beside if beside in candidates or not candidates else candidates[0]

    def _from_source(self, page: Page, path: str, fragment: str) -> Optional[Resolution]:
        """A relative link resolved from the linking file, as MkDocs does
        (``relative_links = "source"``): a page or a file of the site there,
        else None (MkDocs leaves the link to the browser)."""
        target = posixpath.normpath(posixpath.join(posixpath.dirname(page.relpath), unquote(path)))
        if target.startswith("../"):
            return None
        # MkDocs looks up exactly this file (`x.md/` too: the path is normalised).
        if target in self.pages:
            return self._anchor(self.pages[target], fragment, target)
        for folder, prefix in self.config.options.get("static_mounts", ()):
            folder = str(folder).strip("/")
            if folder in ("", ".") or target.startswith(folder + "/"):
                inner = target if folder in ("", ".") else target[len(folder) + 1 :]
                url = f"{str(prefix).strip('/')}/{inner}".lstrip("/")
                if url in self.skeleton.static:
                    return Resolution("ok", path=path, fragment=fragment)
        inner = target[len(self.config.content_dir.rstrip("/")) + 1 :] \
            if target.startswith(self.config.content_dir.rstrip("/") + "/") else target
        if posixpath.splitext(target)[1] and any(inner.startswith(str(p))
                                                 for p in self.config.options.get("theme_files", ())):
            # A file the theme serves (MkDocs' `img/favicon.ico`): its files are not under the root.
            return Resolution("skip", path=path, fragment=fragment)
        return None

    def _origin_of(self, page: Page, url: str) -> Optional[str]:
        """The host a link leads to as the routes are keyed: the URL's own host
        when it is one locale's, else the linking page's; None for another of
        the site's URLs (multihost Hugo serves no page at its top-level baseURL)."""
        netloc = self._parts(url).netloc.lower()
        if not netloc:
            return page.origin
        return "//" + netloc if "//" + netloc in self._host_origins else None

    def resolve(self, page: Page, url: str) -> Resolution:
        """Where ``url``, written in ``page``, leads. Memoised per link context
        (``_context``) and URL: on a real site most links are the same few
        hundred targets written from thousands of pages."""
        memo_key = (self._context(page, url), url)
        found = self._resolved.get(memo_key)
        if found is None:
            found = self._resolved[memo_key] = self.resolve_unmemoised(page, url)
        return found

    def _context(self, page: Page, url: str) -> tuple[Any, ...]:
        """What of ``page`` the resolution of ``url`` reads (see
        ``resolve_unmemoised``): its host for a site path or full URL, also
        its folder and route's folder for a relative path, the page itself
        for a bare fragment (its own route) or when the framework's link
        hooks read the linking file's whole path."""
        parts = self._parts(url)
        scheme, netloc, path = parts[0], parts[1], parts[2]
        if not path and not (scheme or netloc):
            return ("page", page.relpath, page.route, page.origin)
        if self._per_file:
            return ("file", page.relpath, page.route, page.origin)
        if scheme or netloc or path.startswith("/"):
            return ("site", page.origin)
        route = page.route
        folder = None if route is None else route if route.endswith("/") else route.rsplit("/", 1)[0] + "/"
        return ("relative", posixpath.dirname(page.relpath), folder, page.origin)

    def _parts(self, url: str) -> SplitResult:
        """``urlsplit(url.strip())``, once per distinct URL."""
        found = self._split.get(url)
        if found is None:
            found = self._split[url] = urlsplit(url.strip())
        return found

    def links_of(self, page: Page) -> list[tuple[str, int, int, bool, Resolution]]:
        """(url, start, end, exact, where it leads) for each link in ``page``'s
        facts, resolved once for all the site rules (kept until ``refresh``)."""
        facts = page.facts
        memo = self._page_links.get(id(page))
        if memo is not None and memo[0] is facts and memo[1] is page:
            return memo[2]
        found = [(url, start, end, bool(exact), self.resolve(page, url))
                 for url, start, end, exact in (facts or {}).get("l", ())]
        self._page_links[id(page)] = (facts, page, found)
        return found

    def refresh(self, page: Page, facts: Optional[dict[str, Any]]) -> None:
        """``page`` has new facts (a fix was written): forget what was worked out from the old ones."""
        page.facts, page._anchors = facts, None
        self._resolved.clear()
        self._anchor_memo.clear()
        self._page_links.pop(id(page), None)

    def resolve_unmemoised(self, page: Page, url: str) -> Resolution:
        parts = self._parts(url)
        if self.config.options.get("relative_links") == "source" and parts.path and not (
                parts.scheme or parts.netloc or parts.path.startswith("/")
                or parts.path.lower().endswith(_MARKDOWN_LINK)):
            from_source = self._from_source(page, parts.path, unquote(parts.fragment))
            if from_source is not None:
                return from_source
        found = self._site_path(page, url)
        if found is None:
            return Resolution("skip")
        path, fragment, is_file = found
        if is_file:
            outside = tuple(str(d).rstrip("/") + "/" for d in self.config.options.get("markdown_dirs", ())
                            if str(d).startswith("../"))
            if (path.startswith("../") and not path.startswith(outside)) or path == "..":
                return Resolution("skip", path=path)  # outside the site: LK rules' business
            target = self.pages.get(path)
            if target is None:
                return Resolution("page", path=path, fragment=fragment)
            return self._anchor(target, fragment, path)
        origin = self._origin_of(page, url) if self._host_origins else ""
        if origin is None:
            return Resolution("skip", path=path)
        route_key = key(path)
        pages = self.routes.get(origin + route_key)
        if pages:
            return self._anchor(pages[0], fragment, path)
        if self._static_exists(path) or self._covered(origin + route_key) or route_key in self.generated:
            return Resolution("ok", path=path, fragment=fragment)
        if any(p.fullmatch(route_key) or p.fullmatch(route_key + "/") for p in self.patterns):
            return Resolution("skip", path=path)
        if self.config.options.get("link_hook"):
            hooked = self._hooked(page, url, fragment, path)
            if hooked is not None:
                return hooked
        base = key(self.config.base)
        if base != "/" and not (route_key == base or route_key.startswith(base + "/")):
            return Resolution("skip", path=path)  # outside the base: another app on the same host
        return Resolution("page", path=path, fragment=fragment, origin=origin)

    def _hooked(self, page: Page, url: str, fragment: str, path: str) -> Optional[Resolution]:
        """A link as a link render hook reads it (Hugo's ``.GetPage``: a content
        path, any case). A relative one it cannot find may be the hook's own
        shorthand or a resource: not judged."""
        parts = urlsplit(url.strip())
        candidates_of = getattr(self.framework, "link_candidates", None)
        if parts.scheme or parts.netloc or candidates_of is None:
            return None
        if self._folded is None:
            self._folded = {rel.casefold(): p for rel, p in self.pages.items()}
        for candidate in candidates_of(page.relpath, unquote(parts.path), self.config):
            target = self.pages.get(candidate) or self._folded.get(str(candidate).casefold())
            if target is not None and target.route is not None:
                return self._anchor(target, fragment, target.route)
        return None if parts.path.startswith("/") else Resolution("skip", path=path)

    def _anchor(self, target: Page, fragment: str, path: str) -> Resolution:
        if not fragment or fragment.lower() in ALWAYS_ANCHORS or not target.markdown or target.facts is None:
            return Resolution("ok", target, fragment, path)
        memo_key = (id(target), fragment)
        known = self._anchor_memo.get(memo_key)
        if known is None or known[0] is not target:
            known = self._anchor_memo[memo_key] = (target, *self._anchor_status(target, fragment))
        return Resolution(known[1], target, fragment, path, known[2])

    def _anchor_status(self, target: Page, fragment: str) -> tuple[str, Optional[str]]:
        """("ok" | "skip" | "anchor", the close anchor for "anchor") of ``fragment`` on ``target``."""
        if not self.anchors_known(target):
            return "skip", None  # headings from another file or from code
        anchors = self.anchors(target)
        if fragment in anchors:
            return "ok", None
        import difflib  # lazy: start-up time (only a missing anchor needs it)

        close = difflib.get_close_matches(fragment, sorted(anchors), n=1, cutoff=0.6)
        return "anchor", close[0] if close else None

    def _static_exists(self, path: str) -> bool:
        base = self.config.base.rstrip("/")
        rel = unquote(path)
        if base and rel.startswith(base + "/"):
            rel = rel[len(base) :]
        rel = posixpath.normpath(rel).lstrip("/")
        if rel.startswith(".."):
            return False
        static = self.skeleton.static
        return rel in static or "/".join(p for p in (rel.strip("/"), "index.html") if p) in static

    def _covered(self, route_key: str) -> bool:
        return route_key in self.redirects or any(
            p.fullmatch(route_key) or p.fullmatch(route_key + "/") for p in self.redirect_patterns)

    def covered(self, route: str) -> bool:
        """Whether ``route`` still answers: a page, a static file or a redirect."""
        route_key = key(route)
        return route_key in self.routes or route_key in self.generated or self._static_exists(route) \
            or self._covered(route_key) or any(o + route_key in self.routes for o in self._host_origins)

    def is_locale_home(self, page: Page) -> bool:
        return page.route is not None and page.locale is not None and \
            key(page.route) == (self.locale_prefix(page.locale) or "/")

    def counterpart(self, page: Page, locale: str) -> Optional[str]:
        """The route key of ``page`` in ``locale``: its route with its own locale's
        prefix (and host) swapped for ``locale``'s."""
        if page.route is None or page.locale is None:
            return None
        head = self.locale_prefix(page.locale)
        route = key(page.route)
        if not _under(route, head):
            return None
        rest = route[len(head) :]
        if not head.rstrip("/") or head == key(self.config.base).rstrip("/"):
            # A locale at the site root: its pages must not be another locale's.
            first = rest.strip("/").split("/", 1)[0]
            if first in self.config.locales and first != page.locale:
                return None
        return self.locale_origin(locale) + key(self.locale_prefix(locale) + rest)


class _Unknown(Exception):
    """Some text of the page comes from where the site model cannot read it."""


def _split_origin(route_key: str) -> tuple[str, str]:
    """``//host/x`` -> (``//host``, ``/x``); a route without a host -> ("", route)."""
    if not route_key.startswith("//"):
        return "", route_key
    slash = route_key.find("/", 2)
    return (route_key, "/") if slash < 0 else (route_key[:slash], route_key[slash:])


def _under(route_key: str, prefix: str) -> bool:
    """Whether a route key is ``prefix`` (a key without trailing slash, "" for the root) or below it."""
    return not prefix or route_key == prefix or route_key.startswith(prefix + "/")
