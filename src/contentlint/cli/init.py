"""`contentlint init`: write a starter configuration for the site in a folder.

The framework is recognised by ``frameworks.detect``; this module turns the
detection into TOML (only keys the installed contentlint knows, checked
against the registered settings and validated before anything is written),
and writes it to ``contentlint.toml`` or appends a ``[tool.contentlint]``
table to an existing ``pyproject.toml`` without touching the rest of it.
"""
from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Optional

import click

from .exit import fail as _fail

from ..config.frameworks import DETECTORS, LOOKED_FOR, Collection, Detection, detect

if TYPE_CHECKING:
    from .from_markdownlint import Migration

from .. import toml_parser as tomllib

CONFIG_NAMES = ("contentlint.toml", ".contentlint.toml")
_TOML_HEADER = re.compile(r"^\s*\[\[?\s*([^\[\]]+?)\s*\]\]?\s*(#.*)?$")
_BARE_KEY = re.compile(r"^[A-Za-z0-9_-]+$")




@dataclass
class Plan:
    """What goes into the configuration, with the lines that explain it."""

    detection: Detection
    schemas: dict[str, str] = field(default_factory=dict)  # glob -> ref, in match order
    report: list[str] = field(default_factory=list)
    inferred: dict[str, dict[str, Any]] = field(default_factory=dict)  # schema path -> schema
    migration: Optional[Migration] = None


# --- TOML ------------------------------------------------------------------

def _key(key: str) -> str:
    return key if _BARE_KEY.match(key) else json.dumps(key, ensure_ascii=False)


def _value(value: Any) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    if isinstance(value, bool):
        return "true" if value else "false"
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a TOML basic string


def _known_settings() -> tuple[set[str], set[str]]:
    """Top-level keys the families registered, and the keys of `[links]`."""
    from ..registry import extra_settings  # lazy: start-up time
    from ..config.catalogue import load_rules  # lazy: start-up time

    load_rules()  # families register their settings when imported
    links = extra_settings().get("links", ({}, None))[0].get("properties", {})
    return set(extra_settings()), set(links)


def render(plan: Plan, *, prefix: str = "") -> tuple[str, dict[str, Any]]:
    """The configuration as TOML text (tables under ``prefix``) and as data."""
    d = plan.detection
    known, link_keys = _known_settings()
    data: dict[str, Any] = {}
    what = f"this {d.label} site" if d.framework != "generic" else "this folder"
    # In pyproject.toml the header comes first, so that the comments belong to
    # the table and `init --force` replaces them with it.
    lines = [f"[{prefix}]"] if prefix else []
    lines.append(f"# contentlint configuration for {what}, written by `contentlint init`.")
    if d.reasons:
        lines.append(f"# Detected {d.label}: {'; '.join(d.reasons)}.")
    lines.append("# Rules: `contentlint rules`; one rule's documentation: `contentlint rule CODE`.")

    def put(comment: str, key: str, value: Any) -> None:
        lines.extend(["", f"# {comment}", f"{_key(key)} = {_value(value)}"])
        data[key] = value

    put("Files `contentlint check` looks at (gitignore-style globs, relative to this folder).", "include", d.include())
    if d.extend_exclude:
        put("Build output and caches, skipped on top of the default excludes.", "extend-exclude", d.extend_exclude)
    if "title-key" in known:
        put("The frontmatter key that holds the page title (heading rules compare with it).", "title-key", d.title_key)
    for key, value in d.settings().items():
        if key == "title-fallback" and key in known:
            put(f"In {d.label} a body h1 is the page title, not a second one beside the frontmatter title.",
                key, value)
    if d.require_frontmatter and "require-frontmatter" in known:
        put("Files that must start with frontmatter.", "require-frontmatter", d.require_frontmatter)
    tables = []
    m = plan.migration
    if m is not None:
        if "ignore" in m.top:
            put(f"Rules whose markdownlint equivalent is off in {m.source.name}.", "ignore", m.top["ignore"])
        if "extend-select" in m.top:
            put(f"Rules whose markdownlint equivalent is on in {m.source.name}.", "extend-select", m.top["extend-select"])
        for name, options in m.rules.items():
            table = [f"[{prefix + '.' if prefix else ''}rules.{name}]"]
            table += [f"{_key(k)} = {_value(v)}" for k, v in options.items()]
            tables.append((f"{m.origins.get(name, 'markdownlint')} in {m.source.name}.", table))
        if m.rules:
            data["rules"] = {name: dict(options) for name, options in m.rules.items()}
    if plan.schemas and "schemas" in known:
        table = [f"[{prefix + '.' if prefix else ''}schemas]"]
        table += [f"{_key(glob)} = {_value(ref)}" for glob, ref in plan.schemas.items()]
        tables.append(("Frontmatter schemas: glob = path or builtin:NAME; the first match wins.", table))
        data["schemas"] = dict(plan.schemas)
    if d.static_folders and "static-folders" in link_keys:
        table = [f"[{prefix + '.' if prefix else ''}links]", f"static-folders = {_value(d.static_folders)}"]
        tables.append(("Folders served at the site root: `/images/x.png` is looked for in them.", table))
        data["links"] = {"static-folders": d.static_folders}
    for name, options in d.rule_options.items():
        table = [f"[{prefix + '.' if prefix else ''}rules.{name}]"]
        table += [f"{_key(key)} = {_value(value)}" for key, value in options.items()]
        tables.append((f"{d.label}'s own pages call for these options.", table))
        data.setdefault("rules", {})[name] = dict(options)
    for comment, table in tables:
        lines.extend(["", f"# {comment}", *table])
    return "\n".join(lines) + "\n", data


