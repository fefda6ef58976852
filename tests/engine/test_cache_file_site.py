"""LK003 judges a root path (`/images/a.png`) against its folder's site: a
Jekyll site serves it from the site root, a folder in no site has no static
folder and leaves it unchecked. A framework config file added after a cached
run changes that verdict without touching anything the configuration names,
so the file's cache entry must be keyed by its folder's site too: the cached
run must say what an uncached one says."""
from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from contentlint.cli.main import main


def lint(root: Path, *extra: str) -> list[tuple[str, int, str]]:
    result = CliRunner().invoke(main, ["check", "--format", "json", "--select", "LK003", *extra, str(root)])
    assert result.exit_code in (0, 1), result.output
    return sorted((Path(f["path"]).name, f["line"], f["code"]) for f in json.loads(result.stdout))


def test_a_site_config_added_after_a_cached_run_changes_the_cached_verdict(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "contentlint.toml").write_text("", encoding="utf-8")
    (tmp_path / "post.md").write_text("---\ntitle: T\n---\n\n![logo](/images/logo.png)\n", encoding="utf-8")
    assert lint(tmp_path) == lint(tmp_path, "--no-cache") == []  # no site: the root path is not judged
    (tmp_path / "_config.yml").write_text("title: A Jekyll site\n", encoding="utf-8")
    (tmp_path / "Gemfile").write_text('gem "jekyll"\n', encoding="utf-8")
    uncached = lint(tmp_path, "--no-cache")
    assert uncached == [("post.md", 5, "LK003")]  # the Jekyll root has no images/logo.png
    assert lint(tmp_path) == uncached
