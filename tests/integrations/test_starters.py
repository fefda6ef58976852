"""Each framework's own starter pages (tests/fixtures/starters, see its
README) are not reported as problems (issue 11): Docusaurus and MkDocs show
the frontmatter title only when the body has no h1, and DocFX never does,
so `title:` plus `# Same title` is their intended pattern; MkDocs pages
need no frontmatter. Checked after `contentlint init` and with no
configuration."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from contentlint.cli.main import main

STARTERS = Path(__file__).resolve().parents[1] / "fixtures" / "starters"
# Style findings the starters really have (not about the title): Docusaurus'
# `# Congratulations!` ends in `!`, which HD004 flags as markdownlint's MD026 does.
REMAINING = {
    "docusaurus": [],
    "docfx": [],
    "mkdocs": [],
}


def findings(root: Path, monkeypatch, *args: str) -> list[tuple]:
    monkeypatch.chdir(root)
    result = CliRunner().invoke(main, ["check", "--no-cache", "--format", "json", *args], catch_exceptions=False)
    assert result.exit_code in (0, 1), result.output
    return [(f["path"], f["code"], f["line"]) for f in json.loads(result.stdout)]


@pytest.mark.parametrize("framework", sorted(REMAINING))
@pytest.mark.parametrize("with_init", [True, False], ids=["init", "no-config"])
def test_starter_pages_are_clean(tmp_path, monkeypatch, framework, with_init):
    root = tmp_path / framework
    shutil.copytree(STARTERS / framework, root)
    if with_init:
        init = CliRunner().invoke(main, ["init", str(root)], catch_exceptions=False)
        assert init.exit_code == 0, init.output
        assert "title-fallback = true" in (root / "contentlint.toml").read_text(encoding="utf-8")
    assert findings(root, monkeypatch, ".") == REMAINING[framework]


def test_the_title_pattern_is_still_a_second_title_elsewhere(tmp_path, monkeypatch):
    """Without a framework that falls back, a body h1 under a frontmatter
    title is still a second title (Astro, Hugo, Jekyll layouts render both);
    one that repeats the title is reported once, by HD012."""
    page = tmp_path / "page.md"
    page.write_text("---\ntitle: Markdown page example\n---\n\n# Markdown page example\n", encoding="utf-8")
    codes = [code for _, code, _ in findings(tmp_path, monkeypatch, "page.md")]
    assert codes.count("HD012") == 1 and "HD002" not in codes


def test_a_second_h1_is_still_flagged_when_the_title_falls_back(tmp_path, monkeypatch):
    shutil.copytree(STARTERS / "mkdocs", tmp_path / "site")
    (tmp_path / "site" / "docs" / "guide.md").write_text(
        "---\ntitle: Guide\n---\n\n# Guide\n\nText.\n\n# Another title\n", encoding="utf-8")
    assert findings(tmp_path / "site", monkeypatch, ".") == [("docs/guide.md", "HD002", 9)]
