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

from _family import arguments, bench

from contentlint.config.catalogue import all_rules


def main() -> None:
    args = arguments(__doc__)
    rules = [r.code for r in all_rules() if r.code.startswith("FM") and r.default_enabled]
    print(f"rules: {', '.join(rules)}; jobs: {args.jobs}; runs: {args.runs}")
    for schema in sorted(args.corpora.glob("*.schema.json")):
        corpus = args.corpora / schema.name[: -len(".schema.json")]
        if corpus.is_dir():
            bench(corpus, rules, args, schema)


if __name__ == "__main__":
    main()
