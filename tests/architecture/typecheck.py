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
    "src/contentlint/document/document.py",
    "src/contentlint/document/frontmatter.py",
    "src/contentlint/document/keynodes.py",
    "src/contentlint/document/keypos.py",
    "src/contentlint/document/keypos_json.py",
    "src/contentlint/document/keypos_toml.py",
    "src/contentlint/document/text_regions.py",
    "src/contentlint/links/extract.py",
    "src/contentlint/rules/engine_findings.py",
    "src/contentlint/rules/frontmatter/_common.py",
    "src/contentlint/rules/frontmatter/_key_blocks.py",
    "src/contentlint/rules/frontmatter/_messages.py",
    "src/contentlint/rules/frontmatter/_readings.py",
    "src/contentlint/rules/frontmatter/frontmatter_duplicate_key.py",
    "src/contentlint/rules/frontmatter/frontmatter_key_order.py",
    "src/contentlint/rules/frontmatter/frontmatter_missing.py",
    "src/contentlint/rules/frontmatter/frontmatter_not_mapping.py",
    "src/contentlint/rules/frontmatter/frontmatter_syntax.py",
    "src/contentlint/rules/frontmatter/schema_violation.py",
    "src/contentlint/rules/frontmatter/yaml_ambiguous_value.py",
    "src/contentlint/rules/headings/_common.py",
    "src/contentlint/rules/headings/duplicate_heading.py",
    "src/contentlint/rules/headings/emphasis_as_heading.py",
    "src/contentlint/rules/headings/empty_heading.py",
    "src/contentlint/rules/headings/heading_emphasis.py",
    "src/contentlint/rules/headings/heading_increment.py",
    "src/contentlint/rules/headings/heading_repeats_title.py",
    "src/contentlint/rules/headings/heading_style.py",
    "src/contentlint/rules/headings/heading_title_mismatch.py",
    "src/contentlint/rules/headings/multiple_titles.py",
    "src/contentlint/rules/headings/no_space_after_hash.py",
    "src/contentlint/rules/headings/trailing_punctuation.py",
    "src/contentlint/rules/links/common.py",
    "src/contentlint/rules/links/url_disallowed.py",
    "src/contentlint/rules/links/url_insecure.py",
    "src/contentlint/rules/links/url_malformed.py",
    "src/contentlint/rules/links/url_not_image.py",
    "src/contentlint/rules/links/url_redirected.py",
    "src/contentlint/rules/links/url_unreachable.py",
    "src/contentlint/rules/text/control_character.py",
    "src/contentlint/rules/text/invalid_encoding.py",
    "src/contentlint/rules/text/legacy_encoding.py",
    "src/contentlint/rules/text/missing_final_newline.py",
    "src/contentlint/rules/text/mojibake.py",
    "src/contentlint/rules/text/mojibake_repair.py",
    "src/contentlint/rules/text/stray_bom.py",
    "src/contentlint/schema/compile.py",
    "src/contentlint/schema/discovery.py",
    "src/contentlint/schema/fast.py",
    "src/contentlint/schema/formats.py",
    "src/contentlint/schema/infer.py",
    "src/contentlint/schema/store.py",
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
