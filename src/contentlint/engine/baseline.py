"""A baseline: the findings a team accepted when it adopted contentlint.

``check --baseline FILE`` reports (and fails on) only findings that are not in
it. A finding is known by its rule, its file (relative to the project root),
the text it flags and the line that text sits on, and its message without
line numbers; not by its line number, so lines added above it do not make it
new. Several identical findings in one file are counted. The file is JSON, one
finding per line, sorted, so that a rewrite shows as a small diff in review.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from ..violations import RunResult, Violation

VERSION = 1
# A crash or a write that failed says something about this run, not the content.
UNTRACKED = frozenset({"CL904", "CL999"})
_LONG = 200
_LINE_NUMBER = re.compile(r"\bline \d+")
FIELDS = ("path", "code", "text", "context", "message")
# A finding as the baseline knows it: the FIELDS, in order
Key = tuple[str, str, str, str, str]


class BaselineError(Exception):
    """An unreadable or malformed baseline file; the CLI exits 2."""


@dataclass(frozen=True)
class Entry:
    path: str
    code: str
    text: str
    context: str
    message: str
    count: int = 1

    @property
    def key(self) -> Key:
        return (self.path, self.code, self.text, self.context, self.message)

    def to_json(self) -> str:
        data = {name: getattr(self, name) for name in FIELDS}
        data["count"] = self.count
        text = json.dumps(data, ensure_ascii=False)
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:
            # undecodable bytes kept as lone surrogates: as \udcxx escapes, which read back the same
            text = json.dumps(data)
        return text


@dataclass
class Outcome:
    """How a run compares with its baseline (``RunResult.baseline``)."""

    path: str
    root: Path
    new: list[Violation] = field(default_factory=list)
    unchanged: list[Violation] = field(default_factory=list)
    absent: list[Entry] = field(default_factory=list)  # one per missing finding (count 1)

    def fingerprint(self, v: Violation) -> str:
        return _digest(key(v, self.root))

    def entry_fingerprint(self, entry: Entry) -> str:
        return _digest(entry.key)

    def shown_path(self, entry: Entry) -> str:
        """A baseline path as the run shows paths (relative to the current folder)."""
        full = self.root / entry.path
        try:
            return os.path.relpath(full)
        except ValueError:
            return str(full)


def _digest(parts: tuple[str, ...]) -> str:
    """The same for a finding and its baseline entry: SARIF viewers follow it across runs."""
    return hashlib.sha256("\0".join(parts).encode("utf-8", "surrogatepass")).hexdigest()[:32]


def _short(text: str) -> str:
    """Long lines (minified HTML, generated tables) are kept recognisable and exact."""
    if len(text) <= _LONG:
        return text
    digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]
    return f"{text[:160]}…{digest}"


def relative(path: str, root: Path) -> str:
    full = os.path.abspath(path)
    try:
        return Path(os.path.relpath(full, root)).as_posix()
    except ValueError:  # another drive
        return Path(full).as_posix()


def key(v: Violation, root: Path) -> Key:
    line = v.source_line
    start = max(0, v.column - 1)
    end = v.end_column - 1 if v.end_line == v.line else len(line)
    return (relative(v.path, root), v.code, _short(line[start:max(start, end)]), _short(line.strip()),
            _LINE_NUMBER.sub("line N", v.message))


def root_for(baseline: str, config_path: Optional[str] = None) -> Path:
    """The project root the baseline's paths are relative to: the folder of
    ``--config``, else of the configuration file nearest the baseline, else
    the baseline's own folder, so that every run agrees whatever its current folder."""
    if config_path:
        return Path(config_path).resolve().parent
    from ..config.loader import find_config

    folder = Path(baseline).resolve().parent
    found = find_config(folder)
    return found.parent if found is not None else folder


def load(path: str) -> list[Entry]:
    try:
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
    except FileNotFoundError:
        raise BaselineError(f"{path}: baseline file not found; write it with `--update-baseline`") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise BaselineError(f"{path}: cannot read the baseline: {exc}") from None
    except json.JSONDecodeError as exc:
        raise BaselineError(f"{path}: not a baseline (invalid JSON at line {exc.lineno}: {exc.msg})") from None
    if not isinstance(data, dict) or not isinstance(data.get("findings"), list):
        raise BaselineError(f"{path}: not a baseline (expected an object with a `findings` list)")
    if data.get("version") != VERSION:
        raise BaselineError(f"{path}: baseline version {data.get('version')!r} is not {VERSION}; rewrite it with `--update-baseline`")
    entries = []
    for index, item in enumerate(data["findings"]):
        ok = isinstance(item, dict) and all(isinstance(item.get(f), str) for f in FIELDS)
        count = item.get("count", 1) if isinstance(item, dict) else None
        if not ok or not isinstance(count, int) or isinstance(count, bool) or count < 1:
            raise BaselineError(f"{path}: finding {index + 1} needs string {', '.join(FIELDS)} and a count of at least 1")
        entries.append(Entry(item["path"], item["code"], item["text"], item["context"], item["message"], count=count))
    return entries


def render(entries: list[Entry]) -> str:
    merged: Counter[Key] = Counter()
    for entry in entries:
        merged[entry.key] += entry.count
    ordered = sorted(merged.items(), key=lambda kv: (kv[0][0].split("/"), *kv[0][1:]))
    lines = [Entry(*k, count=n).to_json() for k, n in ordered]
    body = ",\n".join(f"    {line}" for line in lines)
    return (f'{{\n  "version": {VERSION},\n  "tool": "contentlint",\n  "findings": [\n'
            + (body + "\n" if body else "") + "  ]\n}\n")


def write(path: str, entries: list[Entry]) -> None:
    data = render(entries).encode("utf-8")
    folder = os.path.dirname(os.path.abspath(path))
    try:
        fd, tmp = tempfile.mkstemp(prefix=".contentlint-baseline-", dir=folder)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.replace(tmp, path)
        except BaseException:
            os.unlink(tmp)
            raise
    except OSError as exc:
        raise BaselineError(f"{path}: cannot write the baseline: {exc.strerror or exc}") from None


def compare(result: RunResult, entries: list[Entry], path: str, root: Path) -> Outcome:
    """Take the baselined findings out of ``result`` (its exit code then
    counts only new ones) and say how the run compares."""
    outcome = Outcome(path=path, root=root)
    remaining: Counter[Key] = Counter()
    for entry in entries:
        remaining[entry.key] += entry.count
    checked = set()
    for file in result.files:
        checked.add(relative(file.path, root))
        kept = []
        for v in file.violations:
            k = None if v.code in UNTRACKED else key(v, root)
            if k is not None and remaining[k] > 0:
                remaining[k] -= 1
                outcome.unchanged.append(v)
            else:
                kept.append(v)
                outcome.new.append(v)
        file.violations = kept
    # Entries for files this run did not check (pre-commit passes only the
    # changed ones) are not absent, only not looked at, unless the file is gone.
    for k, n in sorted(remaining.items()):
        if n > 0 and (k[0] in checked or not (root / k[0]).exists()):
            outcome.absent.extend(Entry(*k) for _ in range(n))
    result.baseline = outcome
    return outcome


def updated(result: RunResult, entries: list[Entry], root: Path) -> list[Entry]:
    """The baseline for this run's findings; entries of files the run did not
    check are kept while the file exists."""
    checked = {relative(f.path, root) for f in result.files}
    fresh = [Entry(*key(v, root)) for v in result.violations if v.code not in UNTRACKED]
    kept = [e for e in entries if e.path not in checked and (root / e.path).exists()]
    return fresh + kept
