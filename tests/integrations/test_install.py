"""The README's install commands, run against a local clone of this
repository: `https://github.com/OWNER/contentlint` (the placeholder the README
explains) becomes `file://<clone>`, and the pinned commit must exist there."""
from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from pinned_clone import ROOT, git, git_env, pinned_clone

README = (ROOT / "README.md").read_text(encoding="utf-8")
PLACEHOLDER = "https://github.com/OWNER/contentlint"
SH = re.compile(r"^```sh\n(.*?)^```", re.S | re.M)


def install_commands() -> list[str]:
    lines = [line.split("  #")[0].strip() for block in SH.findall(README) for line in block.splitlines()]
    return [line for line in lines if line and not line.startswith("#")]


def test_every_install_command_installs_from_git_and_none_from_an_index():
    commands = install_commands()
    tools = {shlex.split(c)[0] for c in commands}
    assert tools == {"pipx", "uv", "pip"}
    for command in commands:
        targets = [a for a in shlex.split(command) if "contentlint" in a]
        assert targets and all(t.startswith(f"git+{PLACEHOLDER}") for t in targets), command
    # No snippet anywhere installs "contentlint" from a package index, and every
    # pinned install elsewhere (CI examples) is the one run below.
    pinned = _pinned(next(c for c in commands if c.startswith("pip install")))[0]
    for page in (README, (ROOT / "docs" / "integrations.md").read_text(encoding="utf-8")):
        assert not re.search(r"pip install contentlint\b", page)
        assert "rev: v0.1.0" not in page
        for target in re.findall(r"git\+\S+@[0-9a-f]+", page):
            assert target == pinned, target


def _pinned(command: str) -> tuple[str, str]:
    target = next(a for a in shlex.split(command) if a.startswith("git+"))
    m = re.fullmatch(rf"git\+{re.escape(PLACEHOLDER)}@([0-9a-f]{{40}})", target)
    assert m, f"`{command}` pins a full commit SHA"
    return target, m.group(1)


def test_pip_install_of_the_pinned_commit_works_from_a_clone(tmp_path):
    pip_line = next(c for c in install_commands() if c.startswith("pip install"))
    target, sha = _pinned(pip_line)
    env = git_env(tmp_path)
    clone, _ = pinned_clone(tmp_path, env)
    try:
        git(clone, "cat-file", "-e", f"{sha}^{{commit}}", env=env)
    except subprocess.CalledProcessError:
        if (ROOT / ".git").exists() and git(ROOT, "rev-parse", "--is-shallow-repository") == "false":
            pytest.fail(f"the README pins {sha}, which is not a commit of this repository")
        pytest.skip("a shallow clone or an unpacked sdist has no history to find the pinned commit in")
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, env=env)
    local = target.replace(PLACEHOLDER, clone.as_uri())
    install = subprocess.run([str(venv / "bin" / "pip"), "install", "--quiet", "--disable-pip-version-check", local],
                             env=env, capture_output=True, text=True, timeout=900)
    assert install.returncode == 0, install.stdout + install.stderr
    tool = str(venv / "bin" / "contentlint")
    version = subprocess.run([tool, "--version"], env=env, capture_output=True, text=True, check=True)
    assert version.stdout.startswith("contentlint, version")
    check = subprocess.run([tool, "check", "examples/"], cwd=ROOT, env=env, capture_output=True, text=True)
    assert check.returncode == 1 and "seed-post.md:12:" in check.stdout, check.stdout + check.stderr
