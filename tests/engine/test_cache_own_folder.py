"""The cache folder a run creates is not a change to the project it describes."""
import os
import time

from contentlint.api import run_check
from contentlint.engine import pool
from contentlint.engine.cache import CACHE_DIR
from contentlint.engine.lint import Settings


def _old(*paths):
    past = time.time() - 60  # older than the cache's "racy" window, as files are between real runs
    for path in paths:
        os.utime(path, (past, past))


def _first_run(tmp_path, monkeypatch):
    """A project whose one page misses an image looked up in the root's listing, checked once."""
    (tmp_path / "contentlint.toml").write_text('select = ["LK003"]\n')
    post = tmp_path / "post.md"
    post.write_text("---\ntitle: A\n---\n\n![x](Missing.png)\n")
    _old(post, tmp_path / "contentlint.toml", tmp_path)
    monkeypatch.chdir(tmp_path)
    first, _ = run_check(["post.md"], Settings(jobs=1))
    return first


def test_second_run_reuses_results_that_read_the_root_listing(tmp_path, monkeypatch):
    # LK003 looks a missing image up in its folder's listing, here the
    # project root: the first run then adds .contentlint_cache/ to that very
    # listing. Before, the second run saw a changed folder and checked the
    # file again (32 pages of ruby-lang on every second warm run).
    first = _first_run(tmp_path, monkeypatch)
    assert (tmp_path / CACHE_DIR).is_dir()
    assert [v.code for v in first.violations] == ["LK003"]

    def no_check(*a, **k):
        raise AssertionError("nothing changed: the cached result must be reused")

    monkeypatch.setattr(pool, "check_source", no_check)
    second, _ = run_check(["post.md"], Settings(jobs=1))
    assert [v.to_json() for v in second.violations] == [v.to_json() for v in first.violations]


def test_a_file_added_to_the_root_still_invalidates(tmp_path, monkeypatch):
    # The listing still counts every other name: the image appearing clears the finding.
    first = _first_run(tmp_path, monkeypatch)
    assert [v.code for v in first.violations] == ["LK003"]
    (tmp_path / "Missing.png").write_bytes(b"")
    second, _ = run_check(["post.md"], Settings(jobs=1))
    assert second.violations == []
