"""github_slug decides per character (bisection, an ASCII table) instead of one
regular expression of 736 ranges: it must remove exactly the characters that
expression removes, for any text."""
from __future__ import annotations

import re

from hypothesis import given, settings, strategies as st

from contentlint.site import slugs
from contentlint.site.github_slugger_ranges import REMOVED_RANGES


def _reference_pattern() -> "re.Pattern[str]":
    parts = []
    for token in REMOVED_RANGES.split():
        start, _, end = token.partition("-")
        first = "\\U%08x" % int(start, 16)
        parts.append(first if not end else first + "-\\U%08x" % int(end, 16))
    return re.compile("[" + "".join(parts) + "]")


_REFERENCE = _reference_pattern()


def _reference_slug(text: str, maintain_case: bool = False) -> str:
    if not maintain_case:
        text = text.lower()
    return _REFERENCE.sub("", text).replace(" ", "-")


# Every range's edges and their neighbours, where an off-by-one would show.
_EDGES = sorted({chr(c) for token in REMOVED_RANGES.split()
                 for bound in token.split("-") for c in (int(bound, 16) - 1, int(bound, 16), int(bound, 16) + 1)
                 if 0 <= c <= 0x10FFFF})
_CHARS = st.one_of(st.characters(), st.sampled_from(_EDGES), st.characters(max_codepoint=127))


@settings(max_examples=400, deadline=None)
@given(st.text(_CHARS, max_size=40), st.booleans())
def test_github_slug_removes_what_the_upstream_class_removes(text: str, maintain_case: bool) -> None:
    assert slugs.github_slug(text, maintain_case) == _reference_slug(text, maintain_case)


def test_every_range_edge_is_judged_as_the_class_judges_it() -> None:
    text = "".join(_EDGES)
    assert slugs.github_slug(text, True) == _reference_slug(text, True)
    for char in _EDGES:
        assert slugs.github_slug(char, True) == _reference_slug(char, True), hex(ord(char))
