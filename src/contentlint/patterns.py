"""Path matching: gitignore-style patterns (include, exclude, per-file tables, schema globs) and folder containment;
regular expressions compiled on first use. A leaf."""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, cast

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


class _LazyRegex:
    """Stands for ``re.compile(pattern, flags)`` and compiles it at the first
    attribute read (``.match``, ``.sub``, ``.pattern`` ...). The ~100
    module-level patterns cost ~15 ms to compile at import, most of which a
    one-file run (pre-commit) or a run answered from the cache never uses.
    Each attribute read is stored on the instance, so the next read finds the
    compiled pattern's bound method without calling ``__getattr__`` again.
    Only attribute reads are forwarded: pass ``x.pattern`` where a function
    wants a pattern object or a string."""

    def __init__(self, pattern: str, flags: int) -> None:
        self._source = (pattern, flags)

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):  # copy/pickle probe dunders; a pattern's own are not forwarded
            raise AttributeError(name)
        value = getattr(re.compile(*self._source), name)
        self.__dict__[name] = value
        return value

    def __repr__(self) -> str:
        return f"lazy_regex({self._source[0]!r}, {self._source[1]!r})"


def lazy_regex(pattern: str, flags: "int | re.RegexFlag" = 0) -> "re.Pattern[str]":
    """``re.compile(pattern, flags)``, compiled when first used (see _LazyRegex)."""
    return cast("re.Pattern[str]", _LazyRegex(pattern, int(flags)))
