"""Where a local image path may lead: inside the site, judged without
touching anything outside it (LK003). Paths are plain strings: this runs for
every image of every file."""
from __future__ import annotations

import os
from urllib.parse import unquote

from ...site.roots import FileSite, within
from ...patterns import lazy_regex

_DRIVE = lazy_regex(r"^[A-Za-z]:")


def fallback_site(root: str, folder: str) -> FileSite:
    """The file's site when the engine did not work it out (text linted
    through the API): the project root or the current folder when either
    holds the file, else the file's own folder. Nothing above is looked at."""
    real = os.path.realpath(folder)
    for candidate in (root, os.getcwd()):
        boundary = os.path.realpath(candidate)
        if within(real, boundary):
            return FileSite(real, boundary)
    return FileSite(real, real)


def segments(path: str) -> list[str]:
    return [s for s in path.replace("\\", "/").split("/") if s not in ("", ".")]


def depth_in(path: str, site: str) -> int:
    """How many folders ``path`` (inside ``site``) is below it."""
    rest = path[len(site):].strip(os.sep)
    return len(rest.split(os.sep)) if rest else 0


def escapes(base: str, site: str, path: str) -> bool:
    """Whether ``path`` from ``base`` climbs out of ``site``, as written or
    %-decoded (a bundler decodes `%2e%2e/`), or names a drive (`C:\\`)."""
    if _DRIVE.match(path):
        return True
    for variant in {path, unquote(path)}:
        depth = depth_in(base, site)
        for segment in segments(variant):
            depth += -1 if segment == ".." else 1
            if depth < 0:
                return True
    return False


def leaves_site(path: str, site: str) -> bool:
    """Whether following the symlinks in ``path`` (inside ``site`` as
    written) leads out of ``site``. Links are read one at a time, and the walk
    stops at the first step out, so nothing outside is ever touched, not even
    by a `stat` (``os.path.realpath`` would look at the target)."""
    if not within(path, site):
        return True
    parts = [p for p in path[len(site):].split(os.sep) if p]
    current, hops = site, 0
    while parts:
        part = parts.pop(0)
        if part in ("", "."):
            continue
        if part == "..":
            if current == site:
                return True
            current = os.path.dirname(current)
            continue
        step = os.path.join(current, part)
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
            resolved = os.path.normpath(target)
            if not within(resolved, site):
                return True
            current, parts = site, [p for p in resolved[len(site):].split(os.sep) if p] + parts
        else:
            parts = [p for p in target.split(os.sep) if p] + parts
    return False
