"""Per-file result cache in ``.contentlint_cache/`` at each project root.

An entry is reused when the file's size and modification time are unchanged
(no read at all), or when they changed but the content hash did not (read,
never parsed). Each entry also carries the key of the verdict's inputs: the
contentlint version and installed rules, the file's own configuration (every
file may have its own, see ``config.Resolver``), the command-line settings
that change findings and the files the configuration names. An entry made
under another key is never reused. Only results that describe the bytes on
disk are stored (``--diff`` describes fixed text that was never written).
It is JSON, never pickle: a cache restored in CI from an untrusted branch must
not be able to run code. Writes are atomic, so concurrent runs sharing a
folder can only lose each other's entries, never corrupt the file, and a run
with nothing new to record writes nothing.

Rules that look at other files (a schema, a local image, a folder listing)
record them through ``ctx.file.depends_on``; an entry is reused only
while each of them has the modification time (or absence) it had.
"""
from __future__ import annotations

import hashlib
import json
import os
import stat
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any, Optional

from .. import __version__
from ..config.catalogue import all_rules
from ..net.settings import network_on
from ..schema.discovery import SchemaSettings, remote_fetch_allowed
from ..violations import Applicability, Edit, FileResult, Fix, Severity, Violation
from .cache_table import MISSING, Table, write

if TYPE_CHECKING:
    from ..config.loader import Config
    from .lint import Settings

# One cached verdict: [size, mtime_ns, content hash, findings, [[dependency, stamp], ...], key]
Entry = list[Any]

CACHE_DIR = ".contentlint_cache"
# v4: one entry a line (cache_table.py), so a run over a few files decodes
# only theirs. The files of earlier layouts are never read (other names);
# the first run that writes removes them.
CACHE_FILE = "results-v4.json"
OLD_FILES = ("results-v3.json",)
FORMAT = f"4:{__version__}"
RACY_NS = 2_000_000_000
# A run over at most this many files of one project root decodes only their
# cache entries; a larger one decodes the whole file at once (cheaper per entry).
FEW_FILES = 32


def content_hash(raw: bytes) -> str:
    return hashlib.blake2b(raw, digest_size=16).hexdigest()


def _fix_to_json(fix: Optional[Fix]) -> Optional[list[Any]]:
    if fix is None:
        return None
    return [fix.title, fix.applicability.value, [[e.start, e.end, e.replacement] for e in fix.edits]]


def _fix_from_json(data: Any) -> Optional[Fix]:
    if data is None:
        return None
    title, applicability, edits = data
    return Fix(title, tuple(Edit(*e) for e in edits), Applicability(applicability))


def _violation_to_json(v: Violation) -> list[Any]:
    return [v.code, v.name, v.severity.value, v.message, v.line, v.column, v.end_line, v.end_column,
            _fix_to_json(v.fix), v.source_line, v.start, v.end]


def _violation_from_json(path: str, d: list[Any]) -> Violation:
    code, name, sev, message, line, col, eline, ecol, fix, source, start, end = d
    return Violation(path, code, name, Severity(sev), message, line, col, eline, ecol, _fix_from_json(fix), source, start, end)


def _well_formed(entry: Any) -> bool:
    # The cache may be restored from an untrusted branch's CI cache: a bad
    # shape must mean "check the file", never a crash. Exact types (JSON makes
    # no subclasses) and plain loops: a warm run vets 5,000 entries.
    if type(entry) is not list or len(entry) != 6:
        return False
    size, mtime, digest, findings, deps, key = entry
    if not (type(size) is int and type(mtime) is int and type(digest) is str and type(findings) is list
            and type(deps) is list and type(key) is str):
        return False
    for v in findings:
        if type(v) is not list or len(v) != 12:
            return False
    for d in deps:
        if type(d) is not list or len(d) != 2 or type(d[0]) is not str:
            return False
    return True


