"""Hugo routes, locales, aliases and heading ids.

A content file's URL is its path under ``contentDir`` (sanitized and lowercased
as Hugo's ``MakePathSanitized`` does): ``_index.md`` is its folder's list page,
``index.md`` a leaf bundle named after its folder (the other files in that
folder are resources, not pages), ``slug`` replaces the last segment, ``url``
the whole path, and ``permalinks`` patterns apply per top-level section. A
multilingual site puts every language but the default one (and that one too
with ``defaultContentLanguageInSubdir``) under ``/<lang>/``, unless the language
has a ``baseURL`` of its own; a file's language is its ``contentDir`` or its
``name.<lang>.md`` suffix. ``uglyURLs`` makes ``/section/name.html``.

Sources: gohugo.io content-management/urls, configuration/permalinks,
configuration/ugly-urls, content-management/multilingual, page-bundles and
build-options (gohugoio/hugoDocs at 1c61334); Hugo common/paths Sanitize.
Not modelled: ``cascade`` from a section to its pages, taxonomy and term pages,
future or expired dates, the array form of ``permalinks`` (recorded as unresolved).
"""
from __future__ import annotations

import datetime as _dt
import posixpath
import re
import unicodedata
from pathlib import Path
from typing import Any, Callable, Mapping, Optional
from urllib.parse import urlsplit

from .. import slugs
from . import config_files
from .base import PageInput, SiteConfig
from .config_files import walk_inside
from ...patterns import lazy_regex

CONFIG_BASENAMES = ("hugo", "config")
CONFIG_SUFFIXES = (".toml", ".yaml", ".yml", ".json")
CONTENT_SUFFIXES = (".md", ".markdown", ".mdown", ".mkd", ".mkdn", ".html", ".htm",
                    ".adoc", ".asciidoc", ".ad", ".pandoc", ".pdc", ".org", ".rst")
_TOKEN = lazy_regex(r":(\w+)(\[[^\]]*\])?")
_DATE_KEYS = ("date", "publishdate", "pubdate", "published", "lastmod", "modified")
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")
_WEEKDAYS = ("Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday")


def _load_raw(root: Path) -> tuple[dict[str, Any], list[str]]:
    """The merged config (``config/_default/`` below the root file) and what could not be read."""
    merged: dict[str, Any] = {}
    unresolved: list[str] = []
    default_dir = root / "config" / "_default"
    if default_dir.is_dir():
        for path in sorted(default_dir.iterdir()):
            if path.suffix.lower() not in CONFIG_SUFFIXES:
                continue
            data = config_files.read(path)
            if data is None:
                unresolved.append(f"config/_default/{path.name}")
                continue
            if path.stem.lower() in CONFIG_BASENAMES:
                merged.update(config_files.lower_keys(data) if isinstance(data, dict) else {})
            else:
                merged[path.stem.lower()] = config_files.lower_keys(data)
    for base in CONFIG_BASENAMES:
        for suffix in CONFIG_SUFFIXES:
            path = root / (base + suffix)
            if not path.is_file():
                continue
            data = config_files.read(path)
            if isinstance(data, dict):
                merged.update(config_files.lower_keys(data))
            else:
                unresolved.append(path.name)
            return merged, unresolved
    return merged, unresolved


def _truthy(value: Any) -> bool:
    return value is True or (isinstance(value, str) and value.lower() == "true")


def _split_base_url(base_url: str) -> tuple[str, str]:
    """``https://example.org/docs/`` -> (``https://example.org``, ``/docs/``)."""
    try:
        parts = urlsplit(base_url.strip())
    except ValueError:  # e.g. an unclosed IPv6 bracket
        return "", "/"
    domain = f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else ""
    path = "/" + parts.path.strip("/") + "/" if parts.path.strip("/") else "/"
    return domain, path


def _is_space(char: str) -> bool:
    return char in slugs.GO_SPACE


