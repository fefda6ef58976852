"""Headings-only benchmark: every HD rule (HD011 too), over ../shared/corpora.

    python bench/headings.py [--runs 5] [--jobs 1] [--corpora DIR]

Each run is cold for results (no result cache) and goes through the engine
exactly as `contentlint check CORPUS --isolated --no-cache --select HD` does:
read, decode, split the frontmatter, block-parse the Markdown (MDX and
template code blanked first where present), inline-parse the headings, run the
rules. Prints files per second (median of the runs) and the findings per rule.
"""
from __future__ import annotations

from _family import arguments, bench


def main() -> None:
    args = arguments(__doc__)
    print(f"rules: HD (all heading rules); jobs: {args.jobs}; runs: {args.runs}")
    for corpus in sorted(p for p in args.corpora.iterdir() if p.is_dir()):
        bench(corpus, ["HD"], args)


if __name__ == "__main__":
    main()
