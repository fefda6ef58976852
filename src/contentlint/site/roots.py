"""Where a site's local images live, as its framework serves them (LK003).

Built once per site from the site model (``SiteConfig``): the folders served
at URL paths (Astro ``public/``, Hugo ``static/`` and its mounts, Jekyll's
root, Docusaurus ``static/``, MkDocs' ``docs_dir``) and the bundler aliases
(``~/assets/x.png``) written literally in ``tsconfig.json``. Only the site's
own config files are read, never anything above its root.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional

from .frameworks.base import SiteConfig
from .frameworks.jsliteral import parse_value, tokenize

TSCONFIG = "tsconfig.json"


@dataclass(frozen=True)
class SiteAssets:
    """A site's image roots: ``mounts`` are (folder relative to ``root``, URL
    prefix without slashes); ``aliases`` are (prefix as written, such as
    ``~/``, folder relative to ``root``); ``sources`` the config files they
    were read from (a result depends on them)."""

    root: str
    framework: Optional[str] = None
    mounts: tuple[tuple[str, str], ...] = ()
    aliases: tuple[tuple[str, str], ...] = ()
    sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class FileSite:
    """What LK003 needs about the folder a file is in, worked out once per
    folder by the engine: its real path (bundlers resolve a relative path
    from there), the folder no image path may leave, and the site's assets
    (None outside any recognised site)."""

    real_folder: str
    boundary: str
    assets: Optional[SiteAssets] = None


def site_assets(framework: str, config: SiteConfig) -> SiteAssets:
    root = config.root
    sources: list[str] = []
    aliases: tuple[tuple[str, str], ...] = ()
    if framework == "astro":
        mounts: tuple[tuple[str, str], ...] = (("public", ""),)
        aliases = tsconfig_aliases(root)
        sources.append(str(root / TSCONFIG))
    elif framework == "jekyll":
        mounts = ((".", ""),)
    else:
        mounts = tuple((_folder(f), str(t).strip("/")) for f, t in config.options.get("static_mounts", ()))
        if framework == "docusaurus":
            aliases = (("@site/", "."),)  # Docusaurus' own alias for the site root
        if framework == "hugo":
            # Hugo's image render hook finds `/images/x.png` among the global resources too.
            mounts += (("assets", ""),)
    return SiteAssets(str(root), framework, tuple(dict.fromkeys(mounts)), aliases, tuple(sources))


def _folder(value: Any) -> str:
    return str(value).strip("/") or "."


def tsconfig_aliases(root: Path) -> tuple[tuple[str, str], ...]:
    """``compilerOptions.paths`` entries of the form ``"~/*": ["./src/*"]``,
    written literally in the site's ``tsconfig.json`` (``extends`` is not
    followed: it names a package). A target outside the root is dropped."""
    try:
        text = (root / TSCONFIG).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ()
    try:
        data, _ = parse_value(tokenize(text), 0)
    except (IndexError, ValueError, TypeError, KeyError, RecursionError):  # not a literal: no aliases
        return ()
    options = data.get("compilerOptions") if isinstance(data, dict) else None
    if not isinstance(options, dict) or not isinstance(options.get("paths"), dict):
        return ()
    base = options.get("baseUrl") if isinstance(options.get("baseUrl"), str) else "."
    found: list[tuple[str, str]] = []
    for pattern, targets in options["paths"].items():
        if not isinstance(pattern, str) or not pattern.endswith("/*") or not isinstance(targets, list):
            continue
        for target in targets:
            if isinstance(target, str) and target.endswith("/*"):
                folder = _inside(f"{base}/{target[:-2]}") if not target.startswith("/") else None
                if folder is not None:
                    found.append((pattern[:-1], folder))
                break  # TypeScript tries the others only when the first fails; bundlers take the first
    return tuple(found)


def within(path: str, folder: str) -> bool:
    """Whether ``path`` is ``folder`` or below it (both absolute, normalised)."""
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def _inside(path: str) -> Optional[str]:
    if path.startswith(("/", "\\")) or (len(path) > 1 and path[1] == ":"):
        return None
    parts: list[str] = []
    for part in path.replace("\\", "/").split("/"):
        if part in ("", "."):
            continue
        if part == "..":
            if not parts:
                return None
            parts.pop()
        else:
            parts.append(part)
    return "/".join(parts) or "."
