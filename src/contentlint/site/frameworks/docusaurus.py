"""Docusaurus routes, locales and redirects.

Docs: a file's slug is its folder (number prefixes such as ``01-`` stripped)
plus its id (file name without number prefix, or frontmatter ``id``); an index
(``index``, ``readme`` or the folder's own name) is its folder; frontmatter
``slug`` is absolute or resolved against the folder. The URL is ``baseUrl`` +
locale (when not the default) + ``routeBasePath`` + version path + slug.
Blog posts take ``YYYY-MM-DD`` from their path (``/2021/01/01/post``) or
``slug``; ``src/pages`` files are routes by path. Translations live in
``i18n/<locale>/docusaurus-plugin-content-<docs|blog|pages>[-<id>]/``.

``docusaurus.config.*`` is JavaScript: only literal values are read
(``jsliteral``); a value written as code keeps its default and is listed in
``options["unresolved"]``.

Sources: docusaurus.io docs (docs-introduction, create-doc, blog, i18n,
versioning) and the plugin's own code and tests (slug.ts, numberPrefix.ts,
docs.ts ``isCategoryIndex``, blogUtils.ts ``parseBlogFileName``).
"""
from __future__ import annotations

import json
import posixpath
import re
from dataclasses import astuple, dataclass
from pathlib import Path
from typing import Any, Callable, Optional

from .. import slugs
from .base import PageInput, SiteConfig, TrailingSlash
from .jsliteral import Unresolved, config_object
from ...patterns import lazy_regex

CONFIG_NAMES = tuple(f"docusaurus.config.{ext}" for ext in ("ts", "mts", "js", "mjs", "cjs"))
DOC_SUFFIXES = (".md", ".mdx")
PAGE_SUFFIXES = (".md", ".mdx", ".js", ".jsx", ".ts", ".tsx")
_IGNORED_PREFIX = lazy_regex(r"^\d+[-_.]\d+")
_NUMBER_PREFIX = lazy_regex(r"^(?P<number>\d+)\s*[-_.]+\s*(?P<suffix>[^-_.\s].*)$")
_BLOG_DATE = lazy_regex(r"^(?P<folder>.*)(?P<date>\d{4}[-/]\d{1,2}[-/]\d{1,2})[-/]?(?P<text>.*?)(?:/index)?.mdx?$")


def strip_number_prefix(name: str) -> str:
    """Docusaurus ``DefaultNumberPrefixParser``: ``01-Intro`` -> ``Intro``; dates and versions stay."""
    if _IGNORED_PREFIX.match(name):
        return name
    match = _NUMBER_PREFIX.match(name)
    return match.group("suffix") if match else name


def resolve_pathname(to: str, base: str) -> str:
    """The ``resolve-pathname`` package: ``to`` relative to the folder URL ``base``."""
    if to.startswith("/"):
        return to
    stack = base.split("/")[:-1] or [""]
    parts = to.split("/")
    for part in parts:
        if part == "..":
            if len(stack) > 1:
                stack.pop()
        elif part not in (".", ""):
            stack.append(part)
    trailing = parts[-1] in ("", ".", "..")
    return "/".join(stack) + ("/" if trailing or len(stack) == 1 else "")


def doc_slug(base_id: str, file_name: str, dir_name: str, front_matter_slug: Optional[str]) -> str:
    """Docusaurus ``getSlug`` (plugin-content-docs slug.ts) with the default number-prefix parser."""
    if front_matter_slug and front_matter_slug.startswith("/"):
        return front_matter_slug
    dir_name = dir_name.strip("/") if dir_name not in (".", "/", "") else ""
    stripped = "/".join(strip_number_prefix(p) for p in dir_name.split("/")) if dir_name else ""
    dir_slug = "/" + stripped + "/" if stripped else "/"
    last_dir = dir_name.rsplit("/", 1)[-1].lower() if dir_name else None
    # isCategoryIndex: index, readme, or the folder's own name (raw, prefix included).
    if not front_matter_slug and file_name.lower() in ("index", "readme", last_dir):
        return dir_slug
    return resolve_pathname(front_matter_slug or base_id, dir_slug)