class ResultCache:
    def __init__(self, folder: Path):
        self.folder = folder
        self.table = Table({}, {}, None)
        self.fresh: dict[str, Entry] = {}
        self.warning: Optional[str] = None
        self.changed = False
        self._stamps: dict[str, Optional[str]] = {}  # many files share a dependency (a static folder)

    @classmethod
    def open(cls, root: Path, files: int = FEW_FILES + 1) -> "ResultCache":
        """The cache of the project at ``root`` for a run over ``files`` of its files."""
        cache = cls(Path(root) / CACHE_DIR)
        path = cache.folder / CACHE_FILE
        try:
            table = Table.read(path, few=files <= FEW_FILES)
            if table.header.get("format") == FORMAT:
                # Each entry is vetted when it is looked up (``previous``): a
                # one-file run must not vet the 5,000 entries of the others.
                cache.table = table
        except FileNotFoundError:
            pass
        except (OSError, ValueError) as exc:
            cache.warning = f"discarded an unreadable result cache ({path}: {exc.__class__.__name__})"
        return cache

    def lookup_stat(self, abs_path: str, st: os.stat_result, display: str, key: str) -> Optional[FileResult]:
        entry = self.previous(abs_path, key)
        if entry is None or entry[0] != st.st_size or entry[1] != st.st_mtime_ns:
            return None
        if not dependencies_unchanged(entry, self._stamps):
            return None
        try:
            result = FileResult(path=display, violations=[_violation_from_json(display, v) for v in entry[3]])
        except (TypeError, ValueError):
            return None
        self.fresh[abs_path] = entry
        return result

    def previous(self, abs_path: str, key: str) -> Optional[Entry]:
        """The entry for ``abs_path`` when it was made under ``key``."""
        entry = self.table.get(abs_path)
        if entry is MISSING:
            return None
        if not _well_formed(entry):
            # Restored from somewhere untrusted, or written by a broken run:
            # nothing in the file is believed any more.
            self.warning = f"discarded a damaged result cache ({self.folder / CACHE_FILE})"
            self.table = Table({}, {}, None)
            self.changed = True
            return None
        return entry if entry[5] == key else None

    def store(self, abs_path: str, st: os.stat_result, digest: str, result: FileResult, key: str) -> None:
        now = time.time_ns()
        deps = [[path, _trusted(stamp_of(path, self._stamps), now)] for path in result.dependencies]
        # A file written in the last seconds may be written again within the
        # same timestamp tick ("racy git"): record no mtime, so the next run
        # compares its content hash instead of trusting size and mtime.
        mtime = st.st_mtime_ns if now - st.st_mtime_ns > RACY_NS else -1
        entry = [st.st_size, mtime, digest, [_violation_to_json(v) for v in result.violations], deps, key]
        if _as_stored(entry) != self.table.get(abs_path):
            self.changed = True
        self.fresh[abs_path] = entry

    def save(self) -> None:
        """Write this run's entries, and keep those of files this run did not
        check that still exist (a pre-commit batch names a few files; the next
        batch must still find the others). Nothing is written when this run
        has nothing new to record."""
        if not self.changed:
            return  # (entries of deleted files are dropped by the next run over many files that writes)
        whole = self.table.whole or {}
        kept = {path: entry for path, entry in whole.items() if path not in self.fresh and os.path.exists(path)}
        self.table.header = {"format": FORMAT}
        write(self.folder, CACHE_FILE, self.table.merged(self.fresh, kept))
        for name in OLD_FILES:
            try:
                os.remove(self.folder / name)
            except OSError:
                pass


def _read_cache_file(folder: Path, name: str) -> Any:
    """The JSON data of a cache file; None when it is missing or damaged (the
    caller then starts afresh)."""
    try:
        with open(folder / name, encoding="utf-8") as fh:
            return json.load(fh)
    except (OSError, ValueError):
        return None


def _site_file_name(template: str, site: str) -> str:
    """A per-site cache file's name: one file per site root, so a run over one site reads only its own."""
    return template.format(hashlib.blake2b(site.encode("utf-8", "surrogateescape"), digest_size=6).hexdigest())


