"""A defect while a file's site facts are collected is a finding on that file,
not an internal error that stops the whole run with no report. Like a
crashing rule it still makes the exit code 2 (an internal error)."""
from __future__ import annotations

import json

from click.testing import CliRunner

from contentlint.cli import main
from contentlint.engine import lint


def test_a_crash_collecting_site_facts_is_a_finding_and_the_run_goes_on(tmp_path, monkeypatch):
    (tmp_path / "_config.yml").write_text("title: Site\n", encoding="utf-8")
    (tmp_path / "_posts").mkdir()  # with _config.yml: a Jekyll site, so facts are collected
    (tmp_path / "about.md").write_text("---\ntitle: About\n---\n\nSee [home](/missing/).\n", encoding="utf-8")
    (tmp_path / "broken.md").write_text("---\ntitle: Broken\n---\n\nText.\n", encoding="utf-8")
    real = lint.facts_of

    def facts_of(doc, *args):
        if doc.path.endswith("broken.md"):
            raise AttributeError("'Heading' object has no attribute 'children'")
        return real(doc, *args)

    monkeypatch.setattr(lint, "facts_of", facts_of)
    result = CliRunner().invoke(main, ["check", "--no-cache", "--jobs", "1", "--format", "json", str(tmp_path)])
    assert result.exit_code == 2, result.output
    findings = json.loads(result.output)  # the report is complete
    assert any(f["code"] == "ST001" and f["path"].endswith("about.md") for f in findings)
    crash = [f for f in findings if f["code"] == "CL999"]
    assert len(crash) == 1 and crash[0]["path"].endswith("broken.md")
    assert "Site facts could not be collected" in crash[0]["message"]
