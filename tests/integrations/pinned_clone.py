"""A local clone of this repository, pinned at a commit, as users install it
(`pip install git+URL@COMMIT`, pre-commit's `repo:` + `rev:`).

The clone is made with `git clone` of this checkout. When the files an
install uses differ from HEAD (work not committed yet), the working tree's
copies are committed in the clone, so that what is tested is what is on
disk; either way the commit is the clone's HEAD. Outside a git checkout (an
unpacked sdist) the files are committed into a new repository.
"""
from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# What building and installing the package needs, plus the hook manifest and the action.
PACKAGE_FILES = ["pyproject.toml", "README.md", ".pre-commit-hooks.yaml", "action.yml", "src", "schemas"]


def git(cwd: Path, *args: str, env=None) -> str:
    return subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True, text=True).stdout.strip()


def git_env(home: Path) -> dict:
    env = dict(os.environ)
    env.update(
        GIT_AUTHOR_NAME="contentlint tests", GIT_AUTHOR_EMAIL="tests@example.invalid",
        GIT_COMMITTER_NAME="contentlint tests", GIT_COMMITTER_EMAIL="tests@example.invalid",
        GIT_CONFIG_NOSYSTEM="1", GIT_CONFIG_GLOBAL=os.devnull,
        PRE_COMMIT_HOME=str(home / "pre-commit-home"), PRE_COMMIT_COLOR="never", NO_COLOR="1",
    )
    for name in ("GITHUB_ACTIONS", "PRE_COMMIT", "VIRTUAL_ENV", "PYTHONPATH", "CONTENTLINT_DEBUG"):
        env.pop(name, None)
    return env


def _is_checkout() -> bool:
    try:
        return git(ROOT, "rev-parse", "--show-toplevel") == str(ROOT)
    except (OSError, subprocess.CalledProcessError):
        return False


def _dirty() -> bool:
    return bool(git(ROOT, "status", "--porcelain", "--untracked-files=all", "--", *PACKAGE_FILES))


def pinned_clone(home: Path, env: dict) -> tuple[Path, str]:
    """(clone folder, full commit SHA) of this repository."""
    clone = home / "contentlint-clone"
    if _is_checkout():
        git(home, "clone", "--quiet", "--no-checkout", str(ROOT), str(clone), env=env)
        git(clone, "checkout", "--quiet", git(ROOT, "rev-parse", "HEAD"), env=env)
        if not _dirty():
            return clone, git(clone, "rev-parse", "HEAD", env=env)
    else:
        clone.mkdir()
        git(clone, "init", "--quiet", env=env)
    for name in PACKAGE_FILES:
        src, dst = ROOT / name, clone / name
        if dst.is_dir():
            shutil.rmtree(dst)
        elif dst.exists():
            dst.unlink()
        if src.is_dir():
            shutil.copytree(src, dst, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        elif src.exists():
            shutil.copy2(src, dst)
    git(clone, "add", "-A", "--", *[n for n in PACKAGE_FILES if (clone / n).exists() or (ROOT / n).exists()], env=env)
    git(clone, "commit", "--quiet", "--allow-empty", "-m", "the working tree under test", env=env)
    return clone, git(clone, "rev-parse", "HEAD", env=env)
