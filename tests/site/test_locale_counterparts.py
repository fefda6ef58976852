"""The index's locale logic is the framework's: for any page, its counterpart in
another locale (what ST003 and ST005 compare with) is the route the framework
gives the same file translated, whether the default locale sits at the site
root (Hugo, MkDocs) or in its own folder."""
from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings, strategies as st

from contentlint.site.frameworks.base import SiteConfig
from contentlint.site.frameworks.hugo import Hugo
from contentlint.site.frameworks.mkdocs import MkDocs
from contentlint.site.index import SiteIndex, key
from contentlint.site.skeleton import Skeleton

segment = st.text("abcdefxyz-", min_size=1, max_size=6).filter(lambda s: s.strip("-") == s)
paths = st.lists(st.lists(segment, min_size=1, max_size=3).map("/".join), min_size=1, max_size=6, unique=True)
LOCALES = ("en", "fr", "ja")


def mkdocs_config(base: str) -> SiteConfig:
    return SiteConfig(root=Path("/site"), content_dir="docs", base=base, default_locale="en", locales=LOCALES,
                      options={"i18n_structure": "suffix", "use_directory_urls": True})


def hugo_config(base: str, in_subdir: bool) -> SiteConfig:
    return SiteConfig(root=Path("/site"), content_dir="content", base=base, default_locale="en", locales=LOCALES,
                      options={"content_roots": (("content", None, ""),), "default_in_subdir": in_subdir})


def translated(relpath: str, locale: str) -> str:
    stem, suffix = relpath.rsplit(".", 1)
    return relpath if locale == "en" else f"{stem}.{locale}.{suffix}"


@settings(max_examples=60, deadline=None)
@given(paths=paths, base=st.sampled_from(["/", "/docs/"]), in_subdir=st.booleans(),
       which=st.sampled_from(["hugo", "mkdocs"]))
def test_counterpart_is_the_translated_files_route(paths, base, in_subdir, which):
    framework = Hugo() if which == "hugo" else MkDocs()
    config = hugo_config(base, in_subdir) if which == "hugo" else mkdocs_config(base)
    folder = config.content_dir
    index = SiteIndex(framework, config, Skeleton())
    pages = {}
    for path in paths:
        for locale in LOCALES:
            rel = translated(f"{folder}/{path}.md", locale)
            pages[(path, locale)] = index.add(rel, {}, True, {"h": [], "l": []})
    index.finish()
    for (path, locale), page in pages.items():
        assert page.locale == locale
        for other in LOCALES:
            assert index.counterpart(page, other) == key(pages[(path, other)].route), (page.relpath, other)
