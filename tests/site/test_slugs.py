"""Anchor ids as each framework makes them, checked against the upstream projects' own tests.

Sources of the fixtures (each test names its own):
- github-slugger 2.0.0 test/fixtures.json, copied verbatim to data/github_slugger_fixtures.json
  (https://github.com/Flet/github-slugger/blob/3461c43/test/fixtures.json, ISC licence).
- Hugo markup/goldmark/autoid_test.go (TestSanitizeAnchorName, ...AsciiOnly, ...Blackfriday),
  https://github.com/gohugoio/hugo/blob/master/markup/goldmark/autoid_test.go
- kramdown test/testcases/block/04_header/with_auto_ids.{text,html} and with_auto_id_prefix
  (https://github.com/gettalong/kramdown at 12b3d2e).
- kramdown-parser-gfm test/testcases/header_ids.{text,html} (https://github.com/kramdown/parser-gfm at bb3a2b2).
- Python-Markdown tests/test_syntax/extensions/test_toc.py (https://github.com/Python-Markdown/markdown),
  and Python-Markdown itself as the oracle of a differential test.
- Astro packages/markdown/remark/src/rehype-collect-headings.ts (withastro/astro at 0278c7e).
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from contentlint.site import slugs

DATA = Path(__file__).parent / "data"


def _run(slugger: slugs.Slugger, headings: list[str]) -> list[str]:
    return [slugger(text) for text in headings]


# --- github-slugger -----------------------------------------------------------------


def test_github_slugger_upstream_fixtures_in_one_slugger() -> None:
    # Upstream runs all 78 fixtures through ONE slugger, so repeats test the suffixes
    # ("alpha", "alpha" -> "alpha-1") as well as every Unicode category.
    fixtures = json.loads((DATA / "github_slugger_fixtures.json").read_text("utf-8"))
    assert len(fixtures) == 78
    slugger = slugs.github()
    got = [(f["name"], slugger(f["input"])) for f in fixtures]
    assert got == [(f["name"], f["expected"]) for f in fixtures]


def test_github_slugger_basic_upstream_cases() -> None:
    # test/index.js "basic": maintainCase, then repeats.
    assert slugs.github_slug("fooCamelCase", maintain_case=True) == "fooCamelCase"
    slugger = slugs.github()
    assert _run(slugger, ["asd", "asd"]) == ["asd", "asd-1"]


def test_github_slugger_non_ascii_headings() -> None:
    slugger = slugs.github()
    assert _run(slugger, ["日本語の見出し", "Привет, мир!", "Emoji 😄 party", "Emoji 😄 party"]) == [
        "日本語の見出し",
        "привет-мир",
        "emoji--party",
        "emoji--party-1",
    ]


def test_github_slugger_suffixed_id_is_remembered() -> None:
    assert _run(slugs.github(), ["a", "a", "a-1"]) == ["a", "a-1", "a-1-1"]


def test_docusaurus_slugs_explicit_ids_with_case_kept() -> None:
    # Docusaurus mdx-loader remark/headings: `{#MyId}` goes through the slugger
    # with maintainCase, so a later heading with the same text is suffixed.
    slugger = slugs.docusaurus()
    assert slugger.explicit("hello-world") == "hello-world"
    assert slugger("Hello World") == "hello-world-1"
    assert slugger.explicit("My Id") == "My-Id"


def test_rehype_slug_leaves_explicit_ids_uncounted() -> None:
    slugger = slugs.github()
    assert slugger.explicit("intro") == "intro"
    assert slugger("Intro") == "intro"


# --- Astro ----------------------------------------------------------------------------


def test_astro_cleans_hyphens_after_counting() -> None:
    slugger = slugs.astro()
    # "A -- B" is "a----b" to github-slugger, "a-b" on the page; the trailing "?" made
    # a trailing hyphen once ("what-is-it-") and is gone now.
    assert _run(slugger, ["A -- B", "What is it ?", "Non\u00a0breaking", " Lead"]) == [
        "a-b",
        "what-is-it",
        "non-breaking",
        "lead",
    ]
    # The duplicate counter works on github-slugger's own form.
    assert _run(slugger, ["A -- B", "a-b"]) == ["a-b-1", "a-b"]


def test_astro_older_modes() -> None:
    assert _run(slugs.astro("legacy"), ["What is it ?", "A -- B"]) == ["what-is-it", "a----b"]
    assert _run(slugs.astro("compat"), ["What is it ?"]) == ["what-is-it-"]


# --- Hugo -----------------------------------------------------------------------------

HUGO_GITHUB = {
    # autoid_test.go TestSanitizeAnchorName: "Tests generated manually on github.com".
    "God is good: 神真美好": "god-is-good-神真美好",
    "Number 32": "number-32",
    "Question?": "question",
    "1+2=3": "123",
    'Special !"#$%&(parens)=?´* chars': "special-parens-chars",
    "Resumé": "resumé",
    "One-Hyphen": "one-hyphen",
    "Multiple--Hyphens": "multiple--hyphens",
    "Trailing hyphen-": "trailing-hyphen-",
    "Many   spaces  here": "many---spaces--here",
    "Forward/slash": "forwardslash",
    "Backward\\slash": "backwardslash",
    "Under_score": "under_score",
    "Nonbreaking\u00a0Space": "nonbreakingspace",
    "Tab\tSpace": "tabspace",
    "Trailing Space ": "trailing-space",
}


@pytest.mark.parametrize(("text", "expected"), sorted(HUGO_GITHUB.items()))
def test_hugo_github_anchor_upstream(text: str, expected: str) -> None:
    assert slugs.hugo_anchor(text) == expected


def test_hugo_other_id_types_upstream() -> None:
    # TestSanitizeAnchorNameAsciiOnly and TestSanitizeAnchorNameBlackfriday.
    assert slugs.hugo_anchor("god is神真美好 good", "github-ascii") == "god-is-good"
    assert slugs.hugo_anchor("Resumé", "github-ascii") == "resume"
    assert slugs.hugo_anchor("Let's try this, shall we?", "blackfriday") == "let-s-try-this-shall-we"
    # BenchmarkSanitizeAnchorName* assert the byte lengths of the three results.
    text = "God is good: 神真美好"
    assert [len(slugs.hugo_anchor(text, t).encode()) for t in ("github", "github-ascii", "blackfriday")] == [24, 12, 24]


def test_hugo_duplicates_empty_and_explicit_ids() -> None:
    # idFactory.Generate: "heading" for an empty id, then -1, -2 skipping taken ones;
    # goldmark Puts an attribute id, so a later heading avoids it.
    slugger = slugs.hugo()
    assert slugger.explicit("intro-1") == "intro-1"
    assert _run(slugger, ["Intro", "Intro", "Intro", "!!", "?"]) == ["intro", "intro-2", "intro-3", "heading", "heading-1"]


def test_hugo_simple_lowercase_of_dotted_capital_i() -> None:
    # Go's unicode.ToLower maps U+0130 to "i"; Python's str.lower gives two runes.
    assert slugs.hugo_anchor("İstanbul") == "istanbul"
    assert slugs.hugo_anchor("Привет Мир") == "привет-мир"


# --- kramdown -------------------------------------------------------------------------


def test_kramdown_auto_ids_upstream() -> None:
    # with_auto_ids.text/.html, in order (the transliterated last header needs
    # kramdown's Unidecoder and the empty `{: id=""}` one gets no id: both left out).
    headings = ["This is a header", "12. Another one-1-here", "Do ^& it now", "Hallo", "Not now",
                "Hallo", "23232", "33333", "hallO"]
    assert _run(slugs.kramdown(), headings) == [
        "this-is-a-header", "another-one-1-here", "do--it-now", "hallo", "not-now",
        "hallo-1", "section", "section-1", "hallo-2",
    ]


def test_kramdown_prefix_upstream() -> None:
    # with_auto_id_prefix.{text,options,html}
    assert _run(slugs.kramdown("hallo_"), ["Header 1", "123"]) == ["hallo_header-1", "hallo_section"]


def test_kramdown_does_not_remember_suffixed_ids() -> None:
    # base.rb generate_id counts per base id only, so kramdown itself emits a
    # duplicate here; the model must match the built page, duplicate included.
    assert _run(slugs.kramdown(), ["a", "a", "a-1"]) == ["a", "a-1", "a-1"]


def test_kramdown_non_ascii_heading_is_section() -> None:
    assert _run(slugs.kramdown(), ["日本語", "Привет", "Ruby 3.4 リリース"]) == ["section", "section-1", "ruby-34-"]


def test_kramdown_gfm_header_ids_upstream() -> None:
    # parser-gfm header_ids.text/.html: the rendered text of each header (code
    # without backticks, entities and smart quotes decoded) in order; the first
    # header has an explicit id and is left out, and so is the typographic-symbols
    # one, whose raw text depends on how kramdown's span parser spends the spaces.
    headings = [
        "variable_name", "abc def öúß", "192 abc 192", ";.;;", "variable_name", "variable_name",
        ";;", "before \tafter tab", "with code", "with \u00a0ä\u00a0space",
        "With \u201csmart\u201d quotes", "with m=5",
    ]
    assert _run(slugs.kramdown_gfm(), headings) == [
        "variable_name", "abc-def-öúß", "192-abc-192", "", "variable_name-1", "variable_name-2",
        "-1", "before--after-tab", "with-code", "with-äspace",
        "with-smart-quotes", "with-m5",
    ]


def test_kramdown_gfm_keeps_non_ascii_words_and_marks() -> None:
    slugger = slugs.kramdown_gfm()
    assert _run(slugger, ["Ruby 3.4.0 リリース", "Новости", "हिन्दी", "Ⓐ circled"]) == [
        "ruby-340-リリース", "новости", "हिन्दी", "ⓐ-circled",
    ]


# --- Python-Markdown / MkDocs ---------------------------------------------------------


def test_python_markdown_toc_upstream() -> None:
    # test_toc.py testUniqueIds, testHtmlEntitiesInTOC, testHeaderInlineMarkup,
    # testPermalinkWithExtendedLatinInID, testPermalinkWithUnicodeInID.
    assert _run(slugs.mkdocs(), ["Header", "Header", "Header"]) == ["header", "header_1", "header_2"]
    assert slugs.python_markdown_slug("Foo & bar") == "foo-bar"
    assert slugs.python_markdown_slug("Some Header with markup.") == "some-header-with-markup"
    assert slugs.python_markdown_slug("Théâtre") == "theatre"
    assert _run(slugs.mkdocs(unicode=True), ["Unicode ヘッダー"]) == ["unicode-ヘッダー"]


def test_python_markdown_unique_counts_on() -> None:
    # testUniqueFunc: unique('foo', {'foo'}) == 'foo_1'; an empty id is "_1".
    slugger = slugs.mkdocs()
    slugger.explicit("foo")
    assert _run(slugger, ["foo", "foo_1", "", "???"]) == ["foo_1", "foo_2", "_1", "_2"]
    assert slugs.mkdocs().explicit_first


def _python_markdown_ids(headings: list[str], extension: object) -> list[str]:
    source = "\n\n".join("# " + h for h in headings)
    html = markdown.markdown(source, extensions=[extension])
    return re.findall(r'<h1 id="([^"]*)"', html)


_HEADING_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="#*_`[]<>&\\!{}\u2028\u2029\x85"),
    max_size=12,
).map(str.strip).filter(lambda t: t != "" and t.strip("-") == t.strip("-").strip())


@settings(max_examples=150, deadline=None)
@given(st.lists(_HEADING_TEXT, min_size=1, max_size=5), st.booleans())
def test_mkdocs_ids_match_python_markdown(headings: list[str], unicode: bool) -> None:
    """Differential: the ids Python-Markdown's toc puts on a page of these headings."""
    from markdown.extensions.toc import TocExtension, slugify, slugify_unicode

    extension = TocExtension(slugify=slugify_unicode if unicode else slugify)
    expected = _python_markdown_ids(headings, extension)
    if len(expected) != len(headings):  # the text made something other than a heading
        return
    assert _run(slugs.mkdocs(unicode=unicode), headings) == expected


