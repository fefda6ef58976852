"""The command line: parse options into settings and call plain functions."""
from __future__ import annotations

import gc
import os
import signal
import sys
from types import FrameType
from typing import TYPE_CHECKING, Any, Optional

import click

from .. import __version__
from ..errors import ConfigError
from .exit import fail as _fail
from .interrupts import Terminated

if TYPE_CHECKING:
    from ..violations import RunResult

# As ruff names them; `console` is the old name of `full` and keeps working.
FORMATS = ["full", "concise", "json", "json-lines", "sarif", "github", "gitlab", "junit", "console"]




def _split(values: tuple[str, ...]) -> Optional[list[str]]:
    if not values:
        return None
    return [part.strip() for v in values for part in v.split(",") if part.strip()]


# Subcommands in their own modules, imported only when used so that
# `contentlint --version` and `check` stay fast.
LAZY_COMMANDS = {
    "schema": "contentlint.cli.schema:schema",
    "init": "contentlint.cli.init:init",
    "clean": "contentlint.cli.clean:clean",
    "baseline": "contentlint.cli.baseline:baseline",
    "server": "contentlint.server.command:server",
    "site": "contentlint.cli.site:site",
}


def _raise_terminated(signum: int, frame: Optional[FrameType]) -> None:
    raise Terminated()


class LazyGroup(click.Group):
    def _available(self) -> dict[str, str]:
        import importlib.util

        return {
            name: target for name, target in LAZY_COMMANDS.items()
            if importlib.util.find_spec(target.split(":")[0]) is not None
        }

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(set(super().list_commands(ctx)) | set(self._available()))

    def get_command(self, ctx: click.Context, name: str) -> Optional[click.Command]:
        command = super().get_command(ctx, name)
        if command is not None:
            return command
        target = self._available().get(name)
        if target is None:
            return None
        import importlib

        module, attr = target.split(":")
        found: click.Command = getattr(importlib.import_module(module), attr)
        return found

    def invoke(self, ctx: click.Context) -> Any:
        try:
            previous = signal.signal(signal.SIGTERM, _raise_terminated)
        except ValueError:  # not the main thread (an embedding application)
            previous = None
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt as exc:
            # 128 + the signal number, as a shell reports a process it stopped.
            click.echo("contentlint: interrupted", err=True)
            sys.exit(143 if isinstance(exc, Terminated) else 130)
        except Exception as exc:
            # A configuration error from any subcommand (such as two plugins
            # claiming one rule code) exits 2 with its message, never a traceback.
            if isinstance(exc, ConfigError):
                _fail(str(exc))
            raise
        finally:
            if previous is not None:
                signal.signal(signal.SIGTERM, previous)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="contentlint")
def main() -> None:
    """Lint Markdown content with frontmatter: frontmatter, text, links, headings."""


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=str))
@click.option("--fix", is_flag=True, help="Apply safe fixes in place.")
@click.option("--unsafe-fixes", is_flag=True, help="Also apply unsafe fixes (with --fix or --diff).")
@click.option("--diff", is_flag=True, help="Show fixes as a unified diff; write nothing.")
@click.option("--show-fixes", is_flag=True, help="Show the fix title under each fixable finding.")
@click.option("--output-format", "--format", "fmt", type=click.Choice(FORMATS), default=None,
              help="Output format (default: full; github under GitHub Actions). `console` is `full`.")
@click.option("--output-file", "-o", type=click.Path(dir_okay=False, writable=True), help="Write the report to a file.")
@click.option("--select", multiple=True, help="Rules to enable (codes, prefixes or names; comma-separated).")
@click.option("--extend-select", multiple=True, help="Rules to enable on top of the selection.")
@click.option("--ignore", multiple=True, help="Rules to disable.")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Use this configuration file.")
@click.option("--isolated", is_flag=True, help="Ignore configuration files.")
@click.option("--stdin-filename", help="Name of the file read from `-` (for messages and per-file config).")
@click.option("--schema", help="Validate every file's frontmatter against this schema (PATH or builtin:NAME).")
@click.option("--network", is_flag=True, help="Also check that URLs are reachable (off by default).")
@click.option("--no-cache", is_flag=True, help="Do not read or write the result caches.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
              help="Worker processes (default: one per CPU; small runs stay serial).")
@click.option("--shard", default=None, metavar="K/N",
              help="Check only shard K of N (a stable split by path, for CI matrices).")
@click.option("--force-exclude", is_flag=True, help="Apply `exclude` to files named on the command line too.")
@click.option("--quiet", "-q", is_flag=True, help="Print findings only.")
@click.option("--statistics", is_flag=True,
              help="Print only the count of findings per rule (a JSON object with --output-format json).")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when findings remain.")
