"""The writer replaces only the regular file that was read: never a symlink,
a FIFO or another file a link was switched to."""
import os
import stat

import pytest

from contentlint.engine.writer import FileStamp, WriteError, write_atomic


def test_a_fifo_is_never_replaced_by_a_regular_file(tmp_path):
    fifo = tmp_path / "post.md"
    os.mkfifo(fifo)
    with pytest.raises(WriteError, match="not a regular file"):
        write_atomic(str(fifo), b"# Fixed\n")
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["post.md"]


def test_writing_through_a_link_writes_its_target_and_keeps_the_link(tmp_path):
    target = tmp_path / "real.md"
    target.write_bytes(b"old\n")
    link = tmp_path / "post.md"
    link.symlink_to("real.md")
    st = target.stat()
    write_atomic(str(link), b"new\n", expected=FileStamp.of(st, b"old\n"))
    assert link.is_symlink() and os.readlink(link) == "real.md" and target.read_bytes() == b"new\n"


def test_a_link_switched_to_another_file_with_the_same_stamp_is_not_written(tmp_path):
    read = tmp_path / "read.md"
    other = tmp_path / "other.md"
    for p in (read, other):
        p.write_bytes(b"same\n")
    st = read.stat()
    os.utime(other, ns=(st.st_atime_ns, st.st_mtime_ns))
    link = tmp_path / "post.md"
    link.symlink_to("other.md")
    with pytest.raises(WriteError, match="changed on disk"):
        write_atomic(str(link), b"fixed\n", expected=FileStamp.of(st, b"same\n"))
    assert other.read_bytes() == b"same\n" and read.read_bytes() == b"same\n"
