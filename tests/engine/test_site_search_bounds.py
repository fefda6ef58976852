"""The site a file belongs to is looked for up to the project the user is in,
never above it: a `_config.yml` with `_posts/` in a parent folder (someone's
home, a temp folder) must not make the checked project part of that site, and
nothing above the project is read."""
from __future__ import annotations

import json
import os

from click.testing import CliRunner

from contentlint.cli import main


def _outer_site_with_inner_project(tmp_path):
    (tmp_path / "_config.yml").write_text("title: Someone else's site\n", encoding="utf-8")
    (tmp_path / "_posts").mkdir()
    inner = tmp_path / "work" / "project"
    inner.mkdir(parents=True)
    (inner / "a.md").write_text("---\ntitle: A\n---\n\nSee [the guide](/guide/).\n", encoding="utf-8")
    return inner


def _site_findings(args):
    result = CliRunner().invoke(main, ["check", "--no-cache", "--format", "json", *args])
    assert result.exit_code in (0, 1), result.output
    return [f for f in json.loads(result.output) if f["code"].startswith("ST")]


def test_a_site_above_the_current_folder_is_not_used(tmp_path, monkeypatch):
    inner = _outer_site_with_inner_project(tmp_path)
    monkeypatch.chdir(inner)
    assert _site_findings(["a.md"]) == []


def test_a_site_above_a_repository_root_is_not_used(tmp_path, monkeypatch):
    inner = _outer_site_with_inner_project(tmp_path)
    (inner / ".git").mkdir()
    monkeypatch.chdir(tmp_path.parent)  # the project is named by path from elsewhere
    assert _site_findings([os.fspath(inner)]) == []


def test_a_site_at_the_current_folder_is_used(tmp_path, monkeypatch):
    inner = _outer_site_with_inner_project(tmp_path)
    monkeypatch.chdir(tmp_path)
    found = _site_findings([os.fspath(inner / "a.md")])
    assert [(f["code"], f["line"]) for f in found] == [("ST001", 5)]
