"""`mypy --strict` over the source (settings in pyproject's [tool.mypy]).

``test_types.py`` runs it as a ratchet: every module type-checks strictly
except those in ``NOT_YET_STRICT`` (the files written before the typed rule
context, which still have errors); a new module is covered from its first
line, and a listed module that becomes clean must leave the list. As a script
it prints the errors left per package: ``python tests/architecture/typecheck.py``.
"""
from __future__ import annotations

import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SRC = "src/contentlint"

# Paths (relative to the repository) that `mypy --strict` passes today.
CLEAN = [
    f"{SRC}/cli",
    f"{SRC}/server",
    f"{SRC}/net",
    f"{SRC}/config",
    *(f"{SRC}/reporters/{name}.py" for name in (
        "__init__", "concise", "console", "github", "gitlab", "json_lines", "junit", "sarif", "snippet",
        "statistics")),
    *(f"{SRC}/{name}.py" for name in ("api", "violations", "errors", "patterns", "atomic")),
    f"{SRC}/links/safety.py",
    *(f"{SRC}/engine/{name}.py" for name in (
        "files", "writer", "diff", "directives", "fixes", "network", "baseline", "suppressions")),
]

# Modules that still have `mypy --strict` errors (issue 14: the list only shrinks).
NOT_YET_STRICT: frozenset[str] = frozenset({
})

_ERROR = re.compile(r"^(?P<path>[^:]+\.py):\d+: error: ")


def _mypy(paths: list[str]) -> list[str]:
    done = subprocess.run([sys.executable, "-m", "mypy", *paths], cwd=ROOT, capture_output=True, text=True)
    if done.returncode not in (0, 1):
        raise RuntimeError(f"mypy did not run: {done.stdout}{done.stderr}")
    return [line for line in done.stdout.splitlines() if _ERROR.match(line)]


def errors(paths: list[str]) -> list[str]:
    """The errors mypy finds in ``paths`` themselves (not in what they import)."""
    wanted = [p.rstrip("/") for p in paths]
    found = _mypy(paths)
    return [line for line in found
            if any(line.startswith(p + "/") or line.startswith(p + ":") for p in wanted)]


def files_with_errors() -> set[str]:
    """The modules of the whole source tree with at least one error."""
    return {_ERROR.match(line)["path"] for line in _mypy([SRC])}  # type: ignore[index]


def per_package() -> Counter[str]:
    """Errors left in each package (top-level modules by file name)."""
    counts: Counter[str] = Counter()
    for line in _mypy([SRC]):
        path = Path(_ERROR.match(line)["path"]).relative_to(SRC)  # type: ignore[index]
        parts = path.parts
        counts["/".join(parts[:2] if parts[0] == "rules" and len(parts) > 2 else parts[:1])] += 1
    return counts


if __name__ == "__main__":
    counts = per_package()
    for package, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        print(f"{n:5}  {package}")
    print(f"{sum(counts.values()):5}  in all; clean list: {len(errors(CLEAN))} errors")
