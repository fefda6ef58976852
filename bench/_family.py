"""What the family benchmarks share: arguments, timed cold runs, the report line."""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Optional

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

from contentlint.api import run_check  # noqa: E402
from contentlint.engine.run import Settings  # noqa: E402


def arguments(doc: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--jobs", type=int, default=1, help="worker processes (1: in this process)")
    parser.add_argument("--corpora", type=Path, default=REPO.parent / "shared" / "corpora")
    return parser.parse_args()


def bench(corpus: Path, select: list[str], args: argparse.Namespace, schema: Optional[Path] = None) -> None:
    """Cold runs (no result cache) of ``select`` over ``corpus``; prints files
    per second, per CPU-second too (on a busy machine wall time measures the
    neighbours), and the findings per rule."""
    settings = Settings(schema=str(schema) if schema else None, no_cache=True, jobs=args.jobs)
    times, cpu, files, codes = [], [], 0, Counter()
    for _ in range(args.runs):
        started, started_cpu = time.perf_counter(), time.process_time()
        result, _ = run_check([str(corpus)], settings, isolated=True, overrides={"select": select})
        times.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
        files = result.files_checked
        codes = Counter(v.code for v in result.violations)
    median = statistics.median(times)
    per_cpu = f"  ({files / statistics.median(cpu):,.0f} per CPU-second)" if args.jobs == 1 else ""
    print(f"{corpus.name:<11} {files:>5} files  median {median:.2f}s  (min {min(times):.2f}, max {max(times):.2f})"
          f"  {files / median:,.0f} files/s{per_cpu}")
    print(f"{'':<11} findings: {dict(sorted(codes.items())) or 'none'}")
