"""JUnit XML for CI test-report views (GitLab, Jenkins, Azure, CircleCI).

The shape is the de-facto one written by Ant's XMLJUnitResultFormatter and
accepted by those tools (Jenkins xunit's junit-10.xsd describes it):
``<testsuites>`` → one ``<testsuite name="contentlint">`` → one ``<testcase>``
per checked file, with one ``<failure>`` per finding. Findings that mean the
file could not be checked properly (engine codes CL9xx) are ``<error>``s. The
``failures``/``errors`` counts are of test cases (files), as in JUnit.
"""
from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Any, TextIO

from ..document.text_regions import printable
from ..violations import RunResult, Violation


def _is_error(v: Violation) -> bool:
    return v.code.startswith("CL")


def _detail(v: Violation) -> str:
    where = f"{printable(v.path)}:{v.line}:{v.column}: {v.code} {v.name} ({v.severity.value})"
    lines = [where, printable(v.message)]
    if v.source_line.strip():
        lines.append(f"    {printable(v.source_line)}")
    return "\n".join(lines)


def report(result: RunResult, stream: TextIO, options: dict[str, Any]) -> None:
    failed = sum(1 for f in result.files if any(not _is_error(v) for v in f.violations))
    errored = sum(1 for f in result.files if any(_is_error(v) for v in f.violations))
    counts = {
        "tests": str(result.files_checked),
        "failures": str(failed),
        "errors": str(errored),
        "time": f"{result.elapsed:.3f}",
    }
    suites = ET.Element("testsuites", {"name": "contentlint", **counts})
    suite = ET.SubElement(suites, "testsuite", {"name": "contentlint", **counts, "skipped": "0"})
    for file in result.files:
        case = ET.SubElement(suite, "testcase", {"name": printable(file.path), "classname": "contentlint"})
        for v in file.violations:
            kind = "error" if _is_error(v) else "failure"
            element = ET.SubElement(case, kind, {"type": v.code, "message": f"{v.code} {v.name}: {printable(v.message)}"})
            element.text = _detail(v)
    ET.indent(suites)
    stream.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    stream.write(ET.tostring(suites, encoding="unicode"))
    stream.write("\n")
