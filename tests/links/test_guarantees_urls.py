"""Every test named in the "URLs and remote schemas" section of
docs/guarantees.md exists, so a promise cannot outlive its test."""
import ast
import re
from pathlib import Path

TESTS = Path(__file__).resolve().parents[1]
DOC = TESTS.parent / "docs" / "guarantees.md"


def _section() -> str:
    text = DOC.read_text(encoding="utf-8")
    start = text.index("## URLs and remote schemas")
    end = text.find("\n## ", start + 1)
    return text[start:end if end != -1 else None]


def _references(section: str) -> list[tuple[str, str]]:
    refs, current = [], None
    for token in re.findall(r"`([^`]+)`", section):
        m = re.fullmatch(r"(\w+/[\w/]+\.py)?(?:::(\w+))?", token)
        if not m or not (m.group(1) or m.group(2)):
            continue
        current = m.group(1) or current
        refs.append((current, m.group(2)))
    return refs


def test_every_test_named_in_the_url_section_exists():
    refs = _references(_section())
    assert len(refs) >= 20
    for path, name in refs:
        assert path is not None and (TESTS / path).is_file(), path
        if name:
            tree = ast.parse((TESTS / path).read_text(encoding="utf-8"))
            names = {n.name for n in tree.body if isinstance(n, ast.FunctionDef)}
            assert name in names, f"{path}::{name}"
