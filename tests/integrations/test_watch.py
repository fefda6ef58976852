"""`contentlint check --watch` through the real CLI in a subprocess: the first
report, a file edited, the re-run's report, then Ctrl-C. Waits are generous
deadlines for output to appear, never assertions about how long it took."""
from __future__ import annotations

import os
import pty
import queue
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

GOOD = "---\ntitle: Good\n---\n\nIntro.\n\n## Section\n\nText.\n"
BOLD = "---\ntitle: Good\n---\n\nIntro.\n\n## **Section**\n\nText.\n"
DEADLINE = 120  # seconds for one report to appear on a loaded machine


def _env() -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("GITHUB_ACTIONS", "CONTENTLINT_DEBUG")}
    env.update(NO_COLOR="1", PYTHONUNBUFFERED="1", COLUMNS="120")
    return env


class Watcher:
    """The CLI running in watch mode, its output collected by two threads."""

    def __init__(self, cwd: Path, *args: str):
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "contentlint", "check", "--watch", *args], cwd=cwd, env=_env(),
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )
        self.out: list[str] = []
        self.err: list[str] = []
        self._news: queue.Queue = queue.Queue()
        for stream, sink in ((self.proc.stdout, self.out), (self.proc.stderr, self.err)):
            threading.Thread(target=self._pump, args=(stream, sink), daemon=True).start()

    def _pump(self, stream, sink) -> None:
        for line in stream:
            sink.append(line)
            self._news.put(None)

    def wait_for(self, predicate, what: str) -> None:
        deadline = time.monotonic() + DEADLINE
        while not predicate():
            if self.proc.poll() is not None and self._news.empty():
                pytest.fail(f"watch exited ({self.proc.returncode}) before {what}:\n{self.text()}")
            try:
                self._news.get(timeout=max(0.1, deadline - time.monotonic()))
            except queue.Empty:
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"no {what} within {DEADLINE}s:\n{self.text()}")

    def count(self, needle: str, stream: str = "err") -> int:
        return sum(needle in line for line in (self.err if stream == "err" else self.out))

    def text(self) -> str:
        return "".join(self.out) + "\n--- stderr ---\n" + "".join(self.err)

    def interrupt(self) -> int:
        self.proc.send_signal(signal.SIGINT)
        try:
            return self.proc.wait(timeout=DEADLINE)
        finally:
            if self.proc.poll() is None:
                self.proc.kill()


@pytest.fixture
def site(tmp_path) -> Path:
    (tmp_path / "posts").mkdir()
    (tmp_path / "posts" / "good.md").write_text(GOOD, encoding="utf-8")
    (tmp_path / "posts" / "other.md").write_text(GOOD.replace("Good", "Other"), encoding="utf-8")
    return tmp_path


def test_an_edit_is_reported_by_the_rerun_and_ctrl_c_exits_130(site):
    # The project root is watched, with the result cache the runs write (and reuse) inside it.
    watcher = Watcher(site)
    try:
        watcher.wait_for(lambda: watcher.count("watching ."), "first report")
        assert "All clean: 2 files checked" in "".join(watcher.out)

        (site / "posts" / "good.md").write_text(BOLD, encoding="utf-8")
        watcher.wait_for(lambda: watcher.count("HD003", "out"), "re-run after the edit")
        watcher.wait_for(lambda: watcher.count("watching .") >= 2, "watching again")
        assert "posts/good.md\n  7:4  error    HD003 heading-emphasis" in "".join(watcher.out)
        assert "Found 1 finding" in "".join(watcher.out)

        (site / "posts" / "good.md").write_text(GOOD, encoding="utf-8")
        watcher.wait_for(lambda: watcher.count("All clean", "out") >= 2, "re-run after the repair")
        watcher.wait_for(lambda: watcher.count("watching .") >= 3, "watching again")
    finally:
        code = watcher.interrupt()
    assert code == 130, watcher.text()
    assert "Traceback" not in watcher.text()
    assert "contentlint: interrupted" in "".join(watcher.err)
    # One re-run per edit: the cache written by a run is not a change.
    assert (site / ".contentlint_cache").is_dir()
    assert watcher.count("checking again") == 2, watcher.text()
    # Not a terminal: no screen clearing, every report stays in the log.
    assert "\x1b[" not in "".join(watcher.out)


def test_fix_in_watch_mode_repairs_an_edit_and_settles(site):
    watcher = Watcher(site, "--fix", "posts")
    try:
        watcher.wait_for(lambda: watcher.count("watching posts"), "first report")
        (site / "posts" / "other.md").write_text(BOLD, encoding="utf-8")
        watcher.wait_for(lambda: (site / "posts" / "other.md").read_text(encoding="utf-8") == GOOD, "the fix")
        # The fix is a change too: it is checked once more and found clean.
        watcher.wait_for(lambda: watcher.count("All clean", "out") >= 2, "a clean re-run after the fix")
    finally:
        code = watcher.interrupt()
    assert code == 130 and "Traceback" not in watcher.text()


def test_stdin_cannot_be_watched(site):
    run = subprocess.run([sys.executable, "-m", "contentlint", "check", "--watch", "-"], cwd=site, env=_env(),
                         capture_output=True, text=True, timeout=DEADLINE, stdin=subprocess.DEVNULL)
    assert run.returncode == 2 and "--watch cannot read stdin" in run.stderr


def test_on_a_terminal_the_screen_is_cleared_before_each_run(site):
    primary, secondary = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "contentlint", "check", "--watch", "posts"], cwd=site,
                            env={**_env(), "TERM": "xterm"}, stdin=secondary, stdout=secondary, stderr=secondary)
    os.close(secondary)
    seen = b""
    try:
        deadline = time.monotonic() + DEADLINE
        while b"watching posts" not in seen and time.monotonic() < deadline:
            try:
                seen += os.read(primary, 65536)
            except OSError:
                break
    finally:
        proc.send_signal(signal.SIGINT)
        proc.wait(timeout=DEADLINE)
        os.close(primary)
    assert b"watching posts" in seen, seen
    assert seen.startswith(b"\x1b[2J\x1b[1;1H"), seen[:80]  # click.clear: erase, cursor home
    assert proc.returncode == 130
