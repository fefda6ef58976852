"""URL check results kept on disk between runs.

One JSON file, ``<project root>/.contentlint_cache/urls.json`` (or the user
cache folder when the project is read-only). Successes are kept for
``cache-max-age``, failures for ``cache-failure-max-age``. Writes are atomic
(temporary file in the same folder, fsync, ``os.replace``) and merge with what
another run wrote meanwhile under an advisory lock, so two runs sharing the
cache neither corrupt it nor drop each other's results.
"""
from __future__ import annotations

import hashlib
import json
import os
import sys
import time
from contextlib import contextmanager
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any, Iterable, Iterator, Optional

from ..atomic import replace_file

CACHE_DIR_NAME = ".contentlint_cache"
FILE_NAME = "urls.json"
VERSION = 1


@dataclass
class Outcome:
    """What one URL check found. ``refused`` is set when the URL was not (or no
    further) requested because of the address rules."""

    url: str
    status: Optional[int] = None
    reason: str = ""
    # dns | refused | tls | timeout | connect | protocol | redirects | bad-redirect | invalid | too-large
    # | deadline (the URL's own time ran out) | unchecked (the network phase ran out; never cached)
    error: Optional[str] = None
    detail: str = ""
    content_type: Optional[str] = None
    final_url: Optional[str] = None
    permanent: Optional[str] = None  # where the leading run of permanent redirects ends
    permanent_status: Optional[int] = None
    refused: Optional[str] = None
    attempts: int = 0
    checked_at: float = 0.0
    cached: bool = False

    @property
    def ok(self) -> bool:
        return self.error is None and self.refused is None and self.status is not None and 200 <= self.status < 300

    def is_image(self) -> Optional[bool]:
        """Whether the response says it is an image; None when it does not say."""
        if not self.content_type:
            return None
        return self.content_type.split(";", 1)[0].strip().lower().startswith("image/")

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data.pop("cached")
        return {k: v for k, v in data.items() if v not in (None, "", 0) or k == "url"}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "Outcome":
        known = {f.name for f in fields(cls)} - {"cached"}
        return cls(**{k: v for k, v in data.items() if k in known})


def user_cache_dir() -> Path:
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = str(Path.home() / "Library" / "Caches")
    else:
        base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "contentlint"


def cache_path(root: Path) -> Optional[Path]:
    """Where the URL cache lives for a project; None when nowhere is writable."""
    folder = Path(root) / CACHE_DIR_NAME
    for candidate in (folder, user_cache_dir() / hashlib.sha256(str(root).encode()).hexdigest()[:16]):
        try:
            candidate.mkdir(parents=True, exist_ok=True)
            if os.access(candidate, os.W_OK):
                ignore = candidate / ".gitignore"
                if candidate == folder and not ignore.exists():
                    ignore.write_text("# Created by contentlint\n*\n", encoding="utf-8")
                return candidate / FILE_NAME
        except OSError:
            continue
    return None


@contextmanager
def _locked(path: Path) -> Iterator[None]:
    lock_path = path.with_name(path.name + ".lock")
    try:
        fh = open(lock_path, "a+b")
    except OSError:
        yield
        return
    try:
        try:
            import fcntl

            fcntl.flock(fh.fileno(), fcntl.LOCK_EX)
        except ImportError:  # Windows: atomic replace still keeps the file whole
            pass
        yield
    finally:
        fh.close()  # closing releases the lock


