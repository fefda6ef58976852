"""Routes as each framework documents them (the examples of its own docs)."""
from __future__ import annotations

from pathlib import Path

import pytest

from contentlint.site.frameworks.astro import Astro
from contentlint.site.frameworks.base import PageInput, SiteConfig
from contentlint.site.frameworks.jekyll import Jekyll


def jekyll_config(permalink: str, base: str = "/") -> SiteConfig:
    return SiteConfig(root=Path("."), content_dir=".", base=base, locales=("en", "ja"), default_locale="en",
                      options={"permalink": permalink})


# https://jekyllrb.com/docs/permalinks/#built-in-formats : a post
# `_posts/2009-04-29-slap-chop.md` in category `food` under each style.
@pytest.mark.parametrize("style,route", [
    ("date", "/food/2009/04/29/slap-chop.html"),
    ("pretty", "/food/2009/04/29/slap-chop/"),
    ("ordinal", "/food/2009/119/slap-chop.html"),
    ("none", "/food/slap-chop.html"),
    ("/:categories/:year/:title/", "/food/2009/slap-chop/"),
])
def test_jekyll_post_permalink_styles(style, route):
    page = PageInput("_posts/2009-04-29-slap-chop.md", {"categories": "food"}, True)
    assert Jekyll().route(page, jekyll_config(style)) == route


def test_jekyll_folders_above_posts_are_categories_and_front_matter_wins():
    cfg = jekyll_config("pretty")
    assert Jekyll().route(PageInput("en/news/_posts/2020-01-02-hi.md", {}, True), cfg) == "/en/news/2020/01/02/hi/"
    assert Jekyll().route(PageInput("en/news/_posts/2020-01-02-hi.md", {"permalink": "/hi/"}, True), cfg) == "/hi/"
    assert Jekyll().route(PageInput("en/news/_posts/2020-01-02-hi.md", {"date": "2020-02-03 10:00"}, True),
                          cfg) == "/en/news/2020/02/03/hi/"
    assert Jekyll().route(PageInput("_posts/hi.md", {}, True), cfg) is None  # no date: not a post
    assert Jekyll().route(PageInput("_posts/2020-01-02-hi.md", {"published": False}, True), cfg) is None


# https://jekyllrb.com/docs/permalinks/#pages-and-collections
@pytest.mark.parametrize("style,path,route", [
    ("date", "about.md", "/about.html"),
    ("pretty", "about.md", "/about/"),
    ("pretty", "docs/index.md", "/docs/"),
    ("date", "docs/index.md", "/docs/"),
    ("pretty", "feed.xml", "/feed.xml"),
    ("pretty", "_includes/x.md", None),
])
def test_jekyll_pages(style, path, route):
    assert Jekyll().route(PageInput(path, {}, path.endswith(".md")), jekyll_config(style)) == route


def test_jekyll_baseurl_redirect_from_and_locale():
    cfg = jekyll_config("pretty", base="/blog/")
    page = PageInput("ja/about.md", {"redirect_from": ["/old-about/"]}, True)
    assert Jekyll().route(page, cfg) == "/blog/ja/about/"
    assert Jekyll().aliases(page, cfg) == ("/blog/old-about/",)
    assert Jekyll().locale(page, cfg) == "ja"
    assert Jekyll().locale(PageInput("about.md", {"lang": "de"}, True), cfg) == "de"


def starlight(tmp_path: Path, config: str) -> SiteConfig:
    (tmp_path / "astro.config.mjs").write_text(config, encoding="utf-8")
    return Astro().load_config(tmp_path)


# https://starlight.astro.build/guides/pages/ and /guides/i18n/
def test_starlight_routes_locales_and_slug(tmp_path):
    cfg = starlight(tmp_path, """export default defineConfig({ site: 'https://example.com', base: '/docs',
        trailingSlash: 'always', redirects: { '/old/': '/new/' },
        integrations: [starlight({ title: 'x', defaultLocale: 'en',
        locales: { en: { label: 'English' }, 'pt-br': { label: 'Português', lang: 'pt-BR' } } })] });""")
    assert (cfg.base, cfg.trailing_slash, cfg.domains) == ("/docs", "always", ("https://example.com",))
    assert cfg.locales == ("en", "pt-br") and cfg.default_locale == "en"
    assert cfg.redirects == {"/old/": "/new/"}
    astro = Astro()
    assert astro.route(PageInput("src/content/docs/en/guides/first-page.md", {}, True), cfg) == \
        "/docs/en/guides/first-page/"
    assert astro.route(PageInput("src/content/docs/en/index.mdx", {}, True), cfg) == "/docs/en/"
    assert astro.route(PageInput("src/content/docs/en/Getting Started.md", {}, True), cfg) == \
        "/docs/en/getting-started/"
    assert astro.route(PageInput("src/content/docs/en/a.md", {"slug": "en/custom"}, True), cfg) == "/docs/en/custom/"
    assert astro.route(PageInput("src/content/docs/en/a.md", {"draft": True}, True), cfg) is None
    assert astro.locale(PageInput("src/content/docs/pt-br/a.md", {}, True), cfg) == "pt-br"
    assert astro.route(PageInput("src/pages/about.astro", {}, False), cfg) == "/docs/about/"
    assert astro.route(PageInput("src/pages/_hidden.astro", {}, False), cfg) is None
    assert astro.route(PageInput("src/pages/rss.xml.ts", {}, False), cfg) == "/docs/rss.xml"


def test_starlight_root_locale_and_computed_locales(tmp_path):
    cfg = starlight(tmp_path, """starlight({ locales: { root: { label: 'English', lang: 'en' },
        fr: { label: 'Français' } } })""")
    assert cfg.default_locale == "root"
    astro = Astro()
    assert astro.route(PageInput("src/content/docs/guides/x.md", {}, True), cfg) == "/guides/x/"
    assert astro.locale(PageInput("src/content/docs/guides/x.md", {}, True), cfg) == "root"
    assert astro.locale(PageInput("src/content/docs/fr/guides/x.md", {}, True), cfg) == "fr"
    # Locales imported from another module are the content folders named like locale codes.
    (tmp_path / "src/content/docs/en").mkdir(parents=True)
    (tmp_path / "src/content/docs/zh-cn").mkdir()
    (tmp_path / "src/content/docs/images").mkdir()
    cfg = starlight(tmp_path, "starlight({ defaultLocale: 'en', locales: localesConfig })")
    assert cfg.locales == ("en", "zh-cn")
