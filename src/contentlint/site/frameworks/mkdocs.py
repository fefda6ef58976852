"""MkDocs routes, locales, redirects and heading ids.

A page under ``docs_dir`` is served at ``foo/`` for ``foo.md`` (``foo.html``
without ``use_directory_urls``); ``index.md``, and ``README.md`` when its
folder has no ``index.md``, is its folder. Files and folders starting with a
dot are not built. The base path is the path of ``site_url``. The
mkdocs-static-i18n plugin puts every language but the default one under
``/<locale>/``, by ``docs/<locale>/`` folders or ``page.<locale>.md``
suffixes; the redirects plugin's ``redirect_maps`` become redirects. Heading
ids follow the toc extension's ``slugify`` and ``separator``.

Sources: mkdocs.org user-guide/configuration (docs_dir, site_url,
use_directory_urls, exclude_docs) and writing-your-docs (index.md/README.md),
mkdocs/structure/files.py (``File._get_stem``/``_get_dest_path``/``_get_url``),
mkdocs-static-i18n and mkdocs-redirects READMEs.
"""
from __future__ import annotations

import posixpath
from pathlib import Path
from typing import Any, Callable, Mapping, Optional
from urllib.parse import quote, urlsplit

from .. import slugs
from . import config_files
from .config_files import walk_inside
from .base import PageInput, SiteConfig

CONFIG_NAMES = ("mkdocs.yml", "mkdocs.yaml")
MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkdn", ".mkd")


def _named_entries(raw: Any) -> list[tuple[str, Any]]:
    """``plugins:``/``markdown_extensions:`` as (name, options): a list of names or
    one-key mappings, or one mapping."""
    if isinstance(raw, dict):
        return [(str(k), v) for k, v in raw.items()]
    out: list[tuple[str, Any]] = []
    for item in raw if isinstance(raw, list) else []:
        if isinstance(item, str):
            out.append((item, {}))
        elif isinstance(item, dict):
            out.extend((str(k), v) for k, v in item.items())
    return out


def _plugins(raw: Any) -> dict[str, Any]:
    return {name: options if isinstance(options, dict) else {} for name, options in _named_entries(raw)}


def _snippet_base_paths(raw: Any) -> tuple[str, ...]:
    """pymdownx.snippets' ``base_path`` (a folder or a list; default the project folder)."""
    for name, options in _named_entries(raw):
        if name == "pymdownx.snippets" and isinstance(options, dict) and "base_path" in options:
            value = options["base_path"]
            paths = [value] if isinstance(value, str) else value if isinstance(value, list) else []
            return tuple(str(p).strip("/") or "." for p in paths if isinstance(p, str))
    return (".",)


def _toc_options(raw: Any) -> dict[str, Any]:
    for name, options in _named_entries(raw):
        if name in ("toc", "markdown.extensions.toc"):
            return options if isinstance(options, dict) else {}
    return {}


def _slug_function(value: Any) -> tuple[Optional[Callable[[str, str], str]], bool, bool]:
    """(slugify, unicode, understood) for the toc ``slugify`` option as YAML gives it."""
    if value is None:
        return None, False, True
    tag = value.get(config_files.TAG_KEY, "") if isinstance(value, dict) else str(value)
    if tag.endswith("toc.slugify_unicode"):
        return None, True, True
    if tag.endswith("toc.slugify"):
        return None, False, True
    if "pymdownx.slugs" in tag:
        name = tag.rsplit(".", 1)[-1]
        kwds = value.get("kwds", {}) if isinstance(value, dict) else {}
        kwds = kwds if isinstance(kwds, dict) else {}
        legacy = {"uslugify": ("lower", False), "uslugify_encoded": ("lower", True), "gfm": ("lower", True),
                  "uslugify_cased": ("none", False), "uslugify_cased_encoded": ("none", True),
                  "gfm_cased": ("none", True)}
        if name == "slugify":
            case, encode = str(kwds.get("case", "none")), bool(kwds.get("percent_encode", False))
            normalize = str(kwds.get("normalize", "NFC"))
        elif name in legacy:
            (case, encode), normalize = legacy[name], "NFC"
        else:
            return None, False, False
        return (lambda text, sep: slugs.pymdownx_slug(text, sep, case, encode, normalize)), False, True
    return None, False, False


