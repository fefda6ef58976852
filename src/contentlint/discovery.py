"""Turn command-line paths into a deterministic list of files to check."""
from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterable, Optional


from .config import ALWAYS_EXCLUDED_DIRS, Config, Resolver


class DiscoveryError(Exception):
    """A usage problem with the given paths (exit 2)."""


@dataclass(frozen=True)
class SourceFile:
    path: str  # as shown to the user
    abs_path: str
    relpath: str  # relative to the project root, '/'-separated (for globs)
    explicit: bool = False
    # What the link says, when the file is a symlink to a target outside the
    # project root and the checked folder: such a file is reported, never read.
    outside: Optional[str] = None


@lru_cache(maxsize=256)
def compile_patterns(patterns: tuple[str, ...]) -> "pathspec.PathSpec":
    import pathspec  # not needed for files named on the command line (pre-commit)

    # gitignore semantics: `*.md` matches at any depth, `docs/` only folders, `!x` re-includes
    return pathspec.GitIgnoreSpec.from_lines(patterns)


def _load_gitignore(folder: str) -> "Optional[pathspec.PathSpec]":
    import pathspec

    try:
        with open(os.path.join(folder, ".gitignore"), encoding="utf-8", errors="replace") as fh:
            return pathspec.GitIgnoreSpec.from_lines(fh.read().splitlines())
    except (OSError, ValueError):
        return None


def _ancestor_ignores(top: str) -> "list[tuple[str, pathspec.PathSpec]]":
    """.gitignore files above ``top``, up to the repository root (nearest last)."""
    stack = []
    folder = os.path.dirname(top)
    while True:
        spec = _load_gitignore(folder)
        if spec is not None:
            stack.append((folder, spec))
        if os.path.exists(os.path.join(folder, ".git")):
            break
        parent = os.path.dirname(folder)
        if parent == folder:
            break
        folder = parent
    return stack[::-1]


def _ignored(stack, path: str, is_dir: bool) -> bool:
    for folder, spec in stack:
        rel = path[len(folder) + 1 :] + ("/" if is_dir else "")
        if spec.match_file(rel):
            return True
    return False


# Why a path was not checked (``check --show-files``).
SKIP_ALWAYS = "always skipped folder"
SKIP_SYMLINK_DIR = "symlink to a folder, not followed"
SKIP_EXCLUDE = "matches `exclude`"
SKIP_GITIGNORE = "ignored by .gitignore"
SKIP_INCLUDE = "not matched by `include` (not Markdown)"
SKIP_UNREADABLE = "folder cannot be read"
SKIP_SPECIAL = "not a regular file (a pipe, socket or device)"

Skipped = Optional[Callable[[str, str], None]]  # (absolute path, reason)


def discover(paths: Iterable[str], configs: "Config | Resolver", *, force_exclude: bool = False,
             on_skip: Skipped = None) -> list[SourceFile]:
    """Files under ``paths``; each folder's own configuration (``Resolver``)
    decides what is included there, and paths are relative to its root.
    ``on_skip(path, reason)`` hears of each path passed over."""
    resolver = configs if isinstance(configs, Resolver) else Resolver.single(configs)
    cwd = os.getcwd()
    seen: set[str] = set()
    result: list[SourceFile] = []

    def add(raw: str, abs_path: str, explicit: bool, folder: str) -> None:
        if abs_path in seen:
            return
        seen.add(abs_path)
        root = str(resolver.for_file(abs_path).root)
        outside = _link_outside(abs_path, (root, folder))
        result.append(SourceFile(_show(raw, abs_path, cwd), abs_path, _rel(abs_path, root), explicit, outside))

    for raw in paths:
        if not os.path.lexists(raw):
            raise DiscoveryError(f"{raw}: no such file or directory")
        abs_path = os.path.abspath(raw)
        if os.path.isdir(raw):
            for file in _walk(abs_path, resolver.for_dir, on_skip):
                add(file, file, False, abs_path)
        else:
            # Explicit files are always checked (pre-commit passes lists), unless
            # --force-exclude asks to honour `exclude` for them too.
            config = resolver.for_file(abs_path)
            if force_exclude and compile_patterns(tuple(config.exclude)).match_file(_rel(abs_path, str(config.root))):
                if on_skip is not None:
                    on_skip(abs_path, SKIP_EXCLUDE + " (--force-exclude)")
                continue
            add(raw, abs_path, True, os.path.dirname(abs_path))
    return result


def _link_outside(abs_path: str, folders: tuple[str, ...]) -> Optional[str]:
    """The link text when ``abs_path`` is a symlink whose target lies outside
    every one of ``folders`` (a post linked to ``/etc/passwd`` in a pull request
    must not end up in CI logs); None otherwise."""
    if not os.path.islink(abs_path):
        return None
    target = os.path.realpath(abs_path)
    for folder in folders:
        real = os.path.join(os.path.realpath(folder), "")
        if target.startswith(real):
            return None
    try:
        return os.readlink(abs_path)
    except OSError:
        return target


