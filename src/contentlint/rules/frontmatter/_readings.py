"""The readings of an ambiguous YAML value (`yes` is `true` to YAML 1.1 and
text to YAML 1.2) and which of them the file's schema accepts, so that
FM103's fix writes the one the schema wants (`true`, `1000`) instead of
quoting a value the schema wants as a boolean or a number."""
from __future__ import annotations

import math
import re
from typing import TYPE_CHECKING, Any, Optional, Union

from ...schema.store import to_instance
from ._common import KeyPath
from ...patterns import lazy_regex

if TYPE_CHECKING:  # jsonschema is imported only when a schema is compiled
    import yaml

    from ...schema.compile import Schema

_TAG = "tag:yaml.org,2002:"
BOOL_WORDS = lazy_regex(r"(?:yes|Yes|YES|no|No|NO|on|On|ON|off|Off|OFF)\Z")
LEADING_ZERO = lazy_regex(r"[-+]?0[0-9_]+\Z")
EXPONENT = lazy_regex(r"[-+]?(?:[0-9][0-9_]*)?(?:\.[0-9_]*)?[eE][-+]?[0-9]+\Z")
_MISSING = object()


def typed_readings(node: yaml.ScalarNode) -> list[tuple[Any, str]]:
    """The non-text values a plain scalar reads as, each with how to write it
    so that YAML 1.1 and 1.2 agree; empty when it is not ambiguous."""
    text, tag = node.value, node.tag[len(_TAG):] if node.tag.startswith(_TAG) else node.tag
    if tag == "bool" and BOOL_WORDS.match(text):
        loaded = text.lower() in ("yes", "on")
        return [(loaded, "true" if loaded else "false")]
    if LEADING_ZERO.match(text):
        sign = -1 if text.startswith("-") else 1
        digits = text.replace("_", "").lstrip("+-")
        decimal = sign * int(digits)
        if tag == "int":
            octal = sign * int(digits, 8)
            return [(octal, str(octal))] + ([(decimal, str(decimal))] if decimal != octal else [])
        return [(decimal, str(decimal))]
    if tag == "str" and EXPONENT.match(text) and any(c.isdigit() for c in re.split("[eE]", text)[0]):
        return _number(float(text.replace("_", "")))
    if tag in ("int", "float") and ":" in text:
        import yaml  # lazy: start-up time

        return _number(yaml.safe_load(text))
    return []


def _number(value: Union[int, float]) -> list[tuple[Any, str]]:
    if isinstance(value, int):
        return [(value, str(value))]
    if not math.isfinite(value):
        return []  # no fix writes `.inf`
    if value.is_integer() and abs(value) < 1e16:
        return [(int(value), str(int(value)))]
    mantissa, _, exponent = repr(value).partition("e")
    if not exponent:
        return [(value, mantissa)]
    # YAML 1.1 reads an exponent as a number only after a dot and with a sign.
    if "." not in mantissa:
        mantissa += ".0"
    return [(value, f"{mantissa}e{exponent if exponent[0] in '+-' else '+' + exponent}")]


def accepted(schema: Schema, data: Any, path: KeyPath, candidates: list[Any]) -> Optional[list[int]]:
    """Indexes of the candidate values that leave no schema error at or under
    ``path``; None when the value cannot be found in the data as loaded."""
    base = to_instance(data)
    out = []
    for i, value in enumerate(candidates):
        instance = _replaced(base, path, to_instance(value))
        if instance is _MISSING:
            return None
        if not any(tuple(e.absolute_path)[: len(path)] == path for e in schema.iter_errors(instance)):
            out.append(i)
    return out


def _replaced(instance: Any, path: KeyPath, value: Any) -> Any:
    if not path:
        return value
    head, rest = path[0], path[1:]
    if isinstance(instance, dict) and isinstance(head, str) and head in instance:
        inner = _replaced(instance[head], rest, value)
        return _MISSING if inner is _MISSING else {**instance, head: inner}
    if isinstance(instance, list) and isinstance(head, int) and 0 <= head < len(instance):
        inner = _replaced(instance[head], rest, value)
        return _MISSING if inner is _MISSING else instance[:head] + [inner] + instance[head + 1:]
    return _MISSING
