"""MkDocs routes from MkDocs' documented examples.

- https://www.mkdocs.org/user-guide/configuration/#use_directory_urls (the table of
  index.md, api-guide.md, about/license.md with and without directory URLs) and
  #site_url, #docs_dir;
- https://www.mkdocs.org/user-guide/writing-your-docs/ (file layout, index.md and
  README.md, files starting with a dot);
- mkdocs-static-i18n README (suffix and folder structures, /<language>/ versions);
- mkdocs-redirects README (``redirect_maps``);
- Python-Markdown toc ``slugify``/``separator`` options and pymdown-extensions' slugs.
"""
from __future__ import annotations

from pathlib import Path
from typing import Optional

from contentlint.site.frameworks.base import PageInput, SiteConfig
from contentlint.site.frameworks.mkdocs import MkDocs

MKDOCS = MkDocs()


def _site(tmp_path: Path, config: str, files: Optional[dict[str, str]] = None) -> SiteConfig:
    (tmp_path / "mkdocs.yml").write_text(config, encoding="utf-8")
    for rel, text in (files or {}).items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text, encoding="utf-8")
    return MKDOCS.load_config(tmp_path)


def _route(config: SiteConfig, relpath: str) -> Optional[str]:
    return MKDOCS.route(PageInput(relpath, {}, True), config)


def test_use_directory_urls_table(tmp_path: Path) -> None:
    config = _site(tmp_path, "site_name: x\n")
    assert [_route(config, f"docs/{p}") for p in ("index.md", "api-guide.md", "about/license.md")] == [
        "/", "/api-guide/", "/about/license/"]
    config = _site(tmp_path, "site_name: x\nuse_directory_urls: false\n")
    assert [_route(config, f"docs/{p}") for p in ("index.md", "api-guide.md", "about/license.md")] == [
        "/index.html", "/api-guide.html", "/about/license.html"]


def test_writing_your_docs_layout_and_readme(tmp_path: Path) -> None:
    config = _site(tmp_path, "site_name: x\nsite_url: https://example.com/foo/\ndocs_dir: documentation\n", {
        "documentation/index.md": "", "documentation/README.md": "",
        "documentation/user-guide/README.md": "",
    })
    assert config.domains == ("https://example.com/foo",)
    assert _route(config, "documentation/user-guide/getting-started.md") == "/foo/user-guide/getting-started/"
    assert _route(config, "documentation/user-guide/README.md") == "/foo/user-guide/"
    # README.md beside an index.md is left out of the site.
    assert _route(config, "documentation/README.md") is None
    assert _route(config, "documentation/index.md") == "/foo/"
    assert _route(config, "documentation/.hidden/page.md") is None
    assert _route(config, "documentation/img/logo.png") is None
    assert _route(config, "docs/elsewhere.md") is None


def test_yaml_with_python_tags_does_not_crash(tmp_path: Path) -> None:
    config = _site(tmp_path, """site_name: x
theme:
  name: material
markdown_extensions:
  - toc:
      permalink: true
      slugify: !!python/object/apply:pymdownx.slugs.slugify
        kwds:
          case: lower
  - pymdownx.emoji:
      emoji_index: !!python/name:material.extensions.emoji.twemoji
      emoji_generator: !!python/name:material.extensions.emoji.to_svg
extra:
  analytics: !ENV [GOOGLE_ANALYTICS_KEY, 'none']
""")
    assert config.options["unresolved"] == ()
    slug = MKDOCS.slugger(config)
    # pymdownx.slugs keeps Unicode; the toc collapses the white space first (as mkdocs 1.6.1 builds it).
    assert [slug("Über  Uns"), slug("Über  Uns"), slug("日本語")] == ["über-uns", "über-uns_1", "日本語"]


def test_toc_slugify_unicode_and_separator(tmp_path: Path) -> None:
    config = _site(tmp_path, """markdown_extensions:
  - toc:
      separator: "_"
      slugify: !!python/name:markdown.extensions.toc.slugify_unicode
""")
    slug = MKDOCS.slugger(config)
    assert [slug("Unicode ヘッダー"), slug("Unicode ヘッダー")] == ["unicode_ヘッダー", "unicode_ヘッダー_1"]
    assert MKDOCS.slugger(_site(tmp_path, "site_name: x\n"))("Théâtre") == "theatre"
    config = _site(tmp_path, "markdown_extensions:\n  - toc:\n      slugify: !!python/name:my.own.slugify\n")
    assert config.options["unresolved"] == ("markdown_extensions.toc.slugify",)


def test_static_i18n_suffix_structure(tmp_path: Path) -> None:
    config = _site(tmp_path, """plugins:
  - search
  - i18n:
      docs_structure: suffix
      languages:
        - locale: en
          default: true
          name: English
        - locale: fr
          name: Français
""")
    assert (config.default_locale, config.locales) == ("en", ("en", "fr"))
    for rel, route, locale in [
        ("docs/index.md", "/", "en"), ("docs/index.fr.md", "/fr/", "fr"),
        ("docs/topic/page.fr.md", "/fr/topic/page/", "fr"), ("docs/topic/page.en.md", "/topic/page/", "en"),
    ]:
        page = PageInput(rel, {}, True)
        assert (MKDOCS.route(page, config), MKDOCS.locale(page, config)) == (route, locale)


def test_static_i18n_folder_structure(tmp_path: Path) -> None:
    config = _site(tmp_path, """plugins:
  - i18n:
      docs_structure: folder
      languages:
        - locale: en
          default: true
        - locale: fr
""")
    assert _route(config, "docs/en/index.md") == "/"
    assert _route(config, "docs/fr/guide/setup.md") == "/fr/guide/setup/"


def test_redirect_maps(tmp_path: Path) -> None:
    config = _site(tmp_path, """plugins:
  - redirects:
      redirect_maps:
        'old.md': 'new.md'
        'old/file.md': 'new/file.md#part'
        'some_file.md': 'http://external.url.com/foobar'
""")
    assert dict(config.redirects) == {
        "/old/": "/new/", "/old/file/": "/new/file/#part", "/some_file/": "http://external.url.com/foobar"}


def test_malformed_config_is_reported_not_raised(tmp_path: Path) -> None:
    config = _site(tmp_path, "site_name: [unclosed\n")
    assert config.options["unresolved"] == ("mkdocs.yml",)
    assert _route(config, "docs/a.md") == "/a/"


def test_relative_links_resolve_from_the_source_file(tmp_path: Path) -> None:
    # writing-your-docs.md "Linking to pages"/"Linking to images and media": relative to the Markdown file.
    config = _site(tmp_path, "site_name: x\n")
    assert MKDOCS.link_candidates("docs/getting-started.md", "img/favicon.ico", config) == ("docs/img/favicon.ico",)
    assert MKDOCS.link_candidates("docs/user-guide/a.md", "../about/license.md", config) == ("docs/about/license.md",)
    assert MKDOCS.link_candidates("docs/a.md", "/abs.md", config) == ()


def test_python_tags_in_mkdocs_yml_run_nothing(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    config = _site(tmp_path, f'site_name: x\nhook: !!python/object/apply:os.system ["touch {marker}"]\n'
                             f'other: !!python/object/new:pathlib.Path ["{marker}"]\n')
    assert not marker.exists()
    assert _route(config, "docs/a.md") == "/a/"
