"""Two runs at once on one tree, runs sharing one cache folder, and damaged
caches: no file is corrupted, no cache is corrupted, a bad cache is discarded
with a warning and never crashes the run."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from contentlint.engine.cache import CACHE_FILE
from hostile_support import GUARD, TEMP_SUFFIX, assert_no_traceback, check, check_subprocess

FILES = 120
CACHE = os.path.join(".contentlint_cache", CACHE_FILE)


def original(i: int) -> str:
    # HD004 fixes the heading; TX005 adds the final newline.
    return f"---\ntitle: Post {i}\n---\n\n## Part {i}:\n\nText {i}."


def fix_heading(text: str) -> str:
    return text.replace(":\n\nText", "\n\nText")


def fix_newline(text: str) -> str:
    return text + "\n"


@pytest.fixture
def tree(project):
    for i in range(FILES):
        project.write(f"posts/p{i:03}.md", original(i))
    return project


def _start(project, *args: str) -> subprocess.Popen:
    argv = [sys.executable, "-m", "contentlint", "check", *args, "--format", "json"]
    return subprocess.Popen(argv, cwd=project.root, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def _finish(proc: subprocess.Popen) -> tuple[int, list, str]:
    out, err = proc.communicate(timeout=GUARD * 3)
    return proc.returncode, json.loads(out), err.decode()


def test_two_fix_runs_at_once_never_corrupt_a_file(tree):
    """Each run fixes something else. A file may get one run's fix or both
    (one run may also skip it as changed on disk), but never anything else."""
    runs = [_start(tree, "posts", "--fix", "--no-cache", "--select", code, "--jobs", "2")
            for code in ("HD004", "TX005")]
    results = [_finish(p) for p in runs]
    for code, findings, stderr in results:
        assert code in (0, 1, 2) and "Traceback" not in stderr
        for f in findings:
            if f["code"] == "CL904":
                assert f["message"] == "File changed on disk while it was checked; fixes not written"
    for i in range(FILES):
        text = (tree.root / "posts" / f"p{i:03}.md").read_text()
        o = original(i)
        assert text in (o, fix_heading(o), fix_newline(o), fix_newline(fix_heading(o))), f"p{i:03}.md: {text!r}"
    assert tree.temp_files() == []
    final = check("posts", "--fix", "--select", "HD004,TX005")
    assert final.code == 0
    for i in range(FILES):
        assert (tree.root / "posts" / f"p{i:03}.md").read_text() == fix_newline(fix_heading(original(i)))


def test_two_identical_fix_runs_at_once(tree):
    runs = [_start(tree, "posts", "--fix", "--no-cache", "--select", "HD004,TX005", "--jobs", "2") for _ in range(2)]
    for code, findings, stderr in (_finish(p) for p in runs):
        assert code in (0, 2) and "Traceback" not in stderr
        assert {f["code"] for f in findings} <= {"CL904", "HD004", "TX005"}
    for i in range(FILES):
        assert (tree.root / "posts" / f"p{i:03}.md").read_text() == fix_newline(fix_heading(original(i)))
    assert tree.temp_files() == []


def test_runs_sharing_one_cache_folder(tree):
    expected = check("posts", "--select", "HD004,TX005").findings
    for round_ in range(2):
        runs = [_start(tree, "posts", "--select", "HD004,TX005", "--jobs", "1") for _ in range(4)]
        for code, findings, stderr in (_finish(p) for p in runs):
            assert code == 1 and "warning" not in stderr and "Traceback" not in stderr
            assert findings == expected
        # Edit a few files between rounds so the runs write different caches.
        (tree.root / "posts" / f"p{round_:03}.md").write_text(original(round_) + "\n")
        expected = check("posts", "--select", "HD004,TX005").findings
    data = json.loads((tree.root / CACHE).read_text())
    assert set(data) == {"format", "files"} and len(data["files"]) == FILES
    assert sorted(p.name for p in (tree.root / ".contentlint_cache").iterdir()) == [".gitignore", CACHE_FILE]
    assert check("posts", "--select", "HD004,TX005", "--cache").findings == expected


def _damage(project, writer) -> None:
    assert check("posts", "--select", "HD004", "--cache").code == 1
    path = project.root / CACHE
    writer(path)


@pytest.mark.parametrize("damage, warned", [
    (lambda p: p.write_bytes(p.read_bytes()[: len(p.read_bytes()) // 2]), True),  # a torn write
    (lambda p: p.write_bytes(b"\x00\xff garbage \x1b[2J"), True),
    # Valid JSON of another shape reads like another version's cache: replaced silently.
    (lambda p: p.write_text('{"key": 1, "files": []}'), False),
    (lambda p: p.write_text("[]"), False),
], ids=["truncated", "garbage", "wrong-types", "not-an-object"])
def test_unreadable_cache_is_discarded_with_a_warning(tree, damage, warned):
    expected = check("posts", "--select", "HD004").findings
    _damage(tree, damage)
    run = check_subprocess("posts", "--select", "HD004", cwd=tree.root)
    assert run.code == 1 and run.findings == expected
    assert_no_traceback(run)
    assert ("warning: discarded an unreadable result cache" in run.stderr) == warned
    assert "\x1b" not in run.stderr
    again = check_subprocess("posts", "--select", "HD004", cwd=tree.root)
    assert again.findings == expected and "warning" not in again.stderr


@pytest.mark.parametrize("entry", [7, "x", [1, 2], [1, 2, "digest", 5], [1, 2, "d", [["HD004"]]], None])
def test_damaged_entries_with_the_right_key_are_discarded(tree, entry):
    """A cache restored from an untrusted branch can hold anything valid as JSON."""
    expected = check("posts", "--select", "HD004").findings
    _damage(tree, lambda p: None)
    path = tree.root / CACHE
    data = json.loads(path.read_text())
    first = next(iter(data["files"]))
    data["files"][first] = entry
    path.write_text(json.dumps(data))
    run = check_subprocess("posts", "--select", "HD004", cwd=tree.root)
    assert run.code == 1 and run.findings == expected
    assert "warning: discarded a damaged result cache" in run.stderr
    assert_no_traceback(run)


def test_entry_with_a_matching_hash_but_bogus_findings_is_rechecked(tree):
    import hashlib

    expected = check("posts", "--select", "HD004").findings
    _damage(tree, lambda p: None)
    path = tree.root / CACHE
    data = json.loads(path.read_text())
    for abs_path, entry in data["files"].items():
        digest = hashlib.blake2b(open(abs_path, "rb").read(), digest_size=16).hexdigest()
        bogus = ["HD004", "x", "no-such-severity", "m", 1, 1, 1, 1, None, "", 0, 0]
        data["files"][abs_path] = [entry[0], entry[1] + 1, digest, [bogus], [], entry[5]]
    path.write_text(json.dumps(data))
    run = check_subprocess("posts", "--select", "HD004", cwd=tree.root)
    assert run.code == 1 and run.findings == expected
    assert_no_traceback(run)
