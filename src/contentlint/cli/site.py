"""`contentlint site routes`: the routes the site model computes (file → URL → locale), and the routes snapshot."""
from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Optional

import click

from ..api import site_index
from ..atomic import replace_file
from ..engine.files import DiscoveryError
from ..engine.site import snapshot_text
from .exit import fail


@click.group("site")
def site() -> None:
    """The site model: routes, locales and redirects as the framework builds them."""


@site.command("routes")
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table")
@click.option("--snapshot", "snapshot", type=click.Path(dir_okay=False),
              help="Write the routes to FILE (one JSON object per line); name it in `[site] snapshot` "
                   "so a route that disappears without a redirect is reported (ST006).")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Configuration file to use.")
@click.option("--isolated", is_flag=True, help="Ignore configuration files.")
@click.option("--no-cache", is_flag=True, help="Neither read nor write the site facts cache.")
def routes(paths: tuple[str, ...], fmt: str, snapshot: Optional[str], config_path: Optional[str], isolated: bool,
           no_cache: bool) -> None:
    """Print each page's file, URL and locale (PATHS: a folder inside the site; default: the current folder)."""
    try:
        found, index = site_index(list(paths), config_path=config_path, isolated=isolated, use_cache=not no_cache)
    except DiscoveryError as exc:
        fail(str(exc))
        return
    if snapshot is not None:
        text = snapshot_text(index)
        replace_file(Path(snapshot), text)
        click.echo(f"wrote {text.count(chr(10))} routes of the {found.name} site at {found.root} to {snapshot}")
        return
    rows = sorted(((p.relpath, index.shown_route(p), p.locale) for p in index.pages.values() if p.route is not None),
                  key=lambda r: (r[1] or "", r[0]))
    if fmt == "json":
        click.echo(json.dumps([{"file": f, "route": r, "locale": loc} for f, r, loc in rows], indent=2,
                              ensure_ascii=False))
        return
    width = max((len(f) for f, _, _ in rows), default=4)
    click.echo(f"{'file':<{width}}  {'route':<40}  locale")
    for f, r, loc in rows:
        click.echo(f"{f:<{width}}  {r or '':<40}  {loc or '-'}")
    click.echo(f"{len(rows)} routes ({found.name} site at {os.path.relpath(found.root)})", err=True)
