"""JSON Schema errors in plain words, each with the key path it is about.

jsonschema's own messages quote Python reprs ("'x' is not of type 'string'");
a writer needs the key, what it must be and what it is."""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Iterator, Optional, Sequence

from ...schema.infer import json_type
from ._common import KeyPath, key_path, show

if TYPE_CHECKING:  # jsonschema is imported only when a schema is compiled
    from jsonschema import ValidationError

    from ...schema.compile import Schema

TYPE_WORDS = {
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "array": "a list",
    "object": "a mapping",
    "null": "empty (null)",
}
FORMAT_WORDS = {
    "date": "a date (YYYY-MM-DD)",
    "date-time": "a date and time (YYYY-MM-DDTHH:MM:SSZ)",
    "uri": "a full URL (https://…)",
    "uri-reference": "a URL or a relative path",
    "email": "an email address",
    "regex": "a valid regular expression",
}
_MAX_LISTED = 8


@dataclass
class Problem:
    path: KeyPath  # where to report (a key, or the mapping for a missing key)
    message: str
    value_path: Optional[KeyPath] = None  # the value a fix would replace
    replacement: Optional[str] = None


def problems(error: ValidationError, store: Optional[Schema], document: Any = None) -> Iterator[Problem]:
    """One or more ``Problem``s for one jsonschema error (an
    ``additionalProperties`` error becomes one per unexpected key, each on
    its own line). ``document`` is the whole validated instance."""
    path = tuple(error.absolute_path)
    if error.validator is None and error.schema is False:
        forbidden = _forbidden_keys(error, store, document)
        if forbidden:
            for key in forbidden:
                yield Problem(path + (key,), f"`{key_path(path + (key,))}` is not allowed by the schema")
            return
    where = f"`{key_path(path)}`" if path else "Frontmatter"
    # The keyword that failed; jsonschema gives None for a `false` subschema
    # (the stubs say `Unset`, which only errors built by hand have). The other
    # fields are the schema's and the document's JSON data.
    kind = str(error.validator)
    expected: Any = error.validator_value
    value: Any = error.instance
    schema: Any = error.schema
    if kind == "required":
        # jsonschema yields one error per missing key, naming it only in its message.
        missing = next((k for k in expected if error.message == f"{k!r} is a required property"), None)
        if missing is not None:
            yield Problem(path, _missing(path, missing, schema))
            return
    if kind in ("additionalProperties", "unevaluatedProperties") and isinstance(value, dict):
        allowed = sorted((schema.get("properties") or {}).keys())
        if kind == "unevaluatedProperties":
            # Keys evaluated by allOf/$ref branches are not in this schema's
            # `properties`; jsonschema names the unexpected ones only in words.
            extra = [k for k in value if f"{k!r}" in error.message.rpartition("(")[2]]
            allowed = sorted(set(allowed) | {str(k) for k in value if k not in extra})
        else:
            extra = [k for k in value if k not in allowed and not _pattern_allowed(schema, k)]
        for key in extra:
            yield Problem(path + (key,), _unexpected(path, key, allowed))
        if extra:
            return
    if kind == "enum" and isinstance(value, str):
        same = [v for v in expected if isinstance(v, str) and v.lower() == value.lower() and v != value]
        text = f"{where} must be {_choices(expected)}, got {show(value)}"
        if len(same) == 1:
            yield Problem(path, f"{text} (the case differs from {show(same[0])})", path, same[0])
        else:
            yield Problem(path, text)
        return
    several = kind == "oneOf" and not error.context  # valid under more than one branch
    yield Problem(path, _sentence(where, kind, expected, value, schema, store, several))


def _sentence(where: str, kind: str, expected: Any, value: Any, schema: Any, store: Optional[Schema],
              several: bool) -> str:
    got = f"got {_kind_of(value)} {show(value)}" if kind == "type" else f"got {show(value)}"
    if kind == "type":
        return f"{where} must be {_types(expected)}, {got}"
    if kind == "format":
        return f"{where} must be {FORMAT_WORDS.get(expected, f'in `{expected}` format')}, {got}"
    if kind == "enum":
        return f"{where} must be {_choices(expected)}, {got}"
    if kind == "const":
        return f"{where} must be {show(expected)}, {got}"
    if several:
        return f"{where} matches more than one of the allowed forms, {got}"
    if kind in ("anyOf", "oneOf"):
        wanted = describe(schema, store)
        if wanted:
            return f"{where} must be {wanted}, {got}"
    if kind == "minLength":
        if expected == 1:
            return f"{where} must not be empty"
        return f"{where} must be at least {expected} characters long, got {len(value)}"
    if kind == "maxLength":
        return f"{where} must be at most {expected} characters long, got {len(value)}"
    if kind == "pattern":
        examples = schema.get("examples") if isinstance(schema, dict) else None
        if examples:
            return f"{where} must look like {' or '.join(show(e) for e in examples[:2])}, {got}"
        return f"{where} must match the pattern `{expected}`, {got}"
    bounds = {"minimum": "at least", "maximum": "at most", "exclusiveMinimum": "more than", "exclusiveMaximum": "less than"}
    if kind in bounds:
        return f"{where} must be {bounds[kind]} {expected}, {got}"
    if kind == "multipleOf":
        return f"{where} must be a multiple of {expected}, {got}"
    if kind in ("minItems", "maxItems"):
        word = "at least" if kind == "minItems" else "at most"
        return f"{where} must have {word} {expected} item{'s' if expected != 1 else ''}, got {len(value)}"
    if kind == "uniqueItems":
        dupes = [v for i, v in enumerate(value) if v in value[:i]]
        return f"{where} lists {show(dupes[0]) if dupes else 'an item'} more than once"
    if kind in ("dependentRequired", "dependencies") and isinstance(expected, dict) and isinstance(value, dict):
        for key, needs in expected.items():
            if key in value and isinstance(needs, list):
                lacking = [n for n in needs if n not in value]
                if lacking:
                    return f"{where}: `{key}` also needs {', '.join(f'`{n}`' for n in lacking)}"
    if kind == "false":
        return f"{where} is not allowed"
    return f"{where} does not satisfy the schema's `{kind}` rule"