def sanitize(segment: str) -> str:
    """Hugo's ``paths.Sanitize``: spaces become one hyphen, other disallowed characters go."""
    out: list[str] = []
    prepend_hyphen = was_hyphen = False
    for i, char in enumerate(segment):
        category = unicodedata.category(char)
        allowed = char != " " and (
            category[0] in "LM" or category == "Nd" or char in "./\\_#+~-@"
            or (char == "%" and re.match(r"[0-9a-fA-F]{2}", segment[i + 1 : i + 3]) is not None)
        )
        if allowed:
            was_hyphen = char == "-"
            if prepend_hyphen and not was_hyphen:
                out.append("-")
            prepend_hyphen = False
            out.append(char)
        elif out and not was_hyphen and _is_space(char):
            prepend_hyphen = True
    return "".join(out)


def _date(frontmatter: Mapping[str, Any]) -> _dt.date:
    lowered = {str(k).lower(): v for k, v in frontmatter.items()}
    for key in _DATE_KEYS:
        value = lowered.get(key)
        if isinstance(value, (_dt.date, _dt.datetime)):
            return value
        if isinstance(value, str):
            try:
                return _dt.datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
            except ValueError:
                try:
                    return _dt.date.fromisoformat(value.strip()[:10])
                except ValueError:
                    continue
    return _dt.date(1, 1, 1)  # Hugo's zero time


def _slice(items: list[str], spec: Optional[str]) -> list[str]:
    """Hugo's ``:sections[1:]``, ``[:last]``, ``[last]``, ``[1:2]`` (never out of bounds)."""
    if not spec:
        return items
    inner = spec[1:-1].replace("last", str(max(len(items) - 1, 0)))
    try:
        if ":" in inner:
            low, _, high = inner.partition(":")
            return items[int(low) if low else 0 : int(high) if high else len(items)]
        index = int(inner)
    except ValueError:
        return items
    return items[index : index + 1]