# --- planning ----------------------------------------------------------------

def _count(root: Path, folder: str, extensions: tuple[str, ...]) -> int:
    total = 0
    suffixes = tuple(f".{e}" for e in extensions)
    for dirpath, dirnames, filenames in os.walk(root / folder):
        dirnames[:] = [n for n in dirnames if not n.startswith(".") and n != "node_modules"]
        total += sum(1 for n in filenames if n.endswith(suffixes))
    return total


def plan_for(root: Path, detection: Detection, others: list[str]) -> Plan:
    from ..schema.store import builtin_names  # lazy: start-up time

    plan = Plan(detection)
    d = detection
    bundled = {f"builtin:{n}" for n in builtin_names()}
    if d.framework == "generic":
        plan.report.append(f"No site framework detected (looked for {LOOKED_FOR}); writing a generic starter.")
    else:
        plan.report.append(f"Detected {d.label}: {'; '.join(d.reasons)}.")
    for folder in d.content_folders:
        count = _count(root, folder, d.extensions)
        plan.report.append(f"  content:        {folder}/ ({count} file{'s' if count != 1 else ''})")
    if d.include_everywhere:
        plan.report.append(f"  content:        {', '.join(d.include())} anywhere in the project")
    for c in d.collections:
        if c.schema and c.schema in bundled:
            plan.schemas[f"{c.folder}/**"] = c.schema
            plan.report.append(f"  schema:         {c.folder}/** -> {c.schema} ({c.schema_note})")
        elif c.schema:
            plan.report.append(f"  schema:         {c.folder}/**: {c.schema} is not bundled with this version")
        elif c.schema_note:
            plan.report.append(f"  schema:         {c.folder}/**: {c.schema_note}")
    if d.static_folders:
        plan.report.append(f"  static folders: {', '.join(s.rstrip('/') + '/' for s in d.static_folders)}")
    plan.report.append(f"  title key:      {d.title_key}")
    if d.title_fallback:
        plan.report.append("  title:          a body h1 is the page title; the frontmatter title only when there is none")
    for note in d.notes:
        plan.report.append(f"  note:           {note}")
    if others:
        plan.report.append(f"  also matched:   {', '.join(others)} (use --framework to choose)")
    return plan


def _infer_targets(root: Path, d: Detection) -> list[Collection]:
    targets = []
    for c in d.collections:
        sections = []
        if d.framework == "hugo":  # Hugo sections: each top-level folder of content/
            try:
                sections = sorted(e.name for e in os.scandir(root / c.folder) if e.is_dir() and not e.name.startswith("."))
            except OSError:
                sections = []
        targets += [Collection(s, f"{c.folder}/{s}") for s in sections] or [c]
    return targets


