"""Linting open documents off the event loop, debounced, newest text wins."""
from __future__ import annotations

import asyncio
import logging
import time
import traceback
import multiprocessing
import os
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, Callable, Optional, TypeVar

from lsprotocol import types

from ..api import config_for, lint_paths, lint_text
from ..config.loader import ConfigError
from ..document.document import Document, read_regular_file
from ..schema.store import clear_caches
from ..violations import RunResult, Violation
from .diagnostics import more_diagnostic, problem_diagnostic, to_diagnostic
from .positions import Positions
from .texts import OpenDocument

log = logging.getLogger(__name__)

# An editor shows a few hundred findings usefully; 38,000 (a 5 MB file) take
# the server a second to send and the editor longer to draw. The rest are
# counted in one last diagnostic; `contentlint check` lists them all.
MAX_DIAGNOSTICS = 1000

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


def _worker_started() -> None:
    # The server's stdout is the LSP channel: a rule that prints must not
    # write into it, so a worker's stdout goes to stderr (the editor's log).
    os.dup2(2, 1)


def new_pool() -> ProcessPoolExecutor:
    """Lints run in worker processes: a 5 MB file's lint neither holds the
    GIL the server needs to answer nor delays a small page's findings, and a
    rule that kills its process (os._exit, a crash in C) takes only a worker."""
    return ProcessPoolExecutor(max_workers=2, mp_context=multiprocessing.get_context("spawn"),
                               initializer=_worker_started)


def warm() -> None:
    """Import the engine and the rules (plugins too) in a fresh worker, so the
    first lint of a page does not pay for it."""
    from ..config.catalogue import all_rules

    all_rules()
    time.sleep(0.2)  # hold this worker so the next warm-up starts the other


# Bumped by the server when configuration or schema files change; a worker
# that sees a new value forgets the schema lookups it cached (a schema that
# appeared since, an Astro collection schema written by `astro sync`).
_generation_seen = [0]


def _catch_up(generation: int) -> None:
    if generation != _generation_seen[0]:
        clear_caches()
        _generation_seen[0] = generation


def fixed_text(text: str, path: str, generation: int = 0) -> Optional[str]:
    """``text`` with every safe fix applied (None when none applies)."""
    _catch_up(generation)
    try:
        return lint_text(text, path=path, config=config_for(path), fix=True).files[0].fixed_text
    except BaseException:  # as in lint: a rule's failure is not the server's
        log.error("fixing %s failed:\n%s", path, traceback.format_exc())
        return None


_MAX_SAVED = 10 * 1024 * 1024  # larger files are linted from the text, as the CLI refuses them anyway


def _saved_result(text: str, path: str) -> Optional[RunResult]:
    """When the client's text is the file as saved, the CLI's own run over the
    path: it answers from the project's result cache (no parse when nothing
    changed) and keeps that cache warm for `contentlint check`. None for an
    unsaved buffer or text that differs from the file."""
    if not os.path.isabs(path):
        return None
    try:
        _, raw = read_regular_file(path, _MAX_SAVED)
    except Exception:  # missing, special or too large: lint the text
        return None
    if raw != text.encode("utf-8", "surrogatepass"):
        return None
    result = lint_paths([path])
    return result if len(result.files) == 1 else None


def lint(text: str, path: str, encoding: str, generation: int = 0) -> Linted:
    _catch_up(generation)
    shift = 1 if text.startswith("\ufeff") else 0  # the engine drops a BOM
    linted = Linted(text, path, shift, encoding=encoding)
    try:
        result = _saved_result(text, path) or lint_text(text, path=path, config=config_for(path))
        linted.violations = result.files[0].violations
        shown = linted.violations[:MAX_DIAGNOSTICS]
        linted.diagnostics = [to_diagnostic(v, linted.positions, shift) for v in shown]
        if len(linted.violations) > len(shown):
            linted.diagnostics.append(more_diagnostic(len(linted.violations) - len(shown), linted.positions))
    except ConfigError as exc:
        linted.diagnostics = [problem_diagnostic(f"contentlint configuration: {exc}")]
    except BaseException as exc:
        # An engine bug, or a plugin rule calling sys.exit, must not take the
        # editor's linter down with it.
        log.error("linting %s failed:\n%s", path, traceback.format_exc())
        linted.diagnostics = [problem_diagnostic(f"contentlint failed on this file: {type(exc).__name__}: {exc}")]
    linted.__dict__.pop("positions", None)  # rebuilt on demand; not worth sending back
    return linted


T = TypeVar("T")


class Linter:
    def __init__(self, publish: Callable[[str, Optional[int], list[types.Diagnostic]], None]) -> None:
        self.publish = publish  # (uri, version, diagnostics) -> None
        self.results: dict[str, Linted] = {}
        self._tasks: dict[str, asyncio.Task[None]] = {}
        self._cost: dict[str, float] = {}
        self._running: dict[str, Future[Linted]] = {}
        # Two workers: a small page's findings need not wait for a 5 MB file's
        # lint. Lints of one file run one at a time (``_run``).
        self.executor = new_pool()
        self.generation = 0

    def files_changed(self) -> None:
        """Configuration or schema files changed: workers drop what they cached."""
        self.generation += 1

    def warm_up(self) -> None:
        for _ in range(2):
            self.executor.submit(warm)

    async def call(self, fn: Callable[..., T], *args: Any) -> T:
        """``fn(*args)`` in a worker; a pool whose worker died is replaced."""
        pool = self.executor
        try:
            return await asyncio.wrap_future(pool.submit(fn, *args))
        except BrokenProcessPool:
            self._replace(pool)
            raise

    def _replace(self, broken: ProcessPoolExecutor) -> None:
        if self.executor is broken:  # the first to notice replaces it
            self.executor = new_pool()
            broken.shutdown(wait=False)
            self.warm_up()

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
            running = self._running.get(doc.uri)
            if running is not None and not running.done():
                # a lint of an older text still runs (a worker cannot be
                # interrupted): wait for it rather than pile up lints of one file
                await asyncio.wait([asyncio.wrap_future(running)])
            text, version = doc.text, doc.version
            started = time.perf_counter()
            pool = self.executor
            future = self._running[doc.uri] = pool.submit(lint, text, lint_path(doc), encoding, self.generation)
            try:
                linted = await asyncio.wrap_future(future)
            except BrokenProcessPool:
                self._replace(pool)
                linted = Linted(text, lint_path(doc), 0, diagnostics=[problem_diagnostic(
                    "contentlint's worker process died while checking this file (a rule crashed it)")])
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
        self._running.pop(uri, None)

    def current(self, doc: OpenDocument) -> Optional[Linted]:
        """The last lint, if it was of the text the client holds now."""
        linted = self.results.get(doc.uri)
        return linted if linted is not None and linted.text == doc.text else None
