"""Property tests: no frontmatter text crashes a frontmatter rule, and fixing
settles (a second fix changes nothing)."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers.frontmatter import fix, lint

_PIECES = st.sampled_from([
    "title: T", "title: 'T'", 'title: "T"', "tags: [a, b]", "tags:\n  - a\n  - 42", "pubDate: 2024-03-21",
    "pubDate: 21/03/2024", "draft: no", "draft: yes", "time: 12:30", "zip: 010", "n: 1e3", "layout: Post",
    "hide: [Navigation]", "# comment", "", "a: &x [1]", "b: *x", "? complex\n: key", "<<: {m: 1}", "title: T",
    "nested:\n  k: 1\n  k: 2", "- item", "x: !!python/object:os.system", "x: [", "k: {a: 1", "'q': \"v\"",
    "description: >-\n  folded\n  text", "emoji🎉: é", "\t", ":", "---", "...",
])
_ORDER = {"select": ["FM"], "rules": {"FM102": {"order": ["title", "description", "pubDate", "tags", "hide"]}}}


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_PIECES, max_size=8), st.sampled_from(["\n", "\r\n"]),
       st.sampled_from([None, "builtin:astro-blog", "builtin:mkdocs-page"]))
def test_rules_never_crash_and_fixes_settle(pieces, newline, schema):
    text = newline.join(["---", *pieces, "---", "", "Body"]) + newline
    lint(text, schema=schema, config=_ORDER)  # a crashing rule fails inside lint()
    once = fix(text, schema=schema, config=_ORDER, unsafe=True)
    assert fix(once, schema=schema, config=_ORDER, unsafe=True) == once
