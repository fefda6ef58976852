"""Values read from a JavaScript/TypeScript config file where they are written
as literals (Astro's ``astro.config.*``). Nothing is evaluated: a value that
is computed (a variable, a function call) is simply not known."""
from __future__ import annotations

import re
from typing import Optional
from ...patterns import lazy_regex

_STRING = r"""(?:'([^'\\\n]*)'|"([^"\\\n]*)"|`([^`\\$]*)`)"""
_COMMENT = lazy_regex(r"//[^\n]*|/\*.*?\*/", re.DOTALL)


def strip_comments(source: str) -> str:
    # Only whole-line and block comments: `//` inside a URL string stays.
    return _COMMENT.sub(lambda m: m.group() if m.group().startswith("//") and _in_string(source, m.start()) else "",
                        source)


def _in_string(source: str, pos: int) -> bool:
    line_start = source.rfind("\n", 0, pos) + 1
    before = source[line_start:pos]
    return before.count("'") % 2 == 1 or before.count('"') % 2 == 1 or before.count("`") % 2 == 1


def _string(m: re.Match[str], first: int) -> str:
    for g in (first, first + 1, first + 2):
        if m.group(g) is not None:
            return m.group(g)
    return ""


def string_value(source: str, key: str) -> Optional[str]:
    """``key: 'value'`` written literally (the first one)."""
    m = re.search(rf"(?<![\w$.]){re.escape(key)}\s*:\s*{_STRING}", source)
    return _string(m, 1) if m else None


def urls_assigned(source: str, name: str) -> list[str]:
    """http(s) literals in ``name: …`` or ``const name = …`` up to the end of the statement."""
    found = []
    for m in re.finditer(rf"(?<![\w$.]){re.escape(name)}\s*[:=](?!=)([^;\n]*)", source):
        for s in re.finditer(_STRING, m.group(1)):
            value = _string(s, 1)
            if value.startswith(("http://", "https://")):
                found.append(value)
    return found


def object_block(source: str, key: str) -> Optional[str]:
    """The text between the braces of ``key: { … }`` when written literally."""
    m = re.search(rf"(?<![\w$.]){re.escape(key)}\s*:\s*\{{", source)
    if m is None:
        return None
    depth, i = 1, m.end()
    while i < len(source) and depth:
        c = source[i]
        if c in "'\"`":
            end = source.find(c, i + 1)
            i = end if end > 0 else len(source)
        elif c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
        i += 1
    return source[m.end() : i - 1] if depth == 0 else None


def string_pairs(block: str) -> dict[str, str]:
    """``'from': 'to'`` and ``'from': { destination: 'to' }`` entries of an object literal."""
    pairs = {}
    for m in re.finditer(rf"{_STRING}\s*:\s*(?:{_STRING}|\{{[^{{}}]*?destination\s*:\s*{_STRING}[^{{}}]*\}})", block):
        key = _string(m, 1)
        value = _string(m, 4) if any(m.group(g) is not None for g in (4, 5, 6)) else _string(m, 7)
        pairs[key] = value
    return pairs


def object_keys(block: str) -> list[str]:
    """Top-level keys of an object literal (``en: {…}``, ``'pt-br': {…}``)."""
    keys, depth, i = [], 0, 0
    token = re.compile(rf"{_STRING}\s*:|([A-Za-z_$][\w$-]*)\s*:")
    while i < len(block):
        c = block[i]
        if c in "{[(":
            depth += 1
        elif c in "}])":
            depth -= 1
        elif depth == 0:
            m = token.match(block, i)
            if m is not None:
                keys.append(m.group(4) if m.group(4) is not None else _string(m, 1))
                i = m.end()
                continue
            if c in "'\"`":
                end = block.find(c, i + 1)
                i = end if end > 0 else len(block)
        i += 1
    return keys
