"""Key path → position inside a frontmatter block.

YAML walks the composed node tree (its marks are character offsets, with the C
loader too). TOML and JSON have no position-aware parser in the standard
library, so their keys are found by scanning the block, falling back to the
nearest ancestor and finally to the opening delimiter.
"""
from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING

import yaml

if TYPE_CHECKING:
    from .frontmatter_block import FrontmatterBlock


def locate(block: "FrontmatterBlock", path: tuple) -> tuple[int, int]:
    if block.format == "yaml":
        span = _locate_yaml(block, path)
    elif block.format == "toml":
        span = _locate_toml(block, path)
    else:
        span = _locate_json(block, path)
    if span is None:
        return block.start, block.start + (1 if block.format == "json" else 3)
    return span


def locate_value(block: "FrontmatterBlock", path: tuple) -> tuple[int, int] | None:
    """Span of the value node at ``path`` (YAML only; ``None`` elsewhere)."""
    node = block.yaml_node
    if node is None:
        return None
    for part in path:
        child = _child(node, part)
        if child is None:
            return None
        node = child[1]
    base = block.content_start
    return base + node.start_mark.index, base + node.end_mark.index


def _child(node: yaml.Node, part):
    """(key-or-item node, value node) for ``part`` under ``node``."""
    if isinstance(node, yaml.MappingNode):
        found = None
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode) and (key.value == str(part)):
                found = (key, value)  # the last duplicate wins, as in the loaded data
        return found
    if isinstance(node, yaml.SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
        item = node.value[part]
        return item, item
    return None


def _locate_yaml(block, path):
    node = block.yaml_node
    if node is None:
        return None
    base = block.content_start
    best = None
    for part in path:
        child = _child(node, part)
        if child is None:
            break
        key, node = child
        best = (base + key.start_mark.index, base + key.end_mark.index)
    if best is None:
        start = base + node.start_mark.index
        return start, start
    return best


def _locate_toml(block, path):
    content = block.content
    base = block.content_start
    lines = content.splitlines(keepends=True)
    keys = [str(p) for p in path if not isinstance(p, int)]
    if not keys:
        return None
    table: list[str] = []
    best = None
    offset = 0
    for line in lines:
        stripped = line.strip()
        header = re.match(r"\[\[?\s*([^\]]+?)\s*\]\]?\s*(?:#.*)?$", stripped)
        if header:
            table = [k.strip().strip("\"'") for k in header.group(1).split(".")]
            if table == keys[: len(table)] and best is None:
                col = line.index("[")
                best = (base + offset + col, base + offset + len(line.rstrip("\r\n")))
        else:
            m = re.match(r"\s*([\w\"'.\- ]+?)\s*=", line)
            if m:
                dotted = [k.strip().strip("\"'") for k in m.group(1).split(".")]
                full = table + dotted
                if full == keys:
                    return base + offset + m.start(1), base + offset + m.end(1)
                if full == keys[: len(full)] and best is None:
                    best = (base + offset + m.start(1), base + offset + m.end(1))
        offset += len(line)
    return best


def _locate_json(block, path):
    content = block.content
    base = block.content_start
    pos = 0
    best = None
    for part in path:
        if isinstance(part, int):
            continue
        needle = json.dumps(str(part), ensure_ascii=False) + ":"
        m = re.compile(re.escape(needle[:-1]) + r"\s*:").search(content, pos)
        if m is None:
            break
        best = (base + m.start(), base + m.start() + len(needle) - 1)
        pos = m.end()
    return best