class MkDocs:
    name = "mkdocs"

    def load_config(self, root: Path) -> SiteConfig:
        raw: Any = None
        unresolved: list[str] = []
        for name in CONFIG_NAMES:
            if (root / name).is_file():
                raw = config_files.read(root / name)
                if not isinstance(raw, dict):
                    unresolved.append(name)
                break
        data: dict[str, Any] = raw if isinstance(raw, dict) else {}
        docs_value, url_value = data.get("docs_dir"), data.get("site_url")
        docs_dir = (docs_value if isinstance(docs_value, str) else "docs").strip("/").removeprefix("./") or "."
        site_url: str = url_value if isinstance(url_value, str) else ""
        try:
            parts = urlsplit(site_url)
        except ValueError:  # e.g. an unclosed IPv6 bracket
            parts = urlsplit("")
            unresolved.append("site_url")
        base = "/" + parts.path.strip("/") + "/" if parts.path.strip("/") else "/"
        domain = f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else ""
        directory_urls = data.get("use_directory_urls", True) is not False
        plugins = _plugins(data.get("plugins"))
        theme = data.get("theme")
        custom = theme.get("custom_dir") if isinstance(theme, dict) else None
        custom_dir = custom.strip("/").removeprefix("./") if isinstance(custom, str) else ""
        default_locale, locales, structure = self._i18n(plugins.get("i18n"))
        toc = _toc_options(data.get("markdown_extensions"))
        _, unicode, understood = _slug_function(toc.get("slugify"))
        if not understood:
            unresolved.append("markdown_extensions.toc.slugify")
        options: dict[str, Any] = {
            "use_directory_urls": directory_urls,
            "i18n_structure": structure,
            "shadowed_readmes": _shadowed_readmes(root, docs_dir),
            "toc_separator": str(toc.get("separator", "-")),
            "toc_slugify": toc.get("slugify"),
            "toc_unicode": unicode,
            "unresolved": tuple(unresolved),
            # MkDocs resolves every relative link from the source file, not from the page URL.
            "relative_links": "source",
            "markdown_dirs": (docs_dir,),
            # MkDocs copies every other file of docs_dir to the same path in the site.
            "static_mounts": ((docs_dir, ""), *(((custom_dir, ""),) if custom_dir else ())),
            # mkdocs-static-i18n serves the default language's page where a translation is missing.
            # Files the theme serves beside docs_dir's (not under the root): path prefixes.
            "theme_files": _theme_files(data.get("theme")),
            # pymdownx.snippets (`--8<--`) and `::: identifier` blocks (mkdocstrings,
            # mkdocs-click) put headings from elsewhere into a page.
            "includes": True,
            # `--8<-- "file"` is looked up under pymdownx.snippets' base_path folders.
            "include_dirs": {"snippet": _snippet_base_paths(data.get("markdown_extensions"))},
            # `{ #id }` after an inline element gives it that id (Python-Markdown attr_list).
            "attr_list": any(n in ("attr_list", "markdown.extensions.attr_list")
                             for n, _ in _named_entries(data.get("markdown_extensions"))),
            "fallback": bool(locales) and (plugins.get("i18n") or {}).get("fallback_to_default", True) is not False,
        }
        config = SiteConfig(
            root=root, content_dir=docs_dir, base=base, trailing_slash="ignore",
            default_locale=default_locale, locales=locales, redirects={},
            domains=(domain + base.rstrip("/"),) if domain else (), options=options,
        )
        redirect_maps = (plugins.get("redirects") or {}).get("redirect_maps")
        redirects = self._redirects(redirect_maps, config) if isinstance(redirect_maps, dict) else {}
        return SiteConfig(**{**config.__dict__, "redirects": redirects})

    def _i18n(self, options: Any) -> tuple[Optional[str], tuple[str, ...], str]:
        if not isinstance(options, dict):
            return None, (), ""
        structure = str(options.get("docs_structure") or "suffix")
        languages = options.get("languages")
        codes: list[str] = []
        default = options.get("default_language")
        if isinstance(languages, list):  # mkdocs-static-i18n 1.x
            for entry in languages:
                if isinstance(entry, dict) and isinstance(entry.get("locale"), str):
                    if entry.get("build") is False:
                        continue
                    codes.append(entry["locale"])
                    if entry.get("default") is True:
                        default = entry["locale"]
        elif isinstance(languages, dict):  # 0.x: {fr: name or options}
            codes = [str(k) for k in languages]
        if isinstance(default, str) and default not in codes:
            codes.insert(0, default)
        if not codes:
            return None, (), ""
        return (str(default) if default else codes[0]), tuple(codes), structure

    def _redirects(self, maps: Mapping[Any, Any], config: SiteConfig) -> dict[str, str]:
        out: dict[str, str] = {}
        for old, new in maps.items():
            if not isinstance(old, str) or not isinstance(new, str):
                continue
            origin = self.route(PageInput(posixpath.join(config.content_dir, old), {}, True), config)
            if origin is None:
                continue
            if "://" in new:
                out[origin] = new
                continue
            path, _, fragment = new.partition("#")
            target = self.route(PageInput(posixpath.join(config.content_dir, path), {}, True), config)
            if target is not None:
                out[origin] = target + ("#" + fragment if fragment else "")
        return out

    def _split(self, relpath: str, config: SiteConfig) -> Optional[tuple[str, Optional[str]]]:
        """The path inside docs_dir with the language taken out, and that language."""
        prefix = "" if config.content_dir == "." else config.content_dir.rstrip("/") + "/"
        if not relpath.startswith(prefix):
            return None
        inner = relpath[len(prefix) :]
        if not config.locales:
            return inner, None
        if config.options.get("i18n_structure") == "folder":
            first, _, rest = inner.partition("/")
            if first in config.locales and rest:
                return rest, first
            return inner, config.default_locale
        directory, name = posixpath.split(inner)
        pieces = name.split(".")
        if len(pieces) >= 3 and pieces[-2] in config.locales:
            return posixpath.join(directory, ".".join(pieces[:-2] + pieces[-1:])), pieces[-2]
        return inner, config.default_locale

    def locale(self, page: PageInput, config: SiteConfig) -> Optional[str]:
        split = self._split(page.relpath, config)
        return split[1] if split else None

    def route(self, page: PageInput, config: SiteConfig) -> Optional[str]:
        split = self._split(page.relpath, config)
        if split is None:
            return None
        inner, lang = split
        if any(part.startswith(".") for part in inner.split("/")) or inner.startswith("templates/"):
            return None
        directory, filename = posixpath.split(inner)
        stem, suffix = posixpath.splitext(filename)
        if suffix.lower() not in MARKDOWN_SUFFIXES:
            return None
        if stem == "README" and directory in config.options.get("shadowed_readmes", ()):
            return None  # MkDocs drops a README.md beside an index.md
        name = "index" if stem == "README" else stem
        if not config.options.get("use_directory_urls", True):
            url = posixpath.join(directory, name + ".html")
        elif name == "index":
            url = directory + "/" if directory else ""
        else:
            url = posixpath.join(directory, name) + "/"
        prefix = config.base
        if lang is not None and lang != config.default_locale:
            prefix = config.base + lang + "/"
        return prefix + quote(url)

    def aliases(self, page: PageInput, config: SiteConfig) -> tuple[str, ...]:
        return ()

    def link_candidates(self, relpath: str, link: str, config: SiteConfig) -> tuple[str, ...]:
        """The file a relative link means: MkDocs resolves it from the linking file's folder."""
        if link.startswith("/"):
            return ()  # MkDocs leaves absolute links as they are
        target = posixpath.normpath(posixpath.join(posixpath.dirname(relpath), link))
        if target.startswith("../"):
            return ()
        split = self._split(relpath, config)
        lang = split[1] if split else None
        if lang is None or lang == config.default_locale:
            return (target,)
        # mkdocs-static-i18n builds each language from its own files: a link to
        # `x.md` in a French page reaches `x.fr.md` when there is one, else
        # the default language's page.
        if config.options.get("i18n_structure") == "folder":
            prefix = "" if config.content_dir == "." else config.content_dir.rstrip("/") + "/"
            mine = prefix + lang + "/"
            default = prefix + str(config.default_locale) + "/"
            if target.startswith(mine):
                return (target, default + target[len(mine) :], prefix + target[len(mine) :])
            return (target,)
        stem, suffix = posixpath.splitext(target)
        return (f"{stem}.{lang}{suffix}", target)

    def slugger(self, config: Optional[SiteConfig] = None) -> Callable[[str], str]:
        options = config.options if config else {}
        slugify, unicode, _ = _slug_function(options.get("toc_slugify"))
        return slugs.mkdocs(str(options.get("toc_separator", "-")), unicode, slugify)

    def slugger_for(self, config: SiteConfig) -> Callable[[str], str]:
        """The slugger as this site's config sets it up."""
        return self.slugger(config)


