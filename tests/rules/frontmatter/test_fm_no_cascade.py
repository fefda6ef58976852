"""Broken frontmatter is one finding: the heading rules that judge the body
against the title (HD002, HD008, HD012) stay silent when the title cannot be
read, and a heading that repeats the title is reported once (HD012)."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from contentlint.cli.main import main
from helpers.frontmatter import lint

TITLE_RULES = {"HD002", "HD008", "HD012"}
# Without a title, HD008 wants an h1 first and HD002 flags the second h1;
# HD004 (trailing punctuation) and TX005 (no final newline) do not need one.
BODY = "\n## Intro\n\n# Guide\n\n# Guide again:\n\nEnd"
BROKEN = {
    "unclosed quote": '---\ntitle: "Guide\n---\n',
    "bad indentation": "---\ntitle: Guide\n  tags: [a\n---\n",
    "tab indentation": "---\ntitle: Guide\nmeta:\n\tkey: v\n---\n",
    "never closed": "---\ntitle: Guide\n",
    "executable language": "---js\nmodule.exports = {title: 'Guide'}\n---\n",
    "a list, not a mapping": "---\n- title: Guide\n---\n",
    "invalid TOML": '+++\ntitle = "Guide\n+++\n',
}


def _codes(tmp_path, text: str) -> list[str]:
    post = tmp_path / "post.md"
    post.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(post), "--isolated", "--no-cache", "--format", "json",
                                       "--select", "FM,HD,TX"])
    assert result.exit_code == 1, result.output
    return [f["code"] for f in json.loads(result.stdout)]


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_broken_frontmatter_does_not_cascade_into_title_rules(tmp_path, name):
    codes = _codes(tmp_path, BROKEN[name] + BODY)
    assert {"FM002", "FM004"} & set(codes), codes
    assert not TITLE_RULES & set(codes), codes
    assert {"HD004", "TX005"} <= set(codes), codes  # the rest of the file is still checked


def test_the_same_body_under_no_frontmatter_still_gets_the_title_rules(tmp_path):
    # The silence above is about an unreadable title, not about the body.
    assert {"HD002", "HD008"} <= set(_codes(tmp_path, BODY.lstrip()))


def test_a_heading_that_repeats_the_title_is_reported_once(tmp_path):
    post = tmp_path / "post.md"
    post.write_text("---\ntitle: Getting started\n---\n\n# Getting Started\n\n# Installation\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(post), "--isolated", "--no-cache", "--format", "json"])
    found = [(f["code"], f["line"]) for f in json.loads(result.stdout)]
    # HD012 keeps the repeat (its fix removes it); HD002 reports the h1 that differs.
    assert found == [("HD012", 5), ("HD002", 7)]


_WORD = st.sampled_from(["Guide", "guide", "Setup", "setup:", "**Guide**", "Intro"])


@settings(max_examples=150, deadline=None)
@given(title=_WORD, headings=st.lists(st.tuples(st.sampled_from(["#", "##"]), _WORD), min_size=1, max_size=4),
       level=st.sampled_from([1, 2]))
def test_no_line_is_reported_by_both_hd002_and_hd012(title, headings, level):
    body = "\n\n".join(f"{marks} {text}" for marks, text in headings)
    found = lint(f"---\ntitle: {title!r}\n---\n\n{body}\n",
                 config={"select": ["HD002", "HD012"], "rules": {"HD002": {"level": level}}})
    by_rule = {code: {line for c, line, *_ in found if c == code} for code in ("HD002", "HD012")}
    assert not by_rule["HD002"] & by_rule["HD012"], found
    # Every h-level heading other than the repeat is still HD002's.
    wanted = sum(1 for marks, _ in headings if len(marks) == level)
    assert len(by_rule["HD002"]) + len(by_rule["HD012"] & _lines_at(headings, level)) == wanted


def _lines_at(headings, level) -> set[int]:
    return {5 + 2 * i for i, (marks, _) in enumerate(headings) if len(marks) == level}