def _write_cache_file(folder: Path, name: str, data: dict[str, Any]) -> None:
    """Write one cache file (compact JSON); see ``cache_table.write``."""
    write(folder, name, json.dumps(data, separators=(",", ":")))


def _as_stored(entry: Entry) -> Entry:
    # what the entry reads back as from JSON (tuples become lists)
    stored: Entry = json.loads(json.dumps(entry))
    return stored


RACY = "racy"  # a stamp no dependency ever has: the entry is not reused


def _trusted(stamp: Optional[str], now: int) -> Optional[str]:
    """A file dependency changed in the last seconds may change again within
    the same timestamp tick, keeping its stamp: such an entry is not reused."""
    if stamp is not None and stamp.startswith("f:"):
        mtime = int(stamp.split(":")[1])
        if now - mtime <= RACY_NS:
            return RACY
    return stamp


def _referenced_files(config: "Config", settings: "Settings") -> list[list[Any]]:
    """What the files the configuration points at hold (schemas, Astro's
    generated collection schemas) and ``--schema``: editing one must
    invalidate every cached result. By content, not modification time: an
    edit within one timestamp tick keeps the time. The configuration files
    themselves are covered by the configuration's fingerprint."""
    candidates = [(settings.schema, Path.cwd())]  # --schema is relative to the current folder

    def walk(value: Any) -> None:
        if isinstance(value, str):
            candidates.append((value, Path(config.root)))
        elif isinstance(value, dict):
            for v in value.values():
                walk(v)
        elif isinstance(value, list):
            for v in value:
                walk(v)

    walk(config.settings)
    astro = Path(config.root) / ".astro" / "collections"
    if astro.is_dir():
        candidates.extend((str(p), astro) for p in sorted(astro.glob("*.json")))
    stamps = []
    for value, base in candidates:
        if not value or value.startswith("builtin:") or len(value) > 4096:
            continue
        path = Path(value) if os.path.isabs(value) else base / value
        try:
            if not path.is_file():
                continue
            st = path.stat()
            if st.st_size > MAX_HASHED:
                stamps.append([str(path), st.st_size, st.st_mtime_ns])
                continue
            stamps.append([str(path), content_hash(path.read_bytes())])
        except (OSError, ValueError):
            continue
    return stamps


MAX_HASHED = 4 * 1024 * 1024
_RULES_SIGNATURE: list[Any] = []


def _rules_signature() -> list[Any]:
    """The installed rules and the versions of the plugins that bring them."""
    if not _RULES_SIGNATURE:
        rules = all_rules()
        versions: dict[str, Optional[str]] = {}
        for dist in sorted({r.distribution for r in rules} - {"contentlint"}):
            from importlib import metadata  # lazy: start-up time (only with plugins)

            try:
                versions[dist] = metadata.version(dist)
            except (metadata.PackageNotFoundError, ValueError):
                versions[dist] = None
        _RULES_SIGNATURE.append([[r.code, r.name, r.distribution] for r in rules])
        _RULES_SIGNATURE.append(versions)
    return _RULES_SIGNATURE


def cache_key(config: "Config", settings: "Settings") -> str:
    """The key of everything a file's cached verdict depends on besides its
    own bytes and its recorded dependencies."""
    payload = {
        "version": __version__,
        "rules": _rules_signature(),
        "config": config.fingerprint(),
        "schema": settings.schema,
        # a file's remote `$schema` applies only in runs that may fetch it
        "remote-schemas": remote_fetch_allowed(config.family(SchemaSettings), settings),
        # the URL rules (LK004-LK007) judge only in runs with the network on
        "network": network_on(config.settings, settings),
        "files": _referenced_files(config, settings),
    }
    return hashlib.blake2b(json.dumps(payload, sort_keys=True, default=str).encode(), digest_size=16).hexdigest()


def with_site(key: str, site: object) -> str:
    """``key`` for a file whose folder belongs to ``site`` (the engine's
    ``FileSite``: site root, static mounts, aliases; None outside any site).
    LK003's verdict depends on it, and a framework's config file added or
    removed above the folder changes it without touching anything the
    configuration names."""
    if site is None:
        return key
    return key + ":" + hashlib.blake2b(repr(site).encode(), digest_size=8).hexdigest()


