"""Reporters format a finished RunResult; they never lint, fix or decide exit codes."""
from __future__ import annotations

from importlib import import_module
from typing import Callable, TextIO

from ..violations import RunResult

# name -> module holding ``report(result, stream, options)``; imported on use
# so that a JSON run never pays for rich.
REPORTERS = {
    "console": "console",
    "json": "json_format",
    "sarif": "sarif",
    "github": "github",
    "junit": "junit",
    "gitlab": "gitlab",
}


def get_reporter(name: str) -> Callable[[RunResult, TextIO, dict], None]:
    module = import_module(f".{REPORTERS[name]}", __name__)
    return module.report
