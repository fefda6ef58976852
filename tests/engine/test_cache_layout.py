"""The result cache's layout: one entry a line, older layouts ignored and removed."""
import json
import os
import time

from click.testing import CliRunner

from contentlint.cli.main import main
from contentlint.engine import cache as result_cache
from contentlint.engine.cache import CACHE_DIR, CACHE_FILE


def _project(tmp_path, n=5):
    (tmp_path / "contentlint.toml").write_text('select = ["HD004", "TX005"]\n')
    for i in range(n):
        (tmp_path / f"p{i}.md").write_text(f"---\ntitle: P{i}\n---\n\n## Part {i}:\n\nText")
    past = time.time() - 60  # older than the cache's "racy" window
    for path in tmp_path.iterdir():
        os.utime(path, (past, past))


def _check(tmp_path, *args):
    result = CliRunner().invoke(main, ["check", "--format", "json", *args])
    return result.exit_code, json.loads(result.stdout), result.stderr


def test_an_old_layout_is_ignored_then_removed(tmp_path, monkeypatch):
    _project(tmp_path)
    monkeypatch.chdir(tmp_path)
    expected = _check(tmp_path, "--no-cache", ".")
    folder = tmp_path / CACHE_DIR
    folder.mkdir()
    # What the previous version wrote, with entries that would be wrong if believed.
    old = {"format": "3:0.1.0", "files": {str(tmp_path / "p0.md"): [1, 2, "x", [], [], "k"]}}
    (folder / "results-v3.json").write_text(json.dumps(old))
    (folder / "site-verdicts-v1-000000000000.json").write_text("{not json")
    assert _check(tmp_path, ".") == expected  # no warning either: stderr is part of it
    assert not (folder / "results-v3.json").exists()
    assert (folder / CACHE_FILE).exists()


def test_a_few_files_keep_the_other_entries(tmp_path, monkeypatch):
    _project(tmp_path)
    monkeypatch.chdir(tmp_path)
    whole = _check(tmp_path, ".")
    path = tmp_path / CACHE_DIR / CACHE_FILE
    before = json.loads(path.read_text())["files"]
    assert len(before) == 5
    (tmp_path / "p1.md").write_text("---\ntitle: P1\n---\n\n## Part 1\n\nText\n")  # now clean
    monkeypatch.setattr(result_cache, "FEW_FILES", 32)
    assert _check(tmp_path, "p1.md", "p2.md") == _check(tmp_path, "--no-cache", "p1.md", "p2.md")
    after = json.loads(path.read_text())["files"]  # still one JSON object
    assert set(after) == set(before)
    assert {k: v for k, v in after.items() if not k.endswith("p1.md")} == \
        {k: v for k, v in before.items() if not k.endswith("p1.md")}
    assert after[str(tmp_path / "p1.md")][3] == []
    assert _check(tmp_path, ".")[1] == [f for f in whole[1] if not f["path"].endswith("p1.md")]
