"""The per-file phase: result cache first, then the remaining files serially
or over worker processes. Output order never depends on either."""
from __future__ import annotations

import gc
import os
import signal
from contextlib import contextmanager
from typing import Any, Callable, Iterator, Optional

from ..config.loader import Config
from .files import SourceFile
from .cache import ResultCache, cache_key, with_site
from .lint import Settings, check_source, new_run, nothing_to_fix
from ..violations import FileResult

# Below this many files to check, starting workers costs more than it saves.
PARALLEL_THRESHOLD = 48
# The cyclic collector's first-generation threshold while files are checked.
# Each file makes and drops thousands of container objects (tokens, nodes,
# findings); at the default 700 the collector ran ~10 times per file and its
# full passes rescanned every result kept so far: on cpp-docs (one process)
# 9,700 young and 56 full collections took about half of the CPU, with
# 10,000 about a fifth (measured with gc.callbacks, issue 18).
FILE_PHASE_GC_THRESHOLD = (10_000, 20, 20)

_worker_state: tuple[Any, ...] = ()


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not on Linux
        return max(1, os.cpu_count() or 1)


def _init_worker(configs: list[Config], settings: Settings, forked: bool) -> None:
    global _worker_state
    _worker_state = (configs, settings)
    if not forked:
        # A spawned worker starts outside any run; a forked one carries on the
        # parent's (file stamps, schemas and per-folder answers), as one
        # process checking every file would.
        new_run()
    # Ctrl-C reaches the whole process group. The main process decides: it hands
    # out no more work and waits for the chunks in progress (each write is
    # atomic), so workers neither die mid-chunk nor print tracebacks.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    gc.set_threshold(*FILE_PHASE_GC_THRESHOLD)  # a spawned worker does not inherit it


def _check_chunk(chunk: list[tuple[int, SourceFile, int, Optional[list[Any]]]]) -> list[tuple[Any, ...]]:
    configs, settings = _worker_state
    out = []
    for i, source, which, previous in chunk:
        result, crashed, meta = check_source(source, configs[which], settings, previous)
        out.append((i, result, crashed, None if settings.no_cache else meta))  # less to send back
    return out


def _file_key(key: str, source: SourceFile, settings: Settings, memo: dict[tuple[str, str], str]) -> str:
    """The cache key of one file: its configuration's, and its folder's site (once per folder)."""
    if not settings.file_sites:
        return key
    # By the folder as named: its absolute form (what ``file_sites`` is keyed
    # by) is worked out once per folder, not per file (a warm run's 5,000).
    named = os.path.dirname(source.abs_path)
    found = memo.get((key, named))
    if found is None:
        folder = os.path.dirname(os.path.abspath(source.abs_path))
        found = memo[(key, named)] = with_site(key, settings.file_sites.get(folder))
    return found