# The static files of MkDocs' built-in themes (mkdocs/themes/<name>/), and
# Material's, which keeps all of its own under assets/.
_BUILTIN_THEME_FILES = {
    "mkdocs": ("img/favicon.ico", "img/grid.png", "css/", "js/", "webfonts/"),
    "readthedocs": ("img/favicon.ico", "css/", "js/"),
    "material": ("assets/",),
}


def _theme_files(theme: Any) -> tuple[str, ...]:
    """Path prefixes (inside the site) of the files the theme serves; ("",):
    any path (a theme whose files are not known)."""
    name = theme.get("name", "mkdocs") if isinstance(theme, dict) else theme if theme is not None else "mkdocs"
    if name is None and isinstance(theme, dict) and theme.get("custom_dir"):
        return ()  # a theme made only of custom_dir, which is read as static files
    return _BUILTIN_THEME_FILES.get(str(name), ("",))


def _shadowed_readmes(root: Path, docs_dir: str) -> frozenset[str]:
    """Folders (inside docs_dir) where README.md loses to an index.md."""
    shadowed: set[str] = set()
    for current, subdirs, files in walk_inside(root, docs_dir):
        subdirs[:] = [d for d in subdirs if not d.startswith(".")]
        if "index.md" in files and "README.md" in files:
            rel = Path(current).relative_to(root / docs_dir).as_posix()
            shadowed.add("" if rel == "." else rel)
    return frozenset(shadowed)
