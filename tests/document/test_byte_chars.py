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


# Offsets asked in any order (the walk goes back to a link's or an image's
# start, paragraphs are walked on demand), on mostly-ASCII text and on text
# with many multi-byte characters.
_SOME_WIDE = st.text(alphabet=st.sampled_from(list("ab \n#*[]()") + ["é", "日", "😀", "\u2019"]), max_size=400)
_ALL_WIDE = st.text(alphabet=st.sampled_from(["é", "日", "本", "😀", "ж", "a"]), min_size=300, max_size=900)


@given(st.one_of(_SOME_WIDE, _ALL_WIDE), st.data())
def test_offsets_asked_in_any_order_map_to_their_characters(text, data):
    convert = char_offsets(text)
    encoded = text.encode("utf-8")
    boundaries = [len(text[:i].encode("utf-8")) for i in range(len(text) + 1)]
    for byte in data.draw(st.lists(st.sampled_from(boundaries), max_size=60)):
        assert convert(byte) == len(encoded[:byte].decode("utf-8"))


def test_offsets_map_back_and_forth_on_a_real_mix_of_scripts():
    text = ("Ruby 3.3 リリース — “quoted” text, ünïcödé and emoji 😀\n" * 40)
    for sample in (text, text[:200]):
        convert = char_offsets(sample)
        boundaries = [len(sample[:i].encode("utf-8")) for i in range(len(sample) + 1)]
        for index in list(range(len(boundaries)))[::-1] + list(range(len(boundaries))):
            assert convert(boundaries[index]) == index
