"""The human report: findings grouped by file, each with its source line and the
span marked, then a summary. Everything taken from files goes through
``printable`` so that content can never drive the reader's terminal. Plain
text needs no rich (console_text.py); colour and wrapping do (console_rich.py)."""
from __future__ import annotations

from typing import Any, TextIO

from .console_text import plain, width
from ..violations import RunResult


def report(result: RunResult, stream: TextIO, options: dict[str, Any]) -> None:
    text = plain(result, stream, options)
    if text is not None:
        stream.write(text)
        return
    from .console_rich import report as draw  # lazy: start-up time

    draw(result, stream, options, width(stream, options))
