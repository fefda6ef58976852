"""A progress bar on stderr for long runs: files done of total, findings so
far and the rate. Only for a person at a terminal: never when stderr is a
pipe or a file (CI logs, editors), and only once a run has taken longer than
``DELAY`` seconds, so short runs print exactly what they always did. The bar
is transient: it is erased before the report is printed."""
from __future__ import annotations

import os
import sys
import time
from contextlib import contextmanager
from typing import TYPE_CHECKING, Callable, Iterator, Optional

if TYPE_CHECKING:
    from rich.progress import Progress, ProgressColumn, Task, TaskID

# Seconds before the bar appears; a run that ends sooner shows nothing.
DELAY = 1.0


def _delay() -> float:
    """The delay before the bar appears; CONTENTLINT_PROGRESS_DELAY overrides it
    (the terminal test sets 0: how long a run takes depends on the machine)."""
    try:
        return max(0.0, float(os.environ.get("CONTENTLINT_PROGRESS_DELAY", DELAY)))
    except ValueError:
        return DELAY

# ``(file result, total files)`` after each finished file.
Callback = Callable[[object, int], None]


def wanted() -> bool:
    """A terminal on stderr that can redraw a line."""
    try:
        tty = os.isatty(sys.stderr.fileno())
    except (AttributeError, OSError, ValueError):  # replaced stderr (CliRunner, an embedding app)
        return False
    return tty and os.environ.get("TERM") != "dumb"


class _Bar:
    def __init__(self) -> None:
        self.started = time.monotonic()
        self.delay = _delay()
        self.done = 0
        self.findings = 0
        self.progress: Optional[Progress] = None
        self.task: Optional[TaskID] = None

    def __call__(self, file_result: object, total: int) -> None:
        self.done += 1
        self.findings += len(getattr(file_result, "violations", ()))
        if self.progress is None:
            if time.monotonic() - self.started < self.delay or self.done >= total:
                return
            self._start(total)
        if self.progress is not None and self.task is not None:
            self.progress.update(self.task, completed=self.done, total=total, findings=self.findings)

    def _start(self, total: int) -> None:
        from rich.console import Console  # lazy: start-up time
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        console = Console(file=sys.stderr, highlight=False)
        self.progress = progress = Progress(
            TextColumn("Checking"), BarColumn(), MofNCompleteColumn(), TextColumn("files"),
            TextColumn("{task.fields[findings]} findings"), _Rate(), TimeElapsedColumn(),
            console=console, transient=True, redirect_stdout=False, redirect_stderr=False,
        )
        self.task = progress.add_task("check", total=total, completed=self.done, findings=self.findings)
        progress.start()

    def close(self) -> None:
        if self.progress is not None:
            self.progress.stop()


def _Rate() -> ProgressColumn:
    from rich.progress import ProgressColumn
    from rich.text import Text

    class Rate(ProgressColumn):
        def render(self, task: Task) -> Text:
            speed = task.finished_speed or task.speed
            return Text(f"{speed:,.0f} files/s" if speed else "", style="dim")

    return Rate()


@contextmanager
def file_progress(*, enabled: bool = True) -> Iterator[Optional[Callback]]:
    """The callback for ``run`` (None when no bar can be shown); the bar is
    gone when the block ends, also on Ctrl-C or an error."""
    if not (enabled and wanted()):
        yield None
        return
    bar = _Bar()
    try:
        yield bar
    finally:
        bar.close()
