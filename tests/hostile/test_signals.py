"""SIGINT and SIGTERM in the middle of ``--fix`` over many files: every file is
either its old or its new content, no temporary file is left, and the exit
code is 128 + the signal (130, 143), without a traceback from any process.

The child runs the real CLI; ``os.fsync`` is slowed down in it so that the run
lasts long enough to be interrupted and the signal very likely arrives while a
temporary file exists (the window the writer must protect)."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

from hostile_support import GUARD, TEMP_SUFFIX

FILES = 300
SLOW_FSYNC = """
import os, sys, time
_real_fsync = os.fsync
def _slow_fsync(fd):
    time.sleep(float(os.environ["CONTENTLINT_TEST_FSYNC_DELAY"]))
    _real_fsync(fd)
os.fsync = _slow_fsync
from contentlint.cli.main import main
sys.exit(main())
"""


def old_text(i: int) -> str:
    return f"---\ntitle: Post {i}\n---\n\n" + "".join(f"## Part {i}.{k}:\n\nText {k}.\n\n" for k in range(20))


def new_text(i: int) -> str:
    return old_text(i).replace(":\n\nText", "\n\nText")


@pytest.fixture
def many(project):
    for i in range(FILES):
        project.write(f"posts/p{i:03}.md", old_text(i))
    return project


def _states(project) -> tuple[int, int, list[str]]:
    old = new = 0
    other = []
    for i in range(FILES):
        text = (project.root / "posts" / f"p{i:03}.md").read_text()
        if text == old_text(i):
            old += 1
        elif text == new_text(i):
            new += 1
        else:
            other.append(f"p{i:03}.md")
    return old, new, other


@pytest.mark.parametrize("signum, jobs, to_group, delay", [
    (signal.SIGINT, 1, True, 0.01),
    (signal.SIGINT, 2, True, 0.01),
    (signal.SIGTERM, 1, False, 0.01),
    (signal.SIGTERM, 2, False, 0.01),
    (signal.SIGTERM, 2, True, 0.01),
    (signal.SIGINT, 2, True, 0.0),
], ids=["int-serial", "int-workers", "term-serial", "term-workers", "term-group", "int-unslowed"])
def test_interrupted_fix_leaves_every_file_old_or_new(many, signum, jobs, to_group, delay):
    env = {**os.environ, "CONTENTLINT_TEST_FSYNC_DELAY": str(delay), "PYTHONUTF8": "1"}
    argv = [sys.executable, "-c", SLOW_FSYNC, "check", "posts", "--fix", "--select", "HD004",
            "--no-cache", "--jobs", str(jobs), "--format", "json"]
    proc = subprocess.Popen(argv, cwd=many.root, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            start_new_session=True)
    try:
        deadline = time.monotonic() + GUARD
        while time.monotonic() < deadline and proc.poll() is None:
            if _states(many)[1] >= 5:
                break
            time.sleep(0.005)
        assert proc.poll() is None, "the run ended before it could be interrupted"
        if to_group:
            os.killpg(proc.pid, signum)  # what Ctrl-C in a terminal does
        else:
            proc.send_signal(signum)
        _, stderr = proc.communicate(timeout=GUARD)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    old, new, other = _states(many)
    assert other == [], f"files that are neither old nor new: {other}"
    assert new >= 5 and old + new == FILES
    assert [p.name for p in many.root.rglob("*") if p.name.endswith(TEMP_SUFFIX)] == []
    assert proc.returncode == 128 + signum, stderr.decode()
    assert b"Traceback" not in stderr
    assert b"contentlint: interrupted" in stderr


def test_interrupted_run_can_simply_be_run_again(many):
    env = {**os.environ, "CONTENTLINT_TEST_FSYNC_DELAY": "0.01"}
    argv = [sys.executable, "-c", SLOW_FSYNC, "check", "posts", "--fix", "--select", "HD004", "--jobs", "2"]
    proc = subprocess.Popen(argv, cwd=many.root, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    while proc.poll() is None and _states(many)[1] < 5:
        time.sleep(0.005)
    os.killpg(proc.pid, signal.SIGINT)
    assert proc.wait(timeout=GUARD) == 130
    again = subprocess.run([sys.executable, "-m", "contentlint", "check", "posts", "--fix", "--select", "HD004"],
                           cwd=many.root, capture_output=True, timeout=GUARD * 3)
    assert again.returncode == 0, again.stdout.decode()
    assert _states(many) == (0, FILES, [])
