from __future__ import annotations

import json
from json.encoder import encode_basestring
from typing import Any, TextIO

from ..violations import RunResult, Violation


def report(result: RunResult, stream: TextIO, options: dict[str, Any]) -> None:
    violations = result.violations
    try:
        text = "[]" if not violations else "[\n" + ",\n".join(map(_entry, violations)) + "\n]"
    except _Unusual:
        # What json.dump would write; it encodes anything the fast path does not expect.
        text = json.dumps(result.to_json(), indent=2, ensure_ascii=False, allow_nan=False)
    stream.write(text + "\n")


class _Unusual(Exception):
    pass


_STR = encode_basestring  # the C encoder json.dump uses for str with ensure_ascii=False


def _entry(v: Violation) -> str:
    """One violation exactly as ``json.dump(v.to_json(), indent=2)`` writes it
    inside the top-level list (json.dump's pure-Python indenting encoder
    cost more than the whole report on cpp-docs; this is one template)."""
    if not (type(v.line) is int and type(v.column) is int and type(v.end_line) is int
            and type(v.end_column) is int and type(v.path) is str and type(v.code) is str
            and type(v.name) is str and type(v.message) is str):
        raise _Unusual
    fix = v.fix
    if fix is None:
        fix_text = "null"
    else:
        title, applicability = fix.title, fix.applicability.value
        if type(title) is not str or type(applicability) is not str:
            raise _Unusual
        fix_text = f'{{\n      "applicability": {_STR(applicability)},\n      "title": {_STR(title)}\n    }}'
    severity = v.severity.value
    if type(severity) is not str:
        raise _Unusual
    return (
        f'  {{\n    "path": {_STR(v.path)},\n    "line": {v.line},\n    "column": {v.column},\n'
        f'    "end_line": {v.end_line},\n    "end_column": {v.end_column},\n    "code": {_STR(v.code)},\n'
        f'    "name": {_STR(v.name)},\n    "severity": {_STR(severity)},\n    "message": {_STR(v.message)},\n'
        f'    "fix": {fix_text}\n  }}'
    )
