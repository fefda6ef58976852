"""Linting open documents off the event loop, debounced, newest text wins."""
from __future__ import annotations

import asyncio
import logging
import time
import traceback
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Optional

from lsprotocol import types

from ..api import config_for, lint_text
from ..config import ConfigError
from ..document import Document
from ..violations import Violation
from .diagnostics import problem_diagnostic, to_diagnostic
from .positions import Positions
from .texts import OpenDocument

log = logging.getLogger(__name__)

# Typing pauses shorter than the last lint of the file are one burst: a 5 KB
# page relints at once, a 5 MB one waits at most this long for typing to stop.
MAX_DEBOUNCE = 0.3


def lint_path(doc: OpenDocument) -> str:
    """The path findings and configuration are resolved for; an unsaved
    buffer gets the configuration of the current folder."""
    return doc.path or str(Path.cwd() / "untitled.md")


@dataclass
class Linted:
    """One lint of one version of a document's text."""

    text: str  # the client's text
    path: str
    shift: int  # characters the client's text has before the engine's (a BOM)
    violations: list[Violation] = field(default_factory=list)
    diagnostics: list[types.Diagnostic] = field(default_factory=list)
    encoding: str = "utf-16"

    @cached_property
    def positions(self) -> Positions:
        return Positions(self.text, self.encoding)

    @cached_property
    def document(self) -> Document:
        """The engine's view of the text (frontmatter, code lines) for actions."""
        return Document(self.path, self.text[self.shift:])


def lint(text: str, path: str, encoding: str) -> Linted:
    shift = 1 if text.startswith("\ufeff") else 0  # the engine drops a BOM
    linted = Linted(text, path, shift, encoding=encoding)
    try:
        result = lint_text(text, path=path, config=config_for(path))
        linted.violations = result.files[0].violations
        linted.diagnostics = [to_diagnostic(v, linted.positions, shift) for v in linted.violations]
    except ConfigError as exc:
        linted.diagnostics = [problem_diagnostic(f"contentlint configuration: {exc}")]
    except BaseException as exc:
        # An engine bug, or a plugin rule calling sys.exit (SystemExit in this
        # worker thread would reach the event loop and end the server), must
        # not take the editor's linter down with it.
        log.error("linting %s failed:\n%s", path, traceback.format_exc())
        linted.diagnostics = [problem_diagnostic(f"contentlint failed on this file: {type(exc).__name__}: {exc}")]
    return linted


class Linter:
    def __init__(self, publish):
        self.publish = publish  # (uri, version, diagnostics) -> None
        self.results: dict[str, Linted] = {}
        self._tasks: dict[str, asyncio.Task] = {}
        self._cost: dict[str, float] = {}
        # One worker: the engine's caches are not shared between threads, and
        # lints of one file must not overtake each other.
        self.executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="contentlint-lint")

    def schedule(self, doc: OpenDocument, encoding: str, *, debounce: bool) -> None:
        previous = self._tasks.pop(doc.uri, None)
        if previous is not None and not previous.done():
            previous.cancel()
        delay = min(MAX_DEBOUNCE, self._cost.get(doc.uri, 0.0)) if debounce else 0.0
        self._tasks[doc.uri] = asyncio.get_running_loop().create_task(self._run(doc, encoding, delay))

    async def _run(self, doc: OpenDocument, encoding: str, delay: float) -> None:
        try:
            if delay:
                await asyncio.sleep(delay)
            text, version = doc.text, doc.version
            started = time.perf_counter()
            linted = await asyncio.get_running_loop().run_in_executor(
                self.executor, lint, text, lint_path(doc), encoding)
            self._cost[doc.uri] = time.perf_counter() - started
            if doc.text != text:
                return  # edited meanwhile; the lint of the newer text is scheduled
            self.results[doc.uri] = linted
            self.publish(doc.uri, version, linted.diagnostics)
        except asyncio.CancelledError:
            raise
        except Exception:
            log.error("publishing diagnostics for %s failed:\n%s", doc.uri, traceback.format_exc())

    def forget(self, uri: str) -> None:
        task = self._tasks.pop(uri, None)
        if task is not None:
            task.cancel()
        self.results.pop(uri, None)
        self._cost.pop(uri, None)

    def current(self, doc: OpenDocument) -> Optional[Linted]:
        """The last lint, if it was of the text the client holds now."""
        linted = self.results.get(doc.uri)
        return linted if linted is not None and linted.text == doc.text else None
