"""Positions of keys and values in TOML frontmatter.

Runs only on a block ``tomllib`` has already accepted, so it can be lenient:
it follows tables, arrays of tables, dotted and quoted keys, inline tables,
arrays and every string form, and records spans; anything it does not
understand ends the scan with what was found so far.
"""
from __future__ import annotations

import re
from typing import Optional

from .keynodes import Entry, KeyNode, scanstring

_SPACE = re.compile(r"(?:[ \t\r\n]|#[^\r\n]*)*")
_INLINE_SPACE = re.compile(r"[ \t]*")
_KEY_PART = re.compile(r'[A-Za-z0-9_-]+|"(?:[^"\\\r\n]|\\.)*"|\'[^\'\r\n]*\'')
_DOT = re.compile(r"[ \t]*\.[ \t]*")
_STRING = re.compile(
    r'"""[\s\S]*?(?<!\\)"""(?:"{1,2}(?!"))?|\'\'\'[\s\S]*?\'\'\'(?:\'{1,2}(?!\'))?|"(?:[^"\\\r\n]|\\.)*"|\'[^\'\r\n]*\''
)
_SCALAR = re.compile(
    r"\d{4}-\d\d-\d\d(?:[Tt ]\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:[Zz]|[+-]\d\d:\d\d)?)?|[^\s,\]\}#]+"
)


# A dotted key's parts: each name with its span.
KeyParts = list[tuple[str, int, int]]


def _past(pattern: "re.Pattern[str]", text: str, pos: int) -> int:
    """Where ``pattern`` (one that also matches nothing) ends from ``pos``."""
    m = pattern.match(text, pos)
    return pos if m is None else m.end()


def toml_tree(text: str, start: int, end: int) -> Optional[KeyNode]:
    root = KeyNode("map", start, end)
    try:
        _scan(text, start, end, root)
    except (ValueError, IndexError):
        pass  # keep what was found: lookups fall back to an ancestor
    return root


def _scan(text: str, pos: int, end: int, root: KeyNode) -> None:
    current = root
    while True:
        pos = _past(_SPACE, text, pos)
        if pos >= end:
            return
        if text.startswith("[[", pos):
            parts, pos = _key(text, _past(_INLINE_SPACE, text, pos + 2))
            current = _array_table(root, parts, pos)
            pos = text.index("]]", pos) + 2
        elif text[pos] == "[":
            parts, pos = _key(text, _past(_INLINE_SPACE, text, pos + 1))
            current = _descend(root, parts)
            pos = text.index("]", pos) + 1
        else:
            parts, pos = _key(text, pos)
            pos = _past(_INLINE_SPACE, text, pos)
            if text[pos] != "=":
                raise ValueError("expected '='")
            value, pos = _value(text, _past(_INLINE_SPACE, text, pos + 1))
            parent = _descend(current, parts[:-1])
            name, ks, ke = parts[-1]
            parent.entries.append(Entry(name, ks, ke, value))


def _key(text: str, pos: int) -> tuple[KeyParts, int]:
    parts: KeyParts = []
    while True:
        m = _KEY_PART.match(text, pos)
        if m is None:
            raise ValueError("expected a key")
        parts.append((_unquote(m.group()), m.start(), m.end()))
        pos = m.end()
        dot = _DOT.match(text, pos)
        if dot is None:
            return parts, _past(_INLINE_SPACE, text, pos)
        pos = dot.end()


def _unquote(raw: str) -> str:
    if raw.startswith('"'):
        try:
            return scanstring(raw, 1)[0]
        except ValueError:
            return raw[1:-1]
    if raw.startswith("'"):
        return raw[1:-1]
    return raw


def _descend(node: KeyNode, parts: KeyParts) -> KeyNode:
    for name, ks, ke in parts:
        entry = node.child(name)
        if entry is None:
            entry = Entry(name, ks, ke, KeyNode("map", ks, ke))
            node.entries.append(entry)
        node = entry.value
        if node.kind == "seq" and node.entries:  # [a.b] after [[a]] means the last element
            node = node.entries[-1].value
    return node


def _array_table(root: KeyNode, parts: KeyParts, header_end: int) -> KeyNode:
    parent = _descend(root, parts[:-1])
    name, ks, ke = parts[-1]
    entry = parent.child(name)
    if entry is None or entry.value.kind != "seq":
        entry = Entry(name, ks, ke, KeyNode("seq", ks, ke))
        parent.entries.append(entry)
    element = KeyNode("map", ks, header_end)
    entry.value.entries.append(Entry(len(entry.value.entries), ks, ke, element))
    return element


def _value(text: str, pos: int) -> tuple[KeyNode, int]:
    ch = text[pos]
    if ch == "[":
        return _container(text, pos, "seq", "]")
    if ch == "{":
        return _container(text, pos, "map", "}")
    m = _STRING.match(text, pos)
    if m is not None:
        return KeyNode("scalar", pos, m.end(), style=ch), m.end()
    m = _SCALAR.match(text, pos)
    if m is None:
        raise ValueError("expected a value")
    return KeyNode("scalar", pos, m.end()), m.end()


def _container(text: str, pos: int, kind: str, close: str) -> tuple[KeyNode, int]:
    node = KeyNode(kind, pos, pos)
    skip = _SPACE if kind == "seq" else _INLINE_SPACE  # inline tables are one line
    pos = _past(skip, text, pos + 1)
    while text[pos] != close:
        if kind == "seq":
            value, pos = _value(text, pos)
            node.entries.append(Entry(len(node.entries), value.start, value.end, value))
        else:
            parts, pos = _key(text, pos)
            if text[pos] != "=":
                raise ValueError("expected '='")
            value, pos = _value(text, _past(_INLINE_SPACE, text, pos + 1))
            parent = _descend(node, parts[:-1])
            name, ks, ke = parts[-1]
            parent.entries.append(Entry(name, ks, ke, value))
        pos = _past(skip, text, pos)
        if text[pos] == ",":
            pos = _past(skip, text, pos + 1)
    node.end = pos + 1
    return node, pos + 1
