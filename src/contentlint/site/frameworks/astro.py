"""Astro and Starlight routes.

Starlight serves each entry of ``src/content/docs`` at its id: the path
without extension, each segment slugged with github-slugger, ``index``
dropped, or the frontmatter ``slug``. The first segment is the locale when it
names one. Pages in ``src/pages`` are routes by their path; a ``[param]``
segment makes a pattern (its values come from code, so links into it are not
judged). ``base``, ``trailingSlash``, ``site``, ``defaultLocale``, ``locales``
and ``redirects`` are read from ``astro.config.*`` where they are literals;
locales written elsewhere are the content folders named like locale codes.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Callable, Optional

from .. import slugs
from .base import PageInput, SiteConfig, TrailingSlash
from .literals import object_block, object_keys, string_pairs, string_value, strip_comments, urls_assigned
from ...patterns import lazy_regex

CONFIG_NAMES = tuple(f"astro.config.{ext}" for ext in ("mjs", "js", "ts", "mts", "cjs"))
PAGE_EXTENSIONS = (".astro", ".md", ".mdx", ".html")
LOCALE_CODE = lazy_regex(r"^[a-z]{2,3}(?:[-_][a-zA-Z]{2,4})?$")
PAGES_DIR = "src/pages"
# Astro writes these two routes as `404.html` and `500.html` at the top of the
# output whatever `build.format` is (core/build/common.ts STATUS_CODE_PAGES):
# hosts serve them as the error pages, and a relative link in them resolves
# from the site's root folder, not from `/404/`.
STATUS_CODE_PAGES = ("404", "500")


def _segment_slug(segment: str) -> str:
    return slugs.github_slug(segment)


def _with_slash(path: str, trailing: TrailingSlash) -> str:
    if path == "/" or trailing == "never":
        return path if path == "/" else path.rstrip("/")
    return path.rstrip("/") + "/"


def _join(base: str, path: str) -> str:
    return "/" + "/".join(p for p in (base.strip("/"), path.strip("/")) if p)


def _page_path(base: str, path: str, trailing: TrailingSlash) -> str:
    """The URL of the page at route ``path`` (inside ``base``) as Astro builds it."""
    if path.strip("/") in STATUS_CODE_PAGES:
        return _join(base, path.strip("/") + ".html")
    return _with_slash(_join(base, path), trailing)


class Astro:
    name = "astro"

    def load_config(self, root: Path) -> SiteConfig:
        source = ""
        for name in CONFIG_NAMES:
            try:
                source = strip_comments((root / name).read_text(encoding="utf-8", errors="replace"))
                break
            except OSError:
                continue
        starlight = "starlight" in source
        content_dir = "src/content/docs"
        base = string_value(source, "base") or "/"
        trailing = string_value(source, "trailingSlash")
        trailing_slash: TrailingSlash = trailing if trailing in ("always", "never", "ignore") else "ignore"  # type: ignore[assignment]
        default_locale = string_value(source, "defaultLocale")
        block = object_block(source, "locales")
        locales = tuple(object_keys(block)) if block is not None else ()
        if not locales and default_locale is not None:
            docs = root / content_dir
            try:
                locales = tuple(sorted(p.name for p in docs.iterdir() if p.is_dir() and LOCALE_CODE.match(p.name)))
            except OSError:
                locales = ()
        if "root" in locales:
            default_locale = default_locale or "root"
        redirects_block = object_block(source, "redirects")
        redirects = string_pairs(redirects_block) if redirects_block is not None else {}
        domains = tuple(dict.fromkeys(u.rstrip("/") for u in urls_assigned(source, "site")))
        return SiteConfig(
            root=root, content_dir=content_dir, base=_join(base, ""), trailing_slash=trailing_slash,
            default_locale=default_locale, locales=locales, redirects=redirects, domains=domains,
            options={"starlight": starlight, "fallback": starlight and bool(locales),
                     # An imported `.md`/`.mdx` file renders where its component is used.
                     "include_dirs": {"mdx": None},
                     # Astro's heading ids are github-slugger's own with `experimentalHeadingIdCompat`, and
                     # with the satteri processor (the links of the docs that use it expect `#--flag`, `#image-`).
                     "heading_ids": "compat" if re.search(r"experimentalHeadingIdCompat\s*:\s*true|satteri", source)
                     else "current"},
        )

    def route(self, page: PageInput, config: SiteConfig) -> Optional[str]:
        rel = page.relpath
        if rel.startswith(PAGES_DIR + "/"):
            return self._page_route(rel[len(PAGES_DIR) + 1 :], config)
        prefix = config.content_dir.rstrip("/") + "/"
        if not rel.startswith(prefix) or not page.is_markdown:
            return None
        if page.frontmatter.get("draft") is True:
            return None
        slug = page.frontmatter.get("slug")
        if isinstance(slug, str):
            entry_id = slug.strip("/")
        else:
            stem = rel[len(prefix) :].rsplit(".", 1)[0]
            parts = [_segment_slug(p) for p in stem.split("/")]
            if parts and parts[-1] == "index":
                parts.pop()
            entry_id = "/".join(parts)
        if entry_id.split("/")[0] == "root" and "root" in config.locales:
            entry_id = entry_id[4:]
        # Starlight's own `404` route renders the `404` entry (utils/routing/data.ts).
        return _page_path(config.base, entry_id, config.trailing_slash)

    def _page_route(self, rel: str, config: SiteConfig) -> Optional[str]:
        if any(part.startswith("_") for part in rel.split("/")):
            return None
        name = rel
        for ext in (".ts", ".js"):
            if name.endswith(ext):
                name = name[: -len(ext)]  # an endpoint: `feed.xml.ts` serves /feed.xml
                if "." not in name.rsplit("/", 1)[-1] and "[" not in name:
                    return None
                return _join(config.base, name)
        if not name.endswith(PAGE_EXTENSIONS):
            return None
        stem = name.rsplit(".", 1)[0]
        if stem == "index" or stem.endswith("/index"):
            stem = stem[: -len("index")]
        return _page_path(config.base, stem, config.trailing_slash)

    def aliases(self, page: PageInput, config: SiteConfig) -> tuple[str, ...]:
        return ()

    def locale(self, page: PageInput, config: SiteConfig) -> Optional[str]:
        prefix = config.content_dir.rstrip("/") + "/"
        if not page.relpath.startswith(prefix) or not config.locales:
            return None
        first = page.relpath[len(prefix) :].split("/", 1)[0]
        if first in config.locales:
            return first
        return "root" if "root" in config.locales else None

    def slugger(self) -> Callable[[str], str]:
        return slugs.astro()

    def slugger_for(self, config: SiteConfig) -> Callable[[str], str]:
        """The slugger as this site's config sets it up (``heading_ids``)."""
        mode = config.options.get("heading_ids", "current")
        return slugs.astro(mode if mode in ("current", "legacy", "compat") else "current")
