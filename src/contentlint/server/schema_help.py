"""Hover and completion for frontmatter keys and values, from the schema the
file gets by the same discovery as ``contentlint check`` (schema_discovery)."""
from __future__ import annotations

import json
import logging
from typing import Any, Optional

import yaml
from lsprotocol import types

from ..config.loader import Config, ConfigError
from ..document.document import Document
from ..engine.lint import Settings, file_context
from ..document.keynodes import KeyNode
from ..schema.compile import Schema
from ..schema.discovery import resolve

# A path of keys (and list indexes) into the frontmatter data
KeyPath = tuple[Any, ...]
# A JSON Schema (sub)schema
JsonSchema = dict[str, Any]

log = logging.getLogger(__name__)


def file_schema(doc: Document, config: Config, abs_path: str) -> Optional[Schema]:
    try:
        return resolve(doc, file_context(config, doc, abs_path, Settings())).schema
    except ConfigError:
        return None  # a broken schema is reported as a diagnostic by the lint


def key_path_at(node: Optional[KeyNode], offset: int, path: KeyPath = ()) -> Optional[KeyPath]:
    """The path of the mapping key written at ``offset``, if one is."""
    if node is None:
        return None
    for entry in node.entries:
        if node.kind == "map" and entry.key_start <= offset <= entry.key_end:
            return path + (entry.key,)
        child = entry.value
        if child.kind in ("map", "seq") and child.start <= offset <= child.end:
            found = key_path_at(child, offset, path + (entry.key,))
            if found is not None:
                return found
    return None


def _types(subs: list[JsonSchema]) -> list[str]:
    out: list[str] = []
    for sub in subs:
        kinds = sub.get("type")
        for kind in kinds if isinstance(kinds, list) else [kinds]:
            if isinstance(kind, str) and kind not in out:
                out.append(kind)
    return out


def _first(subs: list[JsonSchema], key: str) -> Optional[str]:
    for sub in subs:
        value = sub.get(key)
        if isinstance(value, str):
            return value
    return None


def _choices(subs: list[JsonSchema]) -> list[Any]:
    values: list[Any] = []
    for sub in subs:
        for value in sub.get("enum", []) if isinstance(sub.get("enum"), list) else []:
            if value not in values:
                values.append(value)
        if "const" in sub and sub["const"] not in values:
            values.append(sub["const"])
    if not values and _types(subs) == ["boolean"]:
        values = [True, False]
    return values


def describe(key: str, subs: list[JsonSchema]) -> str:
    title = _first(subs, "title")
    lines = [f"**{title}** (`{key}`)" if title else f"`{key}`"]
    description = _first(subs, "description")
    if description:
        lines += ["", description]
    facts = []
    kinds = _types(subs)
    if kinds:
        facts.append("type: " + " or ".join(f"`{k}`" for k in kinds))
    formats = [s["format"] for s in subs if isinstance(s.get("format"), str)]
    if formats:
        facts.append("format: " + " or ".join(f"`{f}`" for f in dict.fromkeys(formats)))
    choices = _choices(subs)
    if choices and kinds != ["boolean"]:
        facts.append("one of " + ", ".join(f"`{json.dumps(c)}`" for c in choices))
    if facts:
        lines += ["", " · ".join(facts)]
    return "\n".join(lines)


def hover(doc: Document, config: Config, abs_path: str, offset: int) -> Optional[str]:
    block = doc.frontmatter
    if block is None or not block.content_start <= offset <= block.content_end:
        return None
    path = key_path_at(block.key_tree, offset)
    if path is None:
        return None
    schema = file_schema(doc, config, abs_path)
    if schema is None:
        return None
    subs = schema.subschemas_at(path)
    return describe(str(path[-1]), subs) if subs else None


def _blank_line(text: str, start: int, end: int) -> str:
    # The line being typed rarely parses ("ti" is no key yet); blanked, the
    # rest of the block still does, and offsets stay put.
    return text[:start] + " " * (end - start) + text[end:]


def _parent(node: Optional[KeyNode], doc: Document, line_start: int, indent: int) -> KeyPath:
    """The key whose block the cursor line belongs to, by indentation: the
    last key above the line that is indented less than the cursor."""
    path: KeyPath = ()
    while node is not None and node.kind == "map":
        above = [e for e in node.entries if e.key_start < line_start]
        if not above:
            break
        entry = max(above, key=lambda e: e.key_start)
        column = entry.key_start - doc.lines.line_start(doc.lines.line_of(entry.key_start))
        if column >= indent:
            break
        path += (entry.key,)
        node = entry.value
    return path


def _scalar(value: Any, fmt: str) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        if fmt == "yaml":
            try:
                if yaml.safe_load(value) == value and "#" not in value and ": " not in value:
                    return value
            except yaml.YAMLError:
                pass
        return json.dumps(value, ensure_ascii=False)
    return json.dumps(value)


def completions(doc: Document, config: Config, abs_path: str, offset: int) -> list[types.CompletionItem]:
    block = doc.frontmatter
    if block is None or block.format == "json" or not block.content_start <= offset <= block.content_end:
        return []
    lines = doc.lines
    line = lines.line_of(offset)
    start, end = lines.line_start(line), lines.line_end(line)
    before = doc.text[start:offset]
    blanked = Document(doc.path, _blank_line(doc.text, start, end)).frontmatter
    tree = blanked.key_tree if blanked is not None and blanked.format == block.format else None
    schema = file_schema(doc, config, abs_path)
    if schema is None:
        return []
    stripped = before.lstrip(" \t")
    indent = len(before) - len(stripped)
    separator = ":" if block.format == "yaml" else "="
    if block.format == "toml" and any(lines.line_text(n).lstrip().startswith("[")
                                       for n in range(lines.line_of(block.content_start), line)):
        return []  # keys inside TOML tables: not offered (top-level keys only)
    if separator in stripped:
        key = stripped.split(separator, 1)[0].strip().strip("\"'")
        path = _parent(tree, doc, start, indent) + (key,)
        return _values(schema.subschemas_at(path), block.format)
    if block.format == "yaml" and stripped.startswith("-"):
        path = _parent(tree, doc, start, indent + 1) + (0,)
        return _values(schema.subschemas_at(path), block.format)
    parent = _parent(tree, doc, start, indent)
    present = set()
    node = tree
    for part in parent:
        entry = node.child(part) if node is not None else None
        node = entry.value if entry is not None else None
    if node is not None and node.kind == "map":
        present = {str(e.key) for e in node.entries}
    items = {}
    for sub in schema.subschemas_at(parent):
        props = sub.get("properties")
        for key, prop in (props.items() if isinstance(props, dict) else ()):
            if key in present or key in items:
                continue
            subs = schema.subschemas_at(parent + (key,)) or [prop if isinstance(prop, dict) else {}]
            items[key] = types.CompletionItem(
                label=key,
                kind=types.CompletionItemKind.Property,
                detail=" or ".join(_types(subs)) or None,
                documentation=types.MarkupContent(kind=types.MarkupKind.Markdown, value=describe(key, subs)),
                insert_text=f"{key}: " if block.format == "yaml" else f"{key} = ",
            )
    return list(items.values())


def _values(subs: list[JsonSchema], fmt: str) -> list[types.CompletionItem]:
    return [
        types.CompletionItem(label=_scalar(v, fmt), kind=types.CompletionItemKind.EnumMember)
        for v in _choices(subs)
    ]
