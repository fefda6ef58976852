"""Rule docs rendered from docstrings (issue 11): the docstring's sections
move down under the rule's own heading, but text inside code fences (the
examples) is shown exactly as written."""
import pytest
from click.testing import CliRunner

from contentlint.cli.main import main
from contentlint.cli.rule_docs import rule_markdown
from markdown_it import MarkdownIt
from contentlint.config.catalogue import all_rules


def parse_blocks(text: str):
    """markdown-it (the reference parser, independent of the code under test)."""
    return MarkdownIt("commonmark").enable(["table", "strikethrough"]).parse(text), {}


def fences(text: str) -> list[str]:
    return [t.content for t in parse_blocks(text)[0] if t.type == "fence"]


def headings(text: str) -> list[tuple[int, str]]:
    tokens = parse_blocks(text)[0]
    return [(int(t.tag[1]), tokens[i + 1].content) for i, t in enumerate(tokens) if t.type == "heading_open"]


@pytest.mark.parametrize("heading", ["#", "##"])
@pytest.mark.parametrize("rule", all_rules(), ids=lambda r: r.code)
def test_examples_are_shown_as_written_and_sections_move_down(rule, heading):
    rendered = rule_markdown(rule, heading=heading)
    assert fences(rendered) == fences(rule.doc())
    sections = [(level + len(heading), text) for level, text in headings(rule.doc())]
    added = {f"{rule.code} `{rule.name}`", "Option defaults"}
    assert [h for h in headings(rendered) if h[1] not in added] == sections


def test_rule_command_shows_heading_examples_unchanged():
    result = CliRunner().invoke(main, ["rule", "HD001"])
    assert result.exit_code == 0
    use_instead = result.output.split("Use instead", 1)[1].split("```", 2)[1]
    assert use_instead == "markdown\n# Guide\n\n## Install\n"
