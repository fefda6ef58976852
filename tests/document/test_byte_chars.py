"""Byte offsets from the parser become character offsets of the text."""
from __future__ import annotations

from hypothesis import given, strategies as st

from contentlint.document.byte_chars import char_offsets, converter


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=600))
def test_every_character_boundary_maps_to_its_character_offset(text):
    convert = char_offsets(text)
    byte = 0
    for index, ch in enumerate(text):
        assert convert(byte) == index
        byte += len(ch.encode("utf-8"))
    assert convert(byte) == len(text)


def test_ascii_text_needs_no_map_and_shifts_follow_the_conversion():
    assert converter("plain") is None
    assert converter("plain", lambda pos: pos + 1)(3) == 4
    assert converter("é" * 300 + "x", lambda pos: pos * 10)(601) == 3010
