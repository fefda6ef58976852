"""Docusaurus routes from Docusaurus's own tests and documented examples.

- slug.test.ts, numberPrefix.test.ts (packages/docusaurus-plugin-content-docs/src/__tests__)
  and blogUtils.test.ts ``parseBlogFileName`` (plugin-content-blog), facebook/docusaurus.
- https://docusaurus.io/docs/creating-pages (src/pages → routes),
  https://docusaurus.io/docs/create-doc (doc ids and URLs),
  https://docusaurus.io/docs/versioning, https://docusaurus.io/docs/i18n/tutorial,
  https://docusaurus.io/docs/api/docusaurus-config#trailingSlash,
  https://docusaurus.io/docs/api/plugins/@docusaurus/plugin-client-redirects.
"""
from __future__ import annotations

import posixpath
from pathlib import Path
from typing import Any, Optional

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from contentlint.site.frameworks.base import PageInput, SiteConfig
from contentlint.site.frameworks.docusaurus import (
    Docusaurus,
    blog_slug,
    doc_slug,
    resolve_pathname,
    strip_number_prefix,
)

DOCUSAURUS = Docusaurus()

CONFIG_TS = """
import {themes as prismThemes} from 'prism-react-renderer';
import type {Config} from '@docusaurus/types';
import type * as Preset from '@docusaurus/preset-classic';

// This runs in Node.js - Don't use client-side code here (browser APIs, JSX...)
const config: Config = {
  title: 'My Site',
  url: 'https://your-docusaurus-site.example.com',
  baseUrl: '/',
  onBrokenLinks: 'throw',
  i18n: {
    defaultLocale: 'en',
    locales: ['en', 'fr'],
  },
  presets: [
    [
      'classic',
      {
        docs: {
          sidebarPath: './sidebars.ts',
          editUrl: 'https://github.com/facebook/docusaurus/tree/main/packages/create-docusaurus/templates/shared/',
        },
        blog: {
          showReadingTime: true,
          feedOptions: {type: ['rss', 'atom'], xslt: true},
        },
        theme: {customCss: './src/css/custom.css'},
      } satisfies Preset.Options,
    ],
  ],
  themeConfig: {
    image: 'img/docusaurus-social-card.jpg',
    prism: {theme: prismThemes.github, darkTheme: prismThemes.dracula},
  } satisfies Preset.ThemeConfig,
};

export default config;
"""


def _site(tmp_path: Path, config: str, files: Optional[dict[str, str]] = None,
          name: str = "docusaurus.config.ts") -> SiteConfig:
    (tmp_path / name).write_text(config, encoding="utf-8")
    for rel, text in (files or {}).items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text, encoding="utf-8")
    return DOCUSAURUS.load_config(tmp_path)


def _route(config: SiteConfig, relpath: str, **fm: Any) -> Optional[str]:
    return DOCUSAURUS.route(PageInput(relpath, fm, relpath.endswith((".md", ".mdx"))), config)


# --- slug.test.ts ---------------------------------------------------------------------

@pytest.mark.parametrize(("base_id", "source", "dir_name", "fm_slug", "expected"), [
    ("doc", "dir/doc.md", "/dir", None, "/dir/doc"),
    ("doc", "dir/subdir/doc.md", "/dir/subdir", None, "/dir/subdir/doc"),
    ("doc", "dir/subdir/index.md", "/dir/subdir", None, "/dir/subdir/"),
    ("doc", "dir/subdir/inDEx.mdx", "/dir/subdir", None, "/dir/subdir/"),
    ("doc", "dir/subdir/readme.md", "/dir/subdir", None, "/dir/subdir/"),
    ("doc", "dir/subdir/reADMe.mdx", "/dir/subdir", None, "/dir/subdir/"),
    ("doc", "dir/subdir/subdir.md", "/dir/subdir", None, "/dir/subdir/"),
    ("doc", "dir/subdir/suBDir.mdx", "/dir/subdir", None, "/dir/subdir/"),
    ("doc", "dir/subdir/index.md", "/dir/subdir", "/my/frontMatterSlug", "/my/frontMatterSlug"),
    ("doc", "001-dir1/002-dir2/doc.md", "/001-dir1/002-dir2", None, "/dir1/dir2/doc"),
    ("my dôc", "dir with spâce/hey $hello/doc.md", "/dir with spâce/hey $hello", None, "/dir with spâce/hey $hello/my dôc"),
    ("doc", "doc.md", ".", None, "/doc"),
    ("doc", "doc.md", "/", None, "/doc"),
    ("any", "doc.md", ".", "/abc/def", "/abc/def"),
    ("any", "any/any/doc.md", "./any/any", "/abc/def", "/abc/def"),
    ("any", "doc.md", ".", "abc/def", "/abc/def"),
    ("any", "dir/doc.md", "/dir", "abc/def", "/dir/abc/def"),
    ("any", "nonSlashedDir/doc.md", "nonSlashedDir", "abc/def", "/nonSlashedDir/abc/def"),
    ("any", "dir/subdir/doc.md", "dir/subdir", "abc/def", "/dir/subdir/abc/def"),
    ("any", "dir/doc.md", "/dir", "./abc/def", "/dir/abc/def"),
    ("any", "dir/doc.md", "/dir", "./abc/../def", "/dir/def"),
    ("any", "dir/subdir/doc.md", "/dir/subdir", "../abc/def", "/dir/abc/def"),
    ("any", "dir/subdirDoc.md", "/dir/subdir", "../../../../../abc/../def", "/def"),
])
def test_get_slug_upstream(base_id: str, source: str, dir_name: str, fm_slug: Optional[str], expected: str) -> None:
    file_name = source.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    assert doc_slug(base_id, file_name, dir_name.removeprefix("./") if dir_name != "." else ".", fm_slug) == expected


