"""Markdown parse cost: CPU microseconds per file for the native view
(pyromark / pulldown-cmark, what contentlint uses) and for the same view
built from markdown-it-py (the reference of tests/document/test_native_view.py),
plus the cyclic garbage each leaves behind.

    python bench/parse.py [--runs 3] [--corpus DIR ...]

Default corpora: the shared astro-docs and ruby-lang, and /tmp/cpp-docs when
it is there. Files are read and their frontmatter blanked first; only the
parse into the view is timed, in this process."""
from __future__ import annotations

import argparse
import gc
import os
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "tests"))

from contentlint.document.document import Document  # noqa: E402
from contentlint.document.lines import LineIndex  # noqa: E402
from contentlint.document.native import build  # noqa: E402


def sources(root: Path) -> list[tuple[str, LineIndex]]:
    found = []
    for folder, _, names in os.walk(root):
        if "/.git" in folder:
            continue
        for name in names:
            if name.endswith((".md", ".mdx", ".markdown")):
                path = os.path.join(folder, name)
                doc = Document.from_bytes(path, Path(path).read_bytes())
                found.append((doc.markdown_source, doc.lines))
    return found


def timed(parse, files, runs: int) -> tuple[float, int]:
    """(median CPU µs per file, objects only the cyclic collector frees)."""
    spent = []
    garbage = 0
    for _ in range(runs):
        gc.collect()
        gc.disable()
        started = time.process_time()
        for source, lines in files:
            parse(source, lines)
        spent.append(time.process_time() - started)
        garbage = gc.collect()
        gc.enable()
    return statistics.median(spent) / len(files) * 1e6, garbage


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--corpus", type=Path, action="append")
    args = parser.parse_args()
    shared = REPO.parent / "shared" / "corpora"
    corpora = args.corpus or [p for p in (shared / "astro-docs" / "src" / "content" / "docs", shared / "ruby-lang",
                                          Path("/tmp/cpp-docs")) if p.is_dir()]
    try:
        from helpers.mdit_view import build as reference  # markdown-it-py: the test extra
    except ImportError:
        reference = None
    for corpus in corpora:
        files = sources(corpus)
        native, native_garbage = timed(build, files, args.runs)
        line = f"{corpus.name:<10} {len(files):>6} files  native {native:7.0f} µs/file (cyclic garbage {native_garbage})"
        if reference is not None:
            ref, ref_garbage = timed(lambda source, lines: reference(source), files, args.runs)
            line += f"  markdown-it view {ref:7.0f} µs/file (cyclic garbage {ref_garbage})"
        print(line, flush=True)


if __name__ == "__main__":
    main()
