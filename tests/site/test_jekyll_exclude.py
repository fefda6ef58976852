"""Jekyll's `exclude:` keeps files out of the built site
(https://jekyllrb.com/docs/configuration/options/ : "Exclude directories
and/or files from the conversion"; `include:` forces them back in). An
excluded Markdown file has no page, so no route: a link to it is broken on
the live site, and `site routes` does not list it. (The site index takes its
pages from the skeleton, which applies `exclude`: site/skeleton.py.)"""
from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from contentlint.cli.main import main


def _site(tmp_path: Path) -> Path:
    (tmp_path / "Gemfile").write_text('source "https://rubygems.org"\ngem "jekyll"\n')
    (tmp_path / "_config.yml").write_text("title: T\npermalink: pretty\nexclude:\n  - README.md\n")
    (tmp_path / "index.md").write_text("---\ntitle: Home\n---\n\n# Home\n\n[about](/about/) [readme](/README/)\n")
    (tmp_path / "about.md").write_text("---\ntitle: About\n---\n\n# About\n")
    (tmp_path / "README.md").write_text("# Read me\n\nFor the repository, not the site.\n")
    return tmp_path


def test_a_link_to_an_excluded_page_is_reported(tmp_path):
    root = _site(tmp_path)
    result = CliRunner().invoke(main, ["check", "--no-cache", "--select", "ST001", "--format", "json", str(root)])
    assert result.exit_code in (0, 1), result.output
    found = [(Path(f["path"]).name, f["line"], f["code"]) for f in json.loads(result.stdout)]
    assert found == [("index.md", 7, "ST001")]


def test_site_routes_leaves_an_excluded_page_out(tmp_path):
    root = _site(tmp_path)
    result = CliRunner().invoke(main, ["site", "routes", str(root), "--format", "json"])
    assert result.exit_code == 0, result.output
    files = {row["file"]: row["route"] for row in json.loads(result.stdout)}
    assert files.get("about.md") == "/about/" and files.get("index.md") == "/"
    assert "README.md" not in files or files["README.md"] is None
