"""GitHub Actions workflow commands, one annotation per finding."""
from __future__ import annotations

from typing import Any, TextIO

from ..document.text_regions import printable
from ..violations import RunResult, Severity


def escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def report(result: RunResult, stream: TextIO, options: dict[str, Any]) -> None:
    for v in result.violations:
        kind = "error" if v.severity is Severity.ERROR else "warning"
        props = ",".join(
            f"{key}={escape_property(str(value))}"
            for key, value in (
                ("file", printable(v.path)),
                ("line", v.line),
                ("col", v.column),
                ("endLine", v.end_line),
                ("endColumn", v.end_column),
                ("title", f"{v.code} {v.name}"),
            )
        )
        stream.write(f"::{kind} {props}::{escape_data(printable(v.message))}\n")
