"""The human report: findings grouped by file, each with its source line and the
span marked, then a summary. Everything taken from files goes through
``printable`` so that content can never drive the reader's terminal."""
from __future__ import annotations

from collections import Counter
from typing import TextIO

from rich.console import Console
from rich.text import Text

from ..text_regions import printable
from ..violations import Applicability, RunResult, Severity, Violation

_SEVERITY_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "bold yellow"}


def _console(stream: TextIO, options: dict) -> Console:
    color = options.get("color")
    return Console(
        file=stream,
        force_terminal=True if color else None,
        no_color=color is False,
        color_system="auto" if color is not False else None,
        highlight=False,
        soft_wrap=True,
        width=10_000 if not stream.isatty() else None,
    )


def _fix_marker(v: Violation) -> str:
    if v.fix is None:
        return ""
    return {Applicability.SAFE: " [*]", Applicability.UNSAFE: " [unsafe fix]"}.get(v.fix.applicability, " [suggestion]")


def _snippet(v: Violation) -> list[Text]:
    source = v.source_line
    if not source.strip():
        return []
    shown = printable(source.expandtabs(4))
    prefix = printable(source[: v.column - 1].expandtabs(4))
    if v.end_line == v.line:
        span = printable(source[v.column - 1 : v.end_column - 1].expandtabs(4))
    else:
        span = printable(source[v.column - 1 :].expandtabs(4))
    gutter = f"{v.line:>6} │ "
    line = Text(gutter, style="dim")
    line.append(shown)
    mark = Text(" " * 6 + " │ ", style="dim")
    mark.append(" " * len(prefix) + "^" * max(1, len(span)), style=_SEVERITY_STYLE[v.severity])
    return [line, mark]


def report(result: RunResult, stream: TextIO, options: dict) -> None:
    console = _console(stream, options)
    quiet = options.get("quiet", False)
    show_fixes = options.get("show_fixes", False)
    for file in result.files:
        if not file.violations:
            continue
        if not quiet:
            console.print(Text(printable(file.path), style="bold underline"))
        for v in file.violations:
            row = Text()
            row.append(f"{printable(v.path)}:{v.line}:{v.column}: ", style="bold")
            row.append(v.code, style=_SEVERITY_STYLE[v.severity])
            row.append(f" {v.name} ", style="cyan")
            row.append(printable(v.message))
            row.append(_fix_marker(v), style="green")
            console.print(row)
            if not quiet:
                for line in _snippet(v):
                    console.print(line)
                if show_fixes and v.fix is not None:
                    console.print(Text(f"         fix: {printable(v.fix.title)}", style="green"))
        if not quiet:
            console.print()
    if options.get("statistics"):
        _statistics(console, result)
    if not quiet:
        _summary(console, result, options)


def _statistics(console: Console, result: RunResult) -> None:
    counts = Counter((v.code, v.name) for v in result.violations)
    fixable = Counter((v.code, v.name) for v in result.violations if v.fix is not None and v.fix.applicability is Applicability.SAFE)
    for (code, name), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        console.print(Text(f"{n:>6}  {code}  {name}{'  [*]' if fixable[(code, name)] else ''}"))
    if counts:
        console.print()


def _summary(console: Console, result: RunResult, options: dict) -> None:
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
    console.print(Text("  " + ", ".join(f"{rule}: {n}" for rule, n in by_rule.most_common()), style="dim"))
    if fixable:
        console.print(Text(f"[*] {fixable} fixable with `contentlint check --fix`.", style="green"))
    if unsafe:
        console.print(Text(f"{unsafe} more fixable with `--fix --unsafe-fixes`.", style="green"))