# --- numberPrefix.test.ts -------------------------------------------------------------

@pytest.mark.parametrize("name", [
    "1-My Doc", "01-My Doc", "001-My Doc", "001 - My Doc", "001      -    My Doc", "999      -        My Doc",
    "1---My Doc", "001 --- My Doc", "1___My Doc", "001 ___ My Doc", "1.My Doc", "001 . My Doc",
    "999      .       My Doc", "0046036 - My Doc",
])
def test_number_prefix_is_stripped(name: str) -> None:
    assert strip_number_prefix(name) == "My Doc"


@pytest.mark.parametrize("name", [
    "MyDoc", "a1-My Doc", "My Doc-000", "My Doc - 1", "Hey - 03 - My Doc", "00abc01-My Doc", "My 001- Doc",
    "My -001 Doc", "2021-01-31 - Doc", "31-01-2021 - Doc", "2021_01_31 - Doc", "2021.01.31 - Doc", "2021-01 - Doc",
    "01.2021 - Doc", "2021-01-31", "21_01", "01", "2021", "8.0", "8.0.0", "14.2.16", "8.0 - Doc", "8_0_0",
])
def test_number_prefix_patterns_left_alone(name: str) -> None:
    assert strip_number_prefix(name) == name


# --- blogUtils.test.ts parseBlogFileName ----------------------------------------------

@pytest.mark.parametrize(("relative", "slug"), [
    ("some-post.md", "/some-post"),
    ("some-post/index.md", "/some-post"),
    ("some-post/some-file.md", "/some-post/some-file"),
    ("some-post/some-subfolder/index.md", "/some-post/some-subfolder"),
    ("2021-05-12-announcing-docusaurus-two-beta.md", "/2021/05/12/announcing-docusaurus-two-beta"),
    ("2021-05-12-announcing-docusaurus-two-beta/index.md", "/2021/05/12/announcing-docusaurus-two-beta"),
    ("2021/05/12/announcing-docusaurus-two-beta/index.md", "/2021/05/12/announcing-docusaurus-two-beta"),
    ("2021/05-12-announcing-docusaurus-two-beta/index.md", "/2021/05/12/announcing-docusaurus-two-beta"),
    ("2021/05/12/announcing-docusaurus-two-beta/subfolder/file.md",
     "/2021/05/12/announcing-docusaurus-two-beta/subfolder/file"),
    ("team-a/2021/05/12/announcing-docusaurus-two-beta.md", "/2021/05/12/team-a/announcing-docusaurus-two-beta"),
    ("team-a-2021-05-12-hey/announcing-docusaurus-two-beta.md", "/2021/05/12/team-a-hey/announcing-docusaurus-two-beta"),
])
def test_blog_file_names_upstream(relative: str, slug: str) -> None:
    assert blog_slug(relative) == slug


# --- whole routes -----------------------------------------------------------------------


