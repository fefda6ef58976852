"""Key path → position inside a frontmatter block.

Every format is indexed into the same small tree of ``KeyNode``s (value spans)
and ``Entry``s (key spans), all in offsets of the whole file text. YAML comes
from the composed node tree (its marks are character offsets, with the C
loader too); JSON and TOML have no position-aware parser in the standard
library, so ``keypos_json`` and ``keypos_toml`` scan the block themselves.
Lookups fall back to the deepest ancestor found, then to the opening delimiter.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Optional

import yaml

from .keynodes import Entry, KeyNode, KeyPath
from .keypos_json import json_tree
from .keypos_toml import toml_tree

if TYPE_CHECKING:
    from .frontmatter import FrontmatterBlock


def key_tree(block: "FrontmatterBlock") -> Optional[KeyNode]:
    if block.format == "yaml":
        node = block.yaml_node
        return None if node is None else _yaml_tree(node, block.content_start, {})
    if block.data is None:
        return None
    if block.format == "json":
        return json_tree(block.text, block.content_start, block.content_end)
    return toml_tree(block.text, block.content_start, block.content_end)


def _yaml_tree(node: yaml.Node, base: int, memo: dict[int, KeyNode]) -> KeyNode:
    # Aliased nodes are shared in the composed graph; the memo keeps them shared
    # (and the block's size and depth were bounded when it was loaded).
    done = memo.get(id(node))
    if done is not None:
        return done
    start, end = base + node.start_mark.index, base + node.end_mark.index
    if isinstance(node, yaml.MappingNode):
        out = KeyNode("map", start, end)
        memo[id(node)] = out
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode):
                out.entries.append(Entry(key.value, base + key.start_mark.index, base + key.end_mark.index,
                                         _yaml_tree(value, base, memo)))
        return out
    if isinstance(node, yaml.SequenceNode):
        out = KeyNode("seq", start, end)
        memo[id(node)] = out
        for i, item in enumerate(node.value):
            child = _yaml_tree(item, base, memo)
            out.entries.append(Entry(i, child.start, child.end, child))
        return out
    out = KeyNode("scalar", start, end, style=getattr(node, "style", None) or None)  # the C loader says "" for plain
    memo[id(node)] = out
    return out


def _walk(block: "FrontmatterBlock", path: KeyPath) -> tuple[Optional[KeyNode], list[Entry]]:
    tree = block.key_tree
    found: list[Entry] = []
    node = tree
    for part in path:
        if node is None:
            break
        entry = node.child(part)
        if entry is None:
            break
        found.append(entry)
        node = entry.value
    return tree, found


def locate(block: "FrontmatterBlock", path: KeyPath) -> tuple[int, int]:
    """Span of the key at ``path`` (the item for sequence indexes); the deepest
    ancestor found; the start of the root mapping; the opening delimiter."""
    _, found = _walk(block, path)
    if found:
        return found[-1].key_start, found[-1].key_end
    return opening(block)


def locate_value(block: "FrontmatterBlock", path: KeyPath) -> Optional[tuple[int, int]]:
    """Span of the value at ``path``, or ``None`` when it cannot be found exactly."""
    tree, found = _walk(block, path)
    if tree is None or len(found) != len(path):
        return None
    node = found[-1].value if found else tree
    return node.start, node.end


def opening(block: "FrontmatterBlock") -> tuple[int, int]:
    return block.start, block.start + (1 if block.format == "json" else 3)
