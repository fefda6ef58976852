"""Any config a user can write loads without raising, and routes stay strings or None.

A config of the wrong shape (a string where a table belongs, a weight that is not a
number, a list of lists) must fall back to defaults: the run reports findings, it does
not crash. Configs are generated as JSON, which is also YAML and a JavaScript literal.
"""
from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from contentlint.site.frameworks.base import PageInput
from contentlint.site.frameworks.docusaurus import Docusaurus
from contentlint.site.frameworks.hugo import Hugo
from contentlint.site.frameworks.mkdocs import MkDocs

_SCALAR = st.one_of(st.none(), st.booleans(), st.integers(-3, 3), st.floats(allow_nan=False, allow_infinity=False),
                    st.sampled_from(["", "x", "/", "fr", "a/b", "../up", "always", "http://[", "https://x.org/b/"]),
                    st.text(max_size=8))
_VALUE = st.recursive(_SCALAR, lambda inner: st.one_of(
    st.lists(inner, max_size=3),
    st.dictionaries(st.sampled_from(["en", "fr", "weight", "contentDir", "baseURL", "path", "routeBasePath", "id",
                                     "locale", "default", "page", "section", "posts", "render", "target", "source",
                                     "redirect_maps", "languages", "docs_structure", "slugify", "separator"]),
                    inner, max_size=4)), max_leaves=12)

HUGO_KEYS = ["baseURL", "contentDir", "languages", "defaultContentLanguage", "defaultContentLanguageInSubdir",
             "permalinks", "uglyURLs", "disableLanguages", "module", "markup", "staticDir", "disablePathToLower"]
MKDOCS_KEYS = ["docs_dir", "site_url", "use_directory_urls", "plugins", "markdown_extensions"]
DOCUSAURUS_KEYS = ["baseUrl", "url", "trailingSlash", "i18n", "presets", "plugins", "title"]

PAGES = ["content/a.md", "content/posts/_index.md", "content/x/index.fr.md", "docs/index.md", "docs/a/README.md",
         "docs/01-intro.md", "blog/2021-01-01-x.md", "src/pages/index.js", "i18n/fr/docusaurus-plugin-content-docs/current/a.md"]
FRONT_MATTER = st.dictionaries(st.sampled_from(["slug", "url", "id", "draft", "aliases", "date", "title", "build"]),
                               _VALUE, max_size=3)


def _config(keys: list[str]) -> st.SearchStrategy[dict[str, Any]]:
    return st.dictionaries(st.sampled_from(keys), _VALUE, max_size=5)


def _exercise(framework: Any, config_name: str, text: str, fm: dict[str, Any]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / config_name).write_text(text, encoding="utf-8")
        config = framework.load_config(root)
        for rel in PAGES:
            page = PageInput(rel, fm, True)
            route = framework.route(page, config)
            assert route is None or (isinstance(route, str) and route.startswith("/"))
            assert all(isinstance(a, str) for a in framework.aliases(page, config))
            framework.locale(page, config)
        slug = framework.slugger_for(config)
        assert isinstance(slug("Heading"), str)


@settings(max_examples=150, deadline=None)
@given(_config(HUGO_KEYS), FRONT_MATTER)
def test_hugo_configs_never_raise(data: dict[str, Any], fm: dict[str, Any]) -> None:
    _exercise(Hugo(), "hugo.json", json.dumps(data), fm)


@settings(max_examples=150, deadline=None)
@given(_config(MKDOCS_KEYS), FRONT_MATTER)
def test_mkdocs_configs_never_raise(data: dict[str, Any], fm: dict[str, Any]) -> None:
    _exercise(MkDocs(), "mkdocs.yml", json.dumps(data), fm)


@settings(max_examples=150, deadline=None)
@given(_config(DOCUSAURUS_KEYS), FRONT_MATTER)
def test_docusaurus_configs_never_raise(data: dict[str, Any], fm: dict[str, Any]) -> None:
    _exercise(Docusaurus(), "docusaurus.config.js", "module.exports = " + json.dumps(data) + ";", fm)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=200))
def test_docusaurus_config_text_never_raises(text: str) -> None:
    _exercise(Docusaurus(), "docusaurus.config.js", text, {})


def test_malformed_urls_and_wrong_types_fall_back() -> None:
    _exercise(MkDocs(), "mkdocs.yml", 'site_url: "http://["\ndocs_dir: [a]\n', {})
    _exercise(Hugo(), "hugo.toml", 'baseURL = "http://["\n[languages.fr]\nweight = "heavy"\nbaseURL = "https://[x"\n', {})
    _exercise(Docusaurus(), "docusaurus.config.js", "module.exports = {title: 1, baseUrl: ['/'], url: 'http://['}", {})