@click.option("--strict", is_flag=True, help="Warnings also make the exit code 1.")
@click.option("--no-color", is_flag=True, default=False, help="Disable colour.")
@click.option("--verbose", "-v", is_flag=True, help="Say which configuration and files are used.")
@click.option("--show-settings", "show_settings", metavar="FILE", default=None,
              help="Print the configuration FILE resolves to (files, rules, options, schema) and exit.")
@click.option("--show-files", is_flag=True, help="List the files that would be checked, and why others are skipped; exit.")
@click.option("--baseline", "baseline", type=click.Path(dir_okay=False), default=None,
              help="Report and fail only on findings not in this baseline file.")
@click.option("--update-baseline", is_flag=True, help="Write this run's findings to the --baseline file instead.")
@click.option("--watch", is_flag=True, help="Check again whenever a file changes (Ctrl-C to stop).")
def check(paths: tuple[str, ...], fix: bool, unsafe_fixes: bool, diff: bool, show_fixes: bool, fmt: Optional[str],
          output_file: Optional[str], select: tuple[str, ...], extend_select: tuple[str, ...], ignore: tuple[str, ...],
          config_path: Optional[str], isolated: bool, stdin_filename: Optional[str], schema: Optional[str],
          network: bool, no_cache: bool, jobs: Optional[int], shard: Optional[str], force_exclude: bool, quiet: bool,
          statistics: bool, exit_zero: bool, strict: bool, no_color: bool, verbose: bool,
          show_settings: Optional[str], show_files: bool, watch: bool = False, baseline: Optional[str] = None,
          update_baseline: bool = False) -> None:
    """Check PATHS (files or folders; default: the current folder; `-` for stdin)."""
    if update_baseline and not baseline:
        raise click.UsageError("--update-baseline needs --baseline FILE")
    if watch:
        from .watch import watch as watch_loop  # lazy: start-up time

        watch_loop(click.get_current_context())
    # Loading the linter makes ~100,000 objects that live for the whole run
    # (modules, rule classes, compiled patterns); the cyclic collector would
    # scan them again and again while they load, for nothing.
    gc.disable()
    try:
        from ..api import run_check  # lazy: start-up time
        from ..config.loader import ConfigError  # lazy: start-up time
        from ..engine.files import DiscoveryError  # lazy: start-up time
        from ..engine.lint import Settings  # lazy: start-up time
    finally:
        gc.enable()

    overrides: dict[str, Any] = {}
    for key, values in (("select", select), ("extend-select", extend_select), ("ignore", ignore)):
        parts = _split(values)
        if parts is not None:
            overrides[key] = parts
    settings = Settings(fix=fix, unsafe_fixes=unsafe_fixes, diff=diff, stdin_filename=stdin_filename,
                        schema=schema, network=network, no_cache=no_cache, verbose=verbose, jobs=jobs)
    shard_spec = _parse_shard(shard) if shard else None
    if output_file:
        _check_output_folder(output_file)
    if fmt is None:
        fmt = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "full"
    if show_settings is not None or show_files:
        from .show import show  # lazy: start-up time

        try:
            show(list(paths) or ["."], show_settings, show_files, fmt, config_path=config_path, isolated=isolated,
                 overrides=overrides, force_exclude=force_exclude, settings=settings)
        except (ConfigError, DiscoveryError) as exc:
            _fail(str(exc))
        return
    from .progress import file_progress  # lazy: start-up time

    try:
        with file_progress(enabled=not quiet) as on_file:
            result, config = run_check(
                list(paths) or ["."], settings, config_path=config_path, isolated=isolated,
                overrides=overrides, force_exclude=force_exclude, verbose=verbose, shard=shard_spec,
                progress=on_file,
            )
    except (ConfigError, DiscoveryError) as exc:
        _fail(str(exc))
    except Exception as exc:  # an internal error: a message, never a traceback
        if os.environ.get("CONTENTLINT_DEBUG"):
            raise
        _fail(f"internal error: {type(exc).__name__}: {exc}")

    _warn_plugins()
    if baseline:
        from .baseline import apply_baseline  # lazy: start-up time

        apply_baseline(result, baseline, update=update_baseline, config_path=config_path)
    for message in result.messages:
        click.echo(f"contentlint: {message}", err=True)
    for file in result.files:
        if file.fixed_text is not None:
            sys.stdout.write(file.fixed_text)
    if diff:
        for file in result.files:
            if file.diff:
                _write_bytes(file.diff.encode("utf-8", "surrogateescape"))
    _emit(result, fmt, output_file, quiet=quiet or diff, statistics=statistics, show_fixes=show_fixes,
          no_color=no_color, to_stderr=any(f.fixed_text is not None for f in result.files) or diff)
    sys.exit(result.exit_code(strict=strict, exit_zero=exit_zero, diff=diff))


