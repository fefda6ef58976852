"""`check --show-settings FILE` and `check --show-files`: what a run would
use, without running it. Configuration is resolved per file (the nearest
configuration file above it), so the settings are shown for one file."""
from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any, Optional

import click

from ..config.loader import Config, Resolver, file_table
from ..engine.files import discover
from ..engine.lint import Settings


def extends_chain(path: Optional[Path]) -> list[str]:
    """The configuration file and the files it `extends`, nearest first."""
    chain: list[str] = []
    seen: set[Path] = set()
    while path is not None and path.resolve() not in seen:
        seen.add(path.resolve())
        chain.append(str(path))
        base = file_table(path).get("extends")
        if not isinstance(base, str):
            break
        path = Path(base) if os.path.isabs(base) else path.parent / base
    return chain


def _schema_origin(abs_path: str, shown: str, config: Config, settings: Settings) -> str:
    from ..document.document import Document  # lazy: start-up time
    from ..engine.lint import file_context  # lazy: start-up time
    from ..schema.discovery import resolve  # lazy: start-up time

    try:
        with open(abs_path, "rb") as fh:
            doc = Document.from_bytes(shown, fh.read(), abs_path=abs_path)
    except OSError:
        doc = Document.from_bytes(shown, b"", abs_path=abs_path)
    try:
        return resolve(doc, file_context(config, doc, abs_path, settings)).origin
    except Exception as exc:  # a broken schema is a finding at check time; here, say so
        return f"cannot be resolved: {exc}"


def _detected(config: Config, isolated: bool) -> Optional[str]:
    """Without a configuration file, the framework whose rendering settings
    the run takes (as `init` would write them)."""
    if config.path is not None or isolated:
        return None
    from ..config.frameworks import detect  # lazy: start-up time

    detection, _ = detect(config.root)
    if detection is None or detection.framework == "generic":
        return None
    return f"{detection.label} ({'; '.join(detection.reasons)})"


def settings_for(file: str, resolver: Resolver, settings: Settings, isolated: bool = False) -> dict[str, Any]:
    from ..net.settings import LinkSettings  # lazy: start-up time

    abs_path = os.path.abspath(file)
    config = resolver.for_file(abs_path)
    root = str(config.root)
    relpath = Path(os.path.relpath(abs_path, root)).as_posix()
    enabled = config.rules_for(relpath)
    off_here = [r.code for r in config.enabled_rules if r not in enabled]
    static = config.family(LinkSettings).static_folders
    return {
        "file": file,
        "project_root": root,
        "path_in_project": relpath,
        "configuration_files": extends_chain(config.path),
        "detected_framework": _detected(config, isolated),
        "include": config.include,
        "exclude": config.exclude,
        "respect_gitignore": config.respect_gitignore,
        "max_file_size": config.max_file_size,
        "select": config.select,
        "extend_select": config.extend_select,
        "ignore": config.ignore,
        "per_file_ignores": {p: s for p, s in config.per_file_ignores.items()},
        "rules": [
            {"code": r.code, "name": r.name, "severity": config.severity(r).value,
             "options": dict(config.options(r))}
            for r in enabled
        ],
        "rules_off_for_this_file": off_here,
        "schema": (settings.schema and f"--schema {settings.schema}") or _schema_origin(abs_path, file, config, settings),
        "static_folders": [{"folder": name, "exists": (config.root / name).is_dir()} for name in static],
        "settings": config.settings,
    }


def _text_settings(data: dict[str, Any]) -> list[str]:
    def value(v: Any) -> str:
        return json.dumps(v, ensure_ascii=False, default=str)

    files = data["configuration_files"]
    lines = [
        f"file: {data['file']}",
        f"project root: {data['project_root']}",
        f"path in project: {data['path_in_project']}",
        "configuration: " + (files[0] if files else "none (defaults)"),
    ]
    lines += [f"  extends: {f}" for f in files[1:]]
    if data["detected_framework"]:
        lines.append(f"  with the settings of the detected framework: {data['detected_framework']}")
    for key in ("include", "exclude", "respect_gitignore", "max_file_size", "select", "extend_select",
                "ignore", "per_file_ignores"):
        lines.append(f"{key.replace('_', '-')}: {value(data[key])}")
    lines.append(f"rules ({len(data['rules'])} enabled for this file):")
    width = max((len(r["name"]) for r in data["rules"]), default=0)
    for r in data["rules"]:
        options = " ".join(f"{k}={value(v)}" for k, v in sorted(r["options"].items()))
        lines.append(f"  {r['code']}  {r['name']:<{width}}  {r['severity']:<7}  {options}".rstrip())
    if data["rules_off_for_this_file"]:
        lines.append("turned off here by per-file-ignores: " + ", ".join(data["rules_off_for_this_file"]))
    lines.append(f"schema: {data['schema']}")
    folders = [f"{s['folder']}{'' if s['exists'] else ' (missing)'}" for s in data["static_folders"]]
    lines.append("static folders: " + (", ".join(folders) or "none"))
    lines.append("settings:")
    lines += [f"  {k}: {value(v)}" for k, v in sorted(data["settings"].items())]
    return lines


def files_for(paths: list[str], resolver: Resolver, force_exclude: bool) -> dict[str, Any]:
    skipped: list[dict[str, str]] = []
    cwd = os.getcwd()

    def on_skip(path: str, reason: str) -> None:
        shown = os.path.relpath(path, cwd) if path.startswith(cwd + os.sep) else path
        skipped.append({"path": shown, "reason": reason})

    sources = discover(paths, resolver, force_exclude=force_exclude, on_skip=on_skip)
    checked: list[dict[str, str]] = []
    for s in sources:
        entry = {"path": s.path}
        if s.outside is not None:
            entry["note"] = f"symlink to `{s.outside}`, outside the checked folders: reported (CL905), not read"
        elif s.special is not None:
            entry["note"] = f"not a regular file ({s.special}): reported (CL906), never opened"
        checked.append(entry)
    return {"checked": checked, "skipped": skipped}


def _text_files(data: dict[str, Any]) -> list[str]:
    from ..document.text_regions import printable  # lazy: start-up time

    lines = [printable(c["path"]) + (f"  ({c['note']})" if "note" in c else "") for c in data["checked"]]
    if data["skipped"]:
        lines.append("")
        lines.append(f"skipped ({len(data['skipped'])}):")
        lines += [f"  {printable(s['path'])}: {s['reason']}" for s in data["skipped"]]
    lines.append("")
    lines.append(f"{len(data['checked'])} file(s) would be checked.")
    return lines


def show(paths: list[str], settings_file: Optional[str], show_files: bool, fmt: str, *,
         config_path: Optional[str], isolated: bool, overrides: Optional[dict[str, Any]], force_exclude: bool,
         settings: Settings) -> None:
    resolver = Resolver(config_path=config_path, isolated=isolated, overrides=overrides)
    as_json = fmt in ("json", "json-lines")
    out: dict[str, Any] = {}
    if settings_file is not None:
        out["settings"] = settings_for(settings_file, resolver, settings, isolated)
    if show_files:
        out["files"] = files_for(paths, resolver, force_exclude)
    if as_json:
        click.echo(json.dumps(out if len(out) > 1 else next(iter(out.values())), indent=2,
                              ensure_ascii=False, default=str))
        return
    lines: list[str] = []
    if "settings" in out:
        lines += _text_settings(out["settings"])
    if "files" in out:
        lines += ([""] if lines else []) + _text_files(out["files"])
    click.echo("\n".join(lines))

