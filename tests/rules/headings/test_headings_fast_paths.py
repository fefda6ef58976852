"""The heading rules' fast paths answer as the code they replaced did
(issue 18); the former implementations are the references here."""
from __future__ import annotations

import re
import unicodedata

from hypothesis import given, strategies as st

from contentlint.rules.headings._common import comparable, label, same_heading_key
from contentlint.rules.headings.no_space_after_hash import may_have

_SPACES = re.compile(r"\s+")


def _former_comparable(text: str) -> str:
    folded = unicodedata.normalize("NFKC", label(text)).casefold()
    kept = "".join(" " if unicodedata.category(ch)[0] == "P" else ch for ch in folded)
    return _SPACES.sub(" ", kept).strip()


_HEADING_TEXT = st.text(alphabet=st.sampled_from(list("aZ1 \t-:_'\"`*!?.,{}#") + [
    "é", "ß", "Ⅻ", "ﬁ", "「", "」", "。", "、", "—", "…", "«", "»", "\u3000", "\xa0", "\u2028", "\x1c", "¿", "＊", "ｱ"]),
    max_size=40)


@given(_HEADING_TEXT)
def test_titles_compare_as_before(text):
    assert comparable(text) == _former_comparable(text)
    assert same_heading_key(text) == _SPACES.sub(" ", label(text)).strip()


@given(st.characters())
def test_every_character_is_punctuation_exactly_when_unicode_says_so(ch):
    assert comparable("a" + ch + "b") == _former_comparable("a" + ch + "b")


_FORMER_MAY_HAVE = {
    "\n": re.compile(r"^[ \t>]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)*#+[^\s#]", re.MULTILINE),
    "\r": re.compile(r"(?:(?<=[\r\n])|\A)[ \t>]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)*#+[^\s#]"),
}
_LINE_PIECES = [" ", "\t", ">", "-", "*", "+", "1", "12", "1234567890", ".", ")", "#", "##", "\n", "\r", "\r\n", "a",
                "\u3000", "\xa0", "٣"]


@given(st.lists(st.sampled_from(_LINE_PIECES), max_size=20).map("".join), st.data())
def test_a_glued_hash_run_is_found_where_the_line_pattern_found_it(source, data):
    start = data.draw(st.integers(0, len(source)))
    former = _FORMER_MAY_HAVE["\r" if "\r" in source else "\n"].search(source, start) is not None
    assert may_have(source, start) == former
