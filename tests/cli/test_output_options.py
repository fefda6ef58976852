"""`--output-format` (and its alias `--format`), `--statistics`, and the full
report at COLUMNS=80, through the real command line."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from rich.cells import cell_len

from contentlint.cli import main

POST = "---\ntitle: x\n---\n\n## **Bold:**\n\nIt was â€” late.\n"


def invoke(*args, env=None):
    return CliRunner().invoke(main, list(args), env=env, catch_exceptions=False)


@pytest.fixture
def post(tmp_path):
    p = tmp_path / "post.md"
    p.write_text(POST, encoding="utf-8")
    return p


def test_concise_lines_for_problem_matchers(post):
    result = invoke("check", str(post), "--isolated", "--no-cache", "--output-format", "concise")
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert f"{post}:7:8: error TX001 mojibake Mojibake `â€”` (UTF-8 read as Windows-1252); should be `—`" in lines
    assert all(line.startswith(f"{post}:") and ": error " in line for line in lines)


def test_format_is_an_alias_and_console_still_means_full(post):
    base = ("check", str(post), "--isolated", "--no-cache")
    concise = invoke(*base, "--output-format", "concise").output
    assert invoke(*base, "--format", "concise").output == concise
    full = invoke(*base, "--output-format", "full").output
    console = invoke(*base, "--format", "console").output
    strip = lambda text: "\n".join(line for line in text.splitlines() if "checked in" not in line)  # noqa: E731
    assert strip(full) == strip(console) and strip(invoke(*base).output) == strip(full)


def test_json_lines(post):
    result = invoke("check", str(post), "--isolated", "--no-cache", "--output-format", "json-lines")
    objects = [json.loads(line) for line in result.output.splitlines()]
    whole = json.loads(invoke("check", str(post), "--isolated", "--no-cache", "--format", "json").output)
    assert objects == whole and len(objects) >= 2


def test_statistics_prints_only_counts(post):
    result = invoke("check", str(post), "--isolated", "--no-cache", "--statistics")
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert "     1  TX001  mojibake  [*]" in lines
    assert not any("It was" in line or "post.md" in line or "Found" in line for line in lines)


def test_statistics_with_json_is_an_object(post):
    result = invoke("check", str(post), "--isolated", "--no-cache", "--statistics", "--format", "json")
    assert result.exit_code == 1
    data = json.loads(result.output)
    assert isinstance(data, dict) and data["total"] == sum(r["count"] for r in data["rules"])
    assert {"code": "TX001", "name": "mojibake", "count": 1, "errors": 1, "warnings": 0, "fixable": 1} in data["rules"]


def test_full_report_at_80_columns(tmp_path):
    words = " ".join(f"filler{i}" for i in range(120))
    (tmp_path / "long.md").write_text(f"---\ntitle: x\n---\n\n{words} It was â€” late {words}\n", encoding="utf-8")
    result = invoke("check", str(tmp_path / "long.md"), "--isolated", "--no-cache", env={"COLUMNS": "80"})
    lines = result.output.splitlines()
    assert result.exit_code == 1
    assert all(cell_len(line) <= 80 for line in lines), [line for line in lines if cell_len(line) > 80]
    snippet = next(i for i, line in enumerate(lines) if "It was" in line)
    start = lines[snippet + 1].index("^")
    assert lines[snippet][start:start + 3] == "â€”" and lines[snippet].endswith("…")
    assert any("error    TX001 mojibake" in line for line in lines)
    # Each word of the summary and messages stays whole.
    assert "Windows-1252);" in result.output.split()
