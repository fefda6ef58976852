"""Hugo routes from Hugo's own documented examples.

Each test names the page of the Hugo documentation (gohugoio/hugoDocs at 1c61334,
served at https://gohugo.io/) whose example it reproduces.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, Optional

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from contentlint.site.frameworks.base import PageInput, SiteConfig
from contentlint.site.frameworks.hugo import Hugo, sanitize

HUGO = Hugo()


def _site(tmp_path: Path, config: str, files: dict[str, str], name: str = "hugo.toml") -> SiteConfig:
    (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
    (tmp_path / name).write_text(config, encoding="utf-8")
    for rel, text in files.items():
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return HUGO.load_config(tmp_path)


def _route(config: SiteConfig, relpath: str, **frontmatter: Any) -> Optional[str]:
    return HUGO.route(PageInput(relpath, frontmatter, True), config)


def test_urls_page_examples(tmp_path: Path) -> None:
    # content-management/urls.md: "content/posts/post-1.md → https://example.org/posts/post-1/",
    # `slug`, `url` with and without an extension.
    config = _site(tmp_path, "baseURL = 'https://example.org/'\n", {"content/posts/post-1.md": ""})
    assert _route(config, "content/posts/post-1.md") == "/posts/post-1/"
    assert _route(config, "content/posts/post-1.md", slug="my-first-post") == "/posts/my-first-post/"
    assert _route(config, "content/posts/post-1.md", url="articles/my-first-article") == "/articles/my-first-article/"
    assert _route(config, "content/posts/post-1.md", url="articles/my-first-article.html") == "/articles/my-first-article.html"
    assert _route(config, "content/example.md", url="my\\:example") == "/my:example/"
    assert config.domains == ("https://example.org",)


def test_url_leading_slash_in_multilingual_sites(tmp_path: Path) -> None:
    # urls.md "Leading slashes" table: multilingual `/about` → /about/, `about` → /de/about/.
    config = _site(tmp_path, "defaultContentLanguage = 'en'\n[languages.en]\nweight = 1\n[languages.de]\nweight = 2\n", {})
    assert _route(config, "content/about.de.md", url="/about") == "/about/"
    assert _route(config, "content/about.de.md", url="about") == "/de/about/"
    assert _route(config, "content/about.en.md", url="about") == "/about/"


def test_aliases_table(tmp_path: Path) -> None:
    # urls.md "Defining aliases": content/examples/example-1.en.md with
    # aliases ['/old-url', 'old-name', '../old/path'] → /en/old-url/, /en/examples/old-name/, /en/old/path/.
    config = _site(tmp_path, "defaultContentLanguageInSubdir = true\n[languages.en]\n[languages.de]\n", {})
    page = PageInput("content/examples/example-1.en.md", {"aliases": ["/old-url", "old-name", "../old/path"]}, True)
    assert HUGO.aliases(page, config) == ("/en/old-url/", "/en/examples/old-name/", "/en/old/path/")
    assert HUGO.route(page, config) == "/en/examples/example-1/"


def test_permalinks_map_form_and_per_language(tmp_path: Path) -> None:
    # configuration/permalinks.md, "Map form": articles pages and section, per language.
    config = _site(tmp_path, """
defaultContentLanguage = 'de'
[languages.de]
weight = 1
[languages.de.permalinks.page]
articles = '/artikel/:year/:month/:slug/'
[languages.de.permalinks.section]
articles = '/artikel/'
[languages.en]
weight = 2
[languages.en.permalinks.page]
articles = '/blog/:year/:month/:slug/'
[languages.en.permalinks.section]
articles = '/blog/'
""", {})
    date = dt.date(2023, 4, 9)
    assert _route(config, "content/articles/first.de.md", date=date, title="Erster Artikel") == "/artikel/2023/04/erster-artikel/"
    assert _route(config, "content/articles/first.en.md", date=date, slug="first-post") == "/en/blog/2023/04/first-post/"
    assert _route(config, "content/articles/_index.de.md") == "/artikel/"
    assert _route(config, "content/articles/_index.en.md") == "/en/blog/"
    assert [config.default_locale, *config.locales] == ["de", "de", "en"]


def test_permalink_tokens(tmp_path: Path) -> None:
    # _common/permalink-tokens.md: :sections slices, :contentbasename, :slugorcontentbasename, names.
    config = _site(tmp_path, """