def blog_slug(relative: str) -> str:
    """Docusaurus ``parseBlogFileName``: date from the path, else the path itself."""
    match = _BLOG_DATE.match(relative)
    if match:
        return f"/{match.group('date').replace('-', '/')}/{match.group('folder')}{match.group('text')}"
    return "/" + re.sub(r"(?:/index)?\.mdx?$", "", relative)


def normalize_url(*parts: str) -> str:
    """Join URL parts with single slashes, keeping the last part's trailing slash."""
    joined = "/".join(p for p in parts if p)
    joined = re.sub(r"/{2,}", "/", "/" + joined)
    return joined


@dataclass(frozen=True)
class _Source:
    folder: str  # posix, relative to root
    kind: str  # docs | blog | pages
    route_base: str
    version_path: str
    locale: Optional[str]
    include: tuple[str, ...] = ()  # the plugin's `include` globs (empty: its default, all Markdown)
    exclude: Optional[tuple[str, ...]] = None  # its `exclude` globs (None: its default)


def _plugin_entries(value: Any) -> list[tuple[str, Any]]:
    """``[name, options]`` pairs of a presets/plugins list (names that are code keep their source)."""
    out: list[tuple[str, Any]] = []
    for item in value if isinstance(value, list) else []:
        if isinstance(item, list) and item:
            name = item[0]
            out.append((name if isinstance(name, str) else name.source if isinstance(name, Unresolved) else "",
                        item[1] if len(item) > 1 else {}))
        elif isinstance(item, str):
            out.append((item, {}))
        elif isinstance(item, Unresolved):
            out.append((item.source, Unresolved(item.source)))
    return out


