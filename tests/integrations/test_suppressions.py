"""Suppression hygiene (CL907) and markdownlint's inline comments, through the CLI."""
from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from contentlint.cli import main
from properties.prop_support import budget
from helpers.lint import check as run_check

HEAD = "---\ntitle: Post\n---\n\n"


def check(path: Path, *args: str):
    code, findings = run_check("--isolated", "--no-cache", path, *args, expect=(0, 1, 2))
    return code, findings


def found(path: Path, *args: str) -> list[tuple[str, int]]:
    return [(v["code"], v["line"]) for v in check(path, *args)[1]]


def write(tmp_path: Path, body: str) -> Path:
    post = tmp_path / "post.md"
    post.write_text(HEAD + body, encoding="utf-8")
    return post


# --- CL907 -------------------------------------------------------------------

def test_unused_directive_is_reported_as_a_warning_and_fix_removes_its_line(tmp_path):
    post = write(tmp_path, "<!-- contentlint-disable-next-line HD004 -->\n## A plain heading\n\nText.\n")
    code, violations = check(post)
    assert code == 0  # a warning: CI keeps passing until the team asks for error
    assert [(v["code"], v["line"], v["severity"]) for v in violations] == [("CL907", 5, "warning")]
    assert "`HD004`" in violations[0]["message"]
    assert violations[0]["fix"]["applicability"] == "safe"
    check(post, "--fix")
    assert post.read_text(encoding="utf-8") == HEAD + "## A plain heading\n\nText.\n"


def test_used_directive_is_not_reported(tmp_path):
    post = write(tmp_path, "<!-- contentlint-disable-next-line HD004 -->\n## A heading:\n")
    assert found(post) == []


def test_only_the_unused_code_leaves_the_list(tmp_path):
    post = write(tmp_path, "<!-- contentlint-disable-next-line HD004, HD003 -->\n## **A heading**\n")
    assert found(post) == [("CL907", 5)]
    check(post, "--fix")
    assert post.read_text(encoding="utf-8") == HEAD + "<!-- contentlint-disable-next-line HD003 -->\n## **A heading**\n"
    assert found(post) == []


def test_unknown_code_says_did_you_mean_and_its_removal_is_unsafe(tmp_path):
    post = write(tmp_path, "<!-- contentlint-disable-next-line HD04 -->\n## A heading:\n")
    code, violations = check(post)
    assert code == 1  # the HD004 finding is not suppressed by a misspelt code
    unknown = [v for v in violations if v["code"] == "CL907"]
    assert "unknown: `HD04`, did you mean `HD004`?" in unknown[0]["message"]
    assert unknown[0]["fix"]["applicability"] == "unsafe"
    check(post, "--fix", "--ignore", "HD004")
    assert "HD04" in post.read_text(encoding="utf-8")
    check(post, "--fix", "--unsafe-fixes", "--ignore", "HD004")
    assert post.read_text(encoding="utf-8") == HEAD + "## A heading:\n"


def test_removal_keeps_blocks_apart_and_leaves_comments_inside_text_to_unsafe_fixes(tmp_path):
    # Without the comment, `Text` over `---` would become a setext heading.
    post = write(tmp_path, "Text\n<!-- contentlint-disable-next-line HD004 -->\n---\n\n"
                           "## Heading <!-- contentlint-disable-line HD004 -->\n")
    code, violations = check(post)
    assert [(v["line"], v["fix"]["applicability"]) for v in violations] == [(6, "safe"), (9, "unsafe")]
    check(post, "--fix")
    assert post.read_text(encoding="utf-8") == HEAD + "Text\n\n---\n\n## Heading <!-- contentlint-disable-line HD004 -->\n"
    check(post, "--fix", "--unsafe-fixes")
    assert post.read_text(encoding="utf-8") == HEAD + "Text\n\n---\n\n## Heading\n"


def test_a_directive_in_frontmatter_goes_with_its_comment_line(tmp_path):
    # the form the language server's "disable for this line" action writes in YAML
    post = tmp_path / "post.md"
    post.write_text("---\ntitle: Post\n# <!-- contentlint-disable-next-line FM103 -->\ndraft: false\n---\n\nText.\n",
                    encoding="utf-8")
    code, violations = check(post)
    assert [(v["code"], v["line"], v["fix"]["applicability"]) for v in violations] == [("CL907", 3, "safe")]
    check(post, "--fix")
    assert post.read_text(encoding="utf-8") == "---\ntitle: Post\ndraft: false\n---\n\nText.\n"


def test_directive_for_a_rule_that_did_not_run_is_not_unused(tmp_path):
    post = write(tmp_path, "<!-- contentlint-disable-next-line HD004 -->\n## A plain heading\n"
                           "<!-- contentlint-disable-next-line LK004 -->\n![x](https://example.invalid/a.png)\n")
    assert found(post, "--ignore", "HD004") == []  # HD004 off; LK004 needs --network
    assert found(post) == [("CL907", 5)]


def test_enable_after_an_unused_disable_goes_with_it(tmp_path):
    post = write(tmp_path, "<!-- contentlint-disable HD003 -->\nPlain text.\n<!-- contentlint-enable HD003 -->\n\n## **Bold**\n")
    assert found(post) == [("CL907", 5), ("CL907", 7), ("HD003", 9)]
    check(post, "--fix")
    assert post.read_text(encoding="utf-8") == HEAD + "Plain text.\n\n## Bold\n"


