"""Where a run's CPU goes, measured in this process (bench/run --families / --profile).

Two views of one cold run over a corpus (``--jobs 1``, no result cache, the
corpus schema, every default offline rule, JSON report to memory):

- ``families``: exclusive CPU per phase: start-up is left out; each rule's
  ``check`` is charged to its family (FM, TX, HD, LK), the document's lazily
  built views (decoding, frontmatter split, the Markdown parse) to
  ``document``, the JSON report to ``report``, everything else (discovery,
  configuration, the engine's own work, the result objects) to ``engine``.
  A view a rule builds on first use is charged to ``document``, not to the
  rule that happened to ask first; nested regions are exclusive, so the
  columns add up to the total. The costliest rules of each family follow.
- ``profile``: cProfile of the same run; the top N functions by cumulative
  time, and own time summed by area (a contentlint package or rule family,
  a third-party package, the standard library). Builtins (``re`` methods,
  ``str`` methods, ``isinstance``...) count for the area of the caller.
"""
from __future__ import annotations

import cProfile
import io
import os
import pstats
import sys
import time
from collections import Counter, defaultdict
from functools import cached_property
from pathlib import Path
from typing import Callable, Optional

REPO = Path(__file__).resolve().parent.parent
# CONTENTLINT_SRC: another checkout's src/ (bench/site_share.py measures main's beside this one's).
sys.path.insert(0, os.environ.get("CONTENTLINT_SRC") or str(REPO / "src"))

from contentlint.api import run_check  # noqa: E402
from contentlint.config.catalogue import all_rules  # noqa: E402
from contentlint import violations as violations_module  # noqa: E402
from contentlint.document import document as document_module  # noqa: E402
from contentlint.engine import lint as lint_module  # noqa: E402
from contentlint.engine import run as run_module  # noqa: E402
from contentlint.engine import site as site_module  # noqa: E402
from contentlint.engine.lint import Settings  # noqa: E402
from contentlint.reporters import json_format  # noqa: E402

FAMILY_ORDER = ("engine", "document", "FM", "TX", "HD", "LK", "CL", "facts", "pack", "site", "report")
# The site family's buckets: each file's facts, their packing (and unpacking) for
# the main process, the site phase (finding the sites, the index, the ST rules).
SITE_BUCKETS = ("facts", "pack", "site")
# Where each is called from (module, name, bucket): patched where it is looked up.
_SITE_CALLS = ((lint_module, "facts_of", "facts"), (violations_module, "pack_facts", "pack"),
               (violations_module, "unpack_facts", "pack"), (site_module, "unpack_facts", "pack"),
               (run_module, "sites_of", "site"),
               (run_module, "site_phase", "site"))


class _Clock:
    """Exclusive CPU per bucket: entering a region charges the time so far to
    the bucket that was running and switches; leaving switches back."""

    def __init__(self) -> None:
        self.spent: Counter = Counter()
        self.stack = ["engine"]
        self.mark = time.process_time()

    def switch(self, bucket: str) -> None:
        now = time.process_time()
        self.spent[self.stack[-1]] += now - self.mark
        self.mark = now
        self.stack.append(bucket)

    def back(self) -> None:
        now = time.process_time()
        self.spent[self.stack.pop()] += now - self.mark
        self.mark = now

    def wrap(self, bucket: str, fn: Callable, materialise: bool = False) -> Callable:
        clock = self

        def timed(*args, **kwargs):
            clock.switch(bucket)
            try:
                out = fn(*args, **kwargs)
                return list(out) if materialise else out  # rules yield lazily: time the whole walk
            finally:
                clock.back()

        timed.__wrapped__ = fn
        return timed


def _instrument(clock: _Clock) -> Callable[[], None]:
    """Wrap rule checks, document views and the JSON reporter; returns the undo."""
    undo: list[Callable[[], None]] = []
    for rule in all_rules():
        if "check" in vars(rule):
            original = vars(rule)["check"]
            rule.check = clock.wrap(rule.code, original, materialise=True)
            undo.append(lambda r=rule, o=original: setattr(r, "check", o))
    for cls in (document_module.Document,):
        for name, attr in list(vars(cls).items()):
            if isinstance(attr, cached_property):
                original = attr.func
                attr.func = clock.wrap("document", original)
                undo.append(lambda a=attr, o=original: setattr(a, "func", o))
        original_from_bytes = vars(cls)["from_bytes"]
        cls.from_bytes = classmethod(clock.wrap("document", original_from_bytes.__func__))
        undo.append(lambda c=cls, o=original_from_bytes: setattr(c, "from_bytes", o))
    for module, name, bucket in _SITE_CALLS:
        if hasattr(module, name):  # an older checkout may lack one
            original_call = getattr(module, name)
            setattr(module, name, clock.wrap(bucket, original_call))
            undo.append(lambda m=module, n=name, o=original_call: setattr(m, n, o))
    original_report = json_format.report
    json_format.report = clock.wrap("report", original_report)
    undo.append(lambda: setattr(json_format, "report", original_report))

    def restore() -> None:
        for step in reversed(undo):
            step()

    return restore


