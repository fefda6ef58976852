"""``--statistics``: the counts per rule instead of the findings, as text or
(for ``--output-format json``/``json-lines``) one JSON object."""
from __future__ import annotations

import json
from collections import Counter
from typing import Any, Optional, TextIO

from ..violations import Applicability, RunResult, Severity


def counts(result: RunResult) -> dict[str, Any]:
    violations = result.violations
    by_rule = Counter((v.code, v.name) for v in violations)
    fixable = Counter((v.code, v.name) for v in violations
                      if v.fix is not None and v.fix.applicability is Applicability.SAFE)
    errors = Counter((v.code, v.name) for v in violations if v.severity is Severity.ERROR)
    rules = [
        {"code": code, "name": name, "count": n, "errors": errors[(code, name)],
         "warnings": n - errors[(code, name)], "fixable": fixable[(code, name)]}
        for (code, name), n in sorted(by_rule.items(), key=lambda kv: (-kv[1], kv[0]))
    ]
    return {
        "total": len(violations),
        "errors": sum(errors.values()),
        "warnings": len(violations) - sum(errors.values()),
        "fixable": sum(fixable.values()),
        "files_checked": result.files_checked,
        "files_with_findings": sum(1 for f in result.files if f.violations),
        "rules": rules,
    }


def report_json(result: RunResult, stream: TextIO, *, indent: Optional[int]) -> None:
    json.dump(counts(result), stream, indent=indent, ensure_ascii=False)
    stream.write("\n")


def lines(result: RunResult) -> list[str]:
    """``count  CODE  name  [*]`` per rule, most frequent first."""
    return [
        f"{r['count']:>6}  {r['code']}  {r['name']}{'  [*]' if r['fixable'] else ''}"
        for r in counts(result)["rules"]
    ]


def report(result: RunResult, stream: TextIO, options: dict[str, Any]) -> None:
    """The counts only: a JSON object for the JSON formats, else one line per rule."""
    fmt = options.get("format")
    if fmt in ("json", "json-lines"):
        report_json(result, stream, indent=2 if fmt == "json" else None)
        return
    for text in lines(result):
        stream.write(text + "\n")
