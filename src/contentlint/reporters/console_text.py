"""The human report as plain text: what console_rich.py draws, without rich,
for the common case of no colour and nothing to wrap (a pipe, a file, a
pre-commit hook, CI); importing rich cost a one-file run a fifth of its time.
``plain`` gives up (None) wherever rich would do more than write the text:
a line wider than the width, which rich would wrap."""
from __future__ import annotations

import os
from collections import Counter
from typing import Any, Optional, TextIO

from ..document.text_regions import printable
from .cells import cell_len
from .snippet import Window, pieces, window
from ..violations import Applicability, RunResult, Severity, Violation

# The snippet never runs past this many cells, whatever the terminal width
# (long minified lines would otherwise flood a wide terminal too).
SNIPPET_WIDTH = 80
GUTTER = 9  # "  1234 │ "


def width(stream: TextIO, options: dict[str, Any]) -> Optional[int]:
    """The terminal's width; for a pipe or file, COLUMNS when set, else no
    wrapping at all (a log line stays one line for grep)."""
    if options.get("width"):
        return int(options["width"])
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        return int(columns)
    return None if stream.isatty() else 10_000


def colourless(stream: TextIO, options: dict[str, Any]) -> bool:
    """Whether rich would write no escape codes: colour turned off, or not
    forced on and the stream is no terminal (rich's own test, environment
    variables first)."""
    color = options.get("color")
    if color is False:
        return True
    if color:
        return False
    tty_compatible = os.environ.get("TTY_COMPATIBLE", "")
    if tty_compatible in ("0", "1"):
        return tty_compatible == "0"
    force_color = os.environ.get("FORCE_COLOR")
    if force_color is not None:
        return force_color == ""
    try:
        return not stream.isatty()
    except ValueError:  # a closed stream: rich says no terminal too
        return True


def fix_marker(v: Violation) -> str:
    if v.fix is None:
        return ""
    return {Applicability.SAFE: " [*]", Applicability.UNSAFE: " [unsafe fix]"}.get(v.fix.applicability, " [suggestion]")


def items(width: int, entries: list[str]) -> list[str]:
    """``entries`` joined by commas into indented lines that break between
    them (never inside `CODE name`); an entry too long for a line gets one to itself."""
    lines, current = [], "  "
    for k, item in enumerate(entries):
        piece = item + ("," if k < len(entries) - 1 else "")
        if current.strip() and cell_len(current) + 1 + cell_len(piece) > width:
            lines.append(current)
            current = "  "
        current += ("" if not current.strip() else " ") + piece
    lines.append(current)
    return lines


def summary(result: RunResult, width: int) -> list[tuple[str, str, bool]]:
    """The summary's lines: (text, style, soft-wrapped)."""
    out: list[tuple[str, str, bool]] = []
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
            out.append((f"{fixed}; the fixed text is on standard output.", "green", False))
        else:
            written = sum(1 for f in result.files if f.written)
            out.append((f"{fixed} in {written} file{'s' if written != 1 else ''}.", "green", False))
    if not violations:
        out.append((f"All clean: {checked}.", "bold green", False))
        return out
    by_rule = Counter(f"{v.code} {v.name}" for v in violations)
    out.append((f"Found {len(violations)} finding{'s' if len(violations) != 1 else ''} "
                f"({errors} error{'s' if errors != 1 else ''}, {warnings} warning{'s' if warnings != 1 else ''}) "
                f"in {files_with} file{'s' if files_with != 1 else ''}; {checked}.", "bold", False))
    out += [(line, "dim", True) for line in items(width, [f"{rule}: {n}" for rule, n in by_rule.most_common()])]
    if fixable:
        out.append((f"[*] {fixable} fixable with `contentlint check --fix`.", "green", False))
    if unsafe:
        out.append((f"{unsafe} more fixable with `--fix --unsafe-fixes`.", "green", False))
    return out


def shown_line(v: Violation, width: int) -> Optional[Window]:
    """The part of the finding's line both renderers show under it (None for a
    blank line): the span and what fits around it in the snippet's width."""
    source = v.source_line
    if not source.strip():
        return None
    before, span, after = pieces(source, v.column, v.end_column, v.end_line == v.line)
    return window(before, span, after, min(width, SNIPPET_WIDTH) - GUTTER)


def _snippet(v: Violation, width: int) -> list[str]:
    shown = shown_line(v, width)
    if shown is None:
        return []
    return [f"{v.line:>6} │ " + shown.text, " " * 6 + " │ " + " " * shown.caret_start + "^" * shown.caret_width]


def _lines(result: RunResult, options: dict[str, Any], width: int) -> list[str]:
    quiet = options.get("quiet", False)
    out: list[str] = []
    for file in result.files:
        if not file.violations:
            continue
        if quiet:
            out += [f"{printable(v.path)}:{v.line}:{v.column}: {v.severity.value} {v.code} {v.name} "
                    f"{printable(v.message)}{fix_marker(v)}" for v in file.violations]
            continue
        out.append(printable(file.path))
        location_width = max(len(f"{v.line}:{v.column}") for v in file.violations)
        for v in file.violations:
            out.append(f"{f'{v.line}:{v.column}':>{location_width + 2}}  {v.severity.value:<7}  {v.code} {v.name}  "
                       f"{printable(v.message)}{fix_marker(v)}")
            out += _snippet(v, width)
            if options.get("show_fixes", False) and v.fix is not None:
                out.append(f"         fix: {printable(v.fix.title)}")
        out.append("")
    if not quiet:
        out += [text for text, _, _ in summary(result, width)]
    return out


def plain(result: RunResult, stream: TextIO, options: dict[str, Any]) -> Optional[str]:
    """The report as rich would write it, when that is plain text; else None."""
    shown_width = width(stream, options)
    if shown_width is None or not colourless(stream, options):
        return None
    lines = _lines(result, options, shown_width)
    # Rich wraps (or trims the trailing blanks of) a line wider than the width.
    if any(cell_len(line) > shown_width for line in lines):
        return None
    return "".join(line + "\n" for line in lines)
