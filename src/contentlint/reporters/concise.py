"""One line per finding, ``path:line:col: severity CODE name message``, for
editors' problem matchers and grep; no snippets, no summary."""
from __future__ import annotations

from typing import Any, TextIO

from ..document.text_regions import printable
from ..violations import RunResult, Violation


def line(v: Violation) -> str:
    # A message never spans lines here: a newline in it would split one
    # finding into two for a problem matcher.
    return (f"{printable(v.path)}:{v.line}:{v.column}: {v.severity.value} {v.code} {v.name} "
            f"{printable(v.message)}")


def report(result: RunResult, stream: TextIO, options: dict[str, Any]) -> None:
    for v in result.violations:
        stream.write(line(v) + "\n")
