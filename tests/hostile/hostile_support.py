"""Helpers for the hostile-input and fault-injection suite (issue 8).

Every test here states one promise from docs/guarantees.md and fails when it
breaks. ``check`` runs the CLI in this process (so faults can be injected with
monkeypatch); ``check_subprocess`` runs the installed entry point in a child
process under a wall-clock guard, for hangs, signals and concurrency.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from click.testing import CliRunner

from contentlint.cli.main import main

# A hang guard, not a speed assertion: a run that needs this long is stuck.
GUARD = 10.0
TEMP_SUFFIX = ".contentlint.tmp"


@dataclass
class Run:
    code: int
    stdout: str
    stderr: str

    @property
    def findings(self) -> list[dict]:
        return json.loads(self.stdout)

    def codes(self, name: Optional[str] = None) -> list[str]:
        return [f["code"] for f in self.findings if name is None or Path(f["path"]).name == name]

    def only(self, code: str) -> dict:
        hits = [f for f in self.findings if f["code"] == code]
        assert len(hits) == 1, (code, self.findings)
        return hits[0]


class Project:
    """A folder with an empty ``contentlint.toml``: the project root of the runs."""

    def __init__(self, root: Path):
        self.root = root
        (root / "contentlint.toml").write_text("", encoding="utf-8")

    def config(self, text: str) -> None:
        (self.root / "contentlint.toml").write_text(text, encoding="utf-8")

    def write(self, name: str, content) -> Path:
        path = self.root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_bytes(content.encode("utf-8"))
        return path

    def temp_files(self) -> list[Path]:
        return [p for p in self.root.rglob("*") if p.name.endswith(TEMP_SUFFIX)]


def check(*args: str, fmt: str = "json") -> Run:
    """``contentlint check ARGS`` in this process (cache off unless asked)."""
    argv = ["check", *args, "--format", fmt]
    if "--cache" in argv:
        argv.remove("--cache")
    else:
        argv.append("--no-cache")
    result = CliRunner().invoke(main, argv, catch_exceptions=False)
    return Run(result.exit_code, result.stdout, result.stderr)


def check_subprocess(*args: str, cwd, timeout: float = GUARD, fmt: str = "json", env=None) -> Run:
    """The installed CLI in a child process; a run over ``timeout`` fails the test."""
    argv = [sys.executable, "-m", "contentlint", "check", *args, "--format", fmt]
    full_env = {**os.environ, "PYTHONUTF8": "1", **(env or {})}
    full_env.pop("GITHUB_ACTIONS", None)
    proc = subprocess.run(argv, cwd=cwd, capture_output=True, timeout=timeout, env=full_env)
    return Run(proc.returncode, proc.stdout.decode("utf-8", "replace"), proc.stderr.decode("utf-8", "replace"))


def assert_no_traceback(run: Run) -> None:
    assert "Traceback" not in run.stderr and "Traceback" not in run.stdout, run.stderr
