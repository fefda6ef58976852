"""The shared corpora (real documentation sites) against their schemas: no
false findings on the pristine files, and mutated copies reported at the
line and column a writer has to change."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from contentlint.api import run_check
from contentlint.engine.lint import Settings
from contentlint.config.catalogue import all_rules
from helpers.frontmatter import lint, position, where

CORPORA = Path(__file__).resolve().parents[3].parent / "shared" / "corpora"
pytestmark = pytest.mark.skipif(
    not CORPORA.is_dir(), reason=f"the shared corpora are not on this machine ({CORPORA})"
)
DEFAULT_FM = [r.code for r in all_rules() if r.code.startswith("FM") and r.default_enabled]


def _frontmatter_keys(text: str) -> list[str]:
    head = text.split("\n---", 1)[0]
    return re.findall(r"^([A-Za-z_$][\w$-]*):", head, re.MULTILINE)


@pytest.mark.parametrize("name", ["astro-docs", "ruby-lang"])
def test_pristine_corpus_has_no_false_findings(name):
    corpus = CORPORA / name
    settings = Settings(schema=str(CORPORA / f"{name}.schema.json"), no_cache=True)
    result, _ = run_check([str(corpus)], settings, isolated=True, overrides={"select": DEFAULT_FM})
    assert result.files_checked > 2000
    assert not result.internal_errors
    findings = result.violations
    assert [v for v in findings if v.code != "FM003"] == []
    # The sources really repeat a key in a few files (e.g. an untranslated
    # `title` left above the translated one): true findings, checked here
    # independently of the rule.
    for v in findings:
        text = (Path.cwd() / v.path).read_text(encoding="utf-8")
        keys = _frontmatter_keys(text)
        assert len(keys) != len(set(keys)), v.path


def _pick(corpus: Path, pattern: str, *needles: str) -> Path:
    for path in sorted(corpus.glob(pattern)):
        text = path.read_text(encoding="utf-8")
        if text.startswith("---\n") and all(n in text.split("\n---", 1)[0] for n in needles):
            return path
    raise AssertionError(f"no file in {corpus} has {needles}")


@pytest.fixture
def ruby_post(tmp_path):
    source = _pick(CORPORA / "ruby-lang", "en/news/_posts/*.md", "\nlayout: news_post\n", "\ndate: ", "\ntitle: ")
    return source.read_text(encoding="utf-8"), str(CORPORA / "ruby-lang.schema.json")


@pytest.fixture
def astro_page(tmp_path):
    source = _pick(CORPORA / "astro-docs", "src/content/docs/en/guides/*.mdx", "\ntitle: ", "\ndescription: ")
    return source.read_text(encoding="utf-8"), str(CORPORA / "astro-docs.schema.json")


def _check_copy(tmp_path, text, schema):
    copy = tmp_path / "copy.md"
    copy.write_text(text, encoding="utf-8")
    return lint(copy.read_bytes(), root=tmp_path, abs_path=copy, schema=schema)


def _replace_line(text: str, prefix: str, new: str) -> str:
    lines = text.split("\n")
    index = next(i for i, line in enumerate(lines) if line.startswith(prefix))
    lines[index] = new
    return "\n".join(lines)


def test_pristine_copies_are_clean(tmp_path, ruby_post, astro_page):
    for text, schema in (ruby_post, astro_page):
        assert where(_check_copy(tmp_path, text, schema)) == []


def test_missing_required_key_is_reported_at_the_mapping(tmp_path, astro_page):
    text, schema = astro_page
    mutated = "\n".join(line for line in text.split("\n") if not line.startswith("title:"))
    found = _check_copy(tmp_path, mutated, schema)
    assert where(found) == [("FM101", 1, 1)]
    assert "Missing required key `title`" in found[0][3]


def test_wrong_enum_value(tmp_path, ruby_post):
    text, schema = ruby_post
    mutated = _replace_line(text, "layout:", "layout: news-post")
    found = _check_copy(tmp_path, mutated, schema)
    assert where(found) == [("FM101", *position(mutated, "layout:"))]
    assert "`news_post`" in found[0][3] and "`news-post`" in found[0][3]


def test_bad_date(tmp_path, ruby_post):
    text, schema = ruby_post
    mutated = _replace_line(text, "date:", "date: 27/06/2013")
    found = _check_copy(tmp_path, mutated, schema)
    assert where(found) == [("FM101", position(mutated, "date: 27")[0], 1)]
    assert "`27/06/2013`" in found[0][3]


def test_unknown_key(tmp_path, astro_page):
    text, schema = astro_page
    mutated = text.replace("\ndescription:", "\ncolour: blue\ndescription:", 1)
    found = _check_copy(tmp_path, mutated, schema)
    assert where(found) == [("FM101", position(mutated, "colour:")[0], 1)]
    assert "Unexpected key `colour`" in found[0][3]


def test_nested_unknown_key_column(tmp_path, astro_page):
    text, schema = astro_page
    mutated = text.replace("\ndescription:", "\nsidebar:\n  lable: Start\ndescription:", 1)
    found = _check_copy(tmp_path, mutated, schema)
    assert where(found) == [("FM101", position(mutated, "lable:")[0], 3)]
    assert "`sidebar.lable`" in found[0][3] and "did you mean `label`" in found[0][3]


def test_list_where_a_string_is_expected(tmp_path, astro_page):
    text, schema = astro_page
    mutated = _replace_line(text, "description:", "description: [one, two]")
    found = _check_copy(tmp_path, mutated, schema)
    assert where(found) == [("FM101", position(mutated, "description:")[0], 1)]
    assert "must be text, got a list" in found[0][3]


def test_duplicate_key(tmp_path, ruby_post):
    text, schema = ruby_post
    line = next(li for li in text.split("\n") if li.startswith("author:"))
    mutated = text.replace(line, f"{line}\n{line}", 1)
    found = _check_copy(tmp_path, mutated, schema)
    second = position(mutated, line, occurrence=2)
    assert where(found) == [("FM003", second[0], 1)]