def check_all(pairs: list[tuple[SourceFile, Config]], settings: Settings,
              progress: Optional[Callable[[FileResult, int], None]] = None) -> tuple[list[FileResult], int, list[str]]:
    """Each file with its configuration; one result cache per project root,
    each entry keyed by its file's configuration. ``progress(result, total)``
    follows each file as it finishes (cache hits first)."""

    messages: list[str] = []
    use_cache = not settings.no_cache
    configs: list[Config] = []
    which: dict[int, int] = {}  # id(config) -> index in configs
    keys: list[str] = []
    caches: dict[str, ResultCache] = {}
    per_root: dict[str, int] = {}  # how many files of each project root: a few read only their entries
    if use_cache:
        for _, config in pairs:
            per_root[str(config.root)] = per_root.get(str(config.root), 0) + 1
    for _, config in pairs:
        if id(config) not in which:
            which[id(config)] = len(configs)
            configs.append(config)
            if use_cache:
                keys.append(cache_key(config, settings))
                root = str(config.root)
                if root not in caches:
                    caches[root] = ResultCache.open(config.root, per_root[root])
    results: list[Optional[FileResult]] = [None] * len(pairs)
    todo: list[tuple[int, SourceFile, int, Optional[list[Any]]]] = []
    file_keys: dict[int, str] = {}
    site_keys: dict[tuple[str, str], str] = {}
    for i, (source, config) in enumerate(pairs):
        index = which[id(config)]
        previous = None
        if use_cache and source.outside is None:
            cache, key = caches[str(config.root)], _file_key(keys[index], source, settings, site_keys)
            file_keys[i] = key
            try:
                st = os.stat(source.abs_path)
            except OSError:
                st = None
            if st is not None:
                hit = cache.lookup_stat(source.abs_path, st, source.path, key)
                if hit is not None and nothing_to_fix(hit, settings):
                    results[i] = hit
                    if progress is not None:
                        progress(hit, len(pairs))
                    continue
            previous = cache.previous(source.abs_path, key)
        todo.append((i, source, index, previous))

    jobs = settings.jobs or default_jobs()
    crashed = 0
    for i, file_result, n_crashed, meta in _compute(todo, configs, settings, jobs):
        results[i] = _share_path(file_result, pairs[i][0].path)
        crashed += n_crashed
        if progress is not None:
            progress(file_result, len(pairs))
        if use_cache and meta is not None:
            source, config = pairs[i]
            key = file_keys.get(i) or _file_key(keys[which[id(config)]], source, settings, site_keys)
            caches[str(config.root)].store(source.abs_path, meta[0], meta[1], file_result, key)
    for cache in caches.values():
        if cache.warning:  # an unreadable file, or a damaged entry met on the way
            messages.append(f"warning: {cache.warning}")
        cache.save()
    return [r for r in results if r is not None], crashed, messages


def _share_path(result: FileResult, path: str) -> FileResult:
    """The result with its file's path as the one string the main process
    already holds: a result from a worker arrives with a copy of it, and of
    it again in each violation, kept until the run ends."""
    if result.path == path:
        result.path = path
        for violation in result.violations:
            if violation.path == path:
                violation.path = path
    return result


def _compute(todo: list[tuple[int, SourceFile, int, Optional[list[Any]]]], configs: list[Config],
             settings: Settings, jobs: int) -> Iterator[tuple[Any, ...]]:
    # What exists now (modules, rules, configurations, the file list) lives
    # for the whole run: frozen, the collector never scans it again; and a
    # forked worker shares it copy-on-write until something writes to it,
    # which the collector's scans would do.
    with collector_for_a_phase():
        yield from _serial_or_parallel(todo, configs, settings, jobs)


@contextmanager
def collector_for_a_phase() -> Iterator[None]:
    """The cyclic collector while a phase makes and drops many containers:
    what exists when it starts is frozen (not scanned again), and the
    collector runs less often (FILE_PHASE_GC_THRESHOLD). The process may live
    on (an editor, the Python API): both settings are put back afterwards."""
    previous = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(*FILE_PHASE_GC_THRESHOLD)
    try:
        yield
    finally:
        gc.set_threshold(*previous)
        gc.unfreeze()


def _serial_or_parallel(todo: list[tuple[int, SourceFile, int, Optional[list[Any]]]], configs: list[Config],
                        settings: Settings, jobs: int) -> Iterator[tuple[Any, ...]]:
    if jobs <= 1 or len(todo) < PARALLEL_THRESHOLD:
        for i, source, which, previous in todo:
            yield (i, *check_source(source, configs[which], settings, previous))
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # fork shares the already-imported rules and parsers with the workers;
    # many small chunks keep both cores busy when file sizes vary a lot.
    forked = "fork" in multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if forked else None)
    if forked:
        # The parent checks the first file before forking: the parsers and
        # validators it imports, the schemas it compiles and the per-folder
        # answers it works out are then every worker's, not each worker's
        # own again (about 0.2 s of CPU per worker on ruby-lang).
        i, source, which, previous = todo[0]
        yield (i, *check_source(source, configs[which], settings, previous))
        todo = todo[1:]
        gc.freeze()  # as _compute did for what existed before
    size = max(4, min(64, len(todo) // (jobs * 8) or 1))
    chunks = [todo[k : k + size] for k in range(0, len(todo), size)]
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=_init_worker,
                             initargs=(configs, settings, forked)) as pool:
        for chunk_result in pool.map(_check_chunk, chunks):
            yield from chunk_result
