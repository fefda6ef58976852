"""Baselines through the CLI: adopt contentlint on a site with findings, and
fail only on new ones."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from contentlint.cli import main
from properties.prop_support import budget

SARIF_SCHEMA = Path(__file__).resolve().parents[1] / "data" / "sarif-schema-2.1.0.json"
HEAD = "---\ntitle: Post\n---\n\n"


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.fixture
def site(tmp_path, monkeypatch):
    (tmp_path / "contentlint.toml").write_text("", encoding="utf-8")
    content = tmp_path / "content"
    content.mkdir()
    (content / "a.md").write_text(HEAD + "## Setup:\n\nText.\n\n## Usage:\n\n## Usage:\n", encoding="utf-8")
    (content / "b.md").write_text(HEAD + "## **Bold**\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def findings(result) -> list[tuple[str, str, int]]:
    return [(v["path"].replace(os.sep, "/"), v["code"], v["line"]) for v in json.loads(result.stdout)]


def check_json(*args: str):
    return run("check", "--no-cache", "--format", "json", *args)


def test_baseline_file_is_sorted_one_finding_per_line(site):
    result = run("baseline", "content")
    assert result.exit_code == 0
    assert "wrote 5 findings to contentlint-baseline.json" in result.stderr
    text = (site / "contentlint-baseline.json").read_text(encoding="utf-8")
    data = json.loads(text)
    lines = text.splitlines()
    assert lines[:4] == ["{", '  "version": 1,', '  "tool": "contentlint",', '  "findings": [']
    # each finding on its own line, in a stable order, with its keys in a stable order
    entries = [json.loads(line.strip().rstrip(",")) for line in lines[4:-2]]
    assert entries == data["findings"]
    assert [list(e) for e in entries] == [["path", "code", "text", "context", "message", "count"]] * 4
    assert [(e["path"], e["code"], e["context"], e["count"]) for e in entries] == [
        ("content/a.md", "HD004", "## Setup:", 1),
        ("content/a.md", "HD004", "## Usage:", 2),  # identical findings are counted
        ("content/a.md", "HD005", "## Usage:", 1),
        ("content/b.md", "HD003", "## **Bold**", 1),
    ]
    assert "line N" in entries[2]["message"]  # "the same text is on line 9" would move with the text
    # the same run writes the same bytes
    run("check", "content", "--baseline", "contentlint-baseline.json", "--update-baseline")
    assert (site / "contentlint-baseline.json").read_text(encoding="utf-8") == text


def test_only_new_findings_are_reported_and_fail(site):
    run("baseline", "content")
    clean = check_json("content", "--baseline", "contentlint-baseline.json")
    assert clean.exit_code == 0 and findings(clean) == []
    assert "5 findings in the baseline contentlint-baseline.json not shown" in clean.stderr
    a = site / "content" / "a.md"
    # lines inserted above a baselined finding, a finding moved down: still known
    a.write_text(HEAD + "Intro.\n\nMore intro.\n\n" + a.read_text(encoding="utf-8")[len(HEAD):], encoding="utf-8")
    assert check_json("content", "--baseline", "contentlint-baseline.json").exit_code == 0
    # a third `## Usage:` is one more than the baseline counts
    a.write_text(a.read_text(encoding="utf-8") + "\n## Usage:\n\n## Other:\n", encoding="utf-8")
    result = check_json("content", "--baseline", "contentlint-baseline.json")
    assert result.exit_code == 1
    assert findings(result) == [("content/a.md", "HD005", 17), ("content/a.md", "HD004", 17),
                                ("content/a.md", "HD004", 19)]


def test_a_fixed_finding_leaves_the_baseline_when_it_is_rewritten(site):
    run("baseline", "content")
    (site / "content" / "b.md").write_text(HEAD + "## Bold\n", encoding="utf-8")
    result = check_json("content", "--baseline", "contentlint-baseline.json")
    assert result.exit_code == 0
    assert "1 baseline finding no longer found; `--update-baseline` drops it" in result.stderr
    run("check", "content", "--baseline", "contentlint-baseline.json", "--update-baseline")
    entries = json.loads((site / "contentlint-baseline.json").read_text(encoding="utf-8"))["findings"]
    assert [e["path"] for e in entries] == ["content/a.md"] * 3
    assert "no longer found" not in check_json("content", "--baseline", "contentlint-baseline.json").stderr


def test_a_run_over_some_files_keeps_the_other_files_entries(site):
    run("baseline", "content")
    run("check", "content/b.md", "--baseline", "contentlint-baseline.json", "--update-baseline")
    entries = json.loads((site / "contentlint-baseline.json").read_text(encoding="utf-8"))["findings"]
    assert sum(e["count"] for e in entries) == 5
    # nor does a run over one file call the others' entries absent, unless their file is gone
    assert "no longer found" not in check_json("content/b.md", "--baseline", "contentlint-baseline.json").stderr
    (site / "content" / "a.md").unlink()
    assert "4 baseline findings no longer found" in check_json("content/b.md", "--baseline",
                                                              "contentlint-baseline.json").stderr
    run("check", "content/b.md", "--baseline", "contentlint-baseline.json", "--update-baseline")
    entries = json.loads((site / "contentlint-baseline.json").read_text(encoding="utf-8"))["findings"]
    assert [e["path"] for e in entries] == ["content/b.md"]


def test_undecodable_bytes_and_names_round_trip(site):
    (site / "content" / "latin.md").write_bytes(HEAD.encode() + b"## Caf\xe9:\n")
    result = run("baseline", "content")
    assert result.exit_code == 0, result.output
    clean = check_json("content", "--baseline", "contentlint-baseline.json")
    assert clean.exit_code == 0 and findings(clean) == []


def test_paths_are_relative_to_the_project_root_whatever_the_current_folder(site, monkeypatch):
    run("baseline", "content")
    monkeypatch.chdir(site / "content")
    result = check_json(".", "--baseline", "../contentlint-baseline.json")
    assert result.exit_code == 0 and findings(result) == []


def test_sarif_marks_new_unchanged_and_absent(site):
    import jsonschema

    run("baseline", "content")
    (site / "content" / "b.md").write_text(HEAD + "## Bold\n\n## New:\n", encoding="utf-8")
    result = run("check", "--no-cache", "content", "--baseline", "contentlint-baseline.json", "--format", "sarif")
    assert result.exit_code == 1
    log = json.loads(result.stdout)
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft7Validator(schema, format_checker=jsonschema.FormatChecker()).validate(log)
    states = [(r["ruleId"], r["baselineState"], r["locations"][0]["physicalLocation"].get("region", {}).get("startLine"))
              for r in log["runs"][0]["results"]]
    assert states == [
        ("HD004", "unchanged", 5), ("HD004", "unchanged", 9), ("HD005", "unchanged", 11), ("HD004", "unchanged", 11),
        ("HD004", "new", 7),
        ("HD003", "absent", None),
    ]
    absent = log["runs"][0]["results"][-1]
    assert absent["kind"] == "pass" and absent["level"] == "none"
    assert absent["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "content/b.md"
    # a finding keeps its fingerprint from run to run (and from its baseline entry)
    again = json.loads(run("check", "--no-cache", "content", "--baseline", "contentlint-baseline.json",
                           "--format", "sarif").stdout)
    assert [r["partialFingerprints"] for r in again["runs"][0]["results"]] == \
        [r["partialFingerprints"] for r in log["runs"][0]["results"]]


def test_sarif_without_a_baseline_has_no_baseline_state(site):
    log = json.loads(run("check", "--no-cache", "content", "--format", "sarif").stdout)
    assert all("baselineState" not in r for r in log["runs"][0]["results"])


@pytest.mark.parametrize("content, message", [
    (None, "baseline file not found; write it with `--update-baseline`"),
    ("{not json", "not a baseline (invalid JSON at line 1"),
    ('{"version": 1, "findings": [{"path": "a.md"}]}', "finding 1 needs string path, code, text, context, message"),
    ('{"version": 7, "findings": []}', "baseline version 7 is not 1"),
])
def test_a_bad_baseline_is_a_usage_error_naming_the_file(site, content, message):
    if content is not None:
        (site / "b.json").write_text(content, encoding="utf-8")
    result = run("check", "content", "--baseline", "b.json")
    assert result.exit_code == 2
    assert f"contentlint: error: b.json: {message}" in result.stderr


def test_update_baseline_needs_a_file(site):
    result = run("check", "content", "--update-baseline")
    assert result.exit_code == 2 and "--update-baseline needs --baseline FILE" in result.stderr


@budget(40)
@given(st.lists(st.tuples(st.integers(min_value=0, max_value=8),
                          st.sampled_from(["Plain text.", "", "Other words here.", "- a list item"])), max_size=6))
def test_unrelated_lines_anywhere_keep_every_finding_known(tmp_path_factory, inserts):
    """Insert lines that flag nothing anywhere in the body: no finding becomes new."""
    from contentlint.engine import baseline as bl
    from contentlint import lint_text

    root = tmp_path_factory.mktemp("root")
    body = ["## Setup:", "", "## **Bold**", "", "## Usage:", "", "## Usage:", "", "Text."]
    path = str(root / "a.md")
    before = lint_text(HEAD + "\n".join(body) + "\n", path=path, config={})
    entries = bl.updated(before, [], root)
    assert entries
    edited = list(body)
    for at, line in inserts:
        edited[min(at, len(edited)):min(at, len(edited))] = ["", line, ""]
    after = lint_text(HEAD + "\n".join(edited) + "\n", path=path, config={})
    outcome = bl.compare(after, entries, "b.json", root)
    assert outcome.new == [] and outcome.absent == []


def test_installed_script_end_to_end(site):
    import shutil
    import subprocess
    import sys

    script = shutil.which("contentlint", path=str(Path(sys.executable).parent)) or "contentlint"
    made = subprocess.run([script, "baseline", "content", "-o", "base.json"], capture_output=True, text=True)
    assert made.returncode == 0 and "wrote 5 findings to base.json" in made.stderr
    (site / "content" / "b.md").write_text(HEAD + "## **Bold**\n\n## New!\n", encoding="utf-8")
    checked = subprocess.run([script, "check", "content", "--baseline", "base.json", "--format", "json", "--no-cache"],
                             capture_output=True, text=True)
    assert checked.returncode == 1
    assert [(v["code"], v["line"]) for v in json.loads(checked.stdout)] == [("HD004", 7)]
