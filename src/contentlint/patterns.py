"""Path matching: gitignore-style patterns (include, exclude, per-file tables, schema globs) and folder containment; a leaf."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable

if TYPE_CHECKING:
    import pathspec


@lru_cache(maxsize=256)
def compile_patterns(patterns: tuple[str, ...]) -> "pathspec.PathSpec[Any]":
    import pathspec  # not needed for files named on the command line (pre-commit)

    # gitignore semantics: `*.md` matches at any depth, `docs/` only folders, `!x` re-includes
    return pathspec.GitIgnoreSpec.from_lines(patterns)


def glob_match(pattern: str, relpath: str) -> bool:
    return compile_patterns((pattern,)).match_file(relpath)


def inside_folders(path: Path, roots: Iterable[Path]) -> bool:
    return any(path == root or root in path.parents for root in roots)
