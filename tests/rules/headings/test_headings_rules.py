"""Behaviour of the heading rules beyond the fixtures: line endings, the
title-key setting, the parse-failure guard, and fixing random Markdown."""
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from contentlint.document import markdown
from contentlint.config.loader import Config, ConfigError, load_config
from contentlint.document.document import Document
from contentlint.engine.lint import Settings, check_document, lint_document


def config(*select, **extra) -> Config:
    return Config(select=list(select) or ["HD"], settings=dict(extra))


def lint(text: str, *select, path="page.md", **extra):
    doc = Document.from_bytes(path, text.encode("utf-8"))
    violations, crashed = lint_document(doc, config(*select, **extra), path)
    return violations, crashed


def fix(text: str, *select, unsafe=False, path="page.md") -> str:
    doc = Document.from_bytes(path, text.encode("utf-8"))
    result, crashed = check_document(doc, config(*select), path, Settings(fix=True, unsafe_fixes=unsafe))
    assert not crashed
    return result.fixed_text if result.fixed_text is not None else doc.text


def test_fixes_keep_crlf_line_endings():
    text = "---\r\ntitle: Guide\r\n---\r\n## **Guide**\r\n\r\n# Intro:\r\n\r\nSetext\r\n------\r\n\r\n##Missing\r\n"
    assert fix(text, "HD", unsafe=True) == "---\r\ntitle: Guide\r\n---\r\n# Intro\r\n\r\n## Setext\r\n\r\n## Missing\r\n"


def test_positions_are_file_lines_and_columns():
    violations, _ = lint("---\ntitle: T\nx: 1\n---\n\n## **Key Highlights:**\n", "HD004")
    (v,) = violations
    assert (v.line, v.column, v.end_column) == (6, 20, 21)


def test_title_key_setting_is_shared_by_every_title_rule():
    text = "---\nheading: Guide\ntitle: Other\n---\n# Guide\n\n### Deep\n"
    default = {v.code for v in lint(text)[0]}
    assert {"HD002", "HD011"} <= default and "HD012" not in default
    assert "HD008" not in default  # under a title, HD002 reports the body h1
    keyed = {v.code for v in lint(text, **{"title-key": "heading"})[0]}
    # The h1 repeats the keyed title: HD012's finding alone, not HD002's too.
    assert "HD012" in keyed and not keyed & {"HD002", "HD011"}
    off = {v.code for v in lint(text, **{"title-key": ""})[0]}
    assert not off & {"HD002", "HD011", "HD012"}  # no title: the body's h1 is the title
    assert "HD001" in off  # h1 -> h3 is still a jump


def test_non_string_titles():
    assert {v.code for v in lint("---\ntitle: 2024\n---\n# 2024\n", "HD012")[0]} == {"HD012"}
    assert lint("---\ntitle: [a, b]\n---\n# a\n", "HD002")[0] == []
    assert lint("---\ntitle: ''\n---\n# a\n", "HD002")[0] == []


def test_title_key_is_validated(tmp_path):
    (tmp_path / "contentlint.toml").write_text("title-key = 3\n")
    with pytest.raises(ConfigError, match="title-key"):
        load_config(start=tmp_path)
    (tmp_path / "contentlint.toml").write_text('title-key = "name"\n')
    assert load_config(start=tmp_path).settings["title-key"] == "name"


def test_a_markdown_parse_failure_is_one_finding(monkeypatch):
    def broken(*args, **kwargs):
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr("contentlint.document.native.events", broken)
    violations, crashed = lint("# Title\n\n## Section:\n")
    assert [v.code for v in violations] == ["CL999"]
    assert crashed == 1
    assert "Markdown could not be parsed" in violations[0].message


def test_headings_fix_is_idempotent_on_the_seed_like_cases():
    text = "## **A:** \n\n### __B.__\n\nC!\n=\n\n#D\n"
    once = fix(text, "HD")
    assert once == fix(once, "HD")


_MARKDOWN = st.lists(
    st.sampled_from([
        "#", "##", "###", " ", "  ", "\n", "\n\n", "**", "__", "*", "_", ":", ".", "!", "?", "&colon;", "\\",
        "`", "[", "]", "(", ")", "<", ">", "{", "}", "---", "===", "- ", "> ", "```", "Text", "Ü", "🎉", "\r\n",
        "import x from 'y'", "<Tabs>", "{% highlight %}", "{% endhighlight %}", "<h2>", "</h2>", "{#id}",
    ]),
    max_size=40,
).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=_MARKDOWN, mdx=st.booleans())
def test_random_markdown_never_crashes_and_fixes_settle(text, mdx):
    path = "page.mdx" if mdx else "page.md"
    violations, crashed = lint(text, path=path)
    assert not crashed, [v.message for v in violations if v.code == "CL999"]
    for v in violations:
        assert 0 <= v.start <= v.end <= len(text)
    fixed = fix(text, "HD", unsafe=True, path=path)
    assert fix(fixed, "HD", unsafe=True, path=path) == fixed


@pytest.mark.parametrize("line, wrapped", [
    ("**Installation**", True),
    ("_Another section_", True),
    ("***Nested* emphasis**", True),
    ("**Outer _inner_ words**", True),
    ("**Part one** and **part two**", False),  # two spans side by side wrap nothing
    ("**Bold** then plain words", False),
    ("*Plain words* then **bold**", False),
])
def test_emphasis_as_heading_and_heading_emphasis_agree_on_what_is_wrapped(line, wrapped):
    # HD007 (a paragraph that is one emphasis span) and HD003 (a heading wrapped
    # in emphasis) read the same inline structure the same way.
    paragraph = {v.code for v in lint(f"Intro.\n\n{line}\n\nText.\n", "HD007")[0]}
    heading = {v.code for v in lint(f"## {line}\n", "HD003")[0]}
    assert (paragraph == {"HD007"}) is wrapped
    assert (heading == {"HD003"}) is wrapped
