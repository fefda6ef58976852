"""`contentlint clean`: remove the cache folder at the project root."""
from __future__ import annotations

import shutil
from pathlib import Path
from typing import Optional

import click


@click.command()
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Use this configuration file.")
def clean(config_path: Optional[str]) -> None:
    """Remove the result and URL caches (.contentlint_cache/ at the project root)."""
    from ..engine.cache import CACHE_DIR  # lazy: start-up time
    from ..config.loader import load_config  # lazy: start-up time

    # A ConfigError goes up to the group, which ends every command alike (exit 2).
    root = load_config(config_path=config_path).root
    folder = Path(root) / CACHE_DIR
    if folder.is_dir():
        shutil.rmtree(folder)
        click.echo(f"Removed {folder}")
    else:
        click.echo(f"No cache at {folder}")
