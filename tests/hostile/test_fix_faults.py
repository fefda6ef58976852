"""Faults during ``--fix``: the writer's file is never lost or half-written.

Failures are injected where they happen in real life (creating the temporary
file, writing it, renaming it over the original) through monkeypatch, since
the suite runs as root and permissions cannot make root fail."""
from __future__ import annotations

import errno
import os
import tempfile

import pytest

from hostile_support import check
from contentlint.engine import lint as engine, writer

FIXABLE = "---\ntitle: Post\n---\n\n## Heading:\n\nText\n"
FIXED = "---\ntitle: Post\n---\n\n## Heading\n\nText\n"


@pytest.fixture
def post(project):
    return project.write("post.md", FIXABLE)


def _raise(err: int):
    def fail(*args, **kwargs):
        raise OSError(err, os.strerror(err))

    return fail


@pytest.mark.parametrize("where, err", [
    ("mkstemp", errno.ENOSPC),
    ("mkstemp", errno.EACCES),
    ("fsync", errno.ENOSPC),
    ("replace", errno.ENOSPC),
    ("replace", errno.EACCES),
    ("replace", errno.EPERM),
])
def test_failed_write_leaves_the_original_and_no_temp_file(project, post, monkeypatch, where, err):
    # the writer imports tempfile when it first writes (start-up time)
    target = {"mkstemp": tempfile, "fsync": writer.os, "replace": writer.os}[where]
    monkeypatch.setattr(target, where, _raise(err))
    run = check("post.md", "--fix", "--select", "HD004")
    assert run.code == 2
    assert post.read_bytes() == FIXABLE.encode()
    assert project.temp_files() == [] and sorted(p.name for p in project.root.iterdir()) == ["contentlint.toml", "post.md"]
    cl904 = run.only("CL904")
    assert cl904["message"] == f"Could not write fixes: {os.strerror(err)}"
    assert (cl904["path"], cl904["line"]) == ("post.md", 1)
    # The findings of the file are reported as if nothing had been fixed.
    assert "HD004" in run.codes()


def test_a_failed_file_does_not_stop_the_others(project, monkeypatch):
    a = project.write("a.md", FIXABLE)
    b = project.write("b.md", FIXABLE)
    real_replace = os.replace

    def replace(src, dst):
        if os.path.basename(dst) == "a.md":
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real_replace(src, dst)

    monkeypatch.setattr(writer.os, "replace", replace)
    run = check(".", "--fix", "--select", "HD004")
    assert run.code == 2
    assert a.read_text() == FIXABLE and b.read_text() == FIXED
    assert sorted((f["path"], f["code"]) for f in run.findings) == [("a.md", "CL904"), ("a.md", "HD004")]


def test_read_only_file_is_not_written(project, post):
    os.chmod(post, 0o444)
    run = check("post.md", "--fix", "--select", "HD004")
    assert run.code == 2 and post.read_text() == FIXABLE
    assert run.only("CL904")["message"] == "File is read-only; fixes not written"


def _edit_before_write(monkeypatch, edit):
    real = engine.write_atomic

    def write_atomic(path, data, **kwargs):
        edit(path)
        return real(path, data, **kwargs)

    monkeypatch.setattr(engine, "write_atomic", write_atomic)


def test_file_edited_while_checked_is_not_overwritten(project, post, monkeypatch):
    _edit_before_write(monkeypatch, lambda path: open(path, "a").write("A paragraph the writer just typed.\n"))
    run = check("post.md", "--fix", "--select", "HD004")
    assert post.read_text() == FIXABLE + "A paragraph the writer just typed.\n"
    assert run.only("CL904")["message"] == "File changed on disk while it was checked; fixes not written"
    assert run.code == 2 and project.temp_files() == []


def test_same_size_edit_with_the_same_mtime_is_still_detected(project, post, monkeypatch):
    """Size and mtime can both survive an edit (coarse clocks, tools that keep
    mtimes); the content read is compared right before the rename."""
    stamp = post.stat()

    def edit(path):
        with open(path, "r+b") as fh:
            fh.write(b"---\ntitle: Tost")
        os.utime(path, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))

    _edit_before_write(monkeypatch, edit)
    run = check("post.md", "--fix", "--select", "HD004")
    assert post.read_text() == FIXABLE.replace("Post", "Tost")
    assert run.only("CL904")["message"] == "File changed on disk while it was checked; fixes not written"


def test_file_deleted_while_checked_is_not_recreated(project, post, monkeypatch):
    _edit_before_write(monkeypatch, os.unlink)
    run = check("post.md", "--fix", "--select", "HD004")
    assert not post.exists() and project.temp_files() == []
    assert run.only("CL904")["message"] == "Cannot stat file: No such file or directory"


def test_diff_writes_nothing(project, post):
    before = post.stat().st_mtime_ns
    run = check("post.md", "--diff", "--select", "HD004", fmt="console")
    assert run.code == 1 and "-## Heading:" in run.stdout and "+## Heading" in run.stdout
    assert post.read_text() == FIXABLE and post.stat().st_mtime_ns == before
