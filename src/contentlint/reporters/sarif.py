"""SARIF 2.1.0, with a descriptor (and help from the docstring) for every rule."""
from __future__ import annotations

import json
from pathlib import PurePath
from typing import TextIO
from urllib.parse import quote

from .. import __version__
from ..config.catalogue import all_rules
from ..violations import Applicability, RunResult, Severity

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning"}


def _uri(path: str) -> str:
    return quote(PurePath(path).as_posix())


def report(result: RunResult, stream: TextIO, options: dict) -> None:
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
    for v in result.violations:
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
        results.append(entry)
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