def test_classic_template_config_and_routes(tmp_path: Path) -> None:
    config = _site(tmp_path, CONFIG_TS)
    assert config.options["unresolved"] == ()
    assert (config.base, config.default_locale, config.locales) == ("/", "en", ("en", "fr"))
    assert config.domains == ("https://your-docusaurus-site.example.com",)
    # create-doc: docs/greeting.md → /docs/greeting; docs/tutorial/02-hello.md; `id`; `slug`.
    assert _route(config, "docs/greeting.md") == "/docs/greeting"
    assert _route(config, "docs/01-tutorial/02-hello.md") == "/docs/tutorial/hello"
    assert _route(config, "docs/guide/hello.md", id="part1") == "/docs/guide/part1"
    assert _route(config, "docs/guide/hello.md", slug="/bonjour") == "/docs/bonjour"
    assert _route(config, "docs/guide/hello.md", slug="bonjour") == "/docs/guide/bonjour"
    assert _route(config, "docs/intro.md", slug="/") == "/docs/"
    assert _route(config, "docs/guide/index.md") == "/docs/guide/"
    assert _route(config, "docs/_partial.mdx") is None
    assert _route(config, "docs/guide/draft.md", draft=True) is None
    # blog: dated file names, `slug`.
    assert _route(config, "blog/2019-05-28-first-blog-post.md") == "/blog/2019/05/28/first-blog-post"
    assert _route(config, "blog/2021-08-26-welcome/index.md") == "/blog/2021/08/26/welcome"
    assert _route(config, "blog/2021-08-26-welcome/index.md", slug="welcome") == "/blog/welcome"
    assert "/blog/" in config.options["generated_routes"]
    # i18n/tutorial: translated docs, blog and pages.
    fr_doc = PageInput("i18n/fr/docusaurus-plugin-content-docs/current/intro.md", {}, True)
    assert (DOCUSAURUS.route(fr_doc, config), DOCUSAURUS.locale(fr_doc, config)) == ("/fr/docs/intro", "fr")
    assert _route(config, "i18n/fr/docusaurus-plugin-content-blog/2019-05-28-first.md") == "/fr/blog/2019/05/28/first"
    assert _route(config, "i18n/fr/docusaurus-plugin-content-pages/markdown-page.md") == "/fr/markdown-page"
    assert DOCUSAURUS.locale(PageInput("docs/intro.md", {}, True), config) == "en"


def test_creating_pages_examples(tmp_path: Path) -> None:
    config = _site(tmp_path, CONFIG_TS)
    assert _route(config, "src/pages/index.js") == "/"
    assert _route(config, "src/pages/foo.js") == "/foo"
    assert _route(config, "src/pages/foo/test.js") == "/foo/test"
    assert _route(config, "src/pages/foo/index.js") == "/foo/"
    assert _route(config, "src/pages/markdown-page.md") == "/markdown-page"
    assert _route(config, "src/pages/_components/Box.js") is None
    assert _route(config, "src/pages/styles.module.css") is None


def test_versioning_example(tmp_path: Path) -> None:
    # versioning: the newest version at /docs/, older ones at /docs/<version>/, current at /docs/next/.
    config = _site(tmp_path, CONFIG_TS, {"versions.json": '["1.1.0", "1.0.0"]'})
    assert _route(config, "versioned_docs/version-1.1.0/hello.md") == "/docs/hello"
    assert _route(config, "versioned_docs/version-1.0.0/hello.md") == "/docs/1.0.0/hello"
    assert _route(config, "docs/hello.md") == "/docs/next/hello"


def test_docs_only_mode_base_url_and_trailing_slash(tmp_path: Path) -> None:
    config = _site(tmp_path, """module.exports = {
      title: 'x', url: 'https://example.org', baseUrl: '/site/', trailingSlash: true,
      presets: [[require.resolve('@docusaurus/preset-classic'), ({docs: {routeBasePath: '/'}, blog: false})]],
    };""", name="docusaurus.config.js")
    assert _route(config, "docs/intro.md") == "/site/intro/"
    assert _route(config, "docs/intro.md", slug="/") == "/site/"
    assert _route(config, "blog/2021-01-01-x.md") is None
    assert config.domains == ("https://example.org/site",)
    config = _site(tmp_path, "export default {title: 'x', baseUrl: '/', trailingSlash: false};",
                   name="docusaurus.config.js")
    assert _route(config, "docs/guide/index.md") == "/docs/guide"
    assert _route(config, "src/pages/index.md") == "/"


def test_extra_docs_instance_and_client_redirects(tmp_path: Path) -> None:
    config = _site(tmp_path, """export default {
      title: 'x', baseUrl: '/',
      plugins: [
        ['@docusaurus/plugin-content-docs', {id: 'community', path: 'community', routeBasePath: 'community'}],
        ['@docusaurus/plugin-client-redirects', {redirects: [
          {to: '/docs/newDoc', from: ['/docs/oldDoc', '/docs/legacyDoc']},
          {to: '/', from: '/home'},
        ]}],
      ],
    };""")
    assert _route(config, "community/team.md") == "/community/team"
    assert dict(config.redirects) == {"/docs/oldDoc": "/docs/newDoc", "/docs/legacyDoc": "/docs/newDoc", "/home": "/"}


