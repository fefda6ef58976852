"""For any bytes as a file, ``check`` returns, never raises, produces valid
JSON, and every position it reports lies inside the file; ``--fix`` never
raises either, and a second ``--fix`` changes nothing."""
from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner
from hypothesis import given

from contentlint.cli.main import main
from contentlint.document.document import Document
from prop_support import any_bytes, budget, project_files

_LINE_BREAK = re.compile(r"\r\n|\r|\n")


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    root = tmp_path_factory.mktemp("any-bytes")
    project_files(root)
    return root


def _run(*args: str):
    result = CliRunner().invoke(main, ["check", *args, "--format", "json", "--no-cache"], catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def _assert_inside(raw: bytes, findings: list) -> None:
    doc = Document.from_bytes("post.md", raw)
    lines = _LINE_BREAK.split(doc.text)
    for f in findings:
        start, end = (f["line"], f["column"]), (f["end_line"], f["end_column"])
        assert 1 <= f["line"] <= len(lines) and 1 <= f["end_line"] <= len(lines), f
        assert 1 <= f["column"] <= len(lines[f["line"] - 1]) + 1, f
        assert 1 <= f["end_column"] <= len(lines[f["end_line"] - 1]) + 1, f
        assert start <= end, f


@budget(150)
@given(raw=any_bytes)
def test_check_never_raises_and_every_position_is_inside_the_file(folder, raw):
    post = folder / "post.md"
    post.write_bytes(raw)
    code, stdout, stderr = _run(str(post))
    findings = json.loads(stdout)
    assert code in (0, 1), (stderr, findings)
    assert not [f for f in findings if f["code"] == "CL999"], findings
    assert all(f["path"] == str(post) for f in findings)
    _assert_inside(raw, findings)


@budget(100)
@given(raw=any_bytes)
def test_fix_never_raises_and_settles(folder, raw):
    post = folder / "post.md"
    post.write_bytes(raw)
    code, stdout, stderr = _run(str(post), "--fix", "--unsafe-fixes")
    findings = json.loads(stdout)
    assert not [f for f in findings if f["code"] == "CL999"], findings
    # The one refusal allowed: broken UTF-16/32 is never written back.
    refused = [f for f in findings if f["code"] == "CL904"]
    assert all("writing it back would change bytes no fix touched" in f["message"] for f in refused), refused
    assert code == 2 if refused else code in (0, 1), (stderr, findings)
    if refused:
        assert post.read_bytes() == raw
    once = post.read_bytes()
    _run(str(post), "--fix", "--unsafe-fixes")
    assert post.read_bytes() == once
