"""TX004's fixes (issue 11): words stay apart, code is never changed, and
cp1252 punctuation decoded as Latin-1 is left to TX001."""
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from contentlint.cli.main import main
from contentlint.config.loader import Config
from contentlint.document.document import Document
from contentlint.engine.lint import Settings, check_document
from helpers.lint import fix, lint

SEPARATORS = ["\x0b", "\x0c", "\u2028", "\u2029"]
INVISIBLE = ["\u200b", "\u2060", "\x07", "\x08", "\x1b", "\x7f"]
words = st.lists(st.text("abcdefghijklmnopqrstuvwxyzé", min_size=1, max_size=6), min_size=2, max_size=6)


def config() -> Config:
    return Config(select=["TX004"])


def fixed(text: str) -> str:
    return fix(text, configured=config(), path="page.md")


def findings(text: str):
    return lint(text, configured=config(), path="page.md")


@settings(max_examples=200, deadline=None)
@given(words=words, data=st.data())
def test_a_fix_never_glues_words(words, data):
    glue = [data.draw(st.sampled_from([*SEPARATORS, " "])) for _ in words[1:]]
    text = words[0] + "".join(g + w for g, w in zip(glue, words[1:])) + "\n"
    assert fixed(text).split() == words


@settings(max_examples=200, deadline=None)
@given(words=words, data=st.data())
def test_zero_width_characters_are_removed(words, data):
    chars = [data.draw(st.sampled_from(INVISIBLE)) for _ in words[1:]]
    text = words[0] + "".join(c + w for c, w in zip(chars, words[1:])) + "\n"
    assert fixed(text) == "".join(words) + "\n"


@settings(max_examples=100, deadline=None)
@given(body=st.text(st.sampled_from(["a", " ", *SEPARATORS, *INVISIBLE, "\u202e", "\u2066"]), min_size=1, max_size=20),
       inline=st.booleans())
def test_code_is_reported_never_fixed(body, inline):
    code = f"Text `{body.strip() or 'x'}` here.\n" if inline else f"```\n{body}\n```\n"
    text = "# Title\n\n" + code
    doc = Document.from_bytes("page.md", text.encode("utf-8"))
    result, crashed = check_document(doc, config(), "page.md", Settings(fix=True, unsafe_fixes=True))
    assert result.fixed_text is None or result.fixed_text == text
    assert all(v.fix is None for v in findings(text))


def test_c1_controls_that_are_cp1252_punctuation_are_left_to_tx001():
    assert findings("She said \x93quoted\x94 and \x84Hallo\x93.\n") == []
    # U+0081 has no Windows-1252 character: a control code, reported without a fix.
    (v,) = findings("Odd \x81 byte.\n")
    assert v.fix is None


def test_trojan_source_example_survives_fix_through_the_cli(tmp_path):
    text = (
        "# Trojan Source\n\nThe attack hides code in comments:\n\n"
        "```c\nif (access_level != \"user\u202e \u2066// Check if admin\u2069 \u2066\") {\n```\n\n"
        "Inline too: `\u202e`.\n"
    )
    page = tmp_path / "trojan.md"
    page.write_bytes(text.encode("utf-8"))
    result = CliRunner().invoke(main, ["check", "--isolated", "--select", "TX004", "--fix", "--unsafe-fixes", str(page)])
    assert result.exit_code == 1  # reported
    assert "TX004" in result.output
    assert page.read_bytes() == text.encode("utf-8")  # and never changed
