"""Blocks without anchors or aliases get the cheap depth check; it rejects
exactly what the full node-graph walk rejects, at the same place."""
from __future__ import annotations

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from contentlint.document import frontmatter as fm


def _outcome(check, node):
    try:
        check(node, 7)
    except fm.FrontmatterSyntaxError as exc:
        return exc.offset, exc.message
    return None


def _nest(depths: list[int], flow: bool) -> str:
    lines = []
    for i, depth in enumerate(depths):
        if flow:
            lines.append(f"k{i}: " + "[" * depth + "x" + "]" * depth)
        else:
            lines.append(f"k{i}:" + ("".join(f"\n{'  ' * (d + 1)}- " for d in range(depth)) or " ") + "x")
    return "\n".join(lines) + "\n"


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(0, fm.MAX_DEPTH + 3), min_size=1, max_size=4), st.booleans())
def test_depth_check_agrees_with_the_full_walk(depths, flow):
    text = _nest(depths, flow)
    node = yaml.compose(text, Loader=fm.SafeLoader)
    assert _outcome(fm._check_tree_depth, node) == _outcome(fm._check_node_graph, node)


@pytest.mark.parametrize("depth, rejected", [(fm.MAX_DEPTH - 2, False), (fm.MAX_DEPTH, True)])
def test_too_deep_block_without_aliases_is_still_a_finding(depth, rejected):
    """Through the block parser: a top-level mapping plus ``depth`` nested
    lists plus the scalar; past MAX_DEPTH levels the block does not load."""
    text = "k: " + "[" * depth + "x" + "]" * depth + "\n"
    assert "&" not in text and "*" not in text
    data, error = fm.FrontmatterBlock(f"---\n{text}---\n", "yaml", 0, len(text) + 8, 4, 4 + len(text))._parsed
    assert (error is not None) == rejected
    if rejected:
        assert f"nested more than {fm.MAX_DEPTH} levels deep" in error.message
