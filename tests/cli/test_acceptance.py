"""The core issue's acceptance, as a new user would try it."""
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from contentlint.cli.main import main

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
CORE = "--select=TX001,HD003,TX005"


def run(*args, cwd=None):
    runner = CliRunner()
    old = os.getcwd()
    try:
        if cwd:
            os.chdir(cwd)
        return runner.invoke(main, list(args), catch_exceptions=False)
    finally:
        os.chdir(old)


def copy_examples(tmp_path) -> Path:
    target = tmp_path / "examples"
    shutil.copytree(EXAMPLES, target)
    return target


def test_examples_report_seed_post_problems_and_exit_1(tmp_path):
    ex = copy_examples(tmp_path)
    result = run("check", str(ex), "--isolated", "--format", "json", CORE)
    assert result.exit_code == 1
    found = json.loads(result.output)
    seed = [f for f in found if f["path"].endswith("seed-post.md")]
    assert {(f["code"], f["line"]) for f in seed if f["code"] == "TX001"} == {("TX001", 12)}
    assert sorted(f["line"] for f in seed if f["code"] == "HD003") == [9, 14, 16, 19, 22, 25, 28, 31, 34, 37, 40, 43]
    assert [f["line"] for f in seed if f["code"] == "TX005"] == [46]
    assert all(f["path"].endswith("seed-post.md") for f in found), "the clean posts must stay clean"


def test_fix_changes_only_what_the_rules_name(tmp_path):
    ex = copy_examples(tmp_path)
    seed = ex / "src" / "content" / "blog" / "seed-post.md"
    before = seed.read_text(encoding="utf-8")
    others = {p: p.read_bytes() for p in ex.rglob("*.md") if p != seed}
    result = run("check", "--fix", str(ex), "--isolated", CORE)
    assert result.exit_code == 0, result.output
    after = seed.read_text(encoding="utf-8")
    expected = before.replace("â€\u201d", "—").replace("**India-Ukraine Dialogue: Strengthening Ties and Pursuing Peace**", "India-Ukraine Dialogue: Strengthening Ties and Pursuing Peace")
    for line in before.splitlines():
        if line.startswith("#") and "**" in line:
            hashes, text = line.split(" ", 1)
            expected = expected.replace(line, f"{hashes} {text[2:-2]}")
    assert after == expected + "\n"
    assert {p: p.read_bytes() for p in others} == others
    second = run("check", "--fix", str(ex), "--isolated", CORE)
    assert second.exit_code == 0 and seed.read_text(encoding="utf-8") == after


def test_diff_shows_fixes_and_writes_nothing(tmp_path):
    ex = copy_examples(tmp_path)
    seed = ex / "src" / "content" / "blog" / "seed-post.md"
    before = seed.read_bytes()
    result = run("check", "--diff", str(ex), "--isolated", CORE)
    assert result.exit_code == 1
    assert "-## **Key Highlights:**" in result.output and "+## Key Highlights:" in result.output
    assert seed.read_bytes() == before


def test_bad_files_each_get_one_clear_finding_and_the_run_goes_on(tmp_path):
    (tmp_path / "x.md").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (tmp_path / "latin1.md").write_bytes(b"# Caf\xe9\n")
    (tmp_path / "open.md").write_text("---\ntitle: never closed\n\nBody\n")
    (tmp_path / "good.md").write_text("---\ntitle: fine\n---\n\n## **Bold**\n")
    result = run("check", str(tmp_path), "--isolated", "--format", "json", "--select", "TX,FM,HD003")
    assert result.exit_code == 1
    found = json.loads(result.output)
    by_file = {}
    for f in found:
        by_file.setdefault(Path(f["path"]).name, []).append(f["code"])
    assert by_file["x.md"] == ["CL902"]
    assert by_file["latin1.md"] == ["TX002"]
    assert by_file["open.md"] == ["FM002"]
    assert "HD003" in by_file["good.md"], "the good post is still checked"
    assert "Traceback" not in result.output


def test_fix_on_read_only_file_reports_and_leaves_it(tmp_path):
    post = tmp_path / "post.md"
    post.write_text("## **Bold**\n")
    os.chmod(post, 0o444)
    result = run("check", "--fix", str(post), "--isolated")
    assert "read-only" in result.output and "CL904" in result.output
    assert post.read_text() == "## **Bold**\n"
    assert result.exit_code == 2


def test_interrupted_write_leaves_the_original(tmp_path, monkeypatch):
    import contentlint.engine.writer as writer

    post = tmp_path / "post.md"
    post.write_text("## **Bold**\n")
    monkeypatch.setattr(writer.os, "replace", lambda a, b: (_ for _ in ()).throw(OSError(13, "Permission denied")))
    result = run("check", "--fix", str(post), "--isolated")
    assert result.exit_code == 2 and "Permission denied" in result.output
    assert post.read_text() == "## **Bold**\n"
    assert [p.name for p in tmp_path.iterdir()] == ["post.md"]


def test_installed_console_script_runs_as_a_subprocess(tmp_path):
    exe = Path(sys.executable).parent / "contentlint"
    assert exe.exists(), "the package must install a `contentlint` console script"
    ex = copy_examples(tmp_path)
    proc = subprocess.run([str(exe), "check", str(ex), "--isolated", CORE], capture_output=True, text=True)
    assert proc.returncode == 1
    # The full report names each file once, then its findings by line:column.
    assert re.search(r"seed-post\.md\n(?:.+\n)*?\s+12:31  error    TX001 mojibake", proc.stdout)
    assert "\x1b[" not in proc.stdout, "no colour when stdout is not a terminal"
    proc = subprocess.run([sys.executable, "-m", "contentlint", "--version"], capture_output=True, text=True)
    assert proc.returncode == 0 and "contentlint" in proc.stdout
