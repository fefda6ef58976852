"""The heading rules' fast paths answer as the code they replaced did
(issue 18); the former implementations are the references here."""
from __future__ import annotations

import re
import unicodedata

from hypothesis import given, strategies as st

from contentlint.document.lines import LineIndex
from contentlint.document.mdview import Heading, Inline
from contentlint.document.native import build
from contentlint.document.outline import OutlineEntry, build_outline
from contentlint.rules.headings._common import comparable, is_tab_heading, label, same_heading_key
from contentlint.rules.headings.emphasis_as_heading import opens_with_marker
from contentlint.rules.headings.no_space_after_hash import lines_hold_hash, may_have

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


_MARKDOWN = ["# ", "## ", "[a](#tab/x)", "[b](#tab/y)", "[c](/d)", "<a name=\"n\"></a>", "`c`", " ", "text", "*e*",
             "\n", "\n\n", "=", "\n===\n", "\n---\n"]


def _former_is_tab_heading(heading: Heading) -> bool:
    kids = [p for p in heading.parts if not (p.kind == "text" and not p.content.strip()) and p.kind != "html_inline"]
    if not kids or kids[0].kind != "link_open" or kids[-1].kind != "link_close":
        return False
    if not kids[0].href.startswith("#tab/"):
        return False
    return sum(1 for p in kids if p.kind == "link_open") == 1


@given(st.lists(st.sampled_from(_MARKDOWN), max_size=30).map("".join))
def test_tab_headings_are_told_as_before_and_outline_entries_hold_the_headings(source):
    lines = LineIndex(source)
    view = build(source, lines)
    outline = build_outline(view, lines)
    markdown = [entry for entry in outline if entry.heading is not None]
    assert [entry.heading for entry in markdown] == list(view.headings)
    for entry in markdown:
        heading = entry.heading
        assert isinstance(entry, OutlineEntry)
        assert (entry.level, entry.line, entry.text, entry.span, entry.container) == (
            heading.level, heading.line, heading.text, heading.span, heading.container)
        assert not entry.html
        assert is_tab_heading(entry) == _former_is_tab_heading(heading)
        assert is_tab_heading(heading) == _former_is_tab_heading(heading)


def test_a_tab_label_heading_is_still_a_tab():
    source = "# [Visual Studio](#tab/vs)\n"
    heading = build(source, LineIndex(source)).headings[0]
    assert len(heading.parts) >= 2 and isinstance(heading.parts[0], Inline)
    assert is_tab_heading(heading)


@given(st.lists(st.sampled_from(["*", "_", " ", "\t", "\xa0", "\u3000", "a", "\n", "\r\n", "\r", "**b**"]),
                max_size=40).map("".join))
def test_a_line_opens_with_an_emphasis_marker_as_its_stripped_text_says(text):
    lines = LineIndex(text)
    for line in range(len(lines)):
        assert opens_with_marker(text, lines, line) == (lines.line_text(line).lstrip()[:1] in ("*", "_"))


@given(st.lists(st.sampled_from(["#", "a", " ", "\n", "\r\n", "\r", "##b"]), max_size=40).map("".join))
def test_a_hash_on_a_run_of_lines_is_found_as_line_by_line(text):
    lines = LineIndex(text)
    for first in range(len(lines)):
        for end in range(first + 1, len(lines) + 1):
            expected = any("#" in lines.line_text(n) for n in range(first, end))
            assert lines_hold_hash(text, lines, first, end) == expected
