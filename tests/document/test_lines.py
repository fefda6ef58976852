import re

from hypothesis import given, strategies as st

from contentlint.document.lines import LineIndex


def test_positions_with_every_line_ending():
    idx = LineIndex("a\nbb\r\nccc\rd")
    assert idx.position(0) == (1, 1)
    assert idx.position(2) == (2, 1)
    assert idx.position(3) == (2, 2)
    assert idx.position(6) == (3, 1)
    assert idx.position(10) == (4, 1)
    assert [idx.line_text(i) for i in range(len(idx))] == ["a", "bb", "ccc", "d"]


def test_columns_count_code_points_not_bytes():
    idx = LineIndex("héllo wörld\nx")
    assert idx.position(7) == (1, 8)


def test_offset_past_the_end_is_clamped():
    idx = LineIndex("ab\n")
    assert idx.position(99) == (2, 1)



@given(st.lists(st.sampled_from(["a", "é", " ", "\n", "\r", "\r\n", "\u2028", "\x0b"]), max_size=120).map("".join))
def test_lines_start_after_each_line_break_whichever_the_file_uses(text):
    # Only \n, \r\n and \r end lines (not U+2028 or \v, which str.splitlines would take).
    assert LineIndex(text).starts == [0] + [m.end() for m in re.finditer(r"\r\n|\r|\n", text)]
