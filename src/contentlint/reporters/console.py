"""The human report: findings grouped by file, each with its source line and the
span marked, then a summary. Everything taken from files goes through
``printable`` so that content can never drive the reader's terminal."""
from __future__ import annotations

import os
from collections import Counter
from typing import Any, Optional, TextIO

from rich.cells import cell_len
from rich.console import Console
from rich.text import Text

from ..document.text_regions import printable
from .snippet import pieces, window
from ..violations import Applicability, RunResult, Severity, Violation

_SEVERITY_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "bold yellow"}


# The snippet never runs past this many cells, whatever the terminal width
# (long minified lines would otherwise flood a wide terminal too).
SNIPPET_WIDTH = 80
GUTTER = 9  # "  1234 │ "


def _width(stream: TextIO, options: dict[str, Any]) -> Optional[int]:
    """The terminal's width; for a pipe or file, COLUMNS when set, else no
    wrapping at all (a log line stays one line for grep)."""
    if options.get("width"):
        return int(options["width"])
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        return int(columns)
    return None if stream.isatty() else 10_000


def _console(stream: TextIO, options: dict[str, Any]) -> Console:
    color = options.get("color")
    return Console(
        file=stream,
        force_terminal=True if color else None,
        no_color=color is False,
        color_system="auto" if color is not False else None,
        highlight=False,
        width=_width(stream, options),
    )


def _fix_marker(v: Violation) -> str:
    if v.fix is None:
        return ""
    return {Applicability.SAFE: " [*]", Applicability.UNSAFE: " [unsafe fix]"}.get(v.fix.applicability, " [suggestion]")


def _snippet(v: Violation, width: int) -> list[Text]:
    source = v.source_line
    if not source.strip():
        return []
    before, span, after = pieces(source, v.column, v.end_column, v.end_line == v.line)
    shown = window(before, span, after, min(width, SNIPPET_WIDTH) - GUTTER)
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


def report(result: RunResult, stream: TextIO, options: dict[str, Any]) -> None:
    console = _console(stream, options)
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
        _summary(console, result, options)


def _summary(console: Console, result: RunResult, options: dict[str, Any]) -> None:
    violations = result.violations
    errors = sum(1 for v in violations if v.severity is Severity.ERROR)
    warnings = len(violations) - errors
    files_with = sum(1 for f in result.files if f.violations)
    fixable = sum(1 for v in violations if v.fix is not None and v.fix.applicability is Applicability.SAFE)
    unsafe = sum(1 for v in violations if v.fix is not None and v.fix.applicability is Applicability.UNSAFE)
    checked = f"{result.files_checked} file{'s' if result.files_checked != 1 else ''} checked in {result.elapsed:.2f}s"
    if result.fixes_applied:
        fixed = f"Fixed {result.fixes_applied} finding{'s' if result.fixes_applied != 1 else ''}"
        if any(f.fixed_text is not None for f in result.files):
            # stdin: the fixed text went to standard output, no file was written
            console.print(Text(f"{fixed}; the fixed text is on standard output.", style="green"))
        else:
            written = sum(1 for f in result.files if f.written)
            console.print(Text(f"{fixed} in {written} file{'s' if written != 1 else ''}.", style="green"))
    if not violations:
        console.print(Text(f"All clean: {checked}.", style="bold green"))
        return
    by_rule = Counter(f"{v.code} {v.name}" for v in violations)
    console.print(
        Text(
            f"Found {len(violations)} finding{'s' if len(violations) != 1 else ''} "
            f"({errors} error{'s' if errors != 1 else ''}, {warnings} warning{'s' if warnings != 1 else ''}) "
            f"in {files_with} file{'s' if files_with != 1 else ''}; {checked}.",
            style="bold",
        )
    )
    for line in _items(console.width, [f"{rule}: {n}" for rule, n in by_rule.most_common()]):
        console.print(Text(line, style="dim"), soft_wrap=True)
    if fixable:
        console.print(Text(f"[*] {fixable} fixable with `contentlint check --fix`.", style="green"))
    if unsafe:
        console.print(Text(f"{unsafe} more fixable with `--fix --unsafe-fixes`.", style="green"))


def _items(width: int, items: list[str]) -> list[str]:
    """``items`` joined by commas into indented lines that break between items
    (never inside `CODE name`); an item too long for a line gets one to itself."""
    lines, current = [], "  "
    for k, item in enumerate(items):
        piece = item + ("," if k < len(items) - 1 else "")
        if current.strip() and cell_len(current) + 1 + cell_len(piece) > width:
            lines.append(current)
            current = "  "
        current += ("" if not current.strip() else " ") + piece
    lines.append(current)
    return lines
