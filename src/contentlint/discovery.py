"""Turn command-line paths into a deterministic list of files to check."""
from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Optional

import pathspec

from .config import ALWAYS_EXCLUDED_DIRS, Config


class DiscoveryError(Exception):
    """A usage problem with the given paths (exit 2)."""


@dataclass(frozen=True)
class SourceFile:
    path: str  # as shown to the user
    abs_path: str
    relpath: str  # relative to the project root, '/'-separated (for globs)
    explicit: bool = False


@lru_cache(maxsize=256)
def compile_patterns(patterns: tuple[str, ...]) -> pathspec.PathSpec:
    # gitignore semantics: `*.md` matches at any depth, `docs/` only folders, `!x` re-includes
    return pathspec.GitIgnoreSpec.from_lines(patterns)


def _display(path: Path, cwd: Path) -> str:
    try:
        return str(path.relative_to(cwd))
    except ValueError:
        return str(path)


def _relpath(abs_path: Path, root: Path) -> str:
    try:
        return abs_path.relative_to(root).as_posix()
    except ValueError:
        return abs_path.as_posix().lstrip("/")


class _GitIgnores:
    """The .gitignore files that apply under one walk, stacked per folder."""

    def __init__(self, enabled: bool):
        self.enabled = enabled
        self._specs: dict[Path, Optional[pathspec.PathSpec]] = {}

    def _spec(self, folder: Path) -> Optional[pathspec.PathSpec]:
        if folder not in self._specs:
            spec = None
            gi = folder / ".gitignore"
            if gi.is_file():
                try:
                    spec = pathspec.GitIgnoreSpec.from_lines(gi.read_text(encoding="utf-8", errors="replace").splitlines())
                except (OSError, ValueError):
                    spec = None
            self._specs[folder] = spec
        return self._specs[folder]

    def ignored(self, path: Path, is_dir: bool, stop: Path) -> bool:
        if not self.enabled:
            return False
        for folder in [path.parent, *path.parent.parents]:
            spec = self._spec(folder)
            if spec is not None:
                rel = path.relative_to(folder).as_posix() + ("/" if is_dir else "")
                if spec.match_file(rel):
                    return True
            if folder == stop or (folder / ".git").exists():
                break
        return False


def discover(paths: Iterable[str], config: Config, *, force_exclude: bool = False) -> list[SourceFile]:
    cwd = Path.cwd()
    root = config.root
    include = compile_patterns(tuple(config.include))
    exclude = compile_patterns(tuple(config.exclude))
    gitignores = _GitIgnores(config.respect_gitignore)
    seen: set[str] = set()
    result: list[SourceFile] = []

    def add(p: Path, explicit: bool) -> None:
        abs_path = os.path.abspath(p)
        if abs_path in seen:
            return
        seen.add(abs_path)
        result.append(SourceFile(_display(Path(abs_path), cwd) if not p.is_absolute() else str(p), abs_path, _relpath(Path(abs_path), root), explicit))

    for raw in paths:
        p = Path(raw)
        if not os.path.lexists(p):
            raise DiscoveryError(f"{raw}: no such file or directory")
        if p.is_dir():
            for file in _walk(p, root, include, exclude, gitignores):
                add(file, False)
        else:
            # Explicit files are always checked (pre-commit passes lists), unless
            # --force-exclude asks to honour `exclude` for them too.
            if force_exclude and exclude.match_file(_relpath(Path(os.path.abspath(p)), root)):
                continue
            add(p, True)
    return result


def _walk(top: Path, root: Path, include, exclude, gitignores: _GitIgnores) -> list[Path]:
    found: list[Path] = []
    top_abs = Path(os.path.abspath(top))
    visited: set[tuple[int, int]] = set()

    def walk(folder: Path) -> None:
        try:
            st = folder.stat()
        except OSError:
            return
        if (st.st_dev, st.st_ino) in visited:  # symlink loop
            return
        visited.add((st.st_dev, st.st_ino))
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError:
            return
        for entry in entries:
            path = folder / entry.name
            rel = _relpath(Path(os.path.abspath(path)), root)
            try:
                is_dir = entry.is_dir()
            except OSError:
                continue
            if is_dir:
                if entry.name in ALWAYS_EXCLUDED_DIRS or entry.is_symlink():
                    continue
                if exclude.match_file(rel + "/") or gitignores.ignored(path, True, top_abs):
                    continue
                walk(path)
            elif include.match_file(rel) and not exclude.match_file(rel):
                if not gitignores.ignored(path, False, top_abs):
                    found.append(path)

    walk(top)
    return found
