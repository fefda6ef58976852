"""Plain functions behind the CLI, usable from Python."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional, Sequence

from .config import Config, load_config
from .discovery import discover
from .engine import Settings, run, run_text
from .violations import RunResult


def run_check(
    paths: Sequence[str],
    settings: Settings,
    *,
    config_path: Optional[str] = None,
    isolated: bool = False,
    overrides: Optional[dict] = None,
    force_exclude: bool = False,
    verbose: bool = False,
    config: Optional[Config] = None,
) -> tuple[RunResult, Config]:
    if config is None:
        start = Path(paths[0]) if paths and paths[0] != "-" else Path.cwd()
        start = start if start.is_dir() else start.parent
        config = load_config(config_path=config_path, isolated=isolated, start=start if start.exists() else None, overrides=overrides)
    if list(paths) == ["-"]:
        name = settings.stdin_filename or "stdin.md"
        relpath = Path(name).as_posix().lstrip("/")
        result = run_text(sys.stdin.buffer.read(), name, relpath, config, settings)
        return result, config
    if "-" in paths:
        from .discovery import DiscoveryError

        raise DiscoveryError("`-` (stdin) cannot be combined with other paths")
    sources = discover(paths, config, force_exclude=force_exclude)
    result = run(sources, config, settings)
    if verbose:
        result.messages.insert(0, f"configuration: {config.path or '(defaults)'}; project root: {config.root}")
        result.messages.insert(1, f"{len(sources)} file(s) to check; rules: {', '.join(r.code for r in config.enabled_rules)}")
    return result, config
