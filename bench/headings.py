"""Headings-only benchmark: every HD rule (HD011 too), over ../shared/corpora.

    python bench/headings.py [--runs 5] [--jobs 1] [--corpora DIR]

Each run is cold for results (no result cache) and goes through the engine
exactly as `contentlint check CORPUS --isolated --no-cache --select HD` does:
read, decode, split the frontmatter, block-parse the Markdown (MDX and
template code blanked first where present), inline-parse the headings, run the
rules. Prints files per second (median of the runs) and the findings per rule.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

from contentlint.api import run_check  # noqa: E402
from contentlint.engine import Settings  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--jobs", type=int, default=1, help="worker processes (1: in this process)")
    parser.add_argument("--corpora", type=Path, default=REPO.parent / "shared" / "corpora")
    args = parser.parse_args()
    print(f"rules: HD (all heading rules); jobs: {args.jobs}; runs: {args.runs}")
    for corpus in sorted(p for p in args.corpora.iterdir() if p.is_dir()):
        settings = Settings(no_cache=True, jobs=args.jobs)
        times, files, codes = [], 0, Counter()
        for _ in range(args.runs):
            started = time.perf_counter()
            result, _ = run_check([str(corpus)], settings, isolated=True, overrides={"select": ["HD"]})
            times.append(time.perf_counter() - started)
            files = result.files_checked
            codes = Counter(v.code for v in result.violations)
        median = statistics.median(times)
        print(f"{corpus.name:<11} {files:>5} files  median {median:.2f}s  (min {min(times):.2f}, max {max(times):.2f})"
              f"  {files / median:,.0f} files/s")
        print(f"{'':<11} findings: {dict(sorted(codes.items())) or 'none'}")


if __name__ == "__main__":
    main()
