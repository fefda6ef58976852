"""Hostile frontmatter through the whole CLI: each case is a clear finding on
the right line, in bounded time and memory, with no traceback, and nothing in
it is ever executed."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from hostile_support import GUARD, assert_no_traceback, check_subprocess

MARKER = "contentlint-was-hacked"


def _billion_laughs() -> str:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for prev, name in zip("abcdefghi", "bcdefghij"):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]")
    return "---\n" + "\n".join(lines) + "\n---\n\nBody.\n"


def _case_files(marker: str) -> dict[str, str]:
    return {
        "missing.md": "# No frontmatter\n\nText.\n",
        "empty-file.md": "",
        "empty-block.md": "---\n\n---\n\nText.\n",
        "only-delimiters.md": "---\n---\n",
        "unterminated.md": "---\ntitle: x\n\n# Never closed\n",
        "list.md": "---\n- a\n- b\n---\n",
        "scalar.md": "---\njust a string\n---\n",
        "duplicate-keys.md": "---\ntitle: a\ntitle: b\n---\n",
        "alias-bomb.md": _billion_laughs(),
        "deep-flow.md": "---\ntitle: " + "[" * 10_000 + "]" * 10_000 + "\n---\n",
        "deep-block.md": "---\ntitle:\n  " + "- " * 10_000 + "x\n---\n",
        "deep-mapping.md": "---\ntitle: " + "{a: " * 10_000 + "1" + "}" * 10_000 + "\n---\n",
        "python-object.md": f"---\ntitle: !!python/object/apply:os.system ['touch {marker}']\n---\n",
        "python-name.md": "---\ntitle: !!python/name:os.system\n---\n",
        "javascript.md": f"---js\n{{ title: require('fs').writeFileSync('{marker}', 'x') }}\n---\n",
        "coffee.md": f"---coffee\ntitle: require('fs').writeFileSync('{marker}', 'x')\n---\n",
    }


# (code, line, words in the message) for each file, FM and CL rules only.
EXPECTED = {
    "missing.md": [("FM001", 1, "has no frontmatter"), ("FM101", 1, "`title`")],
    "empty-file.md": [("FM001", 1, "has no frontmatter"), ("FM101", 1, "`title`")],
    "empty-block.md": [("FM101", 1, "`title`")],
    "only-delimiters.md": [("FM101", 1, "`title`")],
    "unterminated.md": [("FM002", 1, "never closed")],
    "list.md": [("FM004", 2, "not a list")],
    "scalar.md": [("FM004", 2, "`just a string`")],
    "duplicate-keys.md": [("FM003", 3, "`title` appears more than once")],
    "alias-bomb.md": [("FM002", 7, "more than 100,000 values")],
    "deep-flow.md": [("FM002", 2, "nesting depth")],
    "deep-block.md": [("FM002", 3, "nesting depth")],
    "deep-mapping.md": [("FM002", 2, "nesting depth")],
    "python-object.md": [("FM002", 2, "tags are never executed")],
    "python-name.md": [("FM002", 2, "tags are never executed")],
    "javascript.md": [("FM002", 1, "Frontmatter language `js` is not supported; it is never executed")],
    "coffee.md": [("FM002", 1, "Frontmatter language `coffee` is not supported; it is never executed")],
}


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile-frontmatter")
    (root / "contentlint.toml").write_text("")
    (root / "schema.json").write_text('{"type": "object", "required": ["title"]}')
    marker = root / MARKER
    for name, text in _case_files(str(marker)).items():
        (root / "content").mkdir(exist_ok=True)
        (root / "content" / name).write_text(text, encoding="utf-8")
    run = check_subprocess("content", "--select", "FM,CL", "--schema", "schema.json", "--no-cache", cwd=root)
    return root, run


def test_the_run_ends_cleanly(hostile_run):
    root, run = hostile_run
    assert run.code == 1
    assert_no_traceback(run)
    assert run.stderr == ""


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_case_is_a_clear_finding_on_the_right_line(hostile_run, name):
    _, run = hostile_run
    got = [f for f in run.findings if os.path.basename(f["path"]) == name]
    assert [(f["code"], f["line"]) for f in got] == [(c, line) for c, line, _ in EXPECTED[name]], got
    for finding, (_, _, words) in zip(got, EXPECTED[name]):
        assert words in finding["message"]


def test_nothing_in_frontmatter_is_executed(hostile_run):
    root, _ = hostile_run
    assert not (root / MARKER).exists()
    assert not (root / "content" / MARKER).exists()


def _big_block(megabytes: int, fmt: str = "yaml") -> str:
    line = 'key{i} = "value number {i} with some text"\n' if fmt == "toml" else "key{i}: value number {i} with some text\n"
    fence = "+++" if fmt == "toml" else "---"
    parts, size, i = [f"{fence}\n"], 0, 0
    while size < megabytes * 1024 * 1024:
        parts.append(line.format(i=i))
        size += len(parts[-1])
        i += 1
    parts.append(f"{fence}\n\n# Body\n")
    return "".join(parts)


# The child's own peak: on Linux, ru_maxrss survives execve, so a child forked
# from a large pytest process reported the parent's size (the suite's memory,
# not contentlint's); VmHWM belongs to the address space execve replaces.
PEAK_RSS = """
import resource, sys
from contentlint.cli.main import main

def peak_kb():
    try:
        with open("/proc/self/status") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

try:
    main()
finally:
    sys.stderr.write(f"peak-rss-kb={peak_kb()}\\n")
"""


def _check_measuring_memory(root, *args) -> tuple[list, float]:
    argv = [sys.executable, "-c", PEAK_RSS, "check", *args, "--format", "json", "--no-cache"]
    proc = subprocess.run(argv, cwd=root, capture_output=True, timeout=GUARD * 3)
    stderr = proc.stderr.decode()
    assert "Traceback" not in stderr and proc.returncode == 1, stderr
    peak = int(stderr.rsplit("peak-rss-kb=", 1)[1].split()[0]) / 1024
    return json.loads(proc.stdout), peak


def test_20mb_block_is_skipped_as_too_large_by_default(project):
    project.write("big.md", _big_block(20))
    run = check_subprocess("big.md", "--select", "FM,CL", cwd=project.root)
    assert [(f["code"], f["line"]) for f in run.findings] == [("CL903", 1)]
    assert "over max-file-size (10,485,760); not checked" in run.findings[0]["message"]
    assert_no_traceback(run)


@pytest.mark.parametrize("fmt, message", [
    ("yaml", "YAML frontmatter holds more than 100,000 values"),
    ("toml", "TOML frontmatter is a "),
])
def test_20mb_block_with_a_raised_limit_is_refused_without_being_parsed(project, fmt, message):
    """With `max-file-size` raised the file is read and linted, but a block of
    that size is not composed: time and memory stay linear and modest."""
    project.config("max-file-size = 100_000_000\n")
    project.write("big.md", _big_block(20, fmt))
    findings, peak_mb = _check_measuring_memory(project.root, "big.md", "--select", "FM,CL")
    assert [(f["code"], f["line"]) for f in findings] == [("FM002", 1)]
    assert message in findings[0]["message"] and findings[0]["message"].endswith("; not parsed")
    # Composing that YAML block alone took about 800 MB.
    assert peak_mb < 600


def test_a_20mb_block_with_every_rule_on(project):
    project.config("max-file-size = 100_000_000\n")
    project.write("big.md", _big_block(20))
    run = check_subprocess("big.md", cwd=project.root, timeout=GUARD * 3)
    assert run.code == 1 and ("FM002", 1) in [(f["code"], f["line"]) for f in run.findings]
    assert_no_traceback(run)
