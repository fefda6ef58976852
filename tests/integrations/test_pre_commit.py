"""The hooks in .pre-commit-hooks.yaml, run by the real pre-commit.

pre-commit clones the hook repository at a commit and pip-installs it into a
virtualenv of its own (dependencies come from the package index, as for any
user). The repository is this checkout at HEAD when the files a hook install
uses are committed (CI's clean clone); otherwise a snapshot of the working
tree committed into a temporary repository, so that what is tested is what
is on disk.
"""
from __future__ import annotations

import re
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# What building and installing the package needs, plus the hook manifest.
PACKAGE_FILES = ["pyproject.toml", "README.md", ".pre-commit-hooks.yaml", "src", "schemas"]

GOOD = "---\ntitle: A good post\n---\n\nIntro paragraph.\n\n## Section one\n\nText.\n"
BAD = "---\ntitle: A bad post\n---\n\nIntro.\n\n## **Key Points**\n\nCafÃ© au lait.\n"
BAD_FIXED = "---\ntitle: A bad post\n---\n\nIntro.\n\n## Key Points\n\nCafé au lait.\n"


def _git(cwd: Path, *args: str, env=None) -> str:
    return subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True, text=True).stdout.strip()


def _git_env(home: Path) -> dict:
    env = dict(os.environ)
    env.update(
        GIT_AUTHOR_NAME="contentlint tests", GIT_AUTHOR_EMAIL="tests@example.invalid",
        GIT_COMMITTER_NAME="contentlint tests", GIT_COMMITTER_EMAIL="tests@example.invalid",
        GIT_CONFIG_NOSYSTEM="1", PRE_COMMIT_HOME=str(home / "pre-commit-home"),
        PRE_COMMIT_COLOR="never", NO_COLOR="1",
    )
    env.pop("GITHUB_ACTIONS", None)
    env.pop("PRE_COMMIT", None)
    return env


def _checkout_at_head() -> str | None:
    """HEAD of this checkout when the packaged files there are all committed."""
    try:
        head = _git(ROOT, "rev-parse", "HEAD")
        dirty = _git(ROOT, "status", "--porcelain", "--untracked-files=all", "--", *PACKAGE_FILES)
    except (OSError, subprocess.CalledProcessError):
        return None
    return None if dirty else head


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory) -> tuple[str, str, dict]:
    """(repository, rev, environment) for a `.pre-commit-config.yaml`."""
    home = tmp_path_factory.mktemp("pre-commit")
    env = _git_env(home)
    head = _checkout_at_head()
    if head is not None:
        return str(ROOT), head, env
    snapshot = home / "contentlint-snapshot"
    snapshot.mkdir()
    for name in PACKAGE_FILES:
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, snapshot / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        elif src.exists():
            shutil.copy2(src, snapshot / name)
    _git(snapshot, "init", "-q", env=env)
    _git(snapshot, "add", "-A", env=env)
    _git(snapshot, "commit", "-q", "-m", "snapshot of the working tree", env=env)
    return str(snapshot), _git(snapshot, "rev-parse", "HEAD", env=env), env


def _project(tmp_path: Path, hook_repo, hook_ids: list[str], files: dict[str, str]) -> Path:
    repo, rev, env = hook_repo
    project = tmp_path / "site"
    project.mkdir()
    _git(project, "init", "-q", env=env)
    hooks = "".join(f"      - id: {hook_id}\n" for hook_id in hook_ids)
    (project / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {repo}\n    rev: {rev}\n    hooks:\n{hooks}", encoding="utf-8"
    )
    for name, text in files.items():
        path = project / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    _git(project, "add", "-A", env=env)
    return project


def _pre_commit(project: Path, env: dict, *args: str) -> subprocess.CompletedProcess:
    # `python -m pre_commit` from this interpreter: the test dependency, not whatever is on PATH.
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "run", "--color", "never", *args],
        cwd=project, env=env, capture_output=True, text=True, timeout=900,
    )


