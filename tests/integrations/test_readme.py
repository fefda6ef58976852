"""Everything README.md shows is run or checked here.

- ```bash blocks run in order, as a new user would type them, in one copy of
  the project (the working tree without .git, virtualenvs and caches), with
  the copy's `.venv/bin` first on PATH once a block has created it. Each
  command must exit with the status the README promises (0 unless listed in
  EXIT_STATUS).
- ```python blocks run with the copy's virtualenv.
- ```toml blocks are configuration examples: they must load (strict validation).
- ```yaml blocks must parse; hook ids must exist in .pre-commit-hooks.yaml,
  and every `contentlint …` command in CI steps must parse with the real CLI.
  (The `pip install "git+…@COMMIT"` lines of CI examples are run by
  test_install.py against a local clone.)
"""
from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from contentlint.cli.main import main
from contentlint.config.loader import load_config

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")
FENCE = re.compile(r"^([ \t]*)```([\w-]*)[^\n]*\n(.*?)^\1```[ \t]*$", re.MULTILINE | re.DOTALL)

# The README says so next to each of these.
EXIT_STATUS = {
    "python3 -m venv .venv && .venv/bin/pip install . && .venv/bin/contentlint check examples/": 1,
}
# Commands that would run this test suite inside itself: the part after `&&`
# that starts pytest is run as a collection only; `.ci/run` runs the command
# itself in CI (test_ci_script_runs_the_readme_test_command checks they agree).
PYTEST_RECURSION = re.compile(r"(\S*python\S* -m pytest)\s*$")
COPY_IGNORE = shutil.ignore_patterns(".git", ".venv", "venv", "__pycache__", "*.pyc", ".pytest_cache",
                                     ".contentlint_cache", "*.egg-info", "dist", "build", ".mypy_cache")


def blocks(lang: str) -> list[str]:
    return [fenced(m) for m in FENCE.finditer(README) if m.group(2) == lang]


def fenced(match: re.Match) -> str:
    """A fenced block's text, without the indentation of its fence (in lists)."""
    indent = match.group(1)
    return "".join(line[len(indent):] if line.startswith(indent) else line
                   for line in match.group(3).splitlines(keepends=True))


def commands(block: str) -> list[str]:
    joined = re.sub(r"\\\n\s*", " ", block)
    out = []
    for line in joined.splitlines():
        line = line.strip()
        if line.startswith("$ "):
            line = line[2:]
        if line and not line.startswith("#"):
            out.append(line)
    return out


def test_readme_has_runnable_blocks():
    assert blocks("bash"), "README.md has no ```bash block"
    assert all(commands(b) for b in blocks("bash"))


