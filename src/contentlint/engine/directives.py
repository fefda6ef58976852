"""Inline suppression comments, contentlint's and markdownlint's.

``<!-- contentlint-disable [CODE ...] -->``, ``-enable``, ``-disable-next-line``,
``-disable-line``, ``-disable-file``, ``-enable-file``, ``-capture`` and
``-restore``; codes may be codes, prefixes or names, none means every rule.
``<!-- markdownlint-… -->`` comments take the same actions with markdownlint's
rule names, aliases and tags, and act on the contentlint rules that have a
markdownlint equivalent (config.markdownlint.EQUIVALENT); with no names, on all of those.

The state machine is markdownlint's: the ``*-file`` comments, in order, give
the state every line starts from; ``disable``/``enable``/``capture``/``restore``
change it from their own line on; ``disable-line`` and ``disable-next-line``
add to it for one line. Directives inside code blocks are examples, not
instructions, and are ignored.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterator, Optional

from ..config.markdownlint import EQUIVALENT, contentlint_codes
from ..document.document import Document
from ..registry import Rule, matches
from ..patterns import lazy_regex

_DIRECTIVE = lazy_regex(
    r"<!--\s*(contentlint|markdownlint)-"
    r"(disable-next-line|disable-line|disable-file|enable-file|disable|enable|capture|restore|configure-file)"
    r"(?=\s|-->)([^>]*?)-->",
    re.IGNORECASE,
)
_SELECTOR = {"contentlint": lazy_regex(r"[^\s,]+"), "markdownlint": lazy_regex(r"\S+")}  # markdownlint splits on spaces only
FILE_ACTIONS = ("disable-file", "enable-file")
LINE_ACTIONS = ("disable-line", "disable-next-line")


@dataclass
class Selector:
    text: str
    start: int  # character offsets of the name in the document
    end: int


@dataclass
class Directive:
    tool: str  # "contentlint" or "markdownlint"
    action: str
    line: int  # 0-based
    start: int  # the whole comment
    end: int
    params: tuple[int, int]  # the text between the action and `-->`
    selectors: list[Selector] = field(default_factory=list)
    # which selectors suppressed a finding (-1: the directive names no rule)
    used: set[int] = field(default_factory=set)

    def hit(self, rule: type[Rule]) -> Optional[int]:
        """The index of the first selector naming ``rule`` (-1 for a
        directive without names), None when the directive does not apply."""
        if not self.selectors:
            if self.tool == "markdownlint":
                return -1 if rule.code in EQUIVALENT.values() else None
            return -1
        for index, selector in enumerate(self.selectors):
            if names(self, selector.text, rule):
                return index
        return None


def names(directive: Directive, text: str, rule: type[Rule]) -> bool:
    if directive.tool == "markdownlint":
        return rule.code in (contentlint_codes(text) or ())
    return matches(text, rule) is not None


# (disabled, the directive and selector that decided it)
State = tuple[bool, Optional[tuple[Directive, int]]]
# (id of a directive, index of its selector) pairs left out when judging an `enable`
Skip = frozenset[tuple[int, int]]
_ENABLED: State = (False, None)


@dataclass
class Suppressions:
    directives: list[Directive] = field(default_factory=list)
    _timelines: dict[str, list[tuple[int, State]]] = field(default_factory=dict, repr=False)

    def __bool__(self) -> bool:
        return bool(self.directives)

    def suppressed(self, rule: type[Rule], line: int) -> bool:
        return bool(self.suppressing(rule, line))

    def suppressing(self, rule: type[Rule], line: int) -> list[tuple[Directive, int]]:
        """The directives (and selectors) that suppress ``rule`` on 0-based ``line``."""
        found: list[tuple[Directive, int]] = []
        disabled, why = self.state(rule, line)
        if disabled and why is not None:
            found.append(why)
        for d in self.directives:
            if d.action in LINE_ACTIONS and d.line + (d.action == "disable-next-line") == line:
                index = d.hit(rule)
                if index is not None:
                    found.append((d, index))
        return found

    def state(self, rule: type[Rule], line: int) -> State:
        """Whether ``rule`` is disabled on ``line`` by the file and range
        directives, and by which one."""
        timeline = self._timeline(rule)
        current = timeline[0][1]
        for at, state in timeline[1:]:
            if at > line:
                break
            current = state
        return current

    def before(self, rule: type[Rule], directive: Directive, skip: Skip = frozenset()) -> State:
        """The state ``directive`` finds for ``rule`` when the (directive id,
        selector index) pairs in ``skip`` are left out (for judging an ``enable``)."""
        if directive.action in FILE_ACTIONS:
            return self._initial(rule, skip, until=directive)
        state = self._initial(rule, skip)
        for d, after in self._replay(rule, skip):
            if d is directive:
                break
            state = after
        return state

    def _timeline(self, rule: type[Rule]) -> list[tuple[int, State]]:
        cached = self._timelines.get(rule.code)
        if cached is None:
            cached = [(-1, self._initial(rule))] + [(d.line, state) for d, state in self._replay(rule)]
            self._timelines[rule.code] = cached
        return cached

    def _initial(self, rule: type[Rule], skip: Skip = frozenset(), until: Optional[Directive] = None) -> State:
        """The state every line starts from: the ``*-file`` directives, in order."""
        state = _ENABLED
        for d in self.directives:
            if d is until:
                break
            if d.action in FILE_ACTIONS:
                state = _apply(d, rule, state, skip)
        return state

    def _replay(self, rule: type[Rule], skip: Skip = frozenset()) -> Iterator[tuple[Directive, State]]:
        """Each directive that changes the state from its line on, with the state after it."""
        state = self._initial(rule, skip)
        # markdownlint captures the configured state before the file comments:
        # a `restore` without a `capture` undoes a `disable-file` too
        captured = _ENABLED
        for d in self.directives:
            if d.action == "capture":
                captured = state
            elif d.action == "restore":
                state = captured
            elif d.action in ("disable", "enable"):
                state = _apply(d, rule, state, skip)
            else:
                continue
            yield d, state


def _apply(d: Directive, rule: type[Rule], state: State, skip: Skip = frozenset()) -> State:
    index = d.hit(rule)
    if index is None or (id(d), index) in skip:
        return state
    return (d.action.startswith("disable"), (d, index))


def parse_directives(doc: Document) -> Suppressions:
    sup = Suppressions()
    text = doc.text
    if "contentlint-" not in text and "markdownlint-" not in text:
        return sup
    code_lines = doc.code_lines()
    lines = doc.lines
    for m in _DIRECTIVE.finditer(text):
        line = lines.line_of(m.start())
        if line in code_lines:
            continue
        action = m.group(2).lower()
        tool = m.group(1).lower()
        if action == "configure-file" or (tool == "markdownlint" and ("\n" in m.group(0) or "\r" in m.group(0))):
            # options for one file have no equivalent; markdownlint reads a comment on one line only
            continue
        selectors = [Selector(s.group(), m.start(3) + s.start(), m.start(3) + s.end())
                     for s in _SELECTOR[tool].finditer(m.group(3))]
        sup.directives.append(Directive(tool, action, line, m.start(), m.end(), (m.start(3), m.end(3)), selectors))
    return sup