def _show(raw: str, abs_path: str, cwd: str) -> str:
    if os.path.isabs(raw) and raw == abs_path and not abs_path.startswith(cwd + os.sep):
        return raw
    if abs_path.startswith(cwd + os.sep):
        return abs_path[len(cwd) + 1 :]
    return raw if not os.path.isabs(raw) else abs_path


def _rel(abs_path: str, root: str) -> str:
    if abs_path.startswith(root + os.sep):
        rel = abs_path[len(root) + 1 :]
    else:
        rel = abs_path.lstrip(os.sep)
    return rel.replace(os.sep, "/") if os.sep != "/" else rel


_SUFFIX_ONLY = re.compile(r"\*\.[A-Za-z0-9]+")


def _file_matcher(patterns: tuple[str, ...]):
    """A predicate over project-relative file paths. The usual `*.md`-style
    globs become a suffix test (a gitignore `*.md` matches the name at any
    depth); anything else goes through pathspec."""
    if patterns and all(_SUFFIX_ONLY.fullmatch(p) for p in patterns):
        suffixes = tuple(p[1:] for p in patterns)
        return lambda rel: rel.endswith(suffixes)
    return compile_patterns(patterns).match_file


@dataclass(frozen=True)
class _Filters:
    """One configuration's include/exclude, as matchers over paths relative to its root."""

    root: str
    include: Callable[[str], bool]
    exclude: Callable[[str], bool]
    excluded_file: Callable[[str], bool]
    respect_gitignore: bool


@lru_cache(maxsize=64)
def _filters(root: str, include_patterns: tuple, exclude_patterns: tuple, respect_gitignore: bool) -> _Filters:
    # Folders matched by `exclude` are never entered, so files only need the
    # patterns that can name a file (a `drafts/` pattern names folders only).
    file_patterns = tuple(p for p in exclude_patterns if not p.rstrip().endswith("/"))
    excluded_file = compile_patterns(file_patterns).match_file if file_patterns else (lambda rel: False)
    return _Filters(root, _file_matcher(include_patterns), compile_patterns(exclude_patterns).match_file,
                    excluded_file, respect_gitignore)


def _filters_for(config: Config) -> _Filters:
    return _filters(str(config.root), tuple(config.include), tuple(config.exclude), config.respect_gitignore)


def _walk(top: str, config_for: Callable[[str], Config], on_skip: Skipped = None) -> list[str]:
    found: list[str] = []
    skip = on_skip or (lambda path, reason: None)
    visited: set[tuple[int, int]] = set()
    base = _ancestor_ignores(top) if _filters_for(config_for(top)).respect_gitignore else []

    def walk(folder: str, stack: list) -> None:
        try:
            st = os.stat(folder)
        except OSError:
            return
        if (st.st_dev, st.st_ino) in visited:  # symlink loop
            return
        visited.add((st.st_dev, st.st_ino))
        # A nested site's own configuration takes over inside its folder.
        rules = _filters_for(config_for(folder))
        root, include, exclude, excluded_file = rules.root, rules.include, rules.exclude, rules.excluded_file
        respect_gitignore = rules.respect_gitignore
        if not respect_gitignore:
            stack = []  # nor the .gitignore files above this site
        if respect_gitignore:
            spec = _load_gitignore(folder)
            if spec is not None:
                stack = [*stack, (folder, spec)]
        try:
            with os.scandir(folder) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError:
            skip(folder, SKIP_UNREADABLE)
            return
        for entry in entries:
            path = entry.path
            try:
                is_dir = entry.is_dir()
            except OSError:
                is_dir = False  # a symlink loop: reading it reports the error
            rel = _rel(path, root)
            if is_dir:
                if entry.name in ALWAYS_EXCLUDED_DIRS or entry.is_symlink():
                    skip(path, SKIP_ALWAYS if entry.name in ALWAYS_EXCLUDED_DIRS else SKIP_SYMLINK_DIR)
                    continue
                if exclude(rel + "/") or (stack and _ignored(stack, path, True)):
                    skip(path, SKIP_EXCLUDE if exclude(rel + "/") else SKIP_GITIGNORE)
                    continue
                walk(path, stack)
            elif include(rel) and not excluded_file(rel):
                if stack and _ignored(stack, path, False):
                    skip(path, SKIP_GITIGNORE)
                elif _special(entry):
                    # Opening a FIFO named `x.md` would wait for a writer forever.
                    skip(path, SKIP_SPECIAL)
                else:
                    found.append(path)
            else:
                skip(path, SKIP_INCLUDE if not include(rel) else SKIP_EXCLUDE)

    walk(top, base)
    return found


def _special(entry: os.DirEntry) -> bool:
    """A pipe, socket or device (also behind a symlink). A dangling link is
    not special: reading it reports the error (CL901)."""
    try:
        if entry.is_file():
            return False
        return not stat.S_ISREG(os.stat(entry.path).st_mode)
    except OSError:
        return False


def select_shard(sources: list[SourceFile], k: int, n: int) -> list[SourceFile]:
    """Shard ``k`` (1-based) of ``n``: a split by a stable hash of the path
    relative to the project root, so every CI job agrees on it."""
    import zlib

    return [s for s in sources if zlib.crc32(s.relpath.encode("utf-8", "surrogateescape")) % n == k - 1]