def infer_schemas(root: Path, plan: Plan, force: bool) -> None:
    """``schemas/<collection>.schema.json`` for each collection, mapped ahead
    of the bundled schemas (a more specific glob, and the first match wins)."""
    from ..engine.files import discover  # lazy: start-up time
    from ..config.loader import Config  # lazy: start-up time
    from ..document.document import Document, FileTooLarge, NotRegularFile, read_regular_file  # lazy: start-up time
    from ..schema.infer import infer  # lazy: start-up time
    from ..schema.store import to_instance  # lazy: start-up time

    d = plan.detection
    if not d.collections:
        plan.report.append("  inferred:       nothing (no content collection found)")
        return
    config = Config(root=root, include=[f"*.{e}" for e in d.extensions])
    mapped: dict[str, str] = {}
    for c in _infer_targets(root, d):
        instances = []
        for source in discover([str(root / c.folder)], config):
            if source.outside is not None:
                continue
            try:
                raw = read_regular_file(source.real_path or source.abs_path, config.max_file_size)[1]
            except (OSError, NotRegularFile, FileTooLarge):
                continue  # `check` reports it
            block = Document.from_bytes(source.path, raw).frontmatter
            if block is not None and isinstance(block.data, dict):
                instances.append(to_instance(block.data))
        if not instances:
            plan.report.append(f"  inferred:       {c.folder}/: no file with frontmatter, nothing inferred")
            continue
        name = re.sub(r"[^A-Za-z0-9_.-]+", "-", c.name).strip("-") or "content"
        path = f"schemas/{name}.schema.json"
        if path in plan.inferred:
            name = re.sub(r"[^A-Za-z0-9_.-]+", "-", c.folder).strip("-")
            path = f"schemas/{name}.schema.json"
        if (root / path).exists() and not force:
            _fail(f"{root / path} exists; use --force to replace it")
        plan.inferred[path] = infer(instances, title=f"{d.label} {c.name}")
        mapped[f"{c.folder}/**"] = path
        plan.report.append(f"  inferred:       {path} from {len(instances)} file(s) in {c.folder}/")
    plan.schemas = {**mapped, **{g: r for g, r in plan.schemas.items() if g not in mapped}}


# --- writing -----------------------------------------------------------------

def existing_config(root: Path) -> Optional[Path]:
    for name in CONFIG_NAMES:
        if (root / name).is_file():
            return root / name
    pyproject = root / "pyproject.toml"
    if pyproject.is_file():
        try:
            if "contentlint" in tomllib.loads(pyproject.read_text(encoding="utf-8")).get("tool", {}):
                return pyproject
        except (tomllib.TOMLDecodeError, UnicodeDecodeError, OSError):
            return None
    return None


def _in_contentlint_table(name: str) -> bool:
    name = re.sub(r"\s*\.\s*", ".", name).replace('"', "").replace("'", "")
    return name == "tool.contentlint" or name.startswith("tool.contentlint.")


def updated_pyproject(original: str, block: str) -> str:
    """``original`` without its ``[tool.contentlint…]`` tables, with ``block``
    appended, in the file's newline style."""
    newline = "\r\n" if "\r\n" in original else "\n"
    kept, skipping = [], False
    for line in original.splitlines(keepends=True):
        header = _TOML_HEADER.match(line.rstrip("\r\n"))
        if header:
            skipping = _in_contentlint_table(header.group(1))
        if not skipping:
            kept.append(line)
    text = "".join(kept).rstrip()
    text = (text + newline + newline if text else "") + block.replace("\n", newline)
    return text


def _check_pyproject(original: str, updated: str, data: dict[str, Any], path: Path) -> None:
    """The new file parses, keeps every other table as it was, and holds ``data``."""
    try:
        before = tomllib.loads(original)
        after = tomllib.loads(updated)
    except tomllib.TOMLDecodeError as exc:
        _fail(f"{path}: could not update it safely ({exc}); add the table by hand (see --dry-run)")
    before.get("tool", {}).pop("contentlint", None)
    ours = after.get("tool", {}).pop("contentlint", None)
    for parsed in (before, after):
        if parsed.get("tool") == {}:
            parsed.pop("tool")
    if before != after or ours != data:
        _fail(f"{path}: could not update it safely; add the table by hand (see --dry-run)")


def _write_new(path: Path, text: str, force: bool) -> None:
    mode = "w" if force else "x"
    with open(path, mode, encoding="utf-8", newline="\n") as fh:
        fh.write(text)


def _write_replace(path: Path, text: str) -> None:
    from ..engine.writer import FileStamp, WriteError, write_atomic  # lazy: start-up time

    try:
        write_atomic(str(path), text.encode("utf-8"), expected=FileStamp.of(path.stat()))
    except WriteError as exc:
        _fail(f"{path}: {exc}")


