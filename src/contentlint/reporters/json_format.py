from __future__ import annotations

import json
from json.encoder import encode_basestring
from typing import Any, TextIO

from ..violations import RunResult, Violation


def report(result: RunResult, stream: TextIO, options: dict[str, Any]) -> None:
    violations = result.violations
    if not all(map(_usual, violations)):
        # What json.dump would write; it encodes anything the fast path does not expect.
        stream.write(json.dumps(result.to_json(), indent=2, ensure_ascii=False, allow_nan=False) + "\n")
        return
    if not violations:
        stream.write("[]\n")
        return
    # Entry by entry: a 100,000-file run's report is several MB, and joined into
    # one string it was held three times over at the end of the run, its peak.
    stream.write("[\n")
    for n, v in enumerate(violations):
        stream.write(",\n" + _entry(v) if n else _entry(v))
    stream.write("\n]\n")


_STR = encode_basestring  # the C encoder json.dump uses for str with ensure_ascii=False


def _entry(v: Violation) -> str:
    """One violation exactly as ``json.dump(v.to_json(), indent=2)`` writes it
    inside the top-level list (json.dump's pure-Python indenting encoder
    cost more than the whole report on cpp-docs; this is one template), for
    a violation ``_usual`` accepts."""
    fix = v.fix
    if fix is None:
        fix_text = "null"
    else:
        fix_text = f'{{\n      "applicability": {_STR(fix.applicability.value)},\n      "title": {_STR(fix.title)}\n    }}'
    severity = v.severity.value
    return (
        f'  {{\n    "path": {_STR(v.path)},\n    "line": {v.line},\n    "column": {v.column},\n'
        f'    "end_line": {v.end_line},\n    "end_column": {v.end_column},\n    "code": {_STR(v.code)},\n'
        f'    "name": {_STR(v.name)},\n    "severity": {_STR(severity)},\n    "message": {_STR(v.message)},\n'
        f'    "fix": {fix_text}\n  }}'
    )


def _usual(v: Violation) -> bool:
    """Whether ``_entry`` writes the violation as json.dump would: the types it expects."""
    fix = v.fix
    return (type(v.line) is int and type(v.column) is int and type(v.end_line) is int
            and type(v.end_column) is int and type(v.path) is str and type(v.code) is str
            and type(v.name) is str and type(v.message) is str and type(v.severity.value) is str
            and (fix is None or (type(fix.title) is str and type(fix.applicability.value) is str)))
