"""Helpers for the text-family tests: lint or fix one text with chosen rules."""
from __future__ import annotations

from pathlib import Path

import ftfy.bad_codecs  # noqa: F401  (registers the sloppy-windows-* codecs)

from contentlint.config.loader import Config
from helpers import lint as shared


def config(*select: str) -> Config:
    return Config.from_table({"select": list(select or ("TX001",))}, root=Path.cwd(), source="test")


def lint(text, *select: str):
    return shared.lint(text, configured=config(*select), path="t.md")


def fix(text, *select: str, unsafe: bool = False) -> str:
    return shared.fix(text, configured=config(*select), path="t.md", unsafe=unsafe)


def damage(text: str, *codecs: str) -> str:
    """``text``'s UTF-8 read as each codec in turn (the first is the first mistake)."""
    for codec in codecs:
        text = text.encode("utf-8").decode(codec)
    return text
