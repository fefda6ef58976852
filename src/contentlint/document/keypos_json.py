"""Positions of keys and values in JSON frontmatter.

The block has already been parsed by ``json`` (so it is valid and its depth
is bounded); this second pass only records where each key and value sits,
keeping duplicate keys that ``json.loads`` silently merges.
"""
from __future__ import annotations

import re

from .keynodes import Entry, KeyNode, scanstring

_WS = re.compile(r"[ \t\n\r]*")
_SCALAR = re.compile(r"-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][-+]?\d+)?|true|false|null|NaN|-?Infinity")


def json_tree(text: str, start: int, end: int) -> KeyNode | None:
    try:
        node, _ = _value(text, _skip(text, start), end)
    except (ValueError, IndexError):
        return None
    return node


def _skip(text: str, pos: int) -> int:
    m = _WS.match(text, pos)  # matches the empty string too: never None
    return pos if m is None else m.end()


def _value(text: str, pos: int, end: int) -> tuple[KeyNode, int]:
    ch = text[pos]
    if ch == "{":
        return _container(text, pos, end, "map", "}")
    if ch == "[":
        return _container(text, pos, end, "seq", "]")
    if ch == '"':
        _, after = scanstring(text, pos + 1)
        return KeyNode("scalar", pos, after, style='"'), after
    m = _SCALAR.match(text, pos)
    if m is None:
        raise ValueError(f"unexpected {ch!r}")
    return KeyNode("scalar", pos, m.end()), m.end()


def _container(text: str, pos: int, end: int, kind: str, close: str) -> tuple[KeyNode, int]:
    node = KeyNode(kind, pos, pos)
    pos = _skip(text, pos + 1)
    index = 0
    while text[pos] != close:
        if kind == "map":
            key, after = scanstring(text, pos + 1)
            key_start, key_end = pos, after
            pos = _skip(text, after)
            if text[pos] != ":":
                raise ValueError("expected ':'")
            value, pos = _value(text, _skip(text, pos + 1), end)
            node.entries.append(Entry(key, key_start, key_end, value))
        else:
            value, pos = _value(text, pos, end)
            node.entries.append(Entry(index, value.start, value.end, value))
            index += 1
        pos = _skip(text, pos)
        if text[pos] == ",":
            pos = _skip(text, pos + 1)
        elif text[pos] != close:
            raise ValueError("expected ',' or a closing bracket")
    node.end = pos + 1
    return node, pos + 1
