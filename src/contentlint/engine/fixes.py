"""Applying fixes: non-overlapping edits in one pass, then lint again until settled."""
from __future__ import annotations

from typing import Iterable

from ..violations import Applicability, Fix

MAX_PASSES = 10


def applicable(fix: Fix, *, unsafe: bool) -> bool:
    if fix.applicability is Applicability.SAFE:
        return True
    return unsafe and fix.applicability is Applicability.UNSAFE


def apply_fixes(text: str, fixes: Iterable[Fix]) -> tuple[str, list[Fix]]:
    """Apply every fix whose edits do not overlap an earlier one; return the new
    text and the fixes applied. Skipped fixes get another chance next pass."""
    ordered = sorted(fixes, key=lambda f: f.span)
    accepted: list[Fix] = []
    taken: list[tuple[int, int]] = []
    for fix in ordered:
        spans = [(e.start, e.end) for e in fix.edits]
        if any(_overlaps(s, t) for s in spans for t in taken):
            continue
        accepted.append(fix)
        taken.extend(spans)
    edits = sorted((e for f in accepted for e in f.edits), key=lambda e: (e.start, e.end))
    out, pos = [], 0
    for edit in edits:
        out.append(text[pos : edit.start])
        out.append(edit.replacement)
        pos = edit.end
    out.append(text[pos:])
    return "".join(out), accepted


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    if a[0] == b[0]:
        return True  # two edits at one point: their order would be arbitrary
    return a[0] < b[1] and b[0] < a[1]