def _write_bytes(data: bytes) -> None:
    """A patch holds the file's own bytes (any encoding, even invalid UTF-8)."""
    sys.stdout.flush()
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:
        sys.stdout.write(data.decode("utf-8", "replace"))
        return
    buffer.write(data)
    buffer.flush()


def _parse_shard(value: str) -> tuple[int, int]:
    try:
        k, n = (int(x) for x in value.split("/"))
    except ValueError:
        raise click.BadParameter("expected K/N, e.g. 2/4", param_hint="--shard") from None
    if not (n >= 1 and 1 <= k <= n):
        raise click.BadParameter("K must be between 1 and N", param_hint="--shard")
    return k, n


def _check_output_folder(output_file: str) -> None:
    """Before any work (or any fix is written): a report that cannot be saved
    is a usage error, exit 2."""
    folder = os.path.dirname(output_file) or "."
    if not os.path.isdir(folder):
        _fail(f"cannot write the report to `{output_file}`: no folder `{folder}`")


def _warn_plugins() -> None:
    from ..config.catalogue import plugin_errors  # lazy: start-up time

    for message in plugin_errors():
        click.echo(f"contentlint: warning: {message}", err=True)


def _emit(result: RunResult, fmt: str, output_file: Optional[str], *, quiet: bool, statistics: bool,
          show_fixes: bool, no_color: bool, to_stderr: bool) -> None:
    from ..reporters import Reporter, get_reporter  # lazy: start-up time

    reporter: Reporter
    if statistics:
        from ..reporters.statistics import report as reporter  # lazy: start-up time
    else:
        reporter = get_reporter(fmt)
    options: dict[str, Any] = {"quiet": quiet, "statistics": statistics, "show_fixes": show_fixes, "format": fmt}
    if no_color or os.environ.get("NO_COLOR"):
        options["color"] = False
    if output_file:
        options["color"] = False
        try:
            with open(output_file, "w", encoding="utf-8") as fh:
                reporter(result, fh, options)
        except OSError as exc:
            _fail(f"cannot write the report to `{output_file}`: {exc.strerror or exc}")
        return
    stream = sys.stderr if to_stderr else sys.stdout
    reporter(result, stream, options)
    stream.flush()


@main.command("rules")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table")
@click.option("--all", "show_all", is_flag=True, help="Include engine findings (CL9xx).")
def rules_cmd(fmt: str, show_all: bool) -> None:
    """List the rules: code, name, family, fixable, enabled by default."""
    import json

    from ..config.loader import ConfigError, load_config  # lazy: start-up time
    from ..config.catalogue import all_rules  # lazy: start-up time

    _warn_plugins()
    try:
        config = load_config()
        enabled = {r.code for r in config.enabled_rules}
    except ConfigError:
        enabled = {r.code for r in all_rules() if r.default_enabled}
    rules = [r for r in all_rules() if show_all or not r.code.startswith("CL")]
    if fmt == "json":
        payload = [
            {
                "code": r.code, "name": r.name, "family": r.family(), "summary": r.summary,
                "severity": r.severity.value, "fixable": r.fixable, "default_enabled": r.default_enabled,
                "enabled": r.code in enabled or r.code.startswith("CL"), "distribution": r.distribution,
                "options": [{"name": o.name, "type": o.type.__name__, "default": o.default, "help": o.help} for o in r.options],
            }
            for r in rules
        ]
        click.echo(json.dumps(payload, indent=2))
        return
    click.echo(f"{'code':<7} {'name':<32} {'family':<12} {'fixable':<13} {'enabled':<8} distribution")
    for r in rules:
        on = "yes" if r.code in enabled or r.code.startswith("CL") else "no"
        click.echo(f"{r.code:<7} {r.name:<32} {r.family():<12} {r.fixable:<13} {on:<8} {r.distribution}")


@main.command("rule")
@click.argument("key")
def rule_cmd(key: str) -> None:
    """Print the documentation of one rule (by code or name)."""
    from .rule_docs import rule_markdown  # lazy: start-up time
    from ..config.catalogue import get_rule  # lazy: start-up time

    rule = get_rule(key)
    if rule is None:
        from ..config.loader import did_you_mean, selector_names

        _fail(f"no rule named `{key}`{did_you_mean(key, selector_names())}; `contentlint rules` lists them")
    click.echo(rule_markdown(rule))