class Hugo:
    name = "hugo"

    def load_config(self, root: Path) -> SiteConfig:
        raw, unresolved = _load_raw(root)
        content_dir = (_text(raw.get("contentdir")) or "content").strip("/") or "."
        default_lang = (_text(raw.get("defaultcontentlanguage")) or "en").lower()
        disabled = {x.lower() for x in _as_list(raw.get("disablelanguages"))}
        languages_raw = raw.get("languages") if isinstance(raw.get("languages"), dict) else {}
        languages: dict[str, dict[str, Any]] = {
            str(code).lower(): (v if isinstance(v, dict) else {})
            for code, v in (languages_raw or {}).items()
            if str(code).lower() not in disabled and not (isinstance(v, dict) and _truthy(v.get("disabled")))
        }
        ordered = sorted(languages, key=lambda c: (_weight(languages[c].get("weight")), c))
        domain, base = _split_base_url(_text(raw.get("baseurl")) or "")
        domains = [domain + base.rstrip("/")] if domain else []
        content_dirs: dict[str, str] = {}
        lang_bases: dict[str, str] = {}
        lang_hosts: dict[str, str] = {}
        for code in ordered:
            settings = languages[code]
            if _text(settings.get("contentdir")):
                content_dirs[code] = str(settings["contentdir"]).strip("/")
            if _text(settings.get("baseurl")):
                lang_domain, lang_base = _split_base_url(str(settings["baseurl"]))
                lang_bases[code] = lang_base
                if lang_domain:
                    domains.append(lang_domain + lang_base.rstrip("/"))
                    lang_hosts[code] = urlsplit(lang_domain).netloc.lower()
        if isinstance(raw.get("permalinks"), list):
            unresolved.append("permalinks (array form)")
        id_type = str(_dig(raw, "markup", "goldmark", "parser", "autoheadingidtype") or "github").lower()
        content_roots, static_mounts = _mounts(raw, ordered)
        if not content_roots:
            content_roots = [(content_dir, None, ""), *((d, code, "") for code, d in content_dirs.items())]
        if not static_mounts:
            static_mounts = [(d, "") for d in _as_list(raw.get("staticdir")) or ["static"]]
        leaf_dirs, branch_dirs, headless_dirs = _scan_bundles(root, content_roots)
        multilingual = bool(ordered)
        return SiteConfig(
            root=root,
            content_dir=content_dir,
            base=base,
            trailing_slash="ignore",
            default_locale=default_lang if multilingual else None,
            locales=tuple(ordered),
            redirects=_language_home_redirects(base, default_lang, ordered, lang_bases,
                                               _truthy(raw.get("defaultcontentlanguageinsubdir"))),
            domains=tuple(dict.fromkeys(domains)),
            options={
                # (folder, language or None, path inside the content tree it is mounted at)
                "content_roots": tuple(content_roots),
                "lang_bases": lang_bases,
                # Multihost: each language's pages are on its own host (the same path on
                # two hosts is two pages), only when the hosts differ.
                "locale_hosts": lang_hosts if len(set(lang_hosts.values())) > 1 else {},
                "default_in_subdir": _truthy(raw.get("defaultcontentlanguageinsubdir")),
                "ugly_urls": raw.get("uglyurls") if isinstance(raw.get("uglyurls"), dict) else _truthy(raw.get("uglyurls")),
                "permalinks": raw.get("permalinks") if isinstance(raw.get("permalinks"), dict) else {},
                "lang_permalinks": {c: languages[c]["permalinks"] for c in ordered
                                    if isinstance(languages[c].get("permalinks"), dict)},
                "path_to_lower": not _truthy(raw.get("disablepathtolower")),
                "build_drafts": _truthy(raw.get("builddrafts")),
                "auto_heading_id_type": id_type if id_type in ("github", "github-ascii", "blackfriday") else "github",
                # The site's files as folders: Markdown pages, and files served as they are
                # (under the URL prefix given, base path not included).
                "markdown_dirs": tuple(dict.fromkeys(folder for folder, _, _ in content_roots)),
                # Page resources (a bundle's images) are served beside their page.
                "static_mounts": tuple([*static_mounts, *((f, t) for f, _, t in content_roots)]),
                "leaf_bundles": leaf_dirs,
                "branch_dirs": branch_dirs,
                "headless_dirs": headless_dirs,
                "unresolved": tuple(unresolved),
                # A link render hook (the project's, a theme's, or Hugo's embedded one) resolves
                # destinations as page paths (`.GetPage`), case-insensitively.
                "link_hook": _has_link_hook(root, raw),
                # `{{% shortcode %}}` output is Markdown: a page calling one may get headings from it.
                "includes": True,
                # Goldmark's autoDefinitionTermID: definition terms get ids like headings.
                "definition_term_ids": _truthy(_dig(raw, "markup", "goldmark", "parser", "autodefinitiontermid")),
            },
        )

    # --- which file is what ----------------------------------------------------------

    def _content_root(self, relpath: str, config: SiteConfig) -> Optional[tuple[Optional[str], str]]:
        """The language of the content folder holding ``relpath`` (longest match) and
        the file's path in the content tree."""
        roots = config.options.get("content_roots") or ((config.content_dir, None, ""),)
        for folder, lang, target in sorted(roots, key=lambda r: len(r[0]), reverse=True):
            if folder == "." or relpath.startswith(folder.rstrip("/") + "/"):
                inner = relpath if folder == "." else relpath[len(folder) + 1 :]
                return lang, posixpath.join(target, inner) if target else inner
        return None

    def locale(self, page: PageInput, config: SiteConfig) -> Optional[str]:
        if not config.locales:
            return None
        found = self._content_root(page.relpath, config)
        if found is not None and found[0] is not None:
            return found[0]
        parts = posixpath.basename(page.relpath).split(".")
        if len(parts) >= 3 and parts[-2].lower() in config.locales:
            return parts[-2].lower()
        return config.default_locale

    def route(self, page: PageInput, config: SiteConfig) -> Optional[str]:
        found = self._content_root(page.relpath, config)
        if found is None:
            return None
        directory, filename = posixpath.split(found[1])
        suffix = posixpath.splitext(filename)[1].lower()
        if suffix not in CONTENT_SUFFIXES or _not_rendered(page.frontmatter, config):
            return None
        if _inside_leaf_bundle(posixpath.dirname(page.relpath), filename, config):
            return None
        if _below_headless_section(posixpath.dirname(page.relpath), config) and not _renders_always(page.frontmatter):
            return None
        lang = self.locale(page, config)
        stem = filename[: -len(suffix)]
        if lang is not None and stem.lower().endswith("." + lang):
            stem = stem[: -len(lang) - 1]
        dirs = [d for d in directory.split("/") if d]
        kind = "section" if stem == "_index" else "page"
        if stem == "index":
            base_name = dirs.pop() if dirs else ""
            if not base_name:  # content/index.md is a page at the root only when there is no _index
                kind = "section"
        else:
            base_name = stem
        path = self._path(page.frontmatter, config, lang, kind, dirs, base_name)
        return path

    def _path(self, fm: Mapping[str, Any], config: SiteConfig, lang: Optional[str], kind: str,
              dirs: list[str], base_name: str) -> str:
        prefix = self._prefix(config, lang)
        url = fm.get("url")
        if isinstance(url, str) and url.strip():
            # Hugo does not sanitize `url`; one without a leading slash is relative
            # to the language's folder, one with it to the (language's) baseURL.
            url = url.strip().replace("\\:", ":")
            start = _lang_bases(config).get(lang or "", config.base) if url.startswith("/") else prefix
            return _finish(_join(start, url), page_like=True)
        section = dirs[0] if dirs else ""
        pattern = self._pattern(config, lang, kind, section)
        slug = fm.get("slug")
        slug_text = str(slug).strip() if slug not in (None, "") and kind == "page" else ""
        if pattern is not None:
            segments = self._expand(pattern, fm, kind, dirs, base_name, slug_text, config)
        elif kind == "section":
            segments = "/".join(dirs) + "/"
        else:
            segments = "/".join([*dirs, slug_text or base_name])
        segments = sanitize(segments)
        if config.options.get("path_to_lower", True):
            segments = segments.lower()
        # Hugo 0.111 (checked by building) makes section pages ugly too; the home page stays /.
        ugly = self._ugly(config, section) and bool(segments.strip("/"))
        if ugly:
            segments = segments.rstrip("/") + ".html"
        return _finish(prefix + segments.lstrip("/"), page_like=not ugly)

    def _prefix(self, config: SiteConfig, lang: Optional[str]) -> str:
        """Base path plus the language folder: ``/docs/fr/``."""
        bases = _lang_bases(config)
        if lang is not None and lang in bases:
            return bases[lang]
        in_subdir = lang is not None and (lang != config.default_locale or config.options.get("default_in_subdir"))
        return config.base + (f"{lang}/" if in_subdir else "")

    def _ugly(self, config: SiteConfig, section: str) -> bool:
        ugly = config.options.get("ugly_urls")
        if isinstance(ugly, Mapping):
            return _truthy(ugly.get(section.lower()))
        return bool(ugly)

    def _pattern(self, config: SiteConfig, lang: Optional[str], kind: str, section: str) -> Optional[str]:
        tables: list[Any] = []
        lang_tables = config.options.get("lang_permalinks") or {}
        if lang is not None and lang in lang_tables:
            tables.append(lang_tables[lang])
        tables.append(config.options.get("permalinks") or {})
        key = section.lower()
        for table in tables:
            by_kind = table.get(kind)
            if isinstance(by_kind, Mapping) and isinstance(by_kind.get(key), str):
                return str(by_kind[key])
            # The old map form (``posts = '/:year/:title/'``) is for regular pages.
            if kind == "page" and isinstance(table.get(key), str):
                return str(table[key])
        return None

    def _expand(self, pattern: str, fm: Mapping[str, Any], kind: str, dirs: list[str], base_name: str,
                slug: str, config: SiteConfig) -> str:
        date = _date(fm)
        title = str(fm.get("title") or "")
        branch_dirs = config.options.get("branch_dirs") or frozenset()
        sections = dirs[:1] + [d for i, d in enumerate(dirs[1:], 2) if "/".join(dirs[:i]) in branch_dirs]

        def value(match: re.Match[str]) -> str:
            token, spec = match.group(1).lower(), match.group(2)
            weekday = (date.weekday() + 1) % 7
            values: dict[str, Callable[[], str]] = {
                "year": lambda: f"{date.year:04d}",
                "month": lambda: f"{date.month:02d}",
                "monthname": lambda: _MONTHS[date.month - 1].lower(),
                "day": lambda: f"{date.day:02d}",
                "weekday": lambda: str(weekday),
                "weekdayname": lambda: _WEEKDAYS[weekday].lower(),
                "yearday": lambda: str(date.timetuple().tm_yday),
                "section": lambda: dirs[0] if dirs else "",
                "sectionslug": lambda: dirs[0] if dirs else "",
                "sections": lambda: "/".join(_slice(sections, spec)),
                "sectionslugs": lambda: "/".join(_slice(sections, spec)),
                "title": lambda: title,
                "slug": lambda: slug or title,
                "filename": lambda: base_name,
                "contentbasename": lambda: base_name,
                "slugorfilename": lambda: slug or base_name,
                "slugorcontentbasename": lambda: slug or base_name,
            }
            maker = values.get(token)
            return match.group(0) if maker is None else sanitize(maker())

        return _TOKEN.sub(value, pattern)

    def aliases(self, page: PageInput, config: SiteConfig) -> tuple[str, ...]:
        raw = page.frontmatter.get("aliases")
        values = [raw] if isinstance(raw, str) else raw if isinstance(raw, list) else []
        found = self._content_root(page.relpath, config)
        if found is None:
            return ()
        lang = self.locale(page, config)
        prefix = self._prefix(config, lang)
        route = self.route(page, config) or prefix
        # A page-relative alias is resolved against the folder of the page's URL
        # (so a permalink pattern moves it too); a site-relative one gets the
        # language prefix (urls.md, "Defining aliases").
        directory = route[len(prefix) :] if route.startswith(prefix) else route.lstrip("/")
        directory = posixpath.dirname(directory.rstrip("/"))
        dirs = [d for d in posixpath.dirname(found[1]).split("/") if d]
        ugly = self._ugly(config, dirs[0] if dirs else "")
        out = []
        for alias in values:
            if not isinstance(alias, str) or not alias.strip():
                continue
            alias = alias.strip()
            target = alias.lstrip("/") if alias.startswith("/") else posixpath.join(directory, alias)
            normal = posixpath.normpath("/" + target).lstrip("/")
            if ugly and "." not in normal.rsplit("/", 1)[-1]:
                out.append(_finish(prefix + normal.rstrip("/") + ".html", page_like=False))
            else:
                out.append(_finish(prefix + normal, page_like=True))
        return tuple(out)

    def link_candidates(self, relpath: str, link: str, config: SiteConfig) -> tuple[str, ...]:
        """The content files a link names as ``.GetPage`` reads a path (link render
        hooks): from the page's folder, then from the content root; ``x``, ``x.md``,
        ``x/_index.md``, ``x/index.md``, a translation (``x.fr.md``) first."""
        found = self._content_root(relpath, config)
        if found is None:
            return ()
        lang = self.locale(PageInput(relpath, {}, True), config)
        inner_dir = posixpath.dirname(found[1])
        path = link.split("#", 1)[0].split("?", 1)[0]
        bases = [""] if path.startswith("/") else [inner_dir, ""]
        roots = sorted(config.options.get("content_roots") or ((config.content_dir, None, ""),),
                       key=lambda r: r[1] != lang)
        out: list[str] = []
        for base in bases:
            inner = posixpath.normpath(posixpath.join(base, path.strip("/"))).strip("/")
            if inner.startswith(".."):
                continue
            stem, suffix = posixpath.splitext(inner)
            if not inner:
                stems, suffixes = ["_index"], [".md"]
            elif suffix.lower() in CONTENT_SUFFIXES:
                stems, suffixes = [stem], [suffix]
            else:
                stems, suffixes = [inner, f"{inner}/_index", f"{inner}/index"], [".md"]
            names = [f"{st}.{lang}{sf}" for st in stems for sf in suffixes] if lang is not None else []
            names += [f"{st}{sf}" for st in stems for sf in suffixes]
            for folder, _, target in roots:
                for name in names:
                    if target:
                        if not (name == target or name.startswith(target + "/")):
                            continue
                        name = name[len(target) :].lstrip("/")
                    out.append(posixpath.normpath(posixpath.join(folder, name)))
        return tuple(dict.fromkeys(out))

    def slugger(self, config: Optional[SiteConfig] = None) -> Callable[[str], str]:
        id_type = str((config.options if config else {}).get("auto_heading_id_type") or "github")
        return slugs.hugo(id_type if id_type in ("github-ascii", "blackfriday") else "github")  # type: ignore[arg-type]

    def slugger_for(self, config: SiteConfig) -> Callable[[str], str]:
        """The slugger as this site's config sets it up."""
        return self.slugger(config)


