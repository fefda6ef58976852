"""The human report drawn by rich: in colour, or wrapped to a width (the
plain report in console_text.py is the same text, for the common case
where neither is needed)."""
from __future__ import annotations

from typing import Any, Optional, TextIO

from rich.console import Console
from rich.text import Text

from ..document.text_regions import printable
from .console_text import fix_marker as _fix_marker, shown_line, summary
from ..violations import RunResult, Severity, Violation

_SEVERITY_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "bold yellow"}


def _console(stream: TextIO, options: dict[str, Any], width: Optional[int]) -> Console:
    color = options.get("color")
    return Console(
        file=stream,
        force_terminal=True if color else None,
        no_color=color is False,
        color_system="auto" if color is not False else None,
        highlight=False,
        width=width,
    )


def _snippet(v: Violation, width: int) -> list[Text]:
    shown = shown_line(v, width)
    if shown is None:
        return []
    line = Text(f"{v.line:>6} │ ", style="dim", no_wrap=True, overflow="ignore")
    line.append(shown.text)
    mark = Text(" " * 6 + " │ ", style="dim", no_wrap=True, overflow="ignore")
    mark.append(" " * shown.caret_start + "^" * shown.caret_width, style=_SEVERITY_STYLE[v.severity])
    return [line, mark]


def _rows(console: Console, v: Violation, location_width: int) -> list[Text]:
    """One finding: location, severity in words, rule, message. A message too
    long for the terminal wraps between words, continuing under itself."""
    head = Text(f"{f'{v.line}:{v.column}':>{location_width + 2}}  ", style="bold")
    head.append(f"{v.severity.value:<7}", style=_SEVERITY_STYLE[v.severity])
    head.append("  ")
    head.append(v.code, style=_SEVERITY_STYLE[v.severity])
    head.append(f" {v.name}  ", style="cyan")
    message = Text(printable(v.message))
    message.append(_fix_marker(v), style="green")
    width = console.width
    if head.cell_len + message.cell_len <= width:
        return [head + message]
    indent = head.cell_len if head.cell_len <= width * 2 // 3 else 8
    wrapped = message.wrap(console, max(20, width - indent), overflow="fold")
    rows = []
    for k, part in enumerate(wrapped):
        part.rstrip()
        if k == 0 and indent == head.cell_len:
            rows.append(head + part)
            continue
        if k == 0:
            bare = head.copy()
            bare.rstrip()
            rows.append(bare)
        rows.append(Text(" " * indent) + part)
    return rows


def _quiet_row(v: Violation) -> Text:
    row = Text()
    row.append(f"{printable(v.path)}:{v.line}:{v.column}: ", style="bold")
    row.append(v.severity.value, style=_SEVERITY_STYLE[v.severity])
    row.append(" ")
    row.append(v.code, style=_SEVERITY_STYLE[v.severity])
    row.append(f" {v.name} ", style="cyan")
    row.append(printable(v.message))
    row.append(_fix_marker(v), style="green")
    return row


def report(result: RunResult, stream: TextIO, options: dict[str, Any], width: Optional[int]) -> None:
    console = _console(stream, options, width)
    quiet = options.get("quiet", False)
    show_fixes = options.get("show_fixes", False)
    for file in result.files:
        if not file.violations:
            continue
        if quiet:
            # one self-contained line per finding: what --quiet users grep
            for v in file.violations:
                console.print(_quiet_row(v), soft_wrap=True)
            continue
        # The path once per file; each finding below it by line and column.
        console.print(Text(printable(file.path), style="bold underline"), soft_wrap=True)
        location_width = max(len(f"{v.line}:{v.column}") for v in file.violations)
        for v in file.violations:
            for row in _rows(console, v, location_width):
                console.print(row, soft_wrap=True)
            for line in _snippet(v, console.width):
                console.print(line, soft_wrap=True)
            if show_fixes and v.fix is not None:
                console.print(Text(f"         fix: {printable(v.fix.title)}", style="green"))
        console.print()
    if not quiet:
        _summary(console, result)


def _summary(console: Console, result: RunResult) -> None:
    for text, style, soft in summary(result, console.width):
        console.print(Text(text, style=style), soft_wrap=soft)