class UrlCache:
    def __init__(self, path: Optional[Path], fingerprint: str, max_age: float, failure_max_age: float):
        self.path = path
        self.fingerprint = fingerprint
        self.max_age = max_age
        self.failure_max_age = failure_max_age
        self.entries: dict[str, dict[str, Any]] = {}
        self._new: dict[str, dict[str, Any]] = {}

    def load(self) -> "UrlCache":
        self.entries = self._read()
        return self

    def _read(self) -> dict[str, dict[str, Any]]:
        if self.path is None:
            return {}
        try:
            with open(self.path, encoding="utf-8") as fh:
                data = json.load(fh)
        except (OSError, ValueError):
            return {}  # missing or damaged: start afresh, the next save repairs it
        if not isinstance(data, dict) or data.get("version") != VERSION or not isinstance(data.get("urls"), dict):
            return {}
        return {k: v for k, v in data["urls"].items() if isinstance(v, dict)}

    def _fresh(self, entry: dict[str, Any], now: float) -> Optional[Outcome]:
        if entry.get("fp") != self.fingerprint:
            return None
        try:
            outcome = Outcome.from_json(entry.get("outcome") or {})
        except TypeError:
            return None
        age = now - outcome.checked_at
        limit = self.max_age if outcome.ok else self.failure_max_age
        if age < 0 or age >= limit:
            return None
        return outcome

    def get(self, url: str, now: Optional[float] = None) -> Optional[Outcome]:
        entry = self.entries.get(url)
        if entry is None:
            return None
        outcome = self._fresh(entry, time.time() if now is None else now)
        if outcome is not None:
            outcome.cached = True
        return outcome

    def put(self, outcomes: Iterable[Outcome]) -> None:
        for outcome in outcomes:
            entry = {"fp": self.fingerprint, "outcome": outcome.to_json()}
            self.entries[outcome.url] = entry
            self._new[outcome.url] = entry

    def save(self) -> None:
        if self.path is None or not self._new:
            return
        now = time.time()
        keep_for = max(self.max_age, self.failure_max_age)
        with _locked(self.path):
            merged = self._read()  # what other runs wrote since we loaded
            for url, entry in self._new.items():
                other = merged.get(url)
                mine = entry["outcome"].get("checked_at", 0)
                if other is None or (other.get("outcome") or {}).get("checked_at", 0) <= mine:
                    merged[url] = entry
            merged = {
                url: e for url, e in merged.items()
                if 0 <= now - (e.get("outcome") or {}).get("checked_at", 0) < keep_for
            }
            payload = json.dumps({"version": VERSION, "urls": merged}, ensure_ascii=False, sort_keys=True)
            replace_file(self.path, payload)
        self._new.clear()


class DocumentCache:
    """Remote documents (JSON Schemas and their ``$ref``s), one JSON file per
    URL in ``schemas/`` beside the URL cache. Kept like URL results: only
    under the same address rules and settings (``fingerprint``), and fresh
    for ``max_age``. An offline run may use an older copy: reading it
    requests nothing."""

    def __init__(self, folder: Optional[Path], fingerprint: str, max_age: float):
        self.folder = folder
        self.fingerprint = fingerprint
        self.max_age = max_age

    @classmethod
    def for_project(cls, root: Path, fingerprint: str, max_age: float) -> "DocumentCache":
        urls = cache_path(root)
        return cls(urls.parent / "schemas" if urls is not None else None, fingerprint, max_age)

    def _path(self, url: str) -> Optional[Path]:
        if self.folder is None:
            return None
        return self.folder / (hashlib.sha256(url.encode()).hexdigest()[:32] + ".json")

    def get(self, url: str, *, any_age: bool = False) -> Optional[str]:
        path = self._path(url)
        if path is None:
            return None
        try:
            with open(path, encoding="utf-8") as fh:
                entry = json.load(fh)
        except (OSError, ValueError):
            return None
        if not isinstance(entry, dict) or entry.get("version") != VERSION or entry.get("url") != url:
            return None  # damaged, foreign, or written by an older contentlint
        if entry.get("fp") != self.fingerprint or not isinstance(entry.get("text"), str):
            return None
        age = time.time() - float(entry.get("fetched_at") or 0)
        if not any_age and not 0 <= age < self.max_age:
            return None
        text: str = entry["text"]
        return text

    def put(self, url: str, text: str) -> None:
        path = self._path(url)
        if path is None:
            return
        entry = {"version": VERSION, "url": url, "fp": self.fingerprint, "fetched_at": time.time(), "text": text}
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            replace_file(path, json.dumps(entry, ensure_ascii=False))  # unique temporary name: runs may race
        except OSError:
            pass  # a cache that cannot be written only costs a fetch next time