def _language_home_redirects(base: str, default: str, languages: list[str], lang_bases: Mapping[str, str],
                             in_subdir: bool) -> dict[str, str]:
    """Hugo writes a redirect page between ``/`` and ``/<default language>/``."""
    if not languages or default in lang_bases:
        return {}
    home, lang_home = base, f"{base}{default}/"
    return {home: lang_home} if in_subdir else {lang_home: home}


def _dig(data: Any, *keys: str) -> Any:
    for key in keys:
        if not isinstance(data, dict):
            return None
        data = data.get(key)
    return data


def _as_list(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [v for v in value if isinstance(v, str)]
    return []


def _text(value: Any) -> Optional[str]:
    """A config value meant as text; numbers are accepted as TOML/YAML may type them."""
    if isinstance(value, bool) or value is None:
        return None
    return str(value) if isinstance(value, (str, int, float)) else None


def _weight(value: Any) -> int:
    # Hugo orders languages by weight, unweighted (0) ones last.
    try:
        weight = int(value or 0)
    except (TypeError, ValueError):
        weight = 0
    return weight or 10**6


def _lang_bases(config: SiteConfig) -> dict[str, str]:
    return dict(config.options.get("lang_bases") or {})


def _join(base: str, path: str) -> str:
    return base.rstrip("/") + "/" + path.lstrip("/")


def _finish(path: str, page_like: bool) -> str:
    """Pretty URLs end in ``/``; a path whose last segment has an extension stays a file."""
    path = "/" + path.lstrip("/")
    last = path.rstrip("/").rsplit("/", 1)[-1]
    if page_like and "." not in last:
        return path if path.endswith("/") else path + "/"
    return path


def _not_rendered(fm: Mapping[str, Any], config: SiteConfig) -> bool:
    if fm.get("draft") is True and not config.options.get("build_drafts"):
        return True
    if fm.get("headless") is True:
        return True
    build = fm.get("build", fm.get("_build"))
    if isinstance(build, Mapping):
        render = build.get("render")
        return render in ("never", "link", False) or (isinstance(render, str) and render.lower() in ("never", "link", "false"))
    return False


def _inside_leaf_bundle(directory: str, filename: str, config: SiteConfig) -> bool:
    """A file in (or below) a leaf bundle's folder that is not its index is a resource."""
    leaves = config.options.get("leaf_bundles") or frozenset()
    parts = [p for p in directory.split("/") if p]
    is_index = filename.split(".")[0] == "index"
    for depth in range(len(parts), 0, -1):
        ancestor = "/".join(parts[:depth])
        if ancestor in leaves and not (is_index and depth == len(parts)):
            return True
    return False


def _has_link_hook(root: Path, raw: Mapping[str, Any]) -> bool:
    embedded = str(_dig(raw, "markup", "goldmark", "renderhooks", "link", "useembedded") or "").lower()
    if embedded == "always":
        return True
    themes = _as_list(raw.get("theme"))
    folders = [root / "layouts", *(root / "themes" / t / "layouts" for t in themes)]
    for folder in folders:
        for sub in ("_markup", "_default/_markup"):
            try:
                if any(p.name.startswith("render-link.") for p in (folder / sub).iterdir()):
                    return True
            except OSError:
                continue
    return False


def _mounts(raw: Mapping[str, Any], languages: list[str]
            ) -> tuple[list[tuple[str, Optional[str], str]], list[tuple[str, str]]]:
    """Hugo module ``mounts`` onto ``content`` and ``static``; any content mount replaces contentDir."""
    content: list[tuple[str, Optional[str], str]] = []
    static: list[tuple[str, str]] = []
    mounts = _dig(raw, "module", "mounts")
    for mount in mounts if isinstance(mounts, list) else []:
        if not isinstance(mount, dict) or not isinstance(mount.get("source"), str):
            continue
        source = mount["source"].strip("/")
        target = str(mount.get("target") or "").strip("/")
        component, _, rest = target.partition("/")
        if component == "content":
            langs = _dig(mount, "sites", "matrix", "languages")
            lang = mount.get("lang") or (langs[0] if isinstance(langs, list) and len(langs) == 1 else None)
            content.append((source, str(lang).lower() if lang and str(lang).lower() in languages else None, rest))
        elif component == "static":
            static.append((source, rest))
    return content, static


def _below_headless_section(directory: str, config: SiteConfig) -> bool:
    """A page in a section whose ``_index`` cascades ``build: {render: never}`` (the
    ``_index`` itself included: build-options.md, "headless section")."""
    headless = config.options.get("headless_dirs") or frozenset()
    parts = [p for p in directory.split("/") if p]
    return any("/".join(parts[:depth]) in headless for depth in range(len(parts), 0, -1))


def _renders_always(fm: Mapping[str, Any]) -> bool:
    # The page's own `build` wins over a cascade (build-options.md, "list without publishing").
    build = fm.get("build", fm.get("_build"))
    return isinstance(build, Mapping) and str(build.get("render")).lower() == "always"


def _front_matter(path: Path) -> Any:
    try:
        with open(path, encoding="utf-8", errors="replace") as fh:
            head = fh.read(16384)
    except OSError:
        return None
    for fence, suffix in (("---", ".yaml"), ("+++", ".toml")):
        if head.startswith(fence):
            end = head.find("\n" + fence, len(fence))
            return config_files.parse(head[len(fence) : end], suffix) if end > 0 else None
    return None


def _cascades_headless(front_matter: Any) -> bool:
    """``cascade`` (one table, or a list without ``target``) that stops descendants rendering."""
    if not isinstance(front_matter, dict):
        return False
    cascade = front_matter.get("cascade")
    entries = [cascade] if isinstance(cascade, dict) else cascade if isinstance(cascade, list) else []
    for entry in entries:
        if not isinstance(entry, dict) or entry.get("target") or entry.get("_target"):
            continue
        if entry.get("draft") is True or entry.get("headless") is True:
            return True
        build = entry.get("build", entry.get("_build"))
        if isinstance(build, dict) and str(build.get("render")).lower() in ("never", "link", "false"):
            return True
    return False


def _scan_bundles(root: Path, content_roots: list[tuple[str, Optional[str], str]]
                  ) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """Folders (posix, relative to root) holding an ``index.*`` (leaf) or ``_index.*``
    (branch), and the branches whose ``_index`` cascades "do not render"."""
    leaves: set[str] = set()
    branches: set[str] = set()
    headless: set[str] = set()
    for folder in {f for f, _, _ in content_roots}:
        for current, subdirs, files in walk_inside(root, folder):
            subdirs[:] = [d for d in subdirs if not d.startswith(".")]
            rel = Path(current).relative_to(root).as_posix()
            rel = "" if rel == "." else rel
            names = {f.split(".")[0] for f in files if posixpath.splitext(f)[1].lower() in CONTENT_SUFFIXES}
            if "index" in names:
                leaves.add(rel)
            if "_index" in names:
                branches.add(rel)
                index_file = next(f for f in files if f.split(".")[0] == "_index"
                                  and posixpath.splitext(f)[1].lower() in CONTENT_SUFFIXES)
                if _cascades_headless(_front_matter(Path(current) / index_file)):
                    headless.add(rel)
                # The branch paths used by :sections are relative to the content dir.
                branches.add(rel[len(folder) + 1 :] if folder != "." and rel.startswith(folder + "/") else rel)
    return frozenset(leaves), frozenset(branches), frozenset(headless)