def _stamp(path: str) -> Optional[str]:
    """What a dependency looks like now; None when it does not exist (a missing
    image that appears later must invalidate the finding too). A folder is
    stamped by its entries' names: timestamps are too coarse to see an entry
    added within the same few milliseconds. The cache's own folder is left
    out: the first run that writes a cache adds it to the project root, whose
    listing a rule may have read, and every later run would then judge those
    files again for a name no rule looks at."""
    try:
        st = os.stat(path)
        if stat.S_ISDIR(st.st_mode):
            names = "\0".join(sorted(n for n in os.listdir(path) if n != CACHE_DIR))
            return "d:" + hashlib.blake2b(names.encode("utf-8", "surrogateescape"), digest_size=8).hexdigest()
        return f"f:{st.st_mtime_ns}:{st.st_size}"
    except OSError:
        return None


def stamp_of(path: str, memo: dict[str, Optional[str]]) -> Optional[str]:
    """``_stamp`` once per path and run: many files share a dependency (a
    static folder), and a folder's stamp lists it."""
    if path not in memo:
        memo[path] = _stamp(path)
    return memo[path]


def dependencies_unchanged(entry: Entry, memo: dict[str, Optional[str]]) -> bool:
    return all(stamp_of(path, memo) == stamp for path, stamp in entry[4])


def from_previous(entry: Entry, display: str) -> FileResult:
    deps = [path for path, _ in entry[4]]
    return FileResult(path=display, violations=[_violation_from_json(display, v) for v in entry[3]], dependencies=deps)


FACTS_FILE = "site-facts-v1-{}.json"  # one per site root: a run over one site reads only its own


class FactCache:
    """Site facts per file (site/facts.py), beside the result cache: they depend
    only on the file's bytes, not on its configuration, so any run (one file,
    another configuration) reuses them while size and modification time are
    unchanged. JSON, atomic writes, a damaged file is ignored, as above."""

    def __init__(self, folder: Path, version: Any, site: str = ""):
        self.folder = folder
        self.name = _site_file_name(FACTS_FILE, site)
        self.version = version
        self.entries: dict[str, list[Any]] = {}
        self.changed = False

    @classmethod
    def open(cls, root: Path, version: Any, site: str = "") -> "FactCache":
        cache = cls(Path(root) / CACHE_DIR, version, site)
        data = _read_cache_file(cache.folder, cache.name)
        if isinstance(data, dict) and data.get("format") == [FORMAT, version] and isinstance(data.get("files"), dict):
            cache.entries = {k: v for k, v in data["files"].items()
                             if isinstance(v, list) and len(v) == 3 and isinstance(v[2], dict)}
        return cache

    def get(self, abs_path: str, st: os.stat_result) -> Optional[dict[str, Any]]:
        entry = self.entries.get(abs_path)
        if entry is None or entry[0] != st.st_size or entry[1] != st.st_mtime_ns or entry[1] == -1:
            return None
        facts: dict[str, Any] = entry[2]
        return facts

    def put(self, abs_path: str, st: os.stat_result, facts: dict[str, Any]) -> None:
        mtime = st.st_mtime_ns if time.time_ns() - st.st_mtime_ns > RACY_NS else -1
        entry = [st.st_size, mtime, facts]
        if self.entries.get(abs_path) != entry:
            self.entries[abs_path] = entry
            self.changed = True

    def save(self, keep: Optional[set[str]] = None, under: str = "") -> None:
        """Write the entries; of those under ``under`` (a site's root), only
        those in ``keep`` (its files now): other sites' entries stay."""
        if keep is not None:
            gone = [p for p in self.entries if p.startswith(under) and p not in keep]
            for path in gone:
                del self.entries[path]
            self.changed = self.changed or bool(gone)
        if not self.changed:
            return
        _write_cache_file(self.folder, self.name, {"format": [FORMAT, self.version], "files": self.entries})


