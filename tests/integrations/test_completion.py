"""Shell completion (click's), through the installed console script and a real bash."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(sys.executable).parent / "contentlint"


def complete(**env: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(SCRIPT)], env={**os.environ, **env}, capture_output=True, text=True, timeout=60)


@pytest.mark.parametrize("shell, marker", [
    ("bash", "complete -o nosort -F _contentlint_completion contentlint"),
    ("zsh", "compdef _contentlint_completion contentlint"),
    ("fish", "complete --no-files --command contentlint"),
])
def test_completion_scripts_are_printed(shell, marker):
    run = complete(_CONTENTLINT_COMPLETE=f"{shell}_source")
    assert run.returncode == 0, run.stderr
    assert marker in run.stdout


def test_completion_offers_subcommands_and_option_values():
    sub = complete(_CONTENTLINT_COMPLETE="bash_complete", COMP_WORDS="contentlint ch", COMP_CWORD="1")
    assert sub.stdout.split() == ["plain,check"]
    lazy = complete(_CONTENTLINT_COMPLETE="bash_complete", COMP_WORDS="contentlint in", COMP_CWORD="1")
    assert lazy.stdout.split() == ["plain,init"]
    formats = complete(_CONTENTLINT_COMPLETE="bash_complete", COMP_WORDS="contentlint check --format j", COMP_CWORD="3")
    assert formats.stdout.split() == ["plain,json", "plain,json-lines", "plain,junit"]


def test_the_documented_bash_line_completes_in_bash():
    env = {**os.environ, "PATH": f"{SCRIPT.parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    script = (
        'eval "$(_CONTENTLINT_COMPLETE=bash_source contentlint)"\n'
        "COMP_WORDS=(contentlint check --format gi); COMP_CWORD=3\n"
        "_contentlint_completion contentlint\n"
        'echo "${COMPREPLY[@]}"\n'
    )
    run = subprocess.run(["bash", "-c", script], env=env, capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    assert run.stdout.split() == ["github", "gitlab"]
