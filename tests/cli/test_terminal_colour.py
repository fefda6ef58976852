"""Colour in a real terminal: the installed CLI runs in a child process whose
output is a pseudo-terminal, so the console reporter colours by default and
NO_COLOR, --no-color and FORCE_COLOR are seen doing what they promise (under
CliRunner or a pipe the output is never a terminal, so colour could not
appear whatever NO_COLOR said)."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("pty", reason="pseudo-terminals are POSIX only")

from helpers.terminal import run_on_terminal  # noqa: E402

ESC = "\x1b["
# A hang guard, not a speed assertion.
GUARD = 30.0
POST = "---\ntitle: x\n---\n\n## **Bold:**\n\nIt was â€” late.\n"


@pytest.fixture
def site(tmp_path) -> Path:
    (tmp_path / "post.md").write_text(POST, encoding="utf-8")
    return tmp_path


def _env(**extra: str) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "COLORTERM", "GITHUB_ACTIONS")}
    env.update(TERM="xterm-256color", PYTHONUTF8="1", **extra)
    return env


def _argv(*extra: str) -> list[str]:
    return [sys.executable, "-m", "contentlint", "check", "post.md", "--isolated", "--no-cache", *extra]


def on_terminal(cwd: Path, *extra: str, **env: str) -> str:
    """Everything the CLI writes to a pseudo-terminal (stdout and stderr)."""
    code, written = run_on_terminal(_argv(*extra), cwd, _env(**env), GUARD)
    assert code == 1  # the post has error-severity findings
    return written.decode("utf-8").replace("\r\n", "\n")


def through_pipe(cwd: Path, **env: str) -> str:
    proc = subprocess.run(_argv(), cwd=cwd, env=_env(**env), capture_output=True, timeout=GUARD)
    assert proc.returncode == 1
    return proc.stdout.decode("utf-8")


def plain(text: str) -> str:
    return re.sub(r"\x1b\[[0-9;]*m", "", text)


def words(text: str) -> str:
    """``text`` without colour and without the run's elapsed time."""
    return re.sub(r"\d+\.\d+s\b", "N.NNs", plain(text))


def test_a_terminal_gets_colour(site):
    out = on_terminal(site)
    assert ESC in out
    assert re.search(r"^post\.md\n(?:.+\n)*?\s+5:4  error    HD003 heading-emphasis", plain(out), re.M)


def test_no_color_turns_colour_off_on_a_terminal_and_keeps_the_words(site):
    coloured = on_terminal(site)
    out = on_terminal(site, NO_COLOR="1")
    assert ESC not in out
    assert words(out) == words(coloured)


def test_an_empty_no_color_is_not_set(site):
    # no-color.org: only a value that is present and not empty disables colour.
    assert ESC in on_terminal(site, NO_COLOR="")


def test_no_color_flag_turns_colour_off_on_a_terminal(site):
    assert ESC not in on_terminal(site, "--no-color")


def test_a_pipe_gets_no_colour_unless_force_color(site):
    piped = through_pipe(site)
    assert ESC not in piped
    forced = through_pipe(site, FORCE_COLOR="1")
    assert ESC in forced and words(forced) == words(piped)


def test_no_color_wins_over_force_color(site):
    assert ESC not in through_pipe(site, FORCE_COLOR="1", NO_COLOR="1")
