"""Helpers for the text-family tests: lint or fix one text with chosen rules."""
from __future__ import annotations

from pathlib import Path

import ftfy.bad_codecs  # noqa: F401  (registers the sloppy-windows-* codecs)

from contentlint.config.loader import Config
from contentlint.document.document import Document
from contentlint.engine.lint import Settings, check_document, lint_document


def config(*select: str) -> Config:
    return Config.from_table({"select": list(select or ("TX001",))}, root=Path.cwd(), source="test")


def lint(text, *select: str):
    raw = text if isinstance(text, bytes) else text.encode("utf-8", "surrogateescape")
    violations, crashed = lint_document(Document.from_bytes("t.md", raw), config(*select), "t.md")
    assert not crashed, [v.message for v in violations]
    return violations


def fix(text, *select: str, unsafe: bool = False) -> str:
    raw = text if isinstance(text, bytes) else text.encode("utf-8", "surrogateescape")
    doc = Document.from_bytes("t.md", raw)
    result, crashed = check_document(doc, config(*select), "t.md", Settings(fix=True, unsafe_fixes=unsafe))
    assert not crashed
    return result.fixed_text if result.fixed_text is not None else doc.text


def damage(text: str, *codecs: str) -> str:
    """``text``'s UTF-8 read as each codec in turn (the first is the first mistake)."""
    for codec in codecs:
        text = text.encode("utf-8").decode(codec)
    return text