class Docusaurus:
    name = "docusaurus"

    def load_config(self, root: Path) -> SiteConfig:
        unresolved: list[str] = []
        data: dict[str, Any] = {}
        for name in CONFIG_NAMES:
            try:
                source = (root / name).read_text(encoding="utf-8", errors="replace")
            except OSError:
                continue
            data = config_object(source, ("baseUrl",)) or config_object(source, ("title",)) or {}
            if not data:
                unresolved.append(f"{name} (no literal config object)")
            break

        def literal(value: Any, key: str, default: Any) -> Any:
            if isinstance(value, Unresolved):
                unresolved.append(key)
                return default
            return default if value is None else value

        base = str(literal(data.get("baseUrl"), "baseUrl", "/"))
        base = "/" + base.strip("/") + "/" if base.strip("/") else "/"
        url = literal(data.get("url"), "url", "")
        trailing_raw = literal(data.get("trailingSlash"), "trailingSlash", None)
        trailing: TrailingSlash = "always" if trailing_raw is True else "never" if trailing_raw is False else "ignore"
        i18n = literal(data.get("i18n"), "i18n", {})
        i18n = i18n if isinstance(i18n, dict) else {}
        default_locale = literal(i18n.get("defaultLocale"), "i18n.defaultLocale", "en")
        locales_raw = literal(i18n.get("locales"), "i18n.locales", [default_locale])
        locales = tuple(str(x) for x in locales_raw if isinstance(x, str)) if isinstance(locales_raw, list) else ()
        i18n_dir = str(literal(i18n.get("path"), "i18n.path", "i18n")).strip("/")
        docs, blogs, pages, redirects = self._plugins(data, literal)
        sources = self._sources(root, docs, blogs, pages, locales, str(default_locale), i18n_dir, unresolved)
        domain = str(url).rstrip("/") if isinstance(url, str) and url else ""
        # The blog's list, archive and tag pages; `[x]` parts are any value (a tag, a page number).
        generated = [normalize_url(base, b["routeBasePath"], extra) + ("/" if extra == "" else "")
                     for b in blogs for extra in ("", "archive", "tags", "tags/[tag]", "page/[page]",
                                                  "authors", "authors/[author]")]
        return SiteConfig(
            root=root,
            content_dir=str(docs[0]["path"]) if docs else "docs",
            base=base,
            trailing_slash=trailing,
            default_locale=str(default_locale) if len(locales) > 1 else None,
            locales=locales if len(locales) > 1 else (),
            redirects=redirects,
            domains=(domain + base.rstrip("/"),) if domain else (),
            # Plain tuples, so the config stays plain data wherever it is stored.
            options={"sources": tuple(astuple(s) for s in sources), "generated_routes": tuple(generated),
                     "unresolved": tuple(dict.fromkeys(unresolved)), "i18n_default": str(default_locale),
                     "markdown_dirs": tuple(dict.fromkeys(s.folder for s in sources if s.kind != "pages")),
                     "page_dirs": tuple(dict.fromkeys(s.folder for s in sources if s.kind == "pages")),
                     "static_mounts": (("static", ""),),
                     # Every locale serves the default locale's page where it has no translation.
                     "fallback": len(locales) > 1,
                     # An imported `.md`/`.mdx` partial renders where its component is used.
                     "include_dirs": {"mdx": None}},
        )

    def _plugins(self, data: dict[str, Any], literal: Callable[[Any, str, Any], Any]
                 ) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]], dict[str, str]]:
        docs: list[dict[str, Any]] = []
        blogs: list[dict[str, Any]] = []
        pages: list[dict[str, Any]] = []
        redirects: dict[str, str] = {}

        def add(target: list[dict[str, Any]], options: Any, key: str, path: str, route: str) -> None:
            if options is False:
                return
            options = literal(options, key, {})
            options = options if isinstance(options, dict) else {}
            plugin_id = str(literal(options.get("id"), f"{key}.id", "default"))
            if not re.fullmatch(r"[\w-]+", plugin_id):  # it names files (`<id>_versions.json`): not a path
                plugin_id = str(literal(Unresolved(plugin_id), f"{key}.id", "default"))
            globs = {}
            for glob_key in ("include", "exclude"):
                value = literal(options.get(glob_key), f"{key}.{glob_key}", None)
                if isinstance(value, list) and all(isinstance(v, str) for v in value):
                    globs[glob_key] = tuple(value)
            target.append({
                **globs,
                "id": plugin_id,
                "path": str(literal(options.get("path"), f"{key}.path", path)).strip("/").removeprefix("./"),
                "routeBasePath": str(literal(options.get("routeBasePath"), f"{key}.routeBasePath", route)).strip("/"),
            })

        presets = literal(data.get("presets"), "presets", None)
        for name, options in _plugin_entries(presets):
            if "classic" not in name:
                continue
            options = literal(options, "presets.classic", {})
            options = options if isinstance(options, dict) else {}
            add(docs, options.get("docs", {}), "presets.classic.docs", "docs", "docs")
            add(blogs, options.get("blog", {}), "presets.classic.blog", "blog", "blog")
            add(pages, options.get("pages", {}), "presets.classic.pages", "src/pages", "")
        for name, options in _plugin_entries(literal(data.get("plugins"), "plugins", [])):
            if "plugin-content-docs" in name:
                add(docs, options, "plugins.content-docs", "docs", "docs")
            elif "plugin-content-blog" in name:
                add(blogs, options, "plugins.content-blog", "blog", "blog")
            elif "plugin-content-pages" in name:
                add(pages, options, "plugins.content-pages", "src/pages", "")
            elif "client-redirects" in name and isinstance(options, dict):
                for entry in literal(options.get("redirects"), "client-redirects.redirects", []) or []:
                    if isinstance(entry, dict) and isinstance(entry.get("to"), str):
                        froms = entry.get("from")
                        for origin in froms if isinstance(froms, list) else [froms]:
                            if isinstance(origin, str):
                                redirects[origin] = entry["to"]
        if not isinstance(presets, list) and not docs and not blogs:
            # No presets written (or written as code): the classic preset's defaults.
            add(docs, {}, "presets.classic.docs", "docs", "docs")
            add(blogs, {}, "presets.classic.blog", "blog", "blog")
        if not pages:
            pages.append({"id": "default", "path": "src/pages", "routeBasePath": ""})
        return docs, blogs, pages, redirects

    def _sources(self, root: Path, docs: list[dict[str, Any]], blogs: list[dict[str, Any]],
                 pages: list[dict[str, Any]], locales: tuple[str, ...], default_locale: str, i18n_dir: str,
                 unresolved: list[str]) -> list[_Source]:
        sources: list[_Source] = []
        others = [loc for loc in locales if loc != default_locale]
        for doc in docs:
            suffix = "" if doc["id"] == "default" else "-" + doc["id"]
            prefix = "" if doc["id"] == "default" else doc["id"] + "_"
            versions: list[str] = []
            try:
                loaded = json.loads((root / f"{prefix}versions.json").read_text(encoding="utf-8"))
                versions = [str(v) for v in loaded] if isinstance(loaded, list) else []
            except (OSError, ValueError):
                versions = []
            # With versions, the newest one is served at the docs root and the
            # work in progress ("current") under /next/.
            current = "next" if versions else ""
            globs = (doc.get("include", ()), doc.get("exclude"))
            sources.append(_Source(doc["path"], "docs", doc["routeBasePath"], current, None, *globs))
            for loc in others:
                sources.append(_Source(f"{i18n_dir}/{loc}/docusaurus-plugin-content-docs{suffix}/current",
                                       "docs", doc["routeBasePath"], current, loc, *globs))
            for index, version in enumerate(versions):
                path = "" if index == 0 else version
                sources.append(_Source(f"{prefix}versioned_docs/version-{version}", "docs", doc["routeBasePath"], path,
                                       None, *globs))
                for loc in others:
                    sources.append(_Source(f"{i18n_dir}/{loc}/docusaurus-plugin-content-docs{suffix}/version-{version}",
                                           "docs", doc["routeBasePath"], path, loc, *globs))
        for kind, instances in (("blog", blogs), ("pages", pages)):
            for inst in instances:
                suffix = "" if inst["id"] == "default" else "-" + inst["id"]
                globs = (inst.get("include", ()), inst.get("exclude"))
                sources.append(_Source(inst["path"], kind, inst["routeBasePath"], "", None, *globs))
                for loc in others:
                    sources.append(_Source(f"{i18n_dir}/{loc}/docusaurus-plugin-content-{kind}{suffix}",
                                           kind, inst["routeBasePath"], "", loc, *globs))
        return sorted(sources, key=lambda s: len(s.folder), reverse=True)

    def _source(self, relpath: str, config: SiteConfig) -> Optional[_Source]:
        for fields in config.options.get("sources") or ():
            source = _Source(*fields)
            if relpath.startswith(source.folder + "/"):
                return source
        return None

    def locale(self, page: PageInput, config: SiteConfig) -> Optional[str]:
        if not config.locales:
            return None
        source = self._source(page.relpath, config)
        return source.locale if source and source.locale else config.default_locale

    def route(self, page: PageInput, config: SiteConfig) -> Optional[str]:
        source = self._source(page.relpath, config)
        if source is None:
            return None
        inner = page.relpath[len(source.folder) + 1 :]
        if not _selected(inner, source):
            return None
        fm = page.frontmatter
        if fm.get("draft") is True:
            return None
        stem, suffix = posixpath.splitext(inner)
        locale_base = config.base
        if source.locale:
            locale_base = normalize_url(config.base, source.locale) + "/"
        if source.kind == "docs":
            if suffix.lower() not in DOC_SUFFIXES:
                return None
            directory, file_name = posixpath.split(stem)
            doc_id = fm.get("id") if isinstance(fm.get("id"), str) else strip_number_prefix(file_name)
            slug_fm = fm.get("slug") if isinstance(fm.get("slug"), str) else None
            slug = doc_slug(str(doc_id), file_name, directory or ".", slug_fm)
            path = normalize_url(locale_base, source.route_base, source.version_path, slug)
            path = path + "/" if slug.endswith("/") and not path.endswith("/") else path
        elif source.kind == "blog":
            if suffix.lower() not in DOC_SUFFIXES:
                return None
            slug_fm = fm.get("slug")
            slug = slug_fm if isinstance(slug_fm, str) and slug_fm else blog_slug(inner)
            path = normalize_url(locale_base, source.route_base, slug)
        else:
            if suffix.lower() not in PAGE_SUFFIXES:
                return None
            name = stem[: -len("index")] if stem == "index" or stem.endswith("/index") else stem
            path = normalize_url(locale_base, source.route_base, name)
            path = path + "/" if name.endswith("/") or name == "" else path
            path = path.replace("//", "/")
        return _apply_trailing_slash(path, config.trailing_slash, config.base)

    def aliases(self, page: PageInput, config: SiteConfig) -> tuple[str, ...]:
        return ()

    def link_candidates(self, relpath: str, link: str, config: SiteConfig) -> tuple[str, ...]:
        """The files (posix, relative to root) a Markdown file link can mean, in the order
        Docusaurus tries them (utils ``resolveMarkdownLinkPathname``): ``file.md`` first
        from the content folders (translated, then original) and the site folder, then
        from the linking file's folder; ``./`` and ``../`` only from the file's folder;
        ``/file.md`` never from it."""
        tries: list[str] = []
        if not link.startswith(("./", "../")):
            source = self._source(relpath, config)
            if source is not None:
                tries.append(source.folder)
                if source.locale is not None:  # the untranslated folder of the same plugin and version
                    original = next((_Source(*f) for f in config.options.get("sources") or ()
                                     if _Source(*f).locale is None and _Source(*f).kind == source.kind
                                     and _Source(*f).version_path == source.version_path), None)
                    if original is not None:
                        tries.append(original.folder)
            tries.append("")
        if not link.startswith("/"):
            tries.append(posixpath.dirname(relpath))
        out = [posixpath.normpath(posixpath.join(folder, link.lstrip("/"))) for folder in tries]
        # A content folder may be beside the site's root (`path: '../docs'`).
        outside = tuple(str(f[0]) + "/" for f in config.options.get("sources") or () if str(f[0]).startswith("../"))
        return tuple(dict.fromkeys(p for p in out if not p.startswith("../") or p.startswith(outside)))

    def slugger(self, config: Optional[SiteConfig] = None) -> Callable[[str], str]:
        return slugs.docusaurus()

    def slugger_for(self, config: SiteConfig) -> Callable[[str], str]:
        """The slugger as this site's config sets it up."""
        return self.slugger(config)


