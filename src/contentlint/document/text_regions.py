"""Helpers shared by text rules: where code is, and how to show odd characters."""
from __future__ import annotations

import unicodedata
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .document import Document


def inline_code_spans(doc: "Document") -> list[tuple[int, int]]:
    """Character spans of inline code (backtick spans) in the body, in order."""
    return list(doc.markdown.code_spans)


def printable(text: str) -> str:
    """Show control and invisible characters as escapes (never raw in a terminal)."""
    out = []
    for ch in text:
        cat = unicodedata.category(ch)
        if cat in ("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp") or (cat == "Zs" and ch != " "):
            out.append(f"\\u{ord(ch):04x}" if ord(ch) > 0xFF else f"\\x{ord(ch):02x}")
        else:
            out.append(ch)
    return "".join(out)


def shorten(text: str, limit: int) -> str:
    """``printable(text)`` cut to ``limit`` characters, ending in `…` when cut."""
    text = printable(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"
