"""Helpers shared by text rules: where code is, and how to show odd characters."""
from __future__ import annotations

import unicodedata


def inline_code_spans(doc) -> list[tuple[int, int]]:
    """Character spans of inline code (backtick spans) in the body, found by
    walking markdown-it's ``code_inline`` tokens through the source of their
    inline block, in order."""
    spans: list[tuple[int, int]] = []
    text = doc.text
    lines = doc.lines
    for tok in doc.block_tokens:
        if tok.type != "inline" or not tok.map or "`" not in tok.content:
            continue
        if not any(c.type == "code_inline" for c in doc.inline_children(tok)):
            continue
        pos = lines.line_start(tok.map[0])
        limit = lines.line_end(tok.map[1] - 1)
        for child in tok.children:
            if child.type != "code_inline":
                continue
            opener = text.find(child.markup, pos, limit)
            if opener < 0:
                break
            closer = text.find(child.markup, opener + len(child.markup), limit)
            if closer < 0:
                break
            spans.append((opener, closer + len(child.markup)))
            pos = closer + len(child.markup)
    return spans


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
