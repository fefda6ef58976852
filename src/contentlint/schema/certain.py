"""A yes-or-don't-know validator for the small JSON Schemas contentlint
writes itself (the configuration file's): it says "valid" only when
jsonschema would, and "don't know" for anything else, so the caller asks
jsonschema (and gets its error messages) only then. Loading jsonschema cost
a one-file run with a configuration file a quarter of its start-up.

Keywords it knows: ``type``, ``properties``, ``additionalProperties``,
``items`` (a schema), ``enum``, ``const``, ``minimum``, ``maximum``,
``exclusiveMinimum``, ``minLength``, ``pattern``, ``anyOf``, and the
annotations ``description``/``title``/``default``. Any other keyword means
"don't know"."""
from __future__ import annotations

import re
from typing import Any

_ANNOTATIONS = frozenset({"description", "title", "default", "$comment"})
_KNOWN = frozenset({"type", "properties", "additionalProperties", "items", "enum", "const", "minimum", "maximum",
                    "exclusiveMinimum", "minLength", "pattern", "anyOf"}) | _ANNOTATIONS


class _Unknown(Exception):
    pass


def certainly_valid(schema: Any, instance: Any) -> bool:
    """True only when ``instance`` is valid under ``schema`` (draft 2020-12)."""
    try:
        return _valid(schema, instance)
    except (_Unknown, RecursionError, re.error, TypeError, ValueError):
        return False


def _is_type(name: str, value: Any) -> bool:
    if name == "object":
        return isinstance(value, dict)
    if name == "array":
        return isinstance(value, list)
    if name == "string":
        return isinstance(value, str)
    if name == "boolean":
        return isinstance(value, bool)
    if name == "null":
        return value is None
    if name == "integer":  # 1.0 is an integer in JSON Schema; True is not
        return not isinstance(value, bool) and (isinstance(value, int)
                                                or (isinstance(value, float) and value.is_integer()))
    if name == "number":
        return not isinstance(value, bool) and isinstance(value, (int, float))
    raise _Unknown(name)


def _same(a: Any, b: Any) -> bool:
    """JSON equality for scalars (True is not 1); anything else: don't know."""
    for value in (a, b):
        if not (value is None or isinstance(value, (str, bool, int, float))):
            raise _Unknown("enum of containers")
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    return bool(a == b)


def _valid(schema: Any, value: Any) -> bool:
    if schema is True:
        return True
    if not isinstance(schema, dict):
        raise _Unknown("schema")
    if not _KNOWN.issuperset(schema):
        raise _Unknown(", ".join(sorted(set(schema) - _KNOWN)))
    kinds = schema.get("type")
    if kinds is not None:
        if not any(_is_type(k, value) for k in ([kinds] if isinstance(kinds, str) else kinds)):
            return False
    if "enum" in schema and not any(_same(value, choice) for choice in schema["enum"]):
        return False
    if "const" in schema and not _same(value, schema["const"]):
        return False
    if "anyOf" in schema and not any(_valid(s, value) for s in schema["anyOf"]):
        return False
    if isinstance(value, dict):
        return _valid_object(schema, value)
    if isinstance(value, list) and "items" in schema:
        return all(_valid(schema["items"], item) for item in value)
    if isinstance(value, str):
        if "minLength" in schema and not _is_type("integer", schema["minLength"]):
            raise _Unknown("minLength")
        if "minLength" in schema and len(value) < schema["minLength"]:
            return False
        if "pattern" in schema and re.search(schema["pattern"], value) is None:
            return False
    if _is_type("number", value):
        for bound in ("minimum", "maximum", "exclusiveMinimum"):
            if bound in schema and not _is_type("number", schema[bound]):
                raise _Unknown(bound)
        if "minimum" in schema and value < schema["minimum"]:
            return False
        if "maximum" in schema and value > schema["maximum"]:
            return False
        if "exclusiveMinimum" in schema and value <= schema["exclusiveMinimum"]:
            return False
    return True


def _valid_object(schema: dict[str, Any], value: dict[Any, Any]) -> bool:
    properties = schema.get("properties", {})
    extra = schema.get("additionalProperties", True)
    for key, item in value.items():
        if not isinstance(key, str):
            raise _Unknown("key")
        if key in properties:
            if not _valid(properties[key], item):
                return False
        elif extra is False or not _valid(extra, item):
            return False
    return True