[permalinks]
docs = '/:sections[1:]/:slugorcontentbasename/'
news = '/:year/:monthname/:day/:weekdayname/:contentbasename/'
""", {"content/docs/_index.md": "", "content/docs/guide/_index.md": "", "content/docs/guide/intro.md": ""})
    assert _route(config, "content/docs/guide/intro.md") == "/guide/intro/"
    assert _route(config, "content/docs/guide/intro.md", slug="start") == "/guide/start/"
    date = "2021-01-01T10:00:00Z"  # a Friday
    assert _route(config, "content/news/hello.md", date=date) == "/2021/january/01/friday/hello/"


def test_ugly_urls_site_wide_and_by_section(tmp_path: Path) -> None:
    # configuration/ugly-urls.md: /section/article.html; the map form turns it on per section.
    config = _site(tmp_path, "uglyURLs = true\n", {})
    assert _route(config, "content/section/article.md") == "/section/article.html"
    # Section pages too (hugo 0.111.3 builds public/section.html); the home page stays /.
    assert _route(config, "content/section/_index.md") == "/section.html"
    assert _route(config, "content/_index.md") == "/"
    page = PageInput("content/section/article.md", {"aliases": ["/old/article/", "older"]}, True)
    assert HUGO.aliases(page, config) == ("/old/article.html", "/section/older.html")
    config = _site(tmp_path, "[uglyURLs]\nbooks = true\nfilms = false\n", {})
    assert _route(config, "content/books/a.md") == "/books/a.html"
    assert _route(config, "content/films/a.md") == "/films/a/"


def test_translation_by_file_name_and_by_content_directory(tmp_path: Path) -> None:
    # content-management/multilingual.md: about.en.md / about.fr.md, then contentDir per language.
    config = _site(tmp_path, "defaultContentLanguage = 'en'\n[languages.en]\n[languages.fr]\n", {})
    en = PageInput("content/about.en.md", {}, True)
    fr = PageInput("content/about.fr.md", {}, True)
    plain = PageInput("content/contact.md", {}, True)
    assert [HUGO.locale(p, config) for p in (en, fr, plain)] == ["en", "fr", "en"]
    assert [HUGO.route(p, config) for p in (en, fr, plain)] == ["/about/", "/fr/about/", "/contact/"]
    config = _site(tmp_path, """
[languages.en]
contentDir = 'content/english'
weight = 10
[languages.fr]
contentDir = 'content/french'
weight = 20
""", {})
    fr = PageInput("content/french/about.md", {}, True)
    en = PageInput("content/english/about.md", {}, True)
    assert (HUGO.locale(fr, config), HUGO.route(fr, config)) == ("fr", "/fr/about/")
    assert (HUGO.locale(en, config), HUGO.route(en, config)) == ("en", "/about/")


def test_language_with_its_own_base_url(tmp_path: Path) -> None:
    config = _site(tmp_path, """