@pytest.fixture(scope="module")
def copy(tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("readme") / "contentlint"
    shutil.copytree(ROOT, target, ignore=COPY_IGNORE, symlinks=True)
    return target


def _env(copy: Path) -> dict:
    env = dict(os.environ)
    for name in ("GITHUB_ACTIONS", "VIRTUAL_ENV", "PYTHONPATH", "CONTENTLINT_DEBUG"):
        env.pop(name, None)
    env["NO_COLOR"] = "1"
    env["PATH"] = os.pathsep.join([str(copy / ".venv" / "bin"), env.get("PATH", "")])
    return env


def test_bash_blocks_run_in_order_with_the_promised_exit_status(copy):
    results = []
    for block in blocks("bash"):
        cmds = commands(block)
        script = []
        for i, cmd in enumerate(cmds):
            script.append(PYTEST_RECURSION.sub(r"\1 --collect-only -q", cmd))
            script.append(f'echo "__readme_status__ {i} $?"')
        run = subprocess.run(["bash", "-c", "\n".join(script)], cwd=copy, env=_env(copy),
                             capture_output=True, text=True, timeout=1200)
        statuses = dict(re.findall(r"^__readme_status__ (\d+) (\d+)$", run.stdout, re.MULTILINE))
        for i, cmd in enumerate(cmds):
            got = int(statuses.get(str(i), -1))
            want = EXIT_STATUS.get(cmd, 0)
            results.append((cmd, got, want, run.stdout[-3000:] + run.stderr[-3000:]))
    failed = [f"`{cmd}` exited {got}, README promises {want}\n{tail}" for cmd, got, want, tail in results if got != want]
    assert not failed, "\n\n".join(failed)


def test_quick_start_reports_the_seed_post(copy):
    # What the Quick start promises about its first command's output.
    if not (copy / ".venv" / "bin" / "contentlint").exists():
        subprocess.run(["bash", "-c", "python3 -m venv .venv && .venv/bin/pip install -q ."], cwd=copy, check=True, env=_env(copy))
    run = subprocess.run([str(copy / ".venv" / "bin" / "contentlint"), "check", "examples/"], cwd=copy,
                         env=_env(copy), capture_output=True, text=True)
    assert run.returncode == 1
    assert re.search(r"^examples/src/content/blog/seed-post\.md\n(?:.+\n)*?\s+12:\d+  error    TX001", run.stdout, re.M)


def test_python_blocks_run(copy):
    python = copy / ".venv" / "bin" / "python"
    assert blocks("python"), "README.md shows the Python API"
    for block in blocks("python"):
        run = subprocess.run([str(python if python.exists() else sys.executable), "-c", block], cwd=copy,
                             env=_env(copy), capture_output=True, text=True, timeout=300)
        assert run.returncode == 0, f"{block}\n{run.stdout}\n{run.stderr}"


def test_toml_blocks_are_valid_configuration(tmp_path):
    assert blocks("toml"), "README.md shows a configuration file"
    for i, block in enumerate(blocks("toml")):
        path = tmp_path / f"example{i}.toml"
        path.write_text(block, encoding="utf-8")
        load_config(config_path=str(path))


def _ci_commands(data) -> list[str]:
    found = []
    if isinstance(data, dict):
        for key, value in data.items():
            if key in ("run", "script") and isinstance(value, str):
                found.extend(value.splitlines())
            elif key == "script" and isinstance(value, list):
                found.extend(v for v in value if isinstance(v, str))
            else:
                found.extend(_ci_commands(value))
    elif isinstance(data, list):
        for item in data:
            found.extend(_ci_commands(item))
    return found


def _parses(argv: list[str]) -> None:
    """Parse a command line with the real CLI (unknown options and bad
    choices raise), without running it."""
    import click

    with click.Context(main, info_name="contentlint") as ctx:
        command = main.get_command(ctx, argv[0])
        assert command is not None, f"no subcommand `{argv[0]}`"
        command.make_context(argv[0], argv[1:], parent=ctx)


def test_yaml_blocks_parse_and_name_real_hooks_and_options():
    hooks = {h["id"] for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))}
    shown = []
    for block in blocks("yaml"):
        data = yaml.safe_load(block)
        for repo in (data.get("repos", []) if isinstance(data, dict) else []):
            if "contentlint" in str(repo.get("repo", "")):
                for hook in repo.get("hooks", []):
                    assert hook["id"] in hooks
        for line in _ci_commands(data):
            if line.strip().startswith("contentlint "):
                shown.append(line.strip())
                _parses(shlex.split(line)[1:])
    assert shown, "README's CI examples run contentlint"


def test_ci_script_runs_the_readme_test_command():
    test_commands = [c for b in blocks("bash") for c in commands(b) if PYTEST_RECURSION.search(c)]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert test_commands and all(c in ci for c in test_commands)


def test_integrations_page_examples_parse():
    page = (ROOT / "docs" / "integrations.md").read_text(encoding="utf-8")
    hooks = {h["id"] for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))}
    checked = 0
    for match in FENCE.finditer(page):
        lang, body = match.group(2), fenced(match)
        if lang == "yaml":
            data = yaml.safe_load(body)
            lines = _ci_commands(data)
            for repo in (data.get("repos", []) if isinstance(data, dict) else []):
                if str(repo.get("repo", "")).endswith("/contentlint"):
                    assert {h["id"] for h in repo["hooks"]} <= hooks
                for hook in repo.get("hooks", []):
                    lines.append(hook.get("entry", ""))
        elif lang == "bash":
            lines = commands(body)
        else:
            continue
        for line in lines:
            line = line.split("#")[0].strip()
            if line.startswith("contentlint "):
                _parses(shlex.split(line)[1:])
                checked += 1
    assert checked >= 8  # init ×2, GitHub ×3, GitLab ×2, the local hook
