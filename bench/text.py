"""Text-family cost: CPU seconds spent inside each TX rule's `check`, over a
folder of Markdown (default: the shared corpora).

    python bench/text.py [--runs 3] [--corpora DIR | --corpus DIR ...]

Reading, decoding and the engine are left out: the issue's goal ("the text
family under 0.3 s of CPU on 10,000 files") is about what the rules cost.
Runs in one process (`--jobs 1`), cold (no result cache)."""
from __future__ import annotations

import statistics
import time
from collections import Counter
from pathlib import Path

from _family import REPO, arguments  # noqa: F401  (puts src/ on the path)

from contentlint.api import run_check
from contentlint.engine import Settings
from contentlint.registry import all_rules


def _timed(rules, spent: Counter):
    for rule in rules:
        original = rule.check

        def check(self, doc, ctx, _original=original, _code=rule.code):
            started = time.process_time()
            found = list(_original(self, doc, ctx))  # rules yield lazily: time the whole walk
            spent[_code] += time.process_time() - started
            return found

        rule.check = check


def main() -> None:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--corpus", type=Path, action="append")
    parser.add_argument("--corpora", type=Path, default=REPO.parent / "shared" / "corpora")
    args = parser.parse_args()
    corpora = args.corpus or sorted(p for p in args.corpora.iterdir() if p.is_dir())
    text_rules = [r for r in all_rules() if r.code.startswith("TX")]
    spent: Counter = Counter()
    _timed(text_rules, spent)
    settings = Settings(no_cache=True, jobs=1)
    for corpus in corpora:
        totals, per_rule = [], []
        for _ in range(args.runs):
            spent.clear()
            result, _ = run_check([str(corpus)], settings, isolated=True, overrides={"select": ["TX"]})
            totals.append(sum(spent.values()))
            per_rule.append(dict(spent))
        median = statistics.median(totals)
        files = result.files_checked
        last = per_rule[totals.index(median)] if median in totals else per_rule[-1]
        print(f"{corpus.name:<12} {files:>6} files  TX rules {median:.3f} s CPU (median of {args.runs};"
              f" {median / files * 10_000:.3f} s per 10,000 files)")
        print(f"{'':<12} " + "  ".join(f"{code} {last.get(code, 0):.3f}" for code in sorted(last)))
        print(f"{'':<12} findings: {dict(sorted(Counter(v.code for v in result.violations).items())) or 'none'}")


if __name__ == "__main__":
    main()
