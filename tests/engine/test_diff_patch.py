"""`check --diff` is a patch (issue 11): the real `git apply` accepts it against
the unfixed files, and applying it gives exactly what `--fix` writes. Tried on
generated files (odd line breaks, no final newline, BOMs, invalid UTF-8) and
on a sample of the shared corpora's real pages."""
from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from contentlint.cli.main import main
from contentlint.engine.diff import unified_diff

GIT = shutil.which("git")
CORPORA = Path(__file__).resolve().parents[2].parent / "shared" / "corpora"
pytestmark = pytest.mark.skipif(GIT is None, reason="git is not installed")
# No user or system git configuration may change how the patch applies.
GIT_ENV = {**os.environ, "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull, "HOME": os.devnull}


@contextlib.contextmanager
def inside(folder: Path):
    old = os.getcwd()
    os.chdir(folder)
    try:
        yield
    finally:
        os.chdir(old)


def contentlint(folder: Path, *args: str):
    with inside(folder):
        return CliRunner().invoke(main, ["check", "--isolated", "--no-cache", "--jobs", "1", *args, "."])


def git_apply(folder: Path, patch: bytes, *flags: str) -> subprocess.CompletedProcess:
    return subprocess.run([GIT, "apply", *flags, "-"], cwd=folder, input=patch, capture_output=True, env=GIT_ENV)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def assert_diff_applies_as_fix(original: Path, work: Path, *args: str) -> int:
    """Copies ``original`` twice; returns the number of files the patch changes."""
    for name in ("diffed", "fixed"):
        shutil.copytree(original, work / name)
    diffed, fixed = work / "diffed", work / "fixed"
    patch = contentlint(diffed, "--diff", *args).stdout_bytes
    assert snapshot(diffed) == snapshot(original), "--diff wrote to a file"
    contentlint(fixed, "--fix", *args)
    if not patch:
        assert snapshot(fixed) == snapshot(original)
        return 0
    check = git_apply(diffed, patch, "--check")
    assert check.returncode == 0, check.stderr.decode(errors="replace")
    applied = git_apply(diffed, patch)
    assert applied.returncode == 0, applied.stderr.decode(errors="replace")
    assert snapshot(diffed) == snapshot(fixed)
    return patch.count(b"\ndiff --git ") + patch.startswith(b"diff --git ")


PIECES = ["Text", " ", "word", "\n", "\r\n", "\r", "\x0b", "\x0c", "\u2028", "\u2029", "\u200b", "\u202e",
          "## Head:", "##Glued", "#Intro", "\n\n", "é", "`code`", "**Bold**", "\t", "Setext\n---\n", "\ufeff"]
ENCODINGS = {"utf-8": b"", "utf-8-sig": b"", "utf-16": b"", "utf-16-le": b"\xff\xfe"}
documents = st.builds(
    lambda head, parts, tail, encoding: ENCODINGS[encoding] + "".join([head, *parts]).encode(encoding) + tail,
    st.sampled_from(["", "---\ntitle: Post\n---\n", "# Title\n\n"]),
    st.lists(st.sampled_from(PIECES), max_size=25),
    st.sampled_from([b"", b"\n", b"\xff tail", b"\r"]),
    st.sampled_from(sorted(ENCODINGS)),
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(files=st.lists(documents, min_size=1, max_size=3), unsafe=st.booleans(),
       name=st.sampled_from(["page.md", "with space.md", "caf\u00e9.md", "sub/dir/page.md", 'quo"te.md']))
def test_generated_files(files, unsafe, name):
    with tempfile.TemporaryDirectory() as tmp:
        original = Path(tmp) / "original"
        for i, data in enumerate(files):
            path = original / (name if i == 0 else f"other{i}.md")
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        assert_diff_applies_as_fix(original, Path(tmp), *(["--unsafe-fixes"] if unsafe else []))


def test_no_final_newline_and_vertical_tab_example(tmp_path):
    original = tmp_path / "original"
    original.mkdir()
    (original / "post.md").write_bytes(b"# Post\n\nA\x0bvertical\ttab.\n\n## Key points:\n\nLast line")
    assert assert_diff_applies_as_fix(original, tmp_path) == 1
    assert (tmp_path / "diffed" / "post.md").read_bytes() == b"# Post\n\nA vertical\ttab.\n\n## Key points\n\nLast line\n"


def test_marker_for_a_last_line_without_newline():
    patch = unified_diff("p.md", b"a\nb", b"a\nb\n")
    assert patch.endswith(b"-b\n\\ No newline at end of file\n+b\n")
    assert unified_diff("p.md", b"same", b"same") == b""


def _corpus_sample(limit: int) -> list[Path]:
    files = sorted(p for site in ("astro-docs", "ruby-lang") for p in (CORPORA / site).rglob("*")
                   if p.suffix in (".md", ".mdx") and p.is_file())
    step = max(1, len(files) // limit)
    return files[::step][:limit]


@pytest.mark.skipif(not CORPORA.is_dir(), reason=f"the shared corpora are not on this machine ({CORPORA})")
def test_shared_corpora_sample(tmp_path):
    original = tmp_path / "original"
    for source in _corpus_sample(400):
        target = original / source.relative_to(CORPORA)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(source.read_bytes())
    changed = assert_diff_applies_as_fix(original, tmp_path, "--unsafe-fixes")
    assert changed >= 10, "the sample should hold fixable files"
