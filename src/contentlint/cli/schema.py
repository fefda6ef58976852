"""`contentlint schema`: infer a frontmatter schema from files, list the bundled ones."""
from __future__ import annotations

import json
from typing import Optional

import click

from .exit import fail as _fail




def _threshold(value: str) -> float:
    text = value.strip()
    try:
        number = float(text[:-1]) / 100 if text.endswith("%") else float(text)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a share such as 100%, 90% or 0.9") from None
    if number > 1 and not text.endswith("%"):
        number /= 100  # `90` means 90%
    if not 0 <= number <= 1:
        raise click.BadParameter(f"{value!r} is not between 0% and 100%")
    return number


@click.group()
def schema() -> None:
    """Work with frontmatter schemas."""


@schema.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("--required-threshold", default="100%", show_default=True,
              help="A key is required when present in at least this share of the files (e.g. 90% or 0.9).")
@click.option("--max-enum", type=click.IntRange(min=0), default=10, show_default=True,
              help="Texts with at most this many distinct (repeated) values become an enum; 0 turns enums off.")
@click.option("--strict", is_flag=True, help="Forbid keys that were not seen (additionalProperties: false).")
@click.option("--output", "-o", type=click.Path(dir_okay=False, writable=True), help="Write the schema to this file.")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Use this configuration file.")
@click.option("--isolated", is_flag=True, help="Ignore configuration files.")
def infer(paths: tuple[str, ...], required_threshold: str, max_enum: int, strict: bool, output: Optional[str],
          config_path: Optional[str], isolated: bool) -> None:
    """Print a draft 2020-12 JSON Schema inferred from the frontmatter of PATHS."""
    from pathlib import Path

    from ..config.loader import ConfigError, load_config  # lazy: start-up time
    from ..engine.files import DiscoveryError, discover  # lazy: start-up time
    from ..document.document import Document, FileTooLarge, NotRegularFile, read_regular_file  # lazy: start-up time
    from ..schema.infer import infer as infer_schema  # lazy: start-up time
    from ..schema.store import to_instance  # lazy: start-up time

    threshold = _threshold(required_threshold)
    try:
        start = Path(paths[0]) if Path(paths[0]).is_dir() else Path(paths[0]).parent
        config = load_config(config_path=config_path, isolated=isolated, start=start)
        sources = discover(paths, config)
    except (ConfigError, DiscoveryError) as exc:
        _fail(str(exc))
    instances, without, broken = [], [], []
    for source in sources:
        if source.outside is not None:
            broken.append(f"{source.path}: symlink outside the checked folders")
            continue
        try:
            doc = Document.from_bytes(source.path, read_regular_file(source.real_path or source.abs_path, config.max_file_size)[1],
                                      abs_path=source.abs_path)
        except OSError as exc:
            broken.append(f"{source.path}: {exc.strerror}")
            continue
        except (NotRegularFile, FileTooLarge) as exc:
            broken.append(f"{source.path}: {exc}")
            continue
        block = doc.frontmatter
        if block is None and doc.frontmatter_problem is None:
            without.append(source.path)
        elif block is None or not isinstance(block.data, dict) or block.value_problems:
            # An impossible date would loosen the schema (no `format: date`) for a typo.
            broken.append(source.path)
        else:
            instances.append(to_instance(block.data))
    if without:
        click.echo(f"contentlint: {len(without)} file(s) without frontmatter were left out "
                   "(FM001 reports them under this schema)", err=True)
    if broken:
        click.echo(f"contentlint: {len(broken)} file(s) with broken frontmatter were left out "
                   f"(e.g. {broken[0]}; `contentlint check --select FM002,FM004` shows why)", err=True)
    # After the notes: when every file was left out, they say why.
    if not instances:
        _fail("no file with frontmatter to infer a schema from")
    result = infer_schema(instances, required_threshold=threshold, max_enum=max_enum, strict=strict)
    text = json.dumps(result, indent=2, ensure_ascii=False) + "\n"
    if output:
        with open(output, "w", encoding="utf-8") as fh:
            fh.write(text)
        click.echo(f"contentlint: wrote {output} from {len(instances)} file(s)", err=True)
    else:
        click.echo(text, nl=False)


@schema.command("list")
def list_schemas() -> None:
    """List the bundled schemas (use them as builtin:NAME)."""
    from ..schema.store import builtin_dir, builtin_names  # lazy: start-up time

    for name in builtin_names():
        with open(builtin_dir() / f"{name}.schema.json", encoding="utf-8") as fh:
            title = json.load(fh).get("title", "")
        click.echo(f"builtin:{name:<18} {title}")
