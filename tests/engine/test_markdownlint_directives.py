"""markdownlint's inline comments mean here what they mean to markdownlint:
a differential test against a line-by-line transcription of markdownlint's
getEnabledRulesPerLineNumber (lib/markdownlint.mjs)."""
from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from contentlint.engine.directives import parse_directives
from contentlint.document.document import Document
from contentlint.config.catalogue import get_rule
from properties.prop_support import budget

# The markdownlint rules the comments below name, and what each name stands for.
RULES = ["MD001", "MD026", "MD013"]
NAMES = {"MD026": ["MD026"], "NO-TRAILING-PUNCTUATION": ["MD026"], "MD001": ["MD001"],
         "HEADINGS": ["MD001", "MD026"], "MD013": ["MD013"], "LINE-LENGTH": ["MD013"]}
EQUIVALENT = {"HD004": "MD026", "HD001": "MD001"}
COMMENT = re.compile(r"(<!--\s*markdownlint-(disable|enable|capture|restore|disable-file|enable-file|disable-line"
                     r"|disable-next-line|configure-file))(?:\s|-->)", re.IGNORECASE)


def markdownlint_states(lines: list[str]) -> list[dict[str, bool]]:
    def comments(line):
        for m in COMMENT.finditer(line):
            start = m.start() + len(m.group(1))
            end = line.find("-->", start)
            if end == -1:
                break
            yield m.group(2).upper(), line[start:end]

    def apply(action, parameter, state):
        state = dict(state)
        items = parameter.strip().upper().split() if parameter.strip() else RULES
        for item in items:
            for rule in NAMES.get(item, []):
                state[rule] = action.startswith("ENABLE")
        return state

    enabled = {rule: True for rule in RULES}
    captured = enabled
    for line in lines:
        for action, parameter in comments(line):
            if action in ("ENABLE-FILE", "DISABLE-FILE"):
                enabled = apply(action, parameter, enabled)
    per_line = []
    for line in lines:
        for action, parameter in comments(line):
            if action == "CAPTURE":
                captured = enabled
            elif action == "RESTORE":
                enabled = captured
            elif action in ("ENABLE", "DISABLE"):
                enabled = apply(action, parameter, enabled)
        per_line.append(enabled)
    for index, line in enumerate(lines):
        for action, parameter in comments(line):
            if action in ("DISABLE-LINE", "DISABLE-NEXT-LINE"):
                target = index + (action == "DISABLE-NEXT-LINE")
                if target < len(per_line):
                    per_line[target] = apply(action, parameter, per_line[target])
    return per_line


ACTIONS = ["disable", "enable", "capture", "restore", "disable-file", "enable-file", "disable-line",
           "disable-next-line", "DISABLE"]
names = st.lists(st.sampled_from(["MD026", "md026", "no-trailing-punctuation", "MD001", "headings", "MD013",
                                  "line-length", "MD999"]), max_size=2)
comment = st.builds(lambda action, ns: f"<!-- markdownlint-{action}{''.join(' ' + n for n in ns)} -->",
                    st.sampled_from(ACTIONS), names)
line = st.one_of(
    st.just("Text."), st.just(""), comment,
    st.builds(lambda a, b: f"{a} {b}", comment, comment),
    st.builds(lambda c: f"Some words {c}", comment),
)


@budget(300)
@given(st.lists(line, min_size=1, max_size=14))
def test_same_verdict_as_markdownlint_on_every_line(lines):
    doc = Document.from_bytes("a.md", ("\n".join(lines) + "\n").encode())
    sup = parse_directives(doc)
    expected = markdownlint_states(lines)
    for code, md in EQUIVALENT.items():
        rule = get_rule(code)
        got = [sup.suppressed(rule, i) for i in range(len(lines))]
        assert got == [not state[md] for state in expected], (code, lines)
    # rules without a markdownlint equivalent are never touched
    mojibake = get_rule("TX001")
    assert not any(sup.suppressed(mojibake, i) for i in range(len(lines)))


def test_a_comment_over_two_lines_is_not_read_by_markdownlint():
    doc = Document.from_bytes("a.md", b"<!-- markdownlint-disable\nMD026 -->\n## A:\n")
    assert not parse_directives(doc)
