"""Reporters format a finished RunResult; they never lint, fix or decide exit codes."""
from __future__ import annotations

from importlib import import_module
from typing import Any, Callable, TextIO

from ..violations import RunResult

# name -> module holding ``report(result, stream, options)``; imported on use
# so that a JSON run never pays for rich.
REPORTERS = {
    "full": "console",
    "concise": "concise",
    "json": "json_format",
    "json-lines": "json_lines",
    "sarif": "sarif",
    "github": "github",
    "junit": "junit",
    "gitlab": "gitlab",
}
# Old names kept working (`--format console` predates ruff's `full`).
ALIASES = {"console": "full"}


Reporter = Callable[[RunResult, TextIO, dict[str, Any]], None]


def get_reporter(name: str) -> Reporter:
    module = import_module(f".{REPORTERS[ALIASES.get(name, name)]}", __name__)
    report: Reporter = module.report
    return report
