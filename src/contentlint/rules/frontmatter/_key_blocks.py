"""Top-level key blocks of a frontmatter block, as spans of the file text, so
that keys can be moved without re-serialising anything (DESIGN.md §3).

In YAML block style and in TOML a key's block runs from the comment lines
right above it to the end of the line where its value ends; in JSON and YAML
flow style it is the member itself, and the commas between stay in place.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Mapping, NamedTuple, Optional

if TYPE_CHECKING:
    import yaml

    from ...document.document import Document
    from ...document.frontmatter import FrontmatterBlock
    from ...document.keynodes import KeyNode



class KeyBlock(NamedTuple):
    """The span of the text that moves with a top-level key."""

    key: str
    start: int
    end: int


def key_blocks(doc: Document, block: FrontmatterBlock, rank: Mapping[str, int]) -> Optional[list[KeyBlock]]:
    """(key, start, end) of every top-level key named in ``rank``, in file
    order; ``None`` when moving them could change the data."""
    tree: Optional[KeyNode] = block.key_tree
    if tree is None:
        return None
    entries = tree.entries
    keys = [e.key for e in entries]
    if len(set(keys)) != len(keys) or "<<" in keys:
        return None
    if block.format == "yaml" and _has_anchors(block.content):
        return None
    line_based = block.format == "toml" or (
        block.format == "yaml" and not getattr(block.yaml_node, "flow_style", False)
    )
    if block.format == "toml":
        # Only `key = value` lines before the first table; tables must stay last.
        entries = [e for e in entries if e.value.start > e.key_end]
    lines = doc.lines
    spans: list[list[int]] = []  # [start, end] per entry, the ends cut back below
    keys_in_order = []
    floor = lines.line_of(block.content_start)  # no block reaches above this line
    for entry in entries:
        if line_based:
            first = lines.line_of(entry.key_start)
            if lines.line_start(first) != entry.key_start - _indent(doc.text, entry.key_start):
                return None  # two keys on one line
            while first - 1 >= floor and _is_comment(lines.line_text(first - 1)):
                first -= 1
            start = lines.line_start(first)
            end_line = lines.line_of(max(entry.value.end - 1, entry.key_end))
            if entry.value.kind != "scalar":
                # A block collection ends where the next key starts, past the
                # comments that belong to that key.
                key_line = lines.line_of(entry.key_start)
                while end_line > key_line and _is_blank_or_comment(lines.line_text(end_line)):
                    end_line -= 1
            end = lines.line_start(end_line + 1) if end_line + 1 < len(lines) else len(doc.text)
            floor = end_line + 1
        else:
            start, end = entry.key_start, entry.value.end
        keys_in_order.append(str(entry.key))  # a mapping's key: always the text as written
        spans.append([start, end])
    for prev, nxt in zip(spans, spans[1:]):
        prev[1] = min(prev[1], nxt[0])
        if prev[0] >= prev[1]:
            return None
    if spans and spans[-1][1] > block.content_end and line_based:
        return None
    return [KeyBlock(key, start, end) for key, (start, end) in zip(keys_in_order, spans) if key in rank]


def reorder(text: str, blocks: list[KeyBlock], rank: Mapping[str, int]) -> tuple[int, int, str]:
    """One edit that puts the ranked blocks in order, each slot keeping its
    place (keys the order does not name, blank lines, commas stay put)."""
    wanted = sorted(blocks, key=lambda b: rank[b.key])
    out = []
    pos = blocks[0].start
    for slot, block in zip(blocks, wanted):
        out.append(text[pos : slot.start])
        out.append(text[block.start : block.end])
        pos = slot.end
    return blocks[0].start, blocks[-1].end, "".join(out)


def _indent(text: str, offset: int) -> int:
    n = 0
    while offset - n - 1 >= 0 and text[offset - n - 1] in " \t":
        n += 1
    return n


def _is_blank_or_comment(line: str) -> bool:
    return not line.strip() or _is_comment(line)


def _is_comment(line: str) -> bool:
    return line.lstrip().startswith("#")


def _has_anchors(content: str) -> bool:
    import yaml  # lazy: start-up time

    if "&" not in content and "*" not in content:
        return False
    try:
        return any(getattr(e, "anchor", None) for e in yaml.parse(content, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)))
    except yaml.YAMLError:
        return True
