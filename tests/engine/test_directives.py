from contentlint.config.loader import Config
from helpers.lint import lint

SEED = "---\ntitle: x\n---\n\n"


def codes(text: str):
    return [(v.code, v.line) for v in lint(text, configured=Config(select=["HD003", "TX"]), path="a.md")]


def test_disable_next_line():
    assert codes(SEED + "<!-- contentlint-disable-next-line HD003 -->\n## **A**\n## **B**\n") == [("HD003", 7)]


def test_disable_and_enable_ranges():
    text = SEED + "<!-- contentlint-disable heading-emphasis -->\n## **A**\n<!-- contentlint-enable heading-emphasis -->\n## **B**\n"
    assert codes(text) == [("HD003", 8)]


def test_disable_without_codes_disables_everything():
    assert codes(SEED + "<!-- contentlint-disable -->\n## **A**\nâ€”\n") == []


def test_disable_file():
    assert codes(SEED + "## **A**\n<!-- contentlint-disable-file HD -->\nâ€”\n") == [("TX001", 7)]


def test_directive_inside_code_block_is_only_an_example():
    text = SEED + "```\n<!-- contentlint-disable-file -->\n```\n## **A**\n"
    assert codes(text) == [("HD003", 8)]