SITE_FILE = "site-verdicts-v2-{}.json"  # one per site root, beside the fact cache; v2: one entry a line
OLD_SITE_FILE = "site-verdicts-v1-{}.json"  # never read; removed by the first save


def tree_digest(root: str, skipped: frozenset[str]) -> Optional[str]:
    """A digest of every file under ``root`` as ``stat`` sees it (path, size,
    modification time, inode) and of every folder's name, folders named in
    ``skipped`` left out. None when a file changed in the last ``RACY_NS``: it
    may change again within the same timestamp tick, unseen."""
    cutoff = time.time_ns() - RACY_NS
    # One string hashed once (the same digest as hashing each part in turn):
    # a warm run over a site lists every one of its thousands of files.
    parts: list[str] = []
    add = parts.append
    stack = [root]
    while stack:
        folder = stack.pop()
        try:
            with os.scandir(folder) as it:
                entries = list(it)
        except OSError:
            add(f"\0unreadable\0{folder}")
            continue
        for entry in entries:
            try:
                if entry.is_dir(follow_symlinks=False):
                    if entry.name not in skipped:
                        stack.append(entry.path)
                    add(f"\0d\0{entry.path}")
                    continue
                st = entry.stat(follow_symlinks=False)
            except OSError:
                add(f"\0?\0{entry.path}")
                continue
            if st.st_mtime_ns >= cutoff:
                return None
            add(f"\0f\0{entry.path}\0{st.st_size}\0{st.st_mtime_ns}\0{st.st_ino}")
    return hashlib.blake2b("".join(parts).encode("utf-8", "surrogateescape"), digest_size=16).hexdigest()


class SiteVerdicts:
    """The site findings (ST) of each checked file, valid while nothing in the
    site changed at all: they depend on every page of the site, so they are
    kept under one digest of the whole site (``tree_digest`` and what else
    the caller puts in), and each file's entry under its own cache key (its
    configuration). A warm run then neither rebuilds the site index from
    5,000 fact entries nor runs the site rules again. JSON, atomic writes, a
    damaged file is ignored, as above."""

    def __init__(self, folder: Path, site: str, digest: str) -> None:
        self.folder = folder
        self.name = _site_file_name(SITE_FILE, site)
        self.old_name = _site_file_name(OLD_SITE_FILE, site)
        self.digest = digest
        self.table = Table({}, {}, None)
        self.fresh: dict[str, list[Any]] = {}

    @classmethod
    def open(cls, root: Path, site: str, digest: str, files: int = FEW_FILES + 1) -> "SiteVerdicts":
        """The entries made under ``digest`` (none when the site changed
        since), for a run over ``files`` of the site's files."""
        cache = cls(Path(root) / CACHE_DIR, site, digest)
        try:
            table = Table.read(cache.folder / cache.name, few=files <= FEW_FILES)
        except (OSError, ValueError):
            return cache
        if table.header.get("format") == FORMAT and table.header.get("digest") == digest:
            cache.table = table
        return cache

    def get(self, abs_path: str, key: str, display: str) -> Optional[list[Violation]]:
        entry = self.table.get(abs_path)
        if not (isinstance(entry, list) and len(entry) == 2 and entry[0] == key and isinstance(entry[1], list)):
            return None
        if not entry[1]:
            return []  # most files: no site finding
        try:
            return [_violation_from_json(display, v) for v in entry[1]]
        except (TypeError, ValueError):
            return None  # a damaged entry: judged again

    def put(self, abs_path: str, key: str, violations: list[Violation]) -> None:
        entry = _as_stored([key, [_violation_to_json(v) for v in violations]])
        if self.table.get(abs_path) != entry:
            self.fresh[abs_path] = entry

    def save(self) -> None:
        if self.fresh:
            self.table.header = {"format": FORMAT, "digest": self.digest}
            write(self.folder, self.name, self.table.merged(self.fresh, self.table.whole or {}))
            try:
                os.remove(self.folder / self.old_name)
            except OSError:
                pass
