"""The per-file phase: result cache first, then the remaining files serially
or over worker processes. Output order never depends on either."""
from __future__ import annotations

import gc
import os
import signal
from typing import Optional

from .config import Config
from .discovery import SourceFile
from .engine import Settings, check_source
from .violations import FileResult

# Below this many files to check, starting workers costs more than it saves.
PARALLEL_THRESHOLD = 48

_worker_state: tuple = ()


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not on Linux
        return max(1, os.cpu_count() or 1)


def _init_worker(config: Config, settings: Settings) -> None:
    global _worker_state
    _worker_state = (config, settings)
    # Ctrl-C reaches the whole process group. The main process decides: it hands
    # out no more work and waits for the chunks in progress (each write is
    # atomic), so workers neither die mid-chunk nor print tracebacks.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)


def _check_chunk(chunk: list[tuple[int, SourceFile, Optional[list]]]) -> list:
    config, settings = _worker_state
    out = []
    for i, source, previous in chunk:
        result, crashed, meta = check_source(source, config, settings, previous)
        out.append((i, result, crashed, None if settings.no_cache else meta))  # less to send back
    return out


def check_all(sources: list[SourceFile], config: Config, settings: Settings) -> tuple[list[FileResult], int, list[str]]:
    from .cache import ResultCache, cache_key

    messages: list[str] = []
    use_cache = not settings.no_cache
    cache = ResultCache.open(config.root, cache_key(config, settings)) if use_cache else None
    if cache is not None and cache.warning:
        messages.append(f"warning: {cache.warning}")
    reuse = cache is not None and not (settings.fix or settings.diff)
    results: list[Optional[FileResult]] = [None] * len(sources)
    todo: list[tuple[int, SourceFile, Optional[list]]] = []
    for i, source in enumerate(sources):
        if reuse and source.outside is None:
            try:
                st = os.stat(source.abs_path)
            except OSError:
                st = None
            if st is not None:
                hit = cache.lookup_stat(source.abs_path, st, source.path)
                if hit is not None:
                    results[i] = hit
                    continue
        todo.append((i, source, cache.previous(source.abs_path) if reuse else None))

    jobs = settings.jobs or default_jobs()
    crashed = 0
    for i, file_result, n_crashed, meta in _compute(todo, config, settings, jobs):
        results[i] = file_result
        crashed += n_crashed
        if cache is not None and meta is not None:
            cache.store(sources[i].abs_path, meta[0], meta[1], file_result)
    if cache is not None:
        cache.save()
    return [r for r in results if r is not None], crashed, messages


def _compute(todo, config: Config, settings: Settings, jobs: int):
    if jobs <= 1 or len(todo) < PARALLEL_THRESHOLD:
        for i, source, previous in todo:
            yield (i, *check_source(source, config, settings, previous))
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # fork shares the already-imported rules and parsers with the workers;
    # many small chunks keep both cores busy when file sizes vary a lot.
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    size = max(4, min(64, len(todo) // (jobs * 8) or 1))
    chunks = [todo[k : k + size] for k in range(0, len(todo), size)]
    # Forked workers share the parent's objects copy-on-write until something
    # writes to them; the cyclic GC writes to every object it scans, which
    # would copy the whole file list into each worker. Frozen objects are
    # never scanned.
    gc.freeze()
    try:
        with ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=_init_worker,
                                 initargs=(config, settings)) as pool:
            for chunk_result in pool.map(_check_chunk, chunks):
                yield from chunk_result
    finally:
        gc.unfreeze()
