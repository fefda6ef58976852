"""GitLab Code Quality report: a JSON array of issues (the subset of the Code
Climate spec that GitLab documents under "Code Quality report format").

GitLab matches issues between the base and the merge-request pipelines by
``fingerprint``, so it must survive unrelated edits: it hashes the path, the
rule, the message and the text of the flagged line, never the line number,
plus an occurrence count so identical findings in one file stay distinct.
"""
from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from pathlib import PurePath
from typing import Any, TextIO

from ..violations import RunResult, Severity

SEVERITY = {Severity.ERROR: "major", Severity.WARNING: "minor"}


def repo_path(path: str) -> str:
    """A '/'-separated path relative to the current folder (the repository
    root in a CI job), without a leading ``./``."""
    if os.path.isabs(path):
        try:
            path = os.path.relpath(path)
        except ValueError:  # another drive on Windows
            pass
    posix = PurePath(path).as_posix()
    while posix.startswith("./"):
        posix = posix[2:]
    return posix


def fingerprint(path: str, code: str, message: str, line_text: str, occurrence: int) -> str:
    payload = "\0".join((path, code, message, line_text.strip(), str(occurrence)))
    return hashlib.sha256(payload.encode("utf-8", "surrogatepass")).hexdigest()[:32]


def issues(result: RunResult) -> list[dict[str, Any]]:
    out = []
    for file in result.files:
        seen: Counter[tuple[str, str, str]] = Counter()
        for v in file.violations:
            path = repo_path(v.path)
            key = (v.code, v.message, v.source_line.strip())
            occurrence = seen[key]
            seen[key] += 1
            out.append(
                {
                    "description": f"{v.code} {v.name}: {v.message}",
                    "check_name": v.code,
                    "fingerprint": fingerprint(path, v.code, v.message, v.source_line, occurrence),
                    "severity": SEVERITY[v.severity],
                    "location": {"path": path, "lines": {"begin": v.line, "end": v.end_line}},
                }
            )
    return out


def report(result: RunResult, stream: TextIO, options: dict[str, Any]) -> None:
    json.dump(issues(result), stream, indent=2, ensure_ascii=False, allow_nan=False)
    stream.write("\n")
