"""The progress bar of long runs, seen through a pseudo-terminal: the installed
CLI checks a generated folder of a few thousand files (a run of several
seconds, well past the bar's one-second delay) with stderr on a terminal, and
again with stderr on a pipe, where nothing but the report may appear."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("pty", reason="pseudo-terminals are POSIX only")

from helpers.terminal import run_on_terminal  # noqa: E402

FILES = 2000
GUARD = 120.0  # a hang guard, not a speed assertion
ESC = "\x1b["


@pytest.fixture(scope="module")
def big_site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("big")
    for i in range(FILES):
        folder = root / f"section{i % 20}"
        folder.mkdir(exist_ok=True)
        (folder / f"post{i}.md").write_text(
            f"---\ntitle: Post {i}\n---\n\nSome text for post {i}.\n\n## **Heading {i}:**\n", encoding="utf-8")
    return root


def _env() -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "GITHUB_ACTIONS", "CI")}
    # The bar waits a second; a machine fast enough to check the folder sooner
    # would show none, so the terminal tests ask for it at once.
    env.update(TERM="xterm-256color", PYTHONUTF8="1", CONTENTLINT_PROGRESS_DELAY="0")
    return env


ARGV = [sys.executable, "-m", "contentlint", "check", ".", "--isolated", "--no-cache", "--jobs", "1",
        "--output-format", "concise"]


def test_a_terminal_on_stderr_shows_the_bar(big_site, tmp_path):
    # stdout to a file: a pipe nobody reads while the terminal is read would fill up
    with open(tmp_path / "stdout", "wb") as out:
        code, written = run_on_terminal(ARGV, big_site, _env(), GUARD, stdout=out)
    assert code == 1
    terminal = written.decode("utf-8", "replace")
    assert ESC in terminal
    plain = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", terminal)
    assert "Checking" in plain and re.search(rf"\b\d+/{FILES}\b", plain) and "findings" in plain
    # The report itself is untouched by the bar.
    report = (tmp_path / "stdout").read_text(encoding="utf-8")
    assert ESC not in report and "Checking" not in report
    assert len(report.splitlines()) == 2 * FILES  # HD003 and HD004 in each post


def test_a_pipe_on_stderr_gets_no_bar(big_site):
    proc = subprocess.run(ARGV, cwd=big_site, env=_env(), capture_output=True, timeout=GUARD)
    assert proc.returncode == 1
    assert proc.stderr == b""
    assert len(proc.stdout.decode("utf-8").splitlines()) == 2 * FILES
