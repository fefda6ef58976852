"""Where a local image path may lead: inside the site, judged without
touching anything outside it (LK003)."""
from __future__ import annotations

import os
import re
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote

from ...site.roots import site_root_of

_DRIVE = re.compile(r"^[A-Za-z]:")


def site_of(root: Path, base_real: Path) -> Path:
    """The folder no image path may leave: the project root. For a post
    outside it (`--config` naming a file elsewhere, or no configuration file
    and a run from another folder): the current folder when it holds the
    post, else the site holding the post (the nearest folder above it with a
    framework's config file), else the repository holding the post, else the
    post's own folder."""
    for candidate in (root, Path.cwd()):
        site = Path(os.path.realpath(candidate))
        if within(base_real, site):
            return site
    return site_root_of(base_real) or repository(base_real)


@lru_cache(maxsize=256)
def repository(folder: Path) -> Path:
    for candidate in (folder, *folder.parents):
        if os.path.lexists(candidate / ".git"):
            return candidate
    return folder


def within(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def segments(path: str) -> list[str]:
    return [s for s in path.replace("\\", "/").split("/") if s not in ("", ".")]


def escapes(base: Path, site: Path, path: str) -> bool:
    """Whether ``path`` from ``base`` climbs out of ``site``, as written or
    %-decoded (a bundler decodes `%2e%2e/`), or names a drive (`C:\\`)."""
    if _DRIVE.match(path):
        return True
    for variant in {path, unquote(path)}:
        depth = len(base.relative_to(site).parts)
        for segment in segments(variant):
            depth += -1 if segment == ".." else 1
            if depth < 0:
                return True
    return False


def leaves_site(path: Path, site: Path) -> bool:
    """Whether following the symlinks in ``path`` (inside ``site`` as
    written) leads out of ``site``. Links are read one at a time, and the walk
    stops at the first step out, so nothing outside is ever touched, not even
    by a `stat` (``os.path.realpath`` would look at the target)."""
    try:
        parts = list(path.relative_to(site).parts)
    except ValueError:
        return True
    current, hops = site, 0
    while parts:
        part = parts.pop(0)
        if part in ("", "."):
            continue
        if part == "..":
            if current == site:
                return True
            current = current.parent
            continue
        step = current / part
        if not os.path.islink(step):
            current = step
            continue
        hops += 1
        try:
            target = os.readlink(step)
        except OSError:
            return True
        if hops > 40:
            return True  # a loop: nothing to find
        if os.path.isabs(target):
            resolved = Path(os.path.normpath(target))
            if not within(resolved, site):
                return True
            current, parts = site, [*resolved.relative_to(site).parts, *parts]
        else:
            parts = [*Path(target).parts, *parts]
    return False
