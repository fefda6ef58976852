"""FM103 skips plain text values that cannot be ambiguous (they do not
start like a number) without asking _ambiguity: for every plain scalar the
skip must only ever pass over values _ambiguity would not flag."""
from __future__ import annotations

import yaml
from hypothesis import assume, example, given, settings, strategies as st

from contentlint.rules.frontmatter import yaml_ambiguous_value as fm103

number_like = st.text(alphabet="0123456789eE+-._:xobyesnoYESNOtrueTrue ", min_size=0, max_size=8)


def _value_node(text: str):
    try:
        root = yaml.compose(f"k: {text}\n", Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return None
    if not isinstance(root, yaml.MappingNode) or not root.value:
        return None
    node = root.value[0][1]
    return node if isinstance(node, yaml.ScalarNode) and not node.style else None


@settings(max_examples=1500, deadline=None)
@given(st.one_of(number_like, st.text(max_size=8)))
@example("e5")
@example("E5")
@example(".5e3")
@example("1e3")
@example("010")
@example("-0_1")
@example("12:30")
@example("yes")
def test_skipped_values_are_never_ambiguous(text):
    node = _value_node(text)
    assume(node is not None)
    skipped = node.tag == fm103._STR_TAG and node.value[:1] not in fm103._NUMBER_STARTS
    if skipped:
        assert fm103._ambiguity(node) is None, text


def test_values_that_start_like_numbers_are_still_flagged():
    for text in ("010", "1e3", "-1e3", "+010", ".5e3"):
        node = _value_node(text)
        assert fm103._ambiguity(node) is not None, text
