"""`contentlint clean`: remove the cache folder at the project root."""
from __future__ import annotations

import shutil
from pathlib import Path

import click


@click.command()
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Use this configuration file.")
def clean(config_path) -> None:
    """Remove the result and URL caches (.contentlint_cache/ at the project root)."""
    from ..engine.cache import CACHE_DIR
    from ..config.loader import ConfigError, load_config

    try:
        root = load_config(config_path=config_path).root
    except ConfigError as exc:
        raise click.ClickException(str(exc)) from None
    folder = Path(root) / CACHE_DIR
    if folder.is_dir():
        shutil.rmtree(folder)
        click.echo(f"Removed {folder}")
    else:
        click.echo(f"No cache at {folder}")