def _finding(path: str, row: str, output: str) -> bool:
    """``row`` among the findings under the file's header in the full report."""
    return re.search(rf"^{re.escape(path)}\n(?:.+\n)*?\s+{re.escape(row)}", output, re.M) is not None


def test_check_hook_fails_on_a_bad_post_and_passes_on_a_good_one(tmp_path, hook_repo):
    project = _project(tmp_path, hook_repo, ["contentlint"], {"src/content/blog/good.md": GOOD, "src/content/blog/bad.md": BAD})
    env = hook_repo[2]

    bad = _pre_commit(project, env, "contentlint", "--files", "src/content/blog/bad.md")
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert "contentlint" in bad.stdout and "Failed" in bad.stdout
    assert _finding("src/content/blog/bad.md", "7:4  error    HD003 heading-emphasis", bad.stdout)
    assert "TX001 mojibake" in bad.stdout

    good = _pre_commit(project, env, "contentlint", "--files", "src/content/blog/good.md")
    assert good.returncode == 0, good.stdout + good.stderr
    assert "Passed" in good.stdout
    assert (project / "src/content/blog/bad.md").read_text(encoding="utf-8") == BAD


def test_fix_hook_rewrites_the_bad_post_and_pre_commit_says_so(tmp_path, hook_repo):
    project = _project(tmp_path, hook_repo, ["contentlint-fix"], {"posts/bad.md": BAD, "posts/good.md": GOOD})
    env = hook_repo[2]

    run = _pre_commit(project, env, "contentlint-fix", "--all-files")
    assert run.returncode == 1, run.stdout + run.stderr
    assert "files were modified by this hook" in run.stdout
    assert (project / "posts/bad.md").read_text(encoding="utf-8") == BAD_FIXED
    assert (project / "posts/good.md").read_text(encoding="utf-8") == GOOD

    _git(project, "add", "-A", env=env)
    again = _pre_commit(project, env, "contentlint-fix", "--all-files")
    assert again.returncode == 0, again.stdout + again.stderr
    assert "files were modified" not in again.stdout


def test_hooks_receive_markdown_and_mdx_files_only(tmp_path, hook_repo):
    project = _project(
        tmp_path, hook_repo, ["contentlint"],
        {"docs/page.mdx": BAD, "docs/page.markdown": BAD, "notes.txt": BAD, "docs/ok.md": GOOD},
    )
    run = _pre_commit(project, hook_repo[2], "contentlint", "--all-files", "--verbose")
    assert run.returncode == 1, run.stdout + run.stderr
    assert _finding("docs/page.mdx", "7:4  error    HD003", run.stdout)
    assert _finding("docs/page.markdown", "7:4  error    HD003", run.stdout)
    assert "notes.txt" not in run.stdout
    assert "3 files checked" in run.stdout


def test_staged_files_are_checked_even_outside_include_but_exclude_applies(tmp_path, hook_repo):
    config = 'include = ["src/content/**/*.md"]\nexclude = ["drafts/"]\n'
    project = _project(
        tmp_path, hook_repo, ["contentlint"],
        {"contentlint.toml": config, "notes/bad.md": BAD, "drafts/bad.md": BAD, "src/content/good.md": GOOD},
    )
    env = hook_repo[2]

    outside = _pre_commit(project, env, "contentlint", "--files", "notes/bad.md")
    assert outside.returncode == 1, outside.stdout + outside.stderr
    assert _finding("notes/bad.md", "7:4  error    HD003", outside.stdout)

    # The hook passes --force-exclude, so a staged draft is skipped as `exclude` says.
    excluded = _pre_commit(project, env, "contentlint", "--files", "drafts/bad.md", "src/content/good.md")
    assert excluded.returncode == 0, excluded.stdout + excluded.stderr
    assert "drafts/bad.md" not in excluded.stdout
