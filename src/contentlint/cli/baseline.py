"""`contentlint baseline` and the `--baseline` / `--update-baseline` options of `check`."""
from __future__ import annotations

import sys
from typing import Optional

import click

from ..violations import ExitCode, RunResult
from .exit import fail as _fail


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}{'' if n == 1 else 's'}"


def apply_baseline(result: RunResult, path: str, *, update: bool, config_path: Optional[str]) -> None:
    """Hide the baselined findings of ``result``, or (``update``) write the
    baseline from them and exit."""
    from ..engine import baseline as bl

    root = bl.root_for(path, config_path)
    try:
        entries = bl.load(path) if not update or _exists(path) else []
        if update:
            if result.internal_errors:
                _fail(f"a rule crashed (CL999), so this run's findings are incomplete; {path} was not written")
            fresh = bl.updated(result, entries, root)
            bl.write(path, fresh)
            kept = sum(e.count for e in fresh)
            click.echo(f"contentlint: wrote {_plural(kept, 'finding')} to {path}", err=True)
            sys.exit(ExitCode.CLEAN)
        outcome = bl.compare(result, entries, path, root)
    except bl.BaselineError as exc:
        _fail(str(exc))
    if outcome.unchanged:
        result.messages.append(f"{_plural(len(outcome.unchanged), 'finding')} in the baseline {path} not shown")
    if outcome.absent:
        result.messages.append(
            f"{_plural(len(outcome.absent), 'baseline finding')} no longer found; "
            f"`--update-baseline` drops {'it' if len(outcome.absent) == 1 else 'them'} from {path}"
        )


def _exists(path: str) -> bool:
    import os

    return os.path.exists(path)


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=str))
@click.option("--output", "-o", default="contentlint-baseline.json", show_default=True,
              type=click.Path(dir_okay=False), help="The baseline file to write.")
@click.option("--select", multiple=True, help="Rules to enable (as for `check`).")
@click.option("--extend-select", multiple=True, help="Rules to enable on top of the selection.")
@click.option("--ignore", multiple=True, help="Rules to disable.")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Use this configuration file.")
@click.option("--isolated", is_flag=True, help="Ignore configuration files.")
@click.option("--network", is_flag=True, help="Also check that URLs are reachable.")
@click.pass_context
def baseline(ctx: click.Context, paths: tuple[str, ...], output: str, select: tuple[str, ...],
             extend_select: tuple[str, ...], ignore: tuple[str, ...], config_path: Optional[str], isolated: bool,
             network: bool) -> None:
    """Write the findings of PATHS to a baseline file (default: contentlint-baseline.json).

    Then `contentlint check --baseline FILE` reports only new findings. The
    same as `contentlint check PATHS --baseline FILE --update-baseline`."""
    # the `check` command of the group this one belongs to (importing it would be a cycle)
    group = ctx.parent
    assert group is not None and isinstance(group.command, click.Group), "`baseline` is a command of the group"
    check = group.command.get_command(group, "check")
    assert check is not None
    ctx.invoke(check, paths=paths, baseline=output, update_baseline=True, select=select,
               extend_select=extend_select, ignore=ignore, config_path=config_path, isolated=isolated,
               network=network)