def glob_regex(pattern: str) -> re.Pattern[str]:
    """A globby pattern (``**``, ``*``, ``?``, ``{a,b}``) as a regular expression over posix paths."""
    out: list[str] = []
    i = 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif pattern.startswith("**", i):
            out.append(".*")
            i += 2
        elif pattern[i] == "*":
            out.append("[^/]*")
            i += 1
        elif pattern[i] == "?":
            out.append("[^/]")
            i += 1
        elif pattern[i] == "{" and "}" in pattern[i:]:
            end = pattern.index("}", i)
            out.append("(?:" + "|".join(glob_regex(alt).pattern[:-2] for alt in pattern[i + 1 : end].split(",")) + ")")
            i = end + 1
        else:
            out.append(re.escape(pattern[i]))
            i += 1
    return re.compile("".join(out) + r"\Z")


# The content plugins' default `exclude`: partials, private folders, tests.
_DEFAULT_EXCLUDE = ("**/_*.{js,jsx,ts,tsx,md,mdx}", "**/_*/**", "**/*.test.{js,jsx,ts,tsx}", "**/__tests__/**")


def _selected(inner: str, source: _Source) -> bool:
    if source.include and not any(glob_regex(p).match(inner) for p in source.include):
        return False
    excluded = _DEFAULT_EXCLUDE if source.exclude is None else source.exclude
    return not any(glob_regex(p).match(inner) for p in excluded)


def _apply_trailing_slash(path: str, trailing: TrailingSlash, base: str) -> str:
    """Docusaurus ``applyTrailingSlash``: the site root keeps its slash."""
    if trailing == "ignore" or path in ("/", base):
        return path
    if trailing == "always":
        return path if path.endswith("/") else path + "/"
    return path.rstrip("/") or "/"
