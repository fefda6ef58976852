"""``contentlint check --watch``: check, then check again whenever a file changes.

Each re-run is the whole ``check`` command with the same options, so what it
prints is exactly what ``check`` would print now; the result cache keeps it
cheap (an unchanged file is a stat, not a parse), and configuration files are
found afresh, so an edited ``contentlint.toml`` applies at once. Watching is
watchfiles' job (native change notifications, polling where there are none,
changes batched while an editor saves).
"""
from __future__ import annotations

import os
import signal
import sys
from types import FrameType
from typing import Any, NoReturn, Optional

import click

# Written by the run itself (caches, reports): watching them would re-run forever.
_OWN_DIRS = (".contentlint_cache",)


def watch(ctx: click.Context) -> NoReturn:
    """Run ``ctx.command`` with ``ctx.params`` (``watch`` off) now and after
    every change under its paths, until Ctrl-C (exit 130) or SIGTERM (143)."""
    import watchfiles

    from .interrupts import Terminated

    params = dict(ctx.params, watch=False)
    paths = list(params.get("paths") or ()) or ["."]
    if "-" in paths:
        raise click.UsageError("--watch cannot read stdin (`-`)")
    ignored = tuple(os.path.abspath(p) for p in (params.get("output_file"),) if p)
    watch_filter = watchfiles.DefaultFilter(
        ignore_dirs=(*watchfiles.DefaultFilter.ignore_dirs, *_OWN_DIRS), ignore_paths=ignored
    )

    code = _run(ctx, params)
    existing = [p for p in paths if os.path.exists(p)]
    if not existing:
        sys.exit(code)
    # watchfiles turns any signal into KeyboardInterrupt; remember a SIGTERM
    # so that it still exits 143.
    terminated: list[int] = []

    def _on_term(signum: int, frame: Optional[FrameType]) -> None:
        terminated.append(signum)
        raise Terminated()

    try:
        previous = signal.signal(signal.SIGTERM, _on_term)
    except ValueError:  # not the main thread
        previous = None
    try:
        # An empty batch comes after half a second without changes: the
        # watcher is in place by then, so "watching" is only said when an
        # edit made after it is sure to be seen.
        announce = True
        for changes in watchfiles.watch(*existing, watch_filter=watch_filter, raise_interrupt=True,
                                        rust_timeout=500, yield_on_timeout=True):
            if changes:
                _run(ctx, params, changed=len(changes))
                announce = True
            elif announce:
                _waiting(existing)
                announce = False
    except KeyboardInterrupt:
        if terminated:
            raise Terminated() from None
        raise
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
    sys.exit(code)  # not reached: watching ends with a signal


def _run(ctx: click.Context, params: dict[str, Any], changed: int = 0) -> int:
    click.clear()  # only on a terminal: a pipe or a log keeps every run
    if changed:
        click.echo(f"contentlint: {changed} change(s); checking again", err=True)
    try:
        ctx.invoke(ctx.command, **params)
    except SystemExit as exc:  # check always ends with sys.exit(code)
        return exc.code if isinstance(exc.code, int) else 2
    return 0


def _waiting(paths: list[str]) -> None:
    sys.stdout.flush()
    click.echo(f"contentlint: watching {', '.join(paths)} for changes (Ctrl-C to stop)", err=True)
