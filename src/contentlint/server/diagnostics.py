"""Findings as LSP diagnostics, and the link to each rule's documentation."""
from __future__ import annotations

from lsprotocol import types

from ..violations import Severity, Violation
from .positions import Positions

# docs/rules.md is generated from the rule docstrings (a test keeps it fresh)
# and each rule's heading is "CODE `name`", so its anchor is stable for as
# long as the code and the name are: the same text `contentlint rule CODE` prints.
DOCS_URL = "https://github.com/contentlint/contentlint/blob/main/docs/rules.md"
SOURCE = "contentlint"

_SEVERITY = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
}


def rule_url(code: str, name: str) -> str:
    """GitHub's anchor for the heading ``## CODE `name```: lower case, the
    backticks dropped, spaces as hyphens."""
    return f"{DOCS_URL}#{code.lower()}-{name}"


def to_diagnostic(v: Violation, at: Positions, shift: int = 0) -> types.Diagnostic:
    """``shift``: characters the client's text has before the engine's (a BOM)."""
    return types.Diagnostic(
        range=at.range(v.start + shift, v.end + shift),
        severity=_SEVERITY.get(v.severity, types.DiagnosticSeverity.Warning),
        code=v.code,
        code_description=types.CodeDescription(href=rule_url(v.code, v.name)),
        source=SOURCE,
        message=f"{v.message} ({v.name})",
        data={"name": v.name},
    )


def problem_diagnostic(message: str) -> types.Diagnostic:
    """A problem with the whole run (a broken configuration or schema), shown
    at the top of the file so the writer sees why findings stopped."""
    top = types.Position(line=0, character=0)
    return types.Diagnostic(
        range=types.Range(start=top, end=top),
        severity=types.DiagnosticSeverity.Error,
        code="config",
        source=SOURCE,
        message=message,
    )


def more_diagnostic(count: int, at: Positions) -> types.Diagnostic:
    end = at.position(len(at.text))
    return types.Diagnostic(
        range=types.Range(start=end, end=end),
        severity=types.DiagnosticSeverity.Information,
        source=SOURCE,
        message=f"{count} more findings not shown; `contentlint check` lists them all",
    )
