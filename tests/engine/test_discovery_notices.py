"""A path on the command line that yields no files says why on stderr, and a
folder named explicitly is checked even when a .gitignore above ignores it."""
import os

import pytest
from click.testing import CliRunner

from contentlint.cli.main import main

FLAGGED = "# Title:\n"  # HD004


@pytest.fixture
def repo(tmp_path, monkeypatch):
    (tmp_path / ".git").mkdir()
    (tmp_path / "contentlint.toml").write_text('select = ["HD004"]\n')
    monkeypatch.chdir(tmp_path)
    return tmp_path


def write(root, name, text=FLAGGED):
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def run(*args):
    result = CliRunner().invoke(main, ["check", *args, "--no-cache", "--format", "json"], catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_folder_without_markdown_files_warns_naming_it_and_why(repo):
    write(repo, "assets/logo.svg", "<svg/>")
    code, out, err = run("assets")
    assert code == 0 and out.strip() == "[]"
    assert err.splitlines() == [
        "contentlint: warning: nothing to check in `assets`: no file in it matches `include` "
        "(`*.md`, `*.mdx`, `*.markdown`)"
    ]


def test_folder_ignored_by_a_gitignore_above_it_is_checked_when_named(repo):
    (repo / ".gitignore").write_text("drafts/\n")
    write(repo, "drafts/post.md")
    code, out, err = run("drafts")
    assert code == 1 and '"HD004"' in out and err == ""
    # Walking the parent still honours it.
    write(repo, "keep.md", "# Fine\n")
    assert run(".")[:2] == (0, "[]\n")


def test_rules_inside_a_named_folder_still_apply(repo):
    (repo / ".gitignore").write_text("drafts/\n")
    write(repo, "drafts/.gitignore", "old/\n")
    write(repo, "drafts/old/post.md")
    write(repo, "drafts/new.md")
    code, out, _ = run("drafts")
    assert code == 1 and os.path.join("drafts", "new.md") in out and "old" not in out


def test_every_file_ignored_names_the_gitignore(repo):
    (repo / ".gitignore").write_text("*.draft.md\n")
    write(repo, "content/a.draft.md")
    write(repo, "content/b.draft.md")
    code, out, err = run("content")
    assert code == 0 and out.strip() == "[]"
    assert ("contentlint: warning: nothing to check in `content`: its matching files are left out: "
            "2 ignored by `.gitignore`") in err


def test_every_file_excluded_says_so(repo):
    (repo / "contentlint.toml").write_text('select = ["HD004"]\nexclude = ["*.md"]\n')
    write(repo, "content/a.md")
    code, _, err = run("content")
    assert code == 0 and "nothing to check in `content`: its matching files are left out: 1 excluded by `exclude`" in err


def test_explicit_file_left_out_by_force_exclude_says_so(repo):
    (repo / "contentlint.toml").write_text('select = ["HD004"]\nexclude = ["archive/"]\n')
    write(repo, "archive/old.md")
    code, _, err = run(os.path.join("archive", "old.md"), "--force-exclude")
    assert code == 0 and "`archive/old.md` is excluded by `exclude` (--force-exclude); not checked" in err


def test_a_path_with_files_gets_no_warning(repo):
    write(repo, "content/a.md", "# Fine\n")
    assert run("content") == (0, "[]\n", "")
