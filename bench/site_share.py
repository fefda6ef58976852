#!/usr/bin/env python3
"""What the site family adds to a cold run, this checkout against another, interleaved.

    bench/site_share.py                         # this checkout alone, 3 runs per corpus
    bench/site_share.py --against /work/main    # A B A B A B with main's src/, medians
    bench/site_share.py --difference --against /work/main   # the run with ST rules against without

Each run is a fresh process doing one cold run in process (``--jobs 1``, no
result cache, the corpus schema, JSON report), its CPU charged to buckets as
``bench/run --families`` charges it (bench/_cpu.py). The site share is the
``facts`` (each file's facts), ``pack`` (packing them for the main process and
unpacking) and ``site`` (finding the sites, the index, the ST rules) buckets
against the rest of the run. The machine's speed drifts over minutes: only
the interleaved comparison means something, not one figure against an old one.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CORPORA = REPO.parent / "shared" / "corpora"
TARGETS = {"astro-docs": "astro-docs/src/content/docs", "ruby-lang": "ruby-lang"}


def child(corpus: Path, schema: Path, mode: str) -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import _cpu  # bench/ first on the path; it honours CONTENTLINT_SRC

    if mode == "buckets":
        row = _cpu.families(corpus, schema if schema.exists() else None, runs=1)
    else:  # the whole run's CPU, with the site rules or without them (then no facts, no site phase)
        from contentlint.api import run_check
        from contentlint.engine.lint import Settings

        started = time.process_time()
        run_check([str(corpus)], Settings(schema=str(schema) if schema.exists() else None, no_cache=True, jobs=1),
                  isolated=True, overrides={"ignore": ["ST"]} if mode == "without" else None)
        row = {"cpu": time.process_time() - started}
    print(json.dumps(row))


def one(src: Path, corpus: Path, schema: Path, mode: str = "buckets") -> dict:
    env = {**os.environ, "CONTENTLINT_SRC": str(src)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    out = subprocess.run([sys.executable, __file__, "--child", str(corpus), str(schema), mode], env=env,
                         capture_output=True, text=True, check=True, cwd="/tmp")
    row: dict = json.loads(out.stdout.splitlines()[-1])
    return row


def difference(trees: list[tuple[str, Path]], name: str, corpus: Path, schema: Path, runs: int) -> None:
    """The share as what the site family adds to the whole run: CPU with the ST
    rules over CPU without them (no facts collected, no site phase), each a
    fresh uninstrumented process, interleaved; medians."""
    cpu: dict[tuple[str, str], list[float]] = {}
    for _ in range(runs):
        for label, src in trees:
            for mode in ("with", "without"):
                cpu.setdefault((label, mode), []).append(one(src, corpus, schema, mode)["cpu"])
    for label, src in trees:
        with_site, without = (statistics.median(cpu[(label, m)]) for m in ("with", "without"))
        print(f"{name:<11} {label:<8} added +{100 * (with_site / without - 1):5.1f} %  (CPU {with_site:.2f} s with "
              f"the site rules, {without:.2f} s without; medians of {runs})   [{src}]")


def summary(rows: list[dict]) -> str:
    import _cpu

    shares = [_cpu.site_share(r) for r in rows]
    buckets = {b: statistics.median(r["buckets"].get(b, 0.0) for r in rows) for b in _cpu.SITE_BUCKETS}
    total = statistics.median(r["total"] for r in rows)
    parts = "  ".join(f"{b} {s:.3f}" for b, s in buckets.items())
    return (f"share +{100 * statistics.median(shares):5.1f} % (runs {', '.join(f'{100 * s:.1f}' for s in shares)})"
            f"  total {total:.2f} s  {parts}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--against", type=Path, help="another checkout (its src/ is measured too, interleaved)")
    parser.add_argument("--corpora", type=Path, default=CORPORA)
    parser.add_argument("--only", choices=sorted(TARGETS), action="append")
    parser.add_argument("--difference", action="store_true",
                        help="measure the share as the whole run with the site rules against without them instead")
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(Path(args.child[0]), Path(args.child[1]), args.child[2])
        return
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    trees = [("this", REPO / "src")] + ([("against", args.against / "src")] if args.against else [])
    for name in args.only or sorted(TARGETS):
        corpus, schema = args.corpora / TARGETS[name], args.corpora / f"{name}.schema.json"
        if args.difference:
            difference(trees, name, corpus, schema, args.runs)
            continue
        rows: dict[str, list[dict]] = {label: [] for label, _ in trees}
        for _ in range(args.runs):
            for label, src in trees:
                rows[label].append(one(src, corpus, schema))
        for label, src in trees:
            print(f"{name:<11} {label:<8} {summary(rows[label])}   [{src}]")


if __name__ == "__main__":
    main()
