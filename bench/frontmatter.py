"""Frontmatter-only benchmark: the default-on FM rules (FM001-FM004, FM101,
FM103) with each corpus's schema, over ../shared/corpora.

    python bench/frontmatter.py [--runs 5] [--jobs 1] [--corpora DIR]

Each run is cold for results (no result cache) and goes through the engine
exactly as `contentlint check --select FM001,... --schema CORPUS.schema.json
--no-cache` does: read, decode, split and parse the frontmatter, resolve the
schema, validate, locate errors. The schema itself is compiled once per
process, as in a real run. Prints files per second (median of the runs) and
the findings, which must be schema-free on the pristine corpora.
With --jobs 1 it also prints files per CPU-second of this process.
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
from contentlint.registry import all_rules  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--jobs", type=int, default=1, help="worker processes (1: in this process)")
    parser.add_argument("--corpora", type=Path, default=REPO.parent / "shared" / "corpora")
    args = parser.parse_args()
    rules = [r.code for r in all_rules() if r.code.startswith("FM") and r.default_enabled]
    print(f"rules: {', '.join(rules)}; jobs: {args.jobs}; runs: {args.runs}")
    for schema in sorted(args.corpora.glob("*.schema.json")):
        corpus = args.corpora / schema.name[: -len(".schema.json")]
        if not corpus.is_dir():
            continue
        settings = Settings(schema=str(schema), no_cache=True, jobs=args.jobs)
        times, cpu, files, codes = [], [], 0, Counter()
        for _ in range(args.runs):
            started, started_cpu = time.perf_counter(), time.process_time()
            result, _ = run_check([str(corpus)], settings, isolated=True, overrides={"select": rules})
            times.append(time.perf_counter() - started)
            cpu.append(time.process_time() - started_cpu)
            files = result.files_checked
            codes = Counter(v.code for v in result.violations)
        median = statistics.median(times)
        # CPU time as well: on a busy machine wall time measures the neighbours.
        per_cpu = files / statistics.median(cpu) if args.jobs == 1 else float("nan")
        print(f"{corpus.name:<11} {files:>5} files  median {median:.2f}s  (min {min(times):.2f}, max {max(times):.2f})"
              f"  {files / median:,.0f} files/s  ({per_cpu:,.0f} per CPU-second)  findings: {dict(codes) or 'none'}")


if __name__ == "__main__":
    main()
