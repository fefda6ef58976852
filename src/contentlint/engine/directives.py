"""Inline suppression comments:

``<!-- contentlint-disable [CODE ...] -->``, ``<!-- contentlint-enable [CODE ...] -->``,
``<!-- contentlint-disable-next-line [CODE ...] -->``, ``<!-- contentlint-disable-file [CODE ...] -->``.
Codes may be codes, prefixes or names; none means every rule. Directives inside
code blocks are examples, not instructions, and are ignored.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..registry import matches

_DIRECTIVE = re.compile(
    r"<!--\s*contentlint-(disable-next-line|disable-file|disable|enable)\b([^>]*?)-->"
)
_ALL = "*"


@dataclass
class Suppressions:
    file_all: bool = False
    file_selectors: list[str] = field(default_factory=list)
    next_line: dict[int, list[str]] = field(default_factory=dict)  # 0-based line -> selectors
    # (line, action, selectors) in order; evaluated per finding line
    ranges: list[tuple[int, str, list[str]]] = field(default_factory=list)

    def suppressed(self, rule, line: int) -> bool:
        if self.file_all or _any(self.file_selectors, rule):
            return True
        if _any(self.next_line.get(line, []), rule):
            return True
        disabled = False
        for at, action, selectors in self.ranges:
            if at > line:
                break
            if _any(selectors, rule):
                disabled = action == "disable"
        return disabled


def _any(selectors: list[str], rule) -> bool:
    return any(s == _ALL or matches(s, rule) is not None for s in selectors)


def parse_directives(doc) -> Suppressions:
    sup = Suppressions()
    text = doc.text
    if "contentlint-" not in text:
        return sup
    code_lines = doc.code_lines()
    lines = doc.lines
    for m in _DIRECTIVE.finditer(text):
        line = lines.line_of(m.start())
        if line in code_lines:
            continue
        action = m.group(1)
        selectors = m.group(2).replace(",", " ").split() or [_ALL]
        if action == "disable-file":
            if selectors == [_ALL]:
                sup.file_all = True
            else:
                sup.file_selectors.extend(selectors)
        elif action == "disable-next-line":
            target = line + 1
            sup.next_line.setdefault(target, []).extend(selectors)
        else:
            sup.ranges.append((line, action, selectors))
    return sup
