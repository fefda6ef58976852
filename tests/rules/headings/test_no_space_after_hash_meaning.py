"""HD010 must not turn code quoted in prose, directives or hashtags into
headings (issue 11): a safe fix may only fire where a heading is the one
reading, and `--fix` through the CLI leaves such lines alone."""
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from contentlint.cli.main import main
from contentlint.config.loader import Config
from contentlint.rules.headings.no_space_after_hash import DIRECTIVES
from contentlint.violations import Applicability
from helpers.lint import lint


def hd010(text: str):
    return lint(text, configured=Config(select=["HD010"]), path="page.md")


rest = st.text(st.characters(codec="utf-8", exclude_categories=("Cc", "Cs", "Zl", "Zp")), max_size=40).map(
    lambda s: s.replace("#", "")
)


@settings(max_examples=150, deadline=None)
@given(
    directive=st.sampled_from(sorted(DIRECTIVES)),
    case=st.sampled_from([str.lower, str.upper, str.capitalize]),
    quoted=st.booleans(),
    after=rest,
)
def test_directive_lines_are_never_flagged(directive, case, quoted, after):
    line = f"{'> ' if quoted else ''}#{case(directive)} {after}".rstrip()
    assert hd010(f"Text.\n\n{line}\n\nMore text.\n") == []


@settings(max_examples=150, deadline=None)
@given(
    word=st.text(st.characters(categories=("Ll", "Lu", "Lo", "Nd")), min_size=1, max_size=12),
    following=st.lists(st.sampled_from(["more words", "text", "Under it"]), max_size=2),
)
def test_a_safe_fix_needs_a_heading_reading(word, following):
    """Every safe fix on a single-`#` line is on a capitalised word that is no
    directive, standing alone as its own paragraph."""
    text = f"Intro.\n\n#{word}\n" + "".join(f"{f}\n" for f in following)
    for v in hd010(text):
        if v.fix.applicability is Applicability.SAFE:
            assert not following
            assert word[0].isupper() and all(c.islower() for c in word[1:])
            assert word.casefold() not in DIRECTIVES


def test_fix_keeps_quoted_preprocessor_lines(tmp_path):
    text = (
        "# Compiler Warning (level 1) C4186\n\n"
        "> #import attribute 'attribute' requires count arguments; ignored\n\n"
        "#pragma once\n\n#include <windows.h>\n\n##Remarks\n"
    )
    page = tmp_path / "c4186.md"
    page.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--isolated", "--select", "HD010", "--fix", "--unsafe-fixes", str(page)])
    assert page.read_text(encoding="utf-8") == text.replace("##Remarks", "## Remarks"), result.output


def test_single_hash_under_text_gets_only_an_unsafe_fix():
    (v,) = hd010("#Installation\nRun the installer.\n")
    assert v.fix.applicability is Applicability.UNSAFE
    (v,) = hd010("#Installation\n\nRun the installer.\n")
    assert v.fix.applicability is Applicability.SAFE
