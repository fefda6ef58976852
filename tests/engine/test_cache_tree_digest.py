"""The site's digest (site verdicts are reused only under it) changes with
any file of the site, and only then."""
from __future__ import annotations

import os
import time

from contentlint.engine.cache import tree_digest

SKIP = frozenset({".git", "node_modules"})


PAST = time.time() - 60


def _old(folder):
    """Every file out of the "changed a moment ago" window, at one fixed time:
    only the changes a test makes differ between two digests."""
    past = PAST
    for path in [folder, *folder.rglob("*")]:
        os.utime(path, (past, past), follow_symlinks=False)


def test_the_digest_follows_every_file_and_folder_and_skips_skipped_folders(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.md").write_text("# A\n")
    (tmp_path / "public").mkdir()
    (tmp_path / "public" / "img.png").write_bytes(b"")
    (tmp_path / "node_modules").mkdir()
    (tmp_path / "node_modules" / "x.md").write_text("x")
    _old(tmp_path)
    first = tree_digest(str(tmp_path), SKIP)
    assert first is not None and tree_digest(str(tmp_path), SKIP) == first
    (tmp_path / "node_modules" / "x.md").write_text("changed in a skipped folder")
    _old(tmp_path)
    assert tree_digest(str(tmp_path), SKIP) == first
    seen = {first}
    for change in (lambda: (tmp_path / "public" / "img.png").write_bytes(b"1"),
                   lambda: (tmp_path / "docs" / "a.md").rename(tmp_path / "docs" / "b.md"),
                   lambda: (tmp_path / "docs" / "new").mkdir(),
                   lambda: (tmp_path / "docs" / "b.md").unlink()):
        change()
        _old(tmp_path)
        digest = tree_digest(str(tmp_path), SKIP)
        assert digest is not None and digest not in seen
        seen.add(digest)


def test_a_file_written_a_moment_ago_gives_no_digest(tmp_path):
    (tmp_path / "a.md").write_text("# A\n")
    assert tree_digest(str(tmp_path), SKIP) is None