def _forbidden_keys(error: ValidationError, store: Optional[Schema], document: Any) -> list[str]:
    """The keys a `false` subschema forbids outright (``"legacy": false`` under
    ``properties``) in the mapping the error points at. jsonschema names no
    key for such an error: its ``descend`` returns before it adds the path,
    so the error points at the mapping; the keys come back from the schema."""
    if store is None or not error.relative_schema_path or error.relative_schema_path[-1] != "properties":
        return []
    parent = document
    for step in error.absolute_path:
        try:
            parent = parent[step]
        except (LookupError, TypeError):
            return []
    if not isinstance(parent, dict):
        return []
    keys: list[str] = []
    for schema in store.subschemas_at(tuple(error.absolute_path)):
        props = schema.get("properties")
        if isinstance(props, dict):
            keys += [k for k, sub in props.items() if sub is False and k in parent and parent[k] == error.instance]
    return list(dict.fromkeys(keys))


def _missing(path: KeyPath, key: str, schema: Any) -> str:
    prop = (schema.get("properties") or {}).get(key) if isinstance(schema, dict) else None
    hint = prop.get("description") or prop.get("title") if isinstance(prop, dict) else None
    name = key_path(path + (key,))
    text = f"Missing required key `{name}`"
    return f"{text} ({hint.rstrip('.')})" if hint else text


def _unexpected(path: KeyPath, key: str, allowed: list[str]) -> str:
    text = f"Unexpected key `{key_path(path + (key,))}`"
    lowered = {a.lower(): a for a in allowed}
    import difflib  # lazy: start-up time (only an unknown key needs it)

    close = difflib.get_close_matches(str(key).lower(), list(lowered), n=1, cutoff=0.7)
    if close:
        return f"{text}; did you mean `{lowered[close[0]]}`?"
    if allowed:
        listed = ", ".join(f"`{a}`" for a in allowed[:_MAX_LISTED])
        return f"{text}; allowed keys: {listed}{', …' if len(allowed) > _MAX_LISTED else ''}"
    return text


def _pattern_allowed(schema: Any, key: str) -> bool:
    import re

    for pattern in (schema.get("patternProperties") or {}):
        try:
            if re.search(pattern, str(key)):
                return True
        except re.error:
            continue
    return False


def _choices(values: Sequence[Any]) -> str:
    shown = [show(v) for v in values[:_MAX_LISTED]]
    more = ", …" if len(values) > _MAX_LISTED else ""
    if len(shown) == 1:
        return shown[0]
    return f"one of {', '.join(shown)}{more}"


def _types(expected: Any) -> str:
    names: list[str] = expected if isinstance(expected, list) else [expected]  # JSON Schema type names
    return " or ".join(TYPE_WORDS.get(n, n) for n in names)


def _kind_of(value: Any) -> str:
    kind = json_type(value)
    return value.kind if kind is None else TYPE_WORDS[kind]


def describe(schema: Any, store: Optional[Schema], depth: int = 0) -> Optional[str]:
    """What a subschema asks for, in words (None when it cannot be said shortly)."""
    if store is not None and isinstance(schema, dict) and "$ref" in schema:
        schema, _ = store.resolve(schema)
    if not isinstance(schema, dict) or depth > 3:
        return None
    if "format" in schema and schema["format"] in FORMAT_WORDS:
        return FORMAT_WORDS[schema["format"]]
    if "enum" in schema:
        return _choices(schema["enum"])
    if "const" in schema:
        return show(schema["const"])
    if "pattern" in schema and schema.get("examples"):
        return "like " + " or ".join(show(e) for e in schema["examples"][:2])
    for key in ("anyOf", "oneOf"):
        if isinstance(schema.get(key), list):
            parts = [describe(s, store, depth + 1) for s in schema[key]]
            described = [part for part in parts if part]
            if len(described) == len(parts):
                return " or ".join(dict.fromkeys(described))
            return None
    if "type" in schema:
        return _types(schema["type"])
    return None
