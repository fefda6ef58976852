"""The result cache never changes a verdict: what a run with fixes shown
(`--diff`) or written (`--fix`) leaves in the cache is what a plain run on
the files on disk would find, and a run with nothing new to record writes
nothing at all."""
import os
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from contentlint.engine.cache import CACHE_DIR
from contentlint.cli.main import main
from helpers.lint import check as run_check

# Safe fixes (heading punctuation, mojibake), an unsafe one (FM103 quotes
# `yes`), and findings with no fix.
FIXABLE = "---\ntitle: A\ndraft: yes\n---\n\n## Heading:\n\nIt was â€” late.\n\n## **Bold**\n"


def check(folder: Path, *args: str) -> tuple[int, list]:
    code, findings = run_check(*args, folder)
    return code, findings


def site(tmp_path: Path) -> Path:
    folder = tmp_path / "site"
    folder.mkdir()
    (folder / "contentlint.toml").write_text('extend-select = ["FM103"]\n', encoding="utf-8")
    for name in ("a.md", "b.md"):
        (folder / name).write_text(FIXABLE, encoding="utf-8")
    return folder


@pytest.mark.parametrize("mode", [["--diff"], ["--fix", "--diff"], ["--unsafe-fixes", "--diff"],
                                  ["--fix", "--unsafe-fixes", "--diff"]])
def test_diff_leaves_the_plain_verdict_alone(tmp_path, monkeypatch, mode):
    folder = site(tmp_path)
    monkeypatch.chdir(tmp_path)
    before = {p.name: p.read_bytes() for p in folder.glob("*.md")}
    uncached = check(folder, "--no-cache")
    assert uncached[0] == 1 and len(uncached[1]) >= 8
    check(folder, *mode)
    assert {p.name: p.read_bytes() for p in folder.glob("*.md")} == before  # --diff writes nothing
    assert check(folder) == uncached
    check(folder)  # a warm run, from the cache alone
    assert check(folder) == uncached


def test_after_fix_the_cache_holds_what_was_written(tmp_path, monkeypatch):
    folder = site(tmp_path)
    monkeypatch.chdir(tmp_path)
    check(folder, "--fix")
    assert (folder / "a.md").read_text(encoding="utf-8") != FIXABLE
    assert check(folder) == check(folder, "--no-cache")
    assert check(folder, "--unsafe-fixes", "--fix") == check(folder, "--no-cache")


def snapshot(folder: Path) -> dict:
    """Bytes and modification time of every file under ``folder``, the cache included."""
    found = {}
    for dirpath, _, names in os.walk(folder):
        for name in names:
            path = Path(dirpath) / name
            st = path.lstat()
            found[str(path.relative_to(folder))] = (path.read_bytes(), st.st_mtime_ns)
    return found


def age(folder: Path) -> None:
    """Make every file look a minute old, as files are between real runs
    (the cache records no modification time for files changed seconds ago)."""
    then = time.time() - 60
    for dirpath, _, names in os.walk(folder):
        for name in names:
            os.utime(Path(dirpath) / name, (then, then), follow_symlinks=False)


@pytest.mark.parametrize("args", [["--fix"], ["--fix", "--unsafe-fixes"], ["--diff"], []])
def test_a_run_with_nothing_new_to_record_changes_no_file(tmp_path, monkeypatch, args):
    folder = site(tmp_path)
    (folder / "link.md").symlink_to("a.md")  # a symlink to a file inside the folder
    (folder / "sub").mkdir()
    (folder / "sub" / "c.md").symlink_to("../b.md")
    monkeypatch.chdir(tmp_path)
    check(folder, "--fix", "--unsafe-fixes")
    age(folder)
    check(folder, *args)  # records the files' settled modification times
    assert (folder / CACHE_DIR).is_dir()
    before = snapshot(folder)
    check(folder, *args)
    assert snapshot(folder) == before
    check(folder)
    assert snapshot(folder) == before


def test_a_batch_keeps_the_entries_of_files_it_did_not_check(tmp_path, monkeypatch):
    """pre-commit names a few files per run: the next batch must not find the
    cache emptied of every other file (nor rewrite it when all are hits)."""
    folder = site(tmp_path)
    monkeypatch.chdir(tmp_path)
    age(folder)
    check(folder)
    before = snapshot(folder)
    for name in ("a.md", "b.md"):
        result = CliRunner().invoke(main, ["check", str(folder / name)], catch_exceptions=False)
        assert result.exit_code == 1
    assert snapshot(folder) == before