baseURL = 'https://example.org/docs/'
[languages.en]
weight = 1
[languages.fr]
baseURL = 'https://fr.example.org/'
weight = 2
""", {})
    assert _route(config, "content/a.en.md") == "/docs/a/"
    assert _route(config, "content/a.fr.md") == "/a/"
    assert set(config.domains) == {"https://example.org/docs", "https://fr.example.org"}


def test_page_bundles(tmp_path: Path) -> None:
    # content-management/page-bundles.md: a leaf bundle's index.md is the page, its
    # other Markdown files are resources; _index.md is the branch (list) page.
    config = _site(tmp_path, "", {
        "content/posts/_index.md": "", "content/posts/my-bundle/index.md": "",
        "content/posts/my-bundle/content-1.md": "", "content/posts/my-bundle/sub/x.md": "",
        "content/_index.md": "",
    })
    assert _route(config, "content/posts/my-bundle/index.md") == "/posts/my-bundle/"
    assert _route(config, "content/posts/my-bundle/index.md", slug="renamed") == "/posts/renamed/"
    assert _route(config, "content/posts/my-bundle/content-1.md") is None
    assert _route(config, "content/posts/my-bundle/sub/x.md") is None
    assert _route(config, "content/posts/_index.md") == "/posts/"
    assert _route(config, "content/_index.md") == "/"
    assert _route(config, "static/logo.png") is None


def test_build_options_draft_and_headless(tmp_path: Path) -> None:
    # content-management/build-options.md "headless page": render = 'never' publishes no page.
    config = _site(tmp_path, "", {})
    assert _route(config, "content/headless/index.md", build={"render": "never"}) is None
    assert _route(config, "content/a.md", build={"render": "link"}) is None
    assert _route(config, "content/a.md", draft=True) is None
    assert _route(config, "content/a.md", headless=True) is None
    assert _route(config, "content/a.md", build={"list": "never"}) == "/a/"
    assert _route(_site(tmp_path, "buildDrafts = true\n", {}), "content/a.md", draft=True) == "/a/"


def test_config_directory_and_yaml(tmp_path: Path) -> None:
    # configuration/introduction.md "Configuration directory": config/_default/hugo.toml
    # plus one file per top-level key (languages.toml); keys are case-insensitive.
    (tmp_path / "config/_default").mkdir(parents=True)
    (tmp_path / "config/_default/hugo.toml").write_text("ContentDir = 'site'\nbaseurl = 'https://ex.org/'\n")
    (tmp_path / "config/_default/languages.toml").write_text("[en]\nweight = 1\n[ja]\nweight = 2\n")
    config = HUGO.load_config(tmp_path)
    assert (config.content_dir, config.locales) == ("site", ("en", "ja"))
    assert _route(config, "site/日本語 ページ.ja.md") == "/ja/日本語-ページ/"
    yaml_site = _site(tmp_path / "y", "baseURL: https://y.org/b/\nuglyURLs: true\n", {}, name="hugo.yaml")
    assert _route(yaml_site, "content/Post One.md") == "/b/post-one.html"


def test_path_is_sanitized_and_lowercased(tmp_path: Path) -> None:
    config = _site(tmp_path, "", {})
    assert _route(config, "content/My Posts/Hello, World!.md") == "/my-posts/hello-world/"
    assert _route(_site(tmp_path, "disablePathToLower = true\n", {}), "content/Posts/A.md") == "/Posts/A/"


@pytest.mark.parametrize(("text", "expected"), [
    # common/paths/path_test.go (its TesSanitize table is never run upstream: the cases
    # below are those the current Sanitize code keeps) and BenchmarkSanitize.
    ("  Foo bar  ", "Foo-bar"),
    ("Foo.Bar/foo_Bar-Foo", "Foo.Bar/foo_Bar-Foo"),
    ("fOO,bar:foobAR", "fOObarfoobAR"),
    ("FOo/Ba       R.html", "FOo/Ba-R.html"),
    ("трям/трям", "трям/трям"),
    ("은행", "은행"),
    ("संस्कृत", "संस्कृत"),
    ("a%C3%B1ame", "a%C3%B1ame"),
    ("~foo", "~foo"),
    ("foo bar", "foo-bar"),
    ("a - b", "a-b"),
])
def test_sanitize(text: str, expected: str) -> None:
    assert sanitize(text) == expected


def test_bad_config_does_not_raise(tmp_path: Path) -> None:
    config = _site(tmp_path, "baseURL = [", {})
    assert config.options["unresolved"] == ("hugo.toml",)
    assert _route(config, "content/a.md") == "/a/"


def test_slugger_follows_auto_heading_id_type(tmp_path: Path) -> None:
    config = _site(tmp_path, "[markup.goldmark.parser]\nautoHeadingIDType = 'github-ascii'\n", {})
    slug = HUGO.slugger(config)
    assert [slug("Résumé"), slug("Résumé")] == ["resume", "resume-1"]
    assert HUGO.slugger()("Résumé") == "résumé"


def test_headless_section_cascade(tmp_path: Path) -> None:
    # build-options.md "headless section" (nothing under content/headless/ is published,
    # its _index neither) and "list without publishing" (the glossary page is, its entries not).
    config = _site(tmp_path, "", {
        "content/headless/_index.md": "+++\ntitle = 'Headless section'\n[[cascade]]\n[cascade.build]\n"
                                      "  list = 'local'\n  publishResources = false\n  render = 'never'\n+++\n",
        "content/headless/note-1/index.md": "",
        "content/glossary/_index.md": "+++\ntitle = 'Glossary'\n[build]\nrender = 'always'\n[[cascade]]\n"
                                      "[cascade.build]\n  list = 'local'\n  render = 'never'\n+++\n",
        "content/glossary/foo.md": "",
        "content/books/_index.md": "---\ncascade:\n  - target: {path: '/books/**'}\n    build: {render: never}\n---\n",
        "content/books/book-1.md": "",
    })
    assert _route(config, "content/headless/note-1/index.md") is None
    assert _route(config, "content/headless/_index.md") is None
    assert _route(config, "content/glossary/_index.md", build={"render": "always"}) == "/glossary/"
    assert _route(config, "content/glossary/foo.md") is None
    # A cascade with a target is not modelled: the page keeps its route.
    assert _route(config, "content/books/book-1.md") == "/books/book-1/"


def test_module_mounts_replace_content_dir(tmp_path: Path) -> None:
    # configuration/module.md mounts, as gohugoio/hugoDocs itself mounts content/en.
    config = _site(tmp_path, """
[languages.en]
weight = 1
[[module.mounts]]
source = 'content/en'
target = 'content'
[module.mounts.sites.matrix]
languages = ['en']
[[module.mounts]]
source = 'shared/docs'
target = 'content/docs'
[[module.mounts]]
source = 'assets/img'
target = 'static/images'
""", {})
    assert _route(config, "content/en/about.md") == "/about/"
    assert HUGO.locale(PageInput("content/en/about.md", {}, True), config) == "en"
    assert _route(config, "shared/docs/intro.md") == "/docs/intro/"
    assert ("assets/img", "images") in config.options["static_mounts"]


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=30))
def test_sanitize_is_idempotent(text: str) -> None:
    # Hugo's own contract for Sanitize (common/paths/path.go): sanitizing twice changes nothing.
    once = sanitize(text)
    assert sanitize(once) == once
    assert " " not in once


def test_index_md_at_the_content_root_makes_the_tree_one_bundle(tmp_path: Path) -> None:
    # As hugo 0.111.3 builds it: content/index.md is a leaf bundle holding the whole
    # tree, so public/ has index.html only (about.md and posts/a.md are resources).
    config = _site(tmp_path, "", {"content/index.md": "", "content/about.md": "", "content/posts/a.md": ""})
    assert _route(config, "content/index.md") == "/"
    assert _route(config, "content/about.md") is None
    assert _route(config, "content/posts/a.md") is None
