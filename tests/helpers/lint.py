"""The one way tests lint: `check()` runs `contentlint check` through the
real CLI and parses its JSON report; `lint()` lints one text in-process
with a configuration built from a table (as a `contentlint.toml` would give
it); `config()` is that configuration.

    code, findings = check(folder, "--select", "HD")      # CLI, exit code and JSON findings
    [v.code for v in lint("# Title:\\n", select=["HD004"])]  # one document, in-process
"""
from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator, Mapping, Optional, Sequence, Union

from click.testing import CliRunner

from contentlint.cli.main import main
from contentlint.config.loader import Config
from contentlint.document.document import Document
from contentlint.engine.lint import Settings, check_document, lint_document
from contentlint.violations import Violation

PathArg = Union[str, "os.PathLike[str]"]


@dataclass
class Checked:
    """One `contentlint check` run: its exit code, the JSON report's findings
    (None when no report was written: a usage or configuration error), and
    what it printed."""

    exit_code: int
    findings: Optional[list[dict[str, Any]]]
    stdout: str
    stderr: str

    # `code, findings = check(...)`
    def __iter__(self) -> Iterator[Any]:
        return iter((self.exit_code, self.findings))

    def codes(self) -> list[str]:
        return [f["code"] for f in self.findings or []]


def check(*args: PathArg, cwd: Optional[PathArg] = None, expect: Sequence[int] = (0, 1)) -> Checked:
    """`contentlint check ARGS --format json` through the CLI. The report goes
    to a file of its own, so stdout keeps what else the run prints (fixed
    text from stdin, `--diff`). ``expect``: the exit codes the run may end
    with (an unexpected one fails with the run's output)."""
    handle, report = tempfile.mkstemp(prefix="contentlint-report-", suffix=".json")
    os.close(handle)
    os.unlink(report)  # written by the run, or not at all
    previous = os.getcwd()
    try:
        if cwd is not None:
            os.chdir(cwd)
        result = CliRunner().invoke(main, ["check", *map(os.fspath, args), "--format", "json", "-o", report],
                                    catch_exceptions=False)
    finally:
        os.chdir(previous)
    try:
        findings = json.loads(Path(report).read_text(encoding="utf-8")) if os.path.exists(report) else None
    finally:
        if os.path.exists(report):
            os.unlink(report)
    assert result.exit_code in expect, (result.exit_code, result.stdout, result.stderr)
    return Checked(result.exit_code, findings, result.stdout, result.stderr)


def config(table: Optional[Mapping[str, Any]] = None, *, root: Optional[PathArg] = None,
           select: Optional[Sequence[str]] = None) -> Config:
    """The configuration ``table`` gives (validated as a contentlint.toml
    would be), rooted at ``root`` (default: the current folder); ``select``
    is a shorthand for the table's `select`."""
    data = dict(table or {})
    if select is not None:
        data["select"] = list(select)
    return Config.from_table(data, root=Path(root) if root is not None else Path.cwd(), source="test")


def lint(text: Union[str, bytes], *, select: Optional[Sequence[str]] = None,
         table: Optional[Mapping[str, Any]] = None, configured: Optional[Config] = None, path: str = "post.md",
         abs_path: Optional[PathArg] = None, settings: Optional[Settings] = None) -> list[Violation]:
    """The findings for one text, in report order, with ``configured`` or the
    configuration ``table``/``select`` give. A rule that crashes fails the test."""
    raw = text if isinstance(text, bytes) else text.encode("utf-8", "surrogateescape")
    doc = Document.from_bytes(path, raw, abs_path=os.fspath(abs_path) if abs_path is not None else None)
    used = configured if configured is not None else config(table, select=select)
    violations, crashed = lint_document(doc, used, path, settings or Settings())
    assert not crashed, [v.message for v in violations if v.code == "CL999"]
    return violations


def fix(text: Union[str, bytes], *, select: Optional[Sequence[str]] = None,
        table: Optional[Mapping[str, Any]] = None, configured: Optional[Config] = None, path: str = "post.md",
        unsafe: bool = False) -> str:
    """The text after the fix loop (safe fixes, and unsafe ones with ``unsafe``);
    the text itself when nothing was fixed. A rule that crashes fails the test."""
    raw = text if isinstance(text, bytes) else text.encode("utf-8", "surrogateescape")
    doc = Document.from_bytes(path, raw)
    used = configured if configured is not None else config(table, select=select)
    result, crashed = check_document(doc, used, path, Settings(fix=True, unsafe_fixes=unsafe))
    assert not crashed, [v.message for v in result.violations if v.code == "CL999"]
    return result.fixed_text if result.fixed_text is not None else doc.text
