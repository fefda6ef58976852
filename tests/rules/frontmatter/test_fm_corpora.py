"""The shared corpora (real documentation sites) against their schemas: no
false findings on the pristine files, and mutated copies reported at the
line and column a writer has to change."""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

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


# One real page per corpus: where to look, and the keys its frontmatter must have.
PAGES = {
    "ruby-lang": ("en/news/_posts/*.md", ("\nlayout: news_post\n", "\ndate: ", "\ntitle: ")),
    "astro-docs": ("src/content/docs/en/guides/*.mdx", ("\ntitle: ", "\ndescription: ")),
}


@functools.lru_cache(maxsize=None)
def _page(name: str) -> tuple[str, str]:
    """The text of the corpus's page and the path of its schema."""
    pattern, needles = PAGES[name]
    source = _pick(CORPORA / name, pattern, *needles)
    return source.read_text(encoding="utf-8"), str(CORPORA / f"{name}.schema.json")


def _check_copy(tmp_path, text, schema):
    copy = tmp_path / "copy.md"
    copy.write_text(text, encoding="utf-8")
    return lint(copy.read_bytes(), root=tmp_path, abs_path=copy, schema=schema)


def _replace_line(text: str, prefix: str, new: str) -> str:
    lines = text.split("\n")
    index = next(i for i, line in enumerate(lines) if line.startswith(prefix))
    lines[index] = new
    return "\n".join(lines)


def _first_line(text: str, prefix: str) -> str:
    return next(line for line in text.split("\n") if line.startswith(prefix))


def _repeat_line(text: str, prefix: str) -> str:
    line = _first_line(text, prefix)
    return text.replace(line, f"{line}\n{line}", 1)


def _line_of(needle: str, column: int = 1) -> Callable[[str], tuple[int, int]]:
    return lambda text: (position(text, needle)[0], column)


@dataclass(frozen=True)
class Mutation:
    """A change a writer could make to a real page, and the one finding it must give."""

    corpus: str
    change: Callable[[str], str]
    code: str
    at: Callable[[str], tuple[int, int]]  # (line, column) of the finding in the changed text
    words: tuple[str, ...] = ()  # what its message must say


MUTATIONS = {
    "missing required key": Mutation(
        "astro-docs", lambda t: "\n".join(line for line in t.split("\n") if not line.startswith("title:")),
        "FM101", lambda t: (1, 1), ("Missing required key `title`",)),
    "wrong enum value": Mutation(
        "ruby-lang", lambda t: _replace_line(t, "layout:", "layout: news-post"),
        "FM101", lambda t: position(t, "layout:"), ("`news_post`", "`news-post`")),
    "bad date": Mutation(
        "ruby-lang", lambda t: _replace_line(t, "date:", "date: 27/06/2013"),
        "FM101", _line_of("date: 27"), ("`27/06/2013`",)),
    "unknown key": Mutation(
        "astro-docs", lambda t: t.replace("\ndescription:", "\ncolour: blue\ndescription:", 1),
        "FM101", _line_of("colour:"), ("Unexpected key `colour`",)),
    "nested unknown key": Mutation(
        "astro-docs", lambda t: t.replace("\ndescription:", "\nsidebar:\n  lable: Start\ndescription:", 1),
        "FM101", _line_of("lable:", 3), ("`sidebar.lable`", "did you mean `label`")),
    "list where a string is expected": Mutation(
        "astro-docs", lambda t: _replace_line(t, "description:", "description: [one, two]"),
        "FM101", _line_of("description:"), ("must be text, got a list",)),
    "duplicate key": Mutation(
        "ruby-lang", lambda t: _repeat_line(t, "author:"),
        "FM003", lambda t: (position(t, _first_line(t, "author:"), occurrence=2)[0], 1)),
}


@pytest.mark.parametrize("name", sorted(PAGES))
def test_pristine_copies_are_clean(tmp_path, name):
    text, schema = _page(name)
    assert where(_check_copy(tmp_path, text, schema)) == []


@pytest.mark.parametrize("case", list(MUTATIONS))
def test_a_mutated_copy_is_reported_where_the_writer_has_to_look(tmp_path, case):
    mutation = MUTATIONS[case]
    text, schema = _page(mutation.corpus)
    changed = mutation.change(text)
    assert changed != text
    found = _check_copy(tmp_path, changed, schema)
    assert where(found) == [(mutation.code, *mutation.at(changed))]
    assert [w for w in mutation.words if w not in found[0][3]] == []
