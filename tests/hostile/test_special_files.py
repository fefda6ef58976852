"""Only regular files are ever opened. A FIFO, socket or device named like a
post is reported (CL906) and the run goes on; a folder named like a post is a
folder. Every run here is a child process under a time guard, so a
regression fails the test instead of hanging the suite."""
from __future__ import annotations

import os
import socket
import stat
import subprocess
import sys

import pytest

from hostile_support import GUARD, assert_no_traceback, check_subprocess

FIXABLE = "---\ntitle: Post\n---\n\n## Heading:\n\nText\n"
FIXED = "---\ntitle: Post\n---\n\n## Heading\n\nText\n"


@pytest.fixture
def fifo(project):
    project.write("content/ok.md", FIXABLE)
    path = project.root / "content" / "post.md"
    os.mkfifo(path)
    return path


@pytest.fixture
def unix_socket(project):
    project.write("content/ok.md", FIXABLE)
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    # Relative to the project root (the current folder): socket paths are
    # limited to about 100 bytes, and temporary folders can be long.
    sock.bind(os.path.join("content", "sock.md"))
    sock.listen(1)
    yield project.root / "content" / "sock.md"
    sock.close()


def _findings(run) -> list[tuple[str, str]]:
    assert_no_traceback(run)
    return [(f["path"], f["code"]) for f in run.findings]


def test_fifo_in_a_folder_is_reported_and_the_run_goes_on(project, fifo):
    run = check_subprocess("content", "--select", "HD004", cwd=project.root)
    assert _findings(run) == [
        (os.path.join("content", "ok.md"), "HD004"),
        (os.path.join("content", "post.md"), "CL906"),
    ]
    assert run.only("CL906")["message"] == "Not a regular file but a named pipe (FIFO); not read"
    assert run.code == 1


def test_fifo_named_on_the_command_line_is_reported(project, fifo):
    run = check_subprocess(os.path.join("content", "post.md"), cwd=project.root)
    assert _findings(run) == [(os.path.join("content", "post.md"), "CL906")]


def test_fix_goes_on_past_a_fifo_and_leaves_it_a_fifo(project, fifo):
    run = check_subprocess("content", "--fix", "--select", "HD004", cwd=project.root)
    assert _findings(run) == [(os.path.join("content", "post.md"), "CL906")]
    assert (project.root / "content" / "ok.md").read_text() == FIXED
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_socket_in_a_folder_and_on_the_command_line_is_reported(project, unix_socket):
    walked = check_subprocess("content", "--select", "HD004", cwd=project.root)
    assert _findings(walked) == [
        (os.path.join("content", "ok.md"), "HD004"),
        (os.path.join("content", "sock.md"), "CL906"),
    ]
    assert walked.only("CL906")["message"] == "Not a regular file but a socket; not read"
    named = check_subprocess(os.path.join("content", "sock.md"), cwd=project.root)
    assert _findings(named) == [(os.path.join("content", "sock.md"), "CL906")]


def test_device_named_on_the_command_line_is_reported_not_read(project):
    # /dev/zero never ends: reading it would fill memory.
    run = check_subprocess("/dev/zero", cwd=project.root)
    assert _findings(run) == [("/dev/zero", "CL906")]
    assert run.only("CL906")["message"] == "Not a regular file but a character device; not read"


def test_folder_named_like_a_post_is_walked_whether_named_or_found(project):
    project.write("content/x.md/inner.md", FIXABLE)
    for arg in ("content", os.path.join("content", "x.md")):
        run = check_subprocess(arg, "--select", "HD004", cwd=project.root)
        assert _findings(run) == [(os.path.join("content", "x.md", "inner.md"), "HD004")], arg


def test_fifo_behind_a_symlink_inside_is_reported(project, fifo):
    (project.root / "content" / "link.md").symlink_to("post.md")
    run = check_subprocess(os.path.join("content", "link.md"), cwd=project.root)
    assert _findings(run) == [(os.path.join("content", "link.md"), "CL906")]


def test_schema_infer_skips_a_fifo(project, fifo):
    project.write("content/ok.md", "---\ntitle: Post\n---\n\nText\n")
    proc = subprocess.run(
        [sys.executable, "-m", "contentlint", "schema", "infer", "content"],
        cwd=project.root, capture_output=True, timeout=GUARD, text=True,
    )
    assert proc.returncode == 0, proc.stderr
    assert '"title"' in proc.stdout and "Traceback" not in proc.stderr


def test_fifo_named_gitignore_does_not_block_the_walk(project):
    project.write("content/ok.md", FIXABLE)
    os.mkfifo(project.root / "content" / ".gitignore")
    run = check_subprocess("content", "--select", "HD004", cwd=project.root)
    assert _findings(run) == [(os.path.join("content", "ok.md"), "HD004")]


def test_verbose_run_does_not_open_a_fifo_or_follow_a_link_out(project, fifo, tmp_path):
    secret = tmp_path / "secret.md"
    secret.write_text("---\n$schema: ./LEAKED-SCHEMA-NAME.json\n---\n")
    (project.root / "content" / "evil.md").symlink_to(secret)
    run = check_subprocess("content", "--verbose", "--select", "HD004", cwd=project.root)
    assert sorted(_findings(run)) == [
        (os.path.join("content", "evil.md"), "CL905"),
        (os.path.join("content", "ok.md"), "HD004"),
        (os.path.join("content", "post.md"), "CL906"),
    ]
    assert "LEAKED-SCHEMA-NAME" not in run.stderr + run.stdout
