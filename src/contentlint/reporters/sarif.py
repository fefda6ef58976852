"""SARIF 2.1.0, with a descriptor (and help from the docstring) for every rule."""
from __future__ import annotations

import json
from pathlib import PurePath
from typing import Any, TextIO
from urllib.parse import quote

from .. import __version__
from ..config.catalogue import all_rules
from ..engine.baseline import Entry, Outcome as Baseline
from ..violations import Applicability, RunResult, Severity

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning"}


def _uri(path: str) -> str:
    return quote(PurePath(path).as_posix())


FINGERPRINT = "contentlint/v1"


def _absent(entry: Entry, index: dict[str, int], outcome: Baseline) -> dict[str, Any]:
    """A baselined finding this run no longer reports: not a failure any
    more (kind `pass`, level `none`), and with no line to point at."""
    result: dict[str, Any] = {
        "ruleId": entry.code,
        "kind": "pass",
        "level": "none",
        "message": {"text": entry.message},
        "locations": [{"physicalLocation": {"artifactLocation": {"uri": _uri(outcome.shown_path(entry))}}}],
        "partialFingerprints": {FINGERPRINT: outcome.entry_fingerprint(entry)},
        "baselineState": "absent",
    }
    if entry.code in index:
        result["ruleIndex"] = index[entry.code]
    return result


def report(result: RunResult, stream: TextIO, options: dict[str, Any]) -> None:
    rules = all_rules()
    index = {r.code: i for i, r in enumerate(rules)}
    descriptors = [
        {
            "id": r.code,
            "name": r.name,
            "shortDescription": {"text": r.summary},
            "fullDescription": {"text": r.doc().split("\n\n", 1)[0]},
            "help": {"text": r.doc(), "markdown": r.doc()},
            "defaultConfiguration": {"level": _LEVEL[r.severity], "enabled": r.default_enabled},
            "properties": {"family": r.family(), "fixable": r.fixable},
        }
        for r in rules
    ]
    results = []
    outcome = result.baseline if isinstance(result.baseline, Baseline) else None
    violations = result.violations
    if outcome is not None:
        # SARIF 2.1.0 §3.27.24: the baselined findings are listed too, marked
        # `unchanged`, and those no longer found `absent`.
        from ..engine.lint import path_order

        violations = sorted(violations + outcome.unchanged, key=lambda v: (path_order(v.path), v.line, v.column, v.code))
        unchanged = {id(v) for v in outcome.unchanged}
    for v in violations:
        entry = {
            "ruleId": v.code,
            "ruleIndex": index[v.code],
            "level": _LEVEL[v.severity],
            "message": {"text": v.message},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": _uri(v.path)},
                        "region": {
                            "startLine": v.line,
                            "startColumn": v.column,
                            "endLine": v.end_line,
                            "endColumn": v.end_column,
                        },
                    }
                }
            ],
        }
        if v.fix is not None and v.fix.applicability is not Applicability.DISPLAY_ONLY:
            entry["properties"] = {"fix": {"title": v.fix.title, "applicability": v.fix.applicability.value}}
        if outcome is not None:
            entry["partialFingerprints"] = {FINGERPRINT: outcome.fingerprint(v)}
            entry["baselineState"] = "unchanged" if id(v) in unchanged else "new"
        results.append(entry)
    if outcome is not None:
        results.extend(_absent(entry, index, outcome) for entry in outcome.absent)
    log = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "contentlint",
                        "version": __version__,
                        "informationUri": "https://github.com/contentlint/contentlint",
                        "rules": descriptors,
                    }
                },
                "results": results,
            }
        ],
    }
    json.dump(log, stream, indent=2, ensure_ascii=False, allow_nan=False)
    stream.write("\n")
