import os
import stat

import pytest

from contentlint.engine import writer
from contentlint.engine.writer import FileStamp, WriteError, write_atomic


def test_write_keeps_permission_bits(tmp_path):
    target = tmp_path / "post.md"
    target.write_text("old")
    os.chmod(target, 0o640)
    write_atomic(str(target), b"new")
    assert target.read_bytes() == b"new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["post.md"]


def test_read_only_file_is_refused(tmp_path):
    target = tmp_path / "post.md"
    target.write_text("old")
    os.chmod(target, 0o444)
    with pytest.raises(WriteError, match="read-only"):
        write_atomic(str(target), b"new")
    assert target.read_text() == "old"


def test_file_changed_since_reading_is_not_overwritten(tmp_path):
    target = tmp_path / "post.md"
    target.write_text("old")
    stamp = FileStamp.of(target.stat())
    target.write_text("edited by the writer meanwhile")
    with pytest.raises(WriteError, match="changed on disk"):
        write_atomic(str(target), b"new", expected=stamp)
    assert target.read_text() == "edited by the writer meanwhile"


def test_failed_rename_leaves_original_and_no_temp_file(tmp_path, monkeypatch):
    target = tmp_path / "post.md"
    target.write_text("original content")

    def boom(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(writer.os, "replace", boom)
    with pytest.raises(WriteError, match="No space left"):
        write_atomic(str(target), b"new content")
    assert target.read_text() == "original content"
    assert [p.name for p in tmp_path.iterdir()] == ["post.md"]


def test_write_through_symlink_replaces_target_not_link(tmp_path):
    real = tmp_path / "real.md"
    real.write_text("old")
    link = tmp_path / "link.md"
    link.symlink_to(real)
    write_atomic(str(link), b"new")
    assert link.is_symlink() and real.read_text() == "new"
