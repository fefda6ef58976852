"""The text rules' fast paths skip a file only when the full scan would find
nothing there: they may never hide a finding."""
from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from contentlint.api import lint_text
from contentlint.rules.text.control_character import _PATTERN, _may_hold

# Mostly ASCII prose with the characters the rules look for mixed in.
_CHARS = st.sampled_from(list("ab \n\t\r#é—“") + ["\x00", "\x0b", "\x1b", "\x7f", "\x85", "\x93", "\u200b",
                                                  "\u2028", "\u202e", "\u2066", "\ufeff", "\udc80", "\ud800"])


@settings(max_examples=300, deadline=None)
@example("plain ascii\n")
@example("caf\u00e9 \x0b\n")
@example("\udc93 a lone surrogate\n")
@given(st.text(_CHARS, max_size=40))
def test_control_character_fast_path_agrees_with_the_scan(text):
    assert _may_hold(text) == (_PATTERN.search(text) is not None)


@settings(max_examples=100, deadline=None)
@given(st.text(_CHARS, max_size=40).filter(lambda t: "\x00" not in t))  # NUL: a binary file, not checked
def test_stray_bom_and_control_findings_equal_a_scan_of_the_text(text):
    found = lint_text("x" + text + "\n", config={"select": ["TX003", "TX004"]}).violations
    codes = {v.code for v in found}
    assert ("TX003" in codes) == ("\ufeff" in text)
    if _PATTERN.search(text) is None:
        assert "TX004" not in codes
