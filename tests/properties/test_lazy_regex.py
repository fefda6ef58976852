"""A pattern compiled on first use (patterns.lazy_regex) answers exactly as
re.compile's pattern does, whatever is asked of it first."""
from __future__ import annotations

import re

from hypothesis import given, strategies as st

from contentlint.patterns import lazy_regex

# Patterns of the kinds the code base compiles at module level: anchors,
# classes, alternation, groups, flags.
PATTERNS = [(r"\r\n|\r|\n", 0), (r"^(FM|TX|LK|HD|ST|CL)\d{3}$", 0), (r"<h([1-6])(?:\s[^>]*)?>(.*?)</h\1\s*>",
            re.IGNORECASE | re.DOTALL), (r"^[ \t>]*[*_]", re.MULTILINE), (r"(?P<word>\w+)\s*:", 0)]
TEXT = st.text(alphabet="ab\r\n \t<>h1/FMTX0123_*:é", max_size=40)


@given(st.sampled_from(PATTERNS), TEXT, st.sampled_from(["match", "search", "fullmatch", "findall", "split", "sub"]))
def test_a_lazy_pattern_answers_as_the_compiled_one(spec, text, method):
    lazy, compiled = lazy_regex(*spec), re.compile(*spec)

    def ask(p):
        if method == "sub":
            return p.sub("-", text)
        m = getattr(p, method)(text)
        return m.group(0) if isinstance(m, re.Match) else m

    assert ask(lazy) == ask(compiled)
    assert ask(lazy) == ask(compiled)  # the second read comes from the stored bound method
    assert (lazy.pattern, lazy.flags, lazy.groups, lazy.groupindex) == (
        compiled.pattern, compiled.flags, compiled.groups, compiled.groupindex)
    assert [m.span() for m in lazy.finditer(text)] == [m.span() for m in compiled.finditer(text)]
