import json
import os

import pytest
from click.testing import CliRunner

from contentlint.cli.main import main

JSON_KEYS = {"path", "line", "column", "end_line", "end_column", "code", "name", "severity", "message", "fix"}


def invoke(*args, input=None, env=None):
    return CliRunner().invoke(main, list(args), input=input, env=env, catch_exceptions=False)


@pytest.fixture
def post(tmp_path):
    p = tmp_path / "post.md"
    p.write_text("---\ntitle: x\n---\n\n## **Bold:**\n\nIt was â€” late.\n", encoding="utf-8")
    return p


def test_json_has_exactly_the_documented_keys(post):
    result = invoke("check", str(post), "--isolated", "--format", "json")
    data = json.loads(result.output)
    assert data and all(set(item) == JSON_KEYS for item in data)
    mojibake = next(item for item in data if item["code"] == "TX001")
    assert mojibake == {
        "path": str(post), "line": 7, "column": 8, "end_line": 7, "end_column": 11, "code": "TX001",
        "name": "mojibake", "severity": "error",
        "message": "Mojibake `â€”` (UTF-8 read as Windows-1252); should be `—`",
        "fix": {"applicability": "safe", "title": "Replace `â€”` with `—`"},
    }


def test_clean_file_exits_0(tmp_path):
    p = tmp_path / "ok.md"
    p.write_text("# Fine\n\nText.\n")
    result = invoke("check", str(p), "--isolated")
    assert result.exit_code == 0 and "All clean" in result.output


def test_missing_path_is_usage_error(tmp_path):
    result = invoke("check", str(tmp_path / "missing.md"))
    assert result.exit_code == 2 and "missing.md" in result.output


def test_config_error_exits_2_naming_file_and_key(tmp_path, post):
    cfg = tmp_path / "contentlint.toml"
    cfg.write_text("colour = true\n")
    result = invoke("check", str(post), "--config", str(cfg))
    assert result.exit_code == 2 and "contentlint.toml" in result.output and "`colour`" in result.output


def test_unknown_selector_on_command_line_exits_2(post):
    result = invoke("check", str(post), "--isolated", "--select", "NOPE1")
    assert result.exit_code == 2 and "NOPE1" in result.output


def test_exit_zero_and_strict(tmp_path, post):
    assert invoke("check", str(post), "--isolated", "--exit-zero").exit_code == 0
    cfg = tmp_path / "contentlint.toml"
    cfg.write_text('select = ["TX005"]\n[rules.TX005]\nseverity = "warning"\n')
    nl = tmp_path / "nl.md"
    nl.write_text("# x")
    assert invoke("check", str(nl), "--config", str(cfg)).exit_code == 0
    assert invoke("check", str(nl), "--config", str(cfg), "--strict").exit_code == 1


def test_stdin_with_filename(tmp_path):
    result = invoke("check", "-", "--stdin-filename", "blog/post.md", "--isolated", "--format", "json", "--select", "HD003",
                    input="## **Bold**\n")
    data = json.loads(result.output)
    assert [(d["path"], d["code"]) for d in data] == [("blog/post.md", "HD003")]


def test_stdin_fix_writes_fixed_text_to_stdout():
    result = invoke("check", "-", "--fix", "--isolated", "--select", "HD003", input="## **Bold**\n")
    assert result.stdout == "## Bold\n"
    assert result.exit_code == 0


def test_github_format_is_chosen_under_github_actions(post):
    result = invoke("check", str(post), "--isolated", env={"GITHUB_ACTIONS": "true"})
    assert result.output.startswith("::error file=")


def test_output_file_and_statistics(tmp_path, post):
    out = tmp_path / "report.txt"
    result = invoke("check", str(post), "--isolated", "--statistics", "--output-file", str(out))
    assert result.exit_code == 1 and result.output == ""
    text = out.read_text()
    assert "HD003" in text and "\x1b[" not in text
    assert "     1  HD003  heading-emphasis  [*]" in text


def test_quiet_prints_only_findings(post):
    result = invoke("check", str(post), "--isolated", "--quiet")
    lines = result.output.strip().splitlines()
    assert lines and all(line.startswith(str(post)) for line in lines)


def test_crashing_rule_becomes_cl999_and_exit_2(tmp_path, post, monkeypatch):
    from contentlint.registry import get_rule

    rule = get_rule("HD003")

    def boom(self, doc, ctx):
        raise ValueError("kaboom")
        yield  # pragma: no cover

    monkeypatch.setattr(rule, "check", boom)
    other = tmp_path / "other.md"
    other.write_text("â€” text\n")
    result = invoke("check", str(post), str(other), "--isolated", "--format", "json")
    data = json.loads(result.output)
    crash = [d for d in data if d["code"] == "CL999"]
    assert len(crash) == 2 and "HD003" in crash[0]["message"] and "kaboom" in crash[0]["message"]
    assert any(d["code"] == "TX001" and d["path"] == str(other) for d in data), "other rules and files still run"
    assert result.exit_code == 2


def test_rules_and_rule_commands():
    result = invoke("rules")
    assert "TX001" in result.output and "mojibake" in result.output and "headings" in result.output
    listed = json.loads(invoke("rules", "--format", "json").output)
    assert {"code", "name", "family", "fixable", "enabled"} <= set(listed[0])
    doc = invoke("rule", "HD003")
    assert doc.exit_code == 0 and "## Why" in doc.output and "Key Highlights" in doc.output
    assert invoke("rule", "mojibake").output.startswith("# TX001")
    assert invoke("rule", "nope").exit_code == 2


def test_show_fixes(post):
    result = invoke("check", str(post), "--isolated", "--show-fixes")
    assert "fix: Remove the `**` around the heading" in result.output


def test_terminal_escapes_in_content_are_neutralised(tmp_path):
    p = tmp_path / "evil.md"
    p.write_text("## **\x1b[2JBold**\n")
    result = invoke("check", str(p), "--isolated")
    assert "\x1b[2J" not in result.output and "\\x1b[2J" in result.output
