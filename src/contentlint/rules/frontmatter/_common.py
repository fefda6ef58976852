"""Helpers shared by the frontmatter rules: the file's schema (resolved once per
document and pass), key paths and values as they appear in messages."""
from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, Iterable, Optional, Union

from ...document.text_regions import shorten
from ...registry import RuleContext, RuleOptions
from ...schema import discovery as schema_discovery
from ...schema.store import NonJson

if TYPE_CHECKING:
    import yaml

    from ...document.document import Document
    from ...document.frontmatter import FrontmatterBlock
    from ...document.keynodes import KeyNode

_SHOW_LIMIT = 60
_STR_TAG = "tag:yaml.org,2002:str"

# Where a value sits in the frontmatter data: mapping keys and list indexes.
KeyPath = tuple[Union[str, int], ...]


def resolution(doc: Document, ctx: RuleContext[RuleOptions]) -> schema_discovery.Resolution:
    """The schema for this document (kept in the per-document memo, so FM001,
    FM101 and FM103 resolve it once)."""
    found: Optional[schema_discovery.Resolution] = ctx.memo.get("frontmatter-schema")
    if found is None:
        found = ctx.memo["frontmatter-schema"] = schema_discovery.resolve(doc, ctx.file)
    return found


def usable_block(doc: Document) -> Optional[FrontmatterBlock]:
    """The frontmatter block when it parsed (FM002 reports the others)."""
    block = doc.frontmatter
    if block is None or block.error is not None:
        return None
    return block


def bad_value_spans(doc: Document) -> set[tuple[int, int]]:
    """Spans of the values FM002 reports as impossible to build (`2024-02-30`):
    the other rules leave them to it, so each gets one finding."""
    block = doc.frontmatter
    return set() if block is None else {(bad.start, bad.end) for bad in block.value_problems}


def key_path(path: Iterable[Union[str, int]]) -> str:
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


def show(value: Any) -> str:
    """A value in backticks, as short, single-line text."""
    if isinstance(value, str):
        text = value
    elif isinstance(value, NonJson):
        text = value.text
    elif isinstance(value, bool):
        text = "true" if value else "false"
    elif value is None:
        text = "null"
    else:
        text = json.dumps(value, ensure_ascii=False, default=str)
    text = shorten(text.replace("\r\n", "\n").replace("\n", "\\n"), _SHOW_LIMIT)
    return f"`{text.replace('`', 'ˋ')}`"


def key_span(doc: Document, path: KeyPath) -> tuple[int, int]:
    block = doc.frontmatter
    if block is None:
        return 0, 0
    from ...document.keypos import locate  # lazy: start-up time (yaml)

    return locate(block, tuple(path))


def value_span(doc: Document, path: KeyPath) -> Optional[tuple[int, int]]:
    block = doc.frontmatter
    if block is None:
        return None
    from ...document.keypos import locate_value  # lazy: start-up time (yaml)

    return locate_value(block, tuple(path))


def scalar_text(doc: Document, path: KeyPath, new: str) -> Optional[tuple[int, int, str]]:
    """An edit that replaces the string scalar at ``path`` with ``new``, in
    the quoting the file already uses (and never one that changes its type)."""
    block = doc.frontmatter
    if block is None:
        return None
    tree: Optional[KeyNode] = block.key_tree
    if tree is None:
        return None
    node = tree
    for part in path:
        entry = node.child(part)
        if entry is None:
            return None
        node = entry.value
    if node.kind != "scalar":
        return None
    if block.format == "yaml" and node.style is None:
        if yaml_plain_is_string(new) and "\n" not in new:
            return node.start, node.end, new
        return node.start, node.end, json.dumps(new, ensure_ascii=False)
    if node.style == "'" and "'" not in new and "\n" not in new:
        return node.start, node.end, f"'{new}'"
    if node.style in ('"', "'"):
        return node.start, node.end, json.dumps(new, ensure_ascii=False)
    return None


def yaml_plain_is_string(text: str) -> bool:
    """Whether ``text`` written unquoted would still load as that same string."""
    import yaml  # lazy: start-up time

    if not text or text != text.strip():
        return False
    try:
        loaded: object = yaml.safe_load(f"k: {text}\n")
        return loaded == {"k": text}
    except Exception:  # noqa: BLE001 - an impossible date raises ValueError, not YAMLError
        return False
