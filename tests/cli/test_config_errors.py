"""Every command ends the same way on a broken configuration: its message on
stderr, exit code 2 (usage/config/internal error), never 1 (findings remain)."""
from __future__ import annotations

import pytest
from click.testing import CliRunner

from contentlint.cli import main


@pytest.mark.parametrize("command", [["check"], ["clean"], ["schema", "infer", "."]])
def test_a_broken_configuration_exits_2_from_every_command(tmp_path, monkeypatch, command):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "post.md").write_text("---\ntitle: T\n---\n\nText.\n", encoding="utf-8")
    (tmp_path / "bad.toml").write_text('select = ["HD003"]\nno-such-key = 1\n', encoding="utf-8")
    run = CliRunner().invoke(main, [*command, "--config", "bad.toml"])
    assert run.exit_code == 2, run.output
    assert "no-such-key" in run.stderr
    assert "Traceback" not in run.output
