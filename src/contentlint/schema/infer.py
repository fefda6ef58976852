"""Infer a draft 2020-12 JSON Schema from the frontmatter of many files.

The result is built to validate every file it was inferred from (the test
suite checks the round trip): types are unions of what was seen, ``required``
only lists keys present in at least the threshold share of the mappings, and
an ``enum`` or a ``format`` is only given when every value satisfies it.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable, Optional

from .formats import is_date, is_date_time, is_uri
from .store import NonJson

JsonSchema = dict[str, Any]

DRAFT = "https://json-schema.org/draft/2020-12/schema"
_ENUM_MAX_LENGTH = 40  # longer texts (titles, descriptions) are never enums
_TYPE_ORDER = ["null", "boolean", "integer", "number", "string", "array", "object"]


@dataclass
class _Seen:
    """Everything observed at one key path."""

    count: int = 0
    types: set[str] = field(default_factory=set)
    strings: dict[str, int] = field(default_factory=dict)  # value -> occurrences
    items: "_Seen | None" = None
    objects: int = 0
    keys: dict[str, _Seen] = field(default_factory=dict)
    key_order: list[str] = field(default_factory=list)
    untyped: bool = False  # a value with no JSON type (a YAML set, `.nan`) was seen

    def add(self, value: Any) -> None:
        self.count += 1
        kind = json_type(value)
        if kind is None:
            self.untyped = True
            return
        self.types.add(kind)
        if kind == "string":
            self.strings[value] = self.strings.get(value, 0) + 1
        elif kind == "array":
            if self.items is None:
                self.items = _Seen()
            for item in value:
                self.items.add(item)
        elif kind == "object":
            self.objects += 1
            for key, child in value.items():
                if key not in self.keys:
                    self.keys[key] = _Seen()
                    self.key_order.append(key)
                self.keys[key].add(child)


def json_type(value: Any) -> Optional[str]:
    """The JSON Schema type name of a frontmatter value as ``to_instance``
    gives it; None for a ``NonJson`` value, which has none."""
    if isinstance(value, NonJson):
        return None
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    return "object"


def infer(instances: Iterable[Any], *, required_threshold: float = 1.0, max_enum: int = 10,
          strict: bool = False, title: str = "Inferred frontmatter schema") -> JsonSchema:
    seen = _Seen()
    total = 0
    for instance in instances:
        seen.add(instance)
        total += 1
    schema: JsonSchema = {"$schema": DRAFT, "title": title,
                    "description": f"Inferred by `contentlint schema infer` from {total} file(s)."}
    schema.update(_schema_for(seen, required_threshold, max_enum, strict))
    return schema


def _schema_for(seen: _Seen, threshold: float, max_enum: int, strict: bool) -> JsonSchema:
    types = set(seen.types)
    if {"integer", "number"} <= types:
        types.discard("integer")  # every integer is a number
    ordered = [t for t in _TYPE_ORDER if t in types]
    out: JsonSchema = {}
    # No JSON Schema type admits a YAML set or `.nan`: leave the type open
    # rather than infer a schema that rejects the files it came from.
    if ordered and not seen.untyped:
        out["type"] = ordered[0] if len(ordered) == 1 else ordered
    if "string" in types:
        out.update(_string_rules(seen, max_enum))
    if "array" in types and seen.items is not None and seen.items.count:
        out["items"] = _schema_for(seen.items, threshold, max_enum, strict)
    if "object" in types:
        out["properties"] = {k: _schema_for(seen.keys[k], threshold, max_enum, strict) for k in seen.key_order}
        required = [k for k in seen.key_order if seen.keys[k].count >= threshold * seen.objects]
        if required:
            out["required"] = required
        if strict:
            out["additionalProperties"] = False
    return out


def _string_rules(seen: _Seen, max_enum: int) -> JsonSchema:
    values = list(seen.strings)
    if all(is_date(v) for v in values):
        return {"format": "date"}
    if all(is_date_time(v) for v in values):
        return {"format": "date-time"}
    if all(is_date(v) or is_date_time(v) for v in values):
        return {"anyOf": [{"type": "string", "format": "date"}, {"type": "string", "format": "date-time"},
                          {"not": {"type": "string"}}]}
    if all("://" in v and is_uri(v) for v in values):
        return {"format": "uri"}
    occurrences = sum(seen.strings.values())
    # An enum only for repeated short values: ten distinct titles are not a choice list.
    if (len(values) <= max_enum and occurrences > len(values)
            and all(len(v) <= _ENUM_MAX_LENGTH for v in values) and len(seen.types) == 1 and not seen.untyped):
        return {"enum": sorted(values)}
    return {}