# --- properties shared by the sluggers ------------------------------------------------

UNIQUE_FACTORIES = {
    "github": slugs.github,
    "astro-compat": lambda: slugs.astro("compat"),
    "hugo": slugs.hugo,
    "hugo-ascii": lambda: slugs.hugo("github-ascii"),
    "hugo-blackfriday": lambda: slugs.hugo("blackfriday"),
    "mkdocs": slugs.mkdocs,
}


@pytest.mark.parametrize("name", sorted(UNIQUE_FACTORIES))
@settings(max_examples=100, deadline=None)
@given(headings=st.lists(st.text(max_size=8), max_size=12))
def test_ids_of_one_page_are_unique(name: str, headings: list[str]) -> None:
    ids = [i for i in _run(UNIQUE_FACTORIES[name](), headings) if i]
    assert len(ids) == len(set(ids))


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=20))
def test_hugo_github_ids_hold_only_word_characters_and_hyphens(text: str) -> None:
    anchor = slugs.hugo_anchor(text)
    assert all(c in "-_" or c.isalpha() or c.isdigit() for c in anchor)


def test_python_markdown_collapses_white_space_before_a_custom_slugify() -> None:
    # toc.py strip_tags() joins the heading's words with one space before calling
    # slugify, which matters for pymdownx.slugs (it maps each space to a separator).
    # Checked against mkdocs 1.6.1 + pymdown-extensions: "日[  İ'!X" -> "日-ix".
    slugger = slugs.mkdocs(slugify=lambda text, sep: slugs.pymdownx_slug(text, sep, case="lower"))
    assert [slugger("!日[  İ'!X"), slugger("a \t b")] == ["日-ix", "a-b"]
