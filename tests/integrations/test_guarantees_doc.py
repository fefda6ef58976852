"""Each promise in docs/guarantees.md names tests that exist: a renamed or
deleted test must not leave a promise without its check."""
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SECTIONS = ["Files, symlinks and special files"]


def _section(title: str) -> str:
    text = (ROOT / "docs" / "guarantees.md").read_text(encoding="utf-8")
    start = text.index(f"## {title}\n")
    end = text.find("\n## ", start + 1)
    return text[start : end if end != -1 else len(text)]


def _references(section: str):
    """(file, test or None) for each backticked reference in the table's
    second column; a bare `::name` continues the file named before it."""
    for row in section.splitlines():
        if not row.startswith("| ") or row.startswith("| Promise") or row.startswith("| ---"):
            continue
        checked_by = row.rstrip(" |").rsplit(" | ", 1)[1]
        current = None
        for token in re.findall(r"`([^`]+)`", checked_by):
            if not re.fullmatch(r"[\w/]+\.py(::\w+)?|::\w+", token):
                continue  # prose, such as `os.mkfifo`
            path, _, test = token.partition("::")
            if path:
                current = path
            yield current, test or None


@pytest.mark.parametrize("title", SECTIONS)
def test_every_referenced_test_exists(title):
    refs = list(_references(_section(title)))
    assert refs
    for path, test in refs:
        source = ROOT / "tests" / path
        assert source.is_file(), path
        if test is not None:
            assert re.search(rf"^def {re.escape(test)}\(", source.read_text(encoding="utf-8"), re.M), f"{path}::{test}"