def _one_run(corpus: Path, schema: Optional[Path]) -> int:
    settings = Settings(schema=str(schema) if schema and schema.exists() else None, no_cache=True, jobs=1)
    result, _ = run_check([str(corpus)], settings, isolated=True)
    if result.internal_errors:
        # A rule that crashed (a parser or library missing from this
        # interpreter, say) costs next to nothing: its figures would flatter.
        raise SystemExit(f"{corpus}: {result.internal_errors} internal errors in the run; "
                         f"run bench with the project's environment ({sys.executable} is not it?)")
    json_format.report(result, io.StringIO(), {})
    return result.files_checked


def families(corpus: Path, schema: Optional[Path], runs: int = 1) -> dict:
    """Median exclusive CPU seconds per bucket over ``runs`` cold runs."""
    per_run: list[Counter] = []
    files = 0
    for _ in range(runs):
        clock = _Clock()
        restore = _instrument(clock)
        try:
            clock.mark = time.process_time()
            files = _one_run(corpus, schema)
            clock.spent[clock.stack[-1]] += time.process_time() - clock.mark
        finally:
            restore()
        per_run.append(clock.spent)
    totals = [sum(c.values()) for c in per_run]
    median_run = per_run[sorted(range(runs), key=totals.__getitem__)[runs // 2]]
    buckets: Counter = Counter()
    rules: dict[str, dict[str, float]] = defaultdict(dict)
    for name, secs in median_run.items():
        family = name[:2] if name[:2] in FAMILY_ORDER and name[2:].isdigit() else name
        buckets[family] += secs
        if family != name:
            rules[family][name] = secs
    return {"files": files, "total": sum(median_run.values()), "buckets": dict(buckets), "rules": dict(rules)}


def print_families(name: str, row: dict) -> None:
    buckets = row["buckets"]
    per10k = 10_000 / max(1, row["files"])
    names = [b for b in FAMILY_ORDER if b in buckets] + sorted(set(buckets) - set(FAMILY_ORDER))
    print(f"{name}: {row['files']} files, {row['total']:.2f} s CPU in process "
          f"({row['total'] * per10k:.2f} s per 10,000 files; start-up not included)")
    for bucket in names:
        top = sorted(row.get("rules", {}).get(bucket, {}).items(), key=lambda kv: -kv[1])[:4]
        detail = ", ".join(f"{code} {secs:.2f}" for code, secs in top)
        print(f"  {bucket:<9} {buckets[bucket]:>7.3f} s  ({buckets[bucket] * per10k:>6.3f} s / 10k files)"
              + (f"   {detail}" if detail else ""))
    print(f"  site share: +{100 * site_share(row):.1f} % (facts + pack + site against the rest of the run)")


def site_share(row: dict) -> float:
    """What the site family adds to a run without it: its buckets over the others."""
    site = sum(row["buckets"].get(b, 0.0) for b in SITE_BUCKETS)
    return site / max(1e-9, row["total"] - site)


def _area(filename: str, funcname: str) -> str:
    path = filename.replace("\\", "/")
    if "/contentlint/" in path:
        parts = path.split("/contentlint/", 1)[1].split("/")
        if parts[0] == "rules" and len(parts) > 2:
            return f"rules/{parts[1]}"
        return parts[0].removesuffix(".py") if len(parts) == 1 else parts[0]
    if "site-packages/" in path:
        return path.split("site-packages/", 1)[1].split("/")[0].removesuffix(".py")
    if path == "~":
        return "builtin"
    return "stdlib"


def profile(corpus: Path, schema: Optional[Path], top: int) -> tuple[int, float, list, list]:
    """One profiled run: (files, total profiled seconds, [(area, own s)], top-N lines)."""
    profiler = cProfile.Profile()
    profiler.enable()
    files = _one_run(corpus, schema)
    profiler.disable()
    stats = pstats.Stats(profiler)
    raw = stats.stats  # (file, line, func) -> (cc, nc, tt, ct, callers)
    by_area: dict[str, float] = defaultdict(float)
    for (filename, _, funcname), (_, _, tt, _, callers) in raw.items():
        area = _area(filename, funcname)
        if area != "builtin" or not callers:
            by_area[area] += tt
            continue
        # a builtin's own time goes to its callers' areas, pro rata to what each call site spent in it
        spent = sum(c[2] for c in callers.values()) or 1.0
        for (cfile, _, cfunc), caller in callers.items():
            by_area[_area(cfile, cfunc)] += tt * caller[2] / spent
    total = sum(by_area.values())
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(top)
    lines = [ln for ln in out.getvalue().splitlines() if ln.strip()]
    start = next((i for i, ln in enumerate(lines) if ln.lstrip().startswith("ncalls")), 0)
    return files, total, sorted(by_area.items(), key=lambda kv: -kv[1]), lines[start:]


def print_profile(name: str, files: int, total: float, areas: list, lines: list, top: int) -> None:
    print(f"{name}: {files} files, {total:.2f} s profiled (cProfile overhead included)")
    print(f"  own time by area (builtins counted for their callers):")
    for area, secs in areas[:top]:
        print(f"    {area:<22} {secs:>7.3f} s  {100 * secs / total:5.1f} %")
    print(f"  top {top} by cumulative time:")
    for line in lines:
        print(f"    {line[:160]}")