def test_enable_that_closes_a_used_disable_is_kept(tmp_path):
    post = write(tmp_path, "<!-- contentlint-disable HD003 -->\n## **A**\n<!-- contentlint-enable HD003 -->\n")
    assert found(post) == []


def test_cl906_can_be_ignored_or_made_an_error(tmp_path):
    post = write(tmp_path, "<!-- contentlint-disable -->\nPlain text.\n")
    assert found(post) == [("CL907", 5)]
    assert found(post, "--ignore", "CL907") == []
    (tmp_path / "contentlint.toml").write_text('[rules.CL907]\nseverity = "error"\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--no-cache", str(post)])
    assert result.exit_code == 1 and "CL907" in result.output
    (tmp_path / "contentlint.toml").write_text('[per-file-ignores]\n"post.md" = ["unused-suppression"]\n',
                                               encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--no-cache", str(post)])
    assert result.exit_code == 0 and "CL907" not in result.output


@budget(60)
@given(st.lists(st.sampled_from([
    "## Heading:", "## Heading", "## **Bold**", "Text.", "",
    "<!-- contentlint-disable-next-line HD004 -->", "<!-- contentlint-disable-next-line HD003, HD004 -->",
    "<!-- contentlint-disable HD003 -->", "<!-- contentlint-enable HD003 -->", "<!-- contentlint-disable -->",
    "<!-- contentlint-enable -->", "## Title: <!-- contentlint-disable-line HD004 -->",
    "<!-- contentlint-disable-file HD004 -->", "<!-- contentlint-capture -->", "<!-- contentlint-restore -->",
]), max_size=12))
def test_removing_unused_directives_changes_no_other_finding(lines):
    """Whatever the directives, the safe CL907 fixes leave every other
    finding as it was (same rule, same line text)."""
    from contentlint import lint_text
    from contentlint.engine.fixes import apply_fixes

    text = HEAD + "\n".join(lines) + "\n"
    config = {"select": ["HD003", "HD004"]}

    def safe_fixes(source: str):
        return [v.fix for v in lint_text(source, config=config).violations
                if v.code == "CL907" and v.fix.applicability.value == "safe"]

    def others(source: str):
        return sorted((v.code, v.source_line) for v in lint_text(source, config=config).violations if v.code != "CL907")

    fixed = text
    for _ in range(5):  # an `enable` may become unused once its `disable` is gone
        fixes = safe_fixes(fixed)
        if not fixes:
            break
        fixed, _ = apply_fixes(fixed, fixes)
    assert not safe_fixes(fixed)
    assert others(fixed) == others(text)


# --- markdownlint comments -----------------------------------------------------

def test_markdownlint_disable_and_enable_by_code_alias_and_case(tmp_path):
    post = write(tmp_path, "<!-- markdownlint-disable MD026 -->\n## One:\n<!-- markdownlint-enable md026 -->\n## Two:\n"
                           "<!-- markdownlint-disable no-trailing-punctuation -->\n## Three:\n")
    assert found(post) == [("HD004", 8)]


def test_markdownlint_line_comments(tmp_path):
    post = write(tmp_path, "<!-- markdownlint-disable-next-line MD026 -->\n## One:\n## Two: <!-- markdownlint-disable-line MD026 -->\n"
                           "## Three:\n")
    assert found(post) == [("HD004", 8)]


def test_markdownlint_file_comments_and_enable_file(tmp_path):
    post = write(tmp_path, "## One:\n<!-- markdownlint-disable-file MD026 -->\n## **Two:**\n")
    assert found(post) == [("HD003", 7)]
    post = write(tmp_path, "## One:\n<!-- markdownlint-disable-file MD026 -->\n<!-- markdownlint-enable-file MD026 -->\n")
    assert found(post) == [("HD004", 5)]


def test_markdownlint_capture_and_restore(tmp_path):
    # markdownlint's own idiom: a block that turns a rule off, then puts back
    # whatever was in force before (here: still off for the whole file).
    post = write(tmp_path, "<!-- markdownlint-disable MD026 -->\n## One:\n<!-- markdownlint-capture -->\n"
                           "<!-- markdownlint-enable MD026 -->\n## Two:\n<!-- markdownlint-restore -->\n## Three:\n")
    assert found(post) == [("HD004", 9)]


def test_markdownlint_without_names_only_touches_rules_with_an_equivalent(tmp_path):
    post = write(tmp_path, "<!-- markdownlint-disable -->\n## One:\n\nDon\u00e2\u20ac\u2122t.\n")
    assert [c for c, _ in found(post)] == ["TX001"]  # mojibake is not markdownlint's business


def test_markdownlint_tag_and_rule_without_equivalent(tmp_path):
    post = write(tmp_path, "<!-- markdownlint-disable headings -->\n## One:\n<!-- markdownlint-enable headings -->\n"
                           "<!-- markdownlint-disable MD013 -->\n## Two:\n")
    assert found(post) == [("HD004", 9)]  # MD013 (line-length) has no equivalent; not reported as unused


def test_markdownlint_names_are_split_on_spaces_only_as_markdownlint_does(tmp_path):
    post = write(tmp_path, "<!-- markdownlint-disable MD001 MD026 -->\n## One:\n<!-- markdownlint-enable -->\n"
                           "<!-- markdownlint-disable MD001,MD026 -->\n## Two:\n")
    assert found(post) == [("HD004", 9)]


def test_markdownlint_comment_in_a_code_block_is_an_example(tmp_path):
    post = write(tmp_path, "```\n<!-- markdownlint-disable-file -->\n```\n\n## One:\n")
    assert found(post) == [("HD004", 9)]