@click.command()
@click.argument("directory", default=".", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--framework", type=click.Choice(sorted(DETECTORS)), help="Only look for this framework (when several match).")
@click.option("--pyproject/--no-pyproject", default=None,
              help="Write a [tool.contentlint] table into pyproject.toml, or a contentlint.toml "
                   "(default: pyproject.toml when the folder has one).")
@click.option("--infer-schema", is_flag=True,
              help="Also infer a schema from each collection's frontmatter into schemas/<collection>.schema.json.")
@click.option("--force", is_flag=True, help="Replace an existing configuration (and inferred schema files).")
@click.option("--dry-run", is_flag=True, help="Print the configuration instead of writing it.")
@click.option("--from-markdownlint", "from_markdownlint", is_flag=False, flag_value="", default=None, metavar="[FILE]",
              help="Carry over a markdownlint configuration (FILE, or the .markdownlint* file in DIRECTORY): "
                   "its rules with an equivalent here, their options, and what has none.")
def init(directory: Path, framework: Optional[str], pyproject: Optional[bool], infer_schema: bool, force: bool, dry_run: bool,
         from_markdownlint: Optional[str] = None) -> None:
    """Write a starter configuration for the site in DIRECTORY (default: .)."""
    root = directory.resolve()
    existing = existing_config(root)
    if existing is not None and not (force or dry_run):
        _fail(f"{existing} already holds a contentlint configuration; use --force to replace it")
    detection, others = detect(root, framework)
    if detection is None:
        _fail(f"no {framework} project files in {root}; looked for {LOOKED_FOR}")
    plan = plan_for(root, detection, others)
    if from_markdownlint is not None:
        _migrate(plan, root, from_markdownlint)
    if infer_schema:
        infer_schemas(root, plan, force or dry_run)

    if existing is not None:
        target = existing
    elif pyproject or (pyproject is None and (root / "pyproject.toml").is_file()):
        target = root / "pyproject.toml"
    else:
        target = root / "contentlint.toml"
    in_pyproject = target.name == "pyproject.toml"
    text, data = render(plan, prefix="tool.contentlint" if in_pyproject else "")
    _validate(text, data, target)

    for line in plan.report:  # on stderr with --dry-run, so that stdout is the file
        click.echo(line, err=dry_run)
    if dry_run:
        click.echo(text, nl=False)
        for path, schema in plan.inferred.items():
            click.echo(f"contentlint: would write {path}", err=True)
        return
    for path, schema in plan.inferred.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(json.dumps(schema, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    if in_pyproject and target.is_file():
        with open(target, encoding="utf-8", newline="") as fh:  # keep CRLF as CRLF
            original = fh.read()
        updated = updated_pyproject(original, text)
        _check_pyproject(original, updated, data, target)
        _write_replace(target, updated)
    else:
        try:
            _write_new(target, text, force)
        except FileExistsError:
            _fail(f"{target} already exists; use --force to replace it")
    shown = os.path.relpath(target) if not os.path.relpath(target).startswith("..") else str(target)
    verb = "Replaced the configuration in" if existing is not None else "Wrote"
    click.echo(f"{verb} {shown}. Next: `contentlint check{'' if root == Path.cwd().resolve() else ' ' + str(directory)}`.")


def _migrate(plan: Plan, root: Path, source: str) -> None:
    from .from_markdownlint import MigrationError, find, migrate

    try:
        m = migrate(Path(source) if source else find(root))
    except MigrationError as exc:
        _fail(str(exc))
    plan.migration = m
    if "title-key" in m.top:
        plan.detection.title_key = m.top["title-key"]
        plan.report = [f"  title key:      {m.top['title-key']}" if line.startswith("  title key:") else line
                       for line in plan.report]
    # One table per rule: the team's markdownlint choice wins over the framework's default.
    for name, options in m.rules.items():
        framework = plan.detection.rule_options.pop(name, None)
        if framework:
            m.rules[name] = {**framework, **options}
            replaced = ", ".join(k for k in framework if k in options)
            if replaced:
                m.report.append(f"  {name}: {replaced} from {m.source.name}, not {plan.detection.label}'s default")
    extra = [g for g in m.top.get("extend-exclude", []) if g not in plan.detection.extend_exclude]
    plan.detection.extend_exclude = plan.detection.extend_exclude + extra
    plan.report.extend(m.report)


def _validate(text: str, data: dict[str, Any], target: Path) -> None:
    """The generated table must load exactly as a user's file would."""
    from ..config.loader import ConfigError, validate_table  # lazy: start-up time

    parsed = tomllib.loads(text)
    if target.name == "pyproject.toml":
        parsed = parsed["tool"]["contentlint"]
    assert parsed == data, (parsed, data)
    try:
        validate_table(parsed, str(target))
    except ConfigError as exc:  # pragma: no cover - a bug in init, not a user error
        _fail(f"internal error: the generated configuration is invalid:\n{exc}")
