"""Helpers for the frontmatter rule and schema tests (tests/rules/frontmatter,
tests/schema): lint or fix one text with the FM rules, positions of findings."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

from contentlint.config.loader import Config
from contentlint.document.document import Document
from contentlint.engine.lint import Settings, check_document, lint_document


def make_config(root: Path, data: Optional[dict] = None) -> Config:
    data = dict(data or {})
    if "select" not in data:  # the family's default-on rules
        data.update(select=["FM"], ignore=["FM102"])
    return Config.from_table(data, root=Path(root), source="test")


def lint(text, *, root: Path = Path("."), path: str = "post.md", config: Optional[dict] = None,
         schema: Optional[str] = None, abs_path: Optional[Path] = None, network: bool = False):
    """Findings as (code, line, column, message), in report order."""
    raw = text if isinstance(text, bytes) else text.encode("utf-8")
    doc = Document.from_bytes(path, raw, abs_path=str(abs_path) if abs_path else None)
    settings = Settings(schema=schema, network=network, no_cache=True)
    violations, crashed = lint_document(doc, make_config(root, config), path, settings)
    assert not crashed, [v.message for v in violations if v.code == "CL999"]
    return [(v.code, v.line, v.column, v.message) for v in violations]


def where(findings, code: Optional[str] = None):
    return [(c, line, col) for c, line, col, _ in findings if code is None or c == code]


def fix(text: str, *, root: Path = Path("."), config: Optional[dict] = None, unsafe: bool = False,
        schema: Optional[str] = None) -> str:
    doc = Document.from_bytes("post.md", text.encode("utf-8"))
    settings = Settings(fix=True, unsafe_fixes=unsafe, schema=schema, no_cache=True)
    result, crashed = check_document(doc, make_config(root, config), "post.md", settings)
    assert not crashed, [v.message for v in result.violations]
    return result.fixed_text if result.fixed_text is not None else text


def position(text: str, needle: str, occurrence: int = 1) -> tuple[int, int]:
    """1-based (line, column) of the n-th ``needle`` in ``text`` (any newline style)."""
    index = -1
    for _ in range(occurrence):
        index = text.index(needle, index + 1)
    before = text[:index].replace("\r\n", "\n").replace("\r", "\n")
    line = before.count("\n") + 1
    return line, len(before) - (before.rfind("\n") + 1) + 1
