"""Messages and exits of `check` (issue 11): a report that cannot be written is
a usage error, and the stdin fix summary counts what was fixed."""
import os
import subprocess
import sys

from click.testing import CliRunner

from contentlint.cli.main import main

FLAGGED = "# Title:\n"  # HD004, safely fixable


def test_output_file_in_a_missing_folder_is_exit_2_with_one_line(tmp_path):
    (tmp_path / "post.md").write_text(FLAGGED)
    proc = subprocess.run(
        [sys.executable, "-m", "contentlint", "check", "post.md", "--fix", "--no-cache",
         "--output-file", os.path.join("missing", "report.json")],
        cwd=tmp_path, capture_output=True, text=True, timeout=60,
    )
    assert proc.returncode == 2
    assert proc.stderr.splitlines() == [
        f"contentlint: error: cannot write the report to `{os.path.join('missing', 'report.json')}`: "
        "no folder `missing`"
    ]
    # Refused before any work: nothing was fixed without a report to say so.
    assert (tmp_path / "post.md").read_text() == FLAGGED


def test_output_file_under_a_regular_file_is_exit_2(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "post.md").write_text(FLAGGED)
    result = CliRunner().invoke(main, ["check", "post.md", "--no-cache", "-o", "post.md/report.json"])
    assert result.exit_code == 2
    assert "cannot write the report to `post.md/report.json`" in result.stderr


def test_stdin_fix_summary_counts_the_fix_and_says_where_it_went(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["check", "-", "--fix", "--select", "HD004", "--no-cache", "--no-color"],
                                input=FLAGGED)
    assert result.exit_code == 0
    assert result.stdout == "# Title\n"
    assert "Fixed 1 finding; the fixed text is on standard output." in result.stderr
    assert "in 0 files" not in result.stderr


def test_file_fix_summary_counts_files(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for name in ("a.md", "b.md"):
        (tmp_path / name).write_text(FLAGGED + "\n## Two:\n")
    result = CliRunner().invoke(main, ["check", ".", "--fix", "--select", "HD004", "--no-cache", "--no-color"])
    assert result.exit_code == 0
    assert "Fixed 4 findings in 2 files." in result.stdout