def test_values_written_as_code_keep_defaults_and_are_reported(tmp_path: Path) -> None:
    config = _site(tmp_path, """const config = {
      title: 'x', baseUrl: process.env.BASE_URL || '/', url: `https://${host}`,
      i18n: {defaultLocale: 'en', locales: getLocales()},
    };
    module.exports = config;""", name="docusaurus.config.js")
    assert set(config.options["unresolved"]) == {"baseUrl", "url", "i18n.locales"}
    assert config.base == "/"
    assert _route(config, "docs/a.md") == "/docs/a"


def test_missing_or_unparsable_config(tmp_path: Path) -> None:
    config = DOCUSAURUS.load_config(tmp_path)
    assert _route(config, "docs/a.md") == "/docs/a"
    config = _site(tmp_path, "module.exports = require('./real-config');", name="docusaurus.config.js")
    assert config.options["unresolved"] == ("docusaurus.config.js (no literal config object)",)


def test_slugger_counts_explicit_ids() -> None:
    slug = DOCUSAURUS.slugger()
    assert [slug("Hello World"), slug("Hello World")] == ["hello-world", "hello-world-1"]


def test_config_statement_without_semicolon(tmp_path: Path) -> None:
    # reduxjs/redux website/docusaurus.config.ts ends `...}\n\nexport default config` with no
    # semicolon after the object: the object is still the config.
    config = _site(tmp_path, "const config: Config = {\n  title: 'Redux',\n  url: 'https://redux.js.org',\n"
                             "  baseUrl: '/base/',\n}\n\nexport default config\n")
    assert config.options["unresolved"] == ()
    assert (config.base, config.domains) == ("/base/", ("https://redux.js.org/base",))


def test_docs_include_and_exclude_globs(tmp_path: Path) -> None:
    # plugin-content-docs `include`/`exclude` (docusaurus.io/docs/api/plugins/@docusaurus/plugin-content-docs);
    # the include list is reduxjs/redux's own website/docusaurus.config.ts.
    config = _site(tmp_path, """export default {title: 'x', baseUrl: '/', presets: [['@docusaurus/preset-classic', {
      docs: {routeBasePath: '/', include: ['{api,faq,usage}/**/*.{md,mdx}', 'FAQ.md']},
      blog: {exclude: ['**/drafts/**']},
    }]]}""")
    assert _route(config, "docs/api/Store.md") == "/api/Store"
    assert _route(config, "docs/usage/deep/Thing.mdx") == "/usage/deep/Thing"
    assert _route(config, "docs/FAQ.md") == "/FAQ"
    assert _route(config, "docs/components/DetailedExplanation.md") is None
    assert _route(config, "blog/drafts/2021-01-01-x.md") is None
    # A given `exclude` replaces the default one, so `_partial.md` is a post again.
    assert _route(config, "blog/_partial.md") == "/blog/_partial"
    assert _route(config, "docs/api/_partial.md") is None


def test_markdown_link_candidates(tmp_path: Path) -> None:
    # utils/markdownLinks.ts resolveMarkdownLinkPathname: reduxjs/redux's docs/usage/Troubleshooting.md
    # links `api/Store.md`, which is docs/api/Store.md (content folder first), not docs/usage/api/Store.md.
    config = _site(tmp_path, CONFIG_TS)
    assert DOCUSAURUS.link_candidates("docs/usage/Troubleshooting.md", "api/Store.md", config) == (
        "docs/api/Store.md", "api/Store.md", "docs/usage/api/Store.md")
    assert DOCUSAURUS.link_candidates("docs/usage/a.md", "./b.md", config) == ("docs/usage/b.md",)
    assert DOCUSAURUS.link_candidates("docs/usage/a.md", "../b.md", config) == ("docs/b.md",)
    assert DOCUSAURUS.link_candidates("docs/usage/a.md", "/intro.md", config) == ("docs/intro.md", "intro.md")
    fr = "i18n/fr/docusaurus-plugin-content-docs/current/usage/a.md"
    assert DOCUSAURUS.link_candidates(fr, "api/Store.md", config)[:2] == (
        "i18n/fr/docusaurus-plugin-content-docs/current/api/Store.md", "docs/api/Store.md")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["a", "b", ".", "..", "c d"]), min_size=1, max_size=6),
       st.lists(st.sampled_from(["x", "y"]), max_size=3))
def test_resolve_pathname_agrees_with_path_normalisation(parts: list[str], folder: list[str]) -> None:
    # resolve-pathname resolves like a browser: the same as normalising the joined path,
    # never above the root, a trailing "." or ".." leaving a folder URL.
    to = "/".join(parts)
    base = "/" + "".join(f + "/" for f in folder)
    expected = posixpath.normpath(base + to)
    expected = "/" + expected.lstrip("/")
    if parts[-1] in (".", "..") and expected != "/":
        expected += "/"
    assert resolve_pathname(to, base) == expected
