"""Time against length for one long page: is linting a file linear in its lines?

    python bench/long_file.py [--lines 10000 100000 1000000] [--runs 3]

Lints generated pages (frontmatter, then sections of a heading, a paragraph
with a link, inline code and curly quotes, and a list) with every default
offline rule, in this process, as the engine does for one file. Prints the
best of --runs per size, ms per 1,000 lines, and the ratio to the smallest
size: ten times the lines should cost about ten times the time; a quadratic
rule shows as a hundred. This was a wall-clock assertion in
tests/hostile/test_filesystem.py; the test now checks the findings and that
the Markdown is parsed once, and the time lives here.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

from contentlint.config.loader import Config  # noqa: E402
from contentlint.document.document import Document  # noqa: E402
from contentlint.engine.run import lint_document  # noqa: E402


def long_page(lines: int) -> str:
    head = "---\ntitle: Long\ndescription: A very long page\n---\n\n"
    block = (
        "## Section {n}\n\nText with a [link](https://example.com/{n}), `code` and “quotes”.\n\n"
        "- item one\n- item two\n\n"
    )
    return head + "".join(block.format(n=n) for n in range((lines - 5) // 7))


def best_seconds(text: str, runs: int) -> float:
    config = Config(root=Path.cwd())
    best = float("inf")
    for _ in range(runs):
        started = time.perf_counter()
        lint_document(Document.from_bytes("long.md", text.encode()), config, "long.md")
        best = min(best, time.perf_counter() - started)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--lines", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    base = None
    for lines in sorted(args.lines):
        seconds = best_seconds(long_page(lines), args.runs)
        base = base or (lines, seconds)
        ratio = (seconds / base[1]) / (lines / base[0])
        print(f"{lines:>9,} lines  best {seconds:6.2f}s  {1000 * seconds / lines * 1000:6.1f} ms/1,000 lines"
              f"  time ratio / line ratio vs {base[0]:,}: {ratio:4.2f}")


if __name__ == "__main__":
    main()
