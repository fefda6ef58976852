"""bench/_cpu.py measures real work: a run whose rules crashed (a library
missing from the interpreter it ran under) is refused, not timed."""
import importlib.util
import sys
from pathlib import Path

import pytest

from contentlint.rules.headings import heading_increment

BENCH = Path(__file__).resolve().parents[2] / "bench"


def _cpu_module():
    spec = importlib.util.spec_from_file_location("bench_cpu_under_test", BENCH / "_cpu.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _corpus(tmp_path):
    (tmp_path / "a.md").write_text("# A\n\n### C\n")
    return tmp_path


def test_a_run_with_crashed_rules_is_refused(tmp_path, monkeypatch):
    cpu = _cpu_module()

    def broken(self, *args, **kwargs):
        raise ModuleNotFoundError("No module named 'pyromark'")

    monkeypatch.setattr(heading_increment.HeadingIncrement, "check", broken)
    with pytest.raises(SystemExit, match="internal errors"):
        cpu._one_run(_corpus(tmp_path), None)


def test_a_clean_run_is_measured(tmp_path):
    assert _cpu_module()._one_run(_corpus(tmp_path), None) == 1
