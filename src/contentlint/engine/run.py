"""The run: the per-file phase over every source (cached, maybe in parallel), then the network phase."""
from __future__ import annotations

import hashlib
import json
import os
import time
from dataclasses import replace
from pathlib import Path
from typing import Callable, Iterable, Optional

from ..config.loader import Config, Resolver
from ..document.document import Document
from ..net.settings import network_on
from ..site.skeleton import SKIPPED_DIRS
from ..violations import FileResult, RunResult
from .cache import SiteVerdicts, cache_key, tree_digest
from .files import SourceFile
from .lint import Settings, check_document, check_source, new_run, path_order
from .network import collect_file_urls, network_phase
from .pool import check_all
from .site import (Site, SiteMemo, facts_compressed, file_site, file_sites, site_hosts, site_phase, site_scans,
                   sites_of)


def run(sources: Iterable[SourceFile], configs: "Config | Resolver", settings: Settings,
        progress: Optional[Callable[[FileResult, int], None]] = None) -> RunResult:
    """The per-file phase over every source (cached, maybe in parallel), then
    the network phase; each file with its own configuration, the files in
    path order whatever the order they were named in."""
    started = time.perf_counter()
    resolver = configs if isinstance(configs, Resolver) else Resolver.single(configs)
    result = RunResult()
    pairs = sorted(((s, resolver.for_file(s.abs_path)) for s in sources), key=lambda p: path_order(p[0].path))
    new_run()
    memo = SiteMemo()
    sites = sites_of(pairs, memo)
    settings = replace(settings, file_sites=file_sites(pairs, memo))
    del memo  # its folder listings are not needed past here (about 180 bytes a file)
    if sites:
        settings = replace(settings, site_hosts=site_hosts(sites.values()), site_scans=site_scans(sites.values()),
                           compress_facts=facts_compressed(len(sites)))
    files, crashed, messages = check_all(pairs, settings, progress)
    result.files = files
    result.internal_errors = crashed
    result.messages.extend(messages)
    if len(files) == len(pairs):  # else Ctrl-C stopped the per-file phase: no site to judge
        _site_phase(result, pairs, sites, settings)
    groups: dict[int, list[int]] = {}
    for index, (_, config) in enumerate(pairs):
        groups.setdefault(id(config), []).append(index)
    for indices in groups.values():
        config = pairs[indices[0]][1]
        if _network_on(config, settings):
            _network_group(result, [pairs[i][0] for i in indices], indices, config, settings)
    result.elapsed = time.perf_counter() - started
    return result


def _site_phase(result: RunResult, pairs: list[tuple[SourceFile, Config]], sites: dict[int, Site],
                settings: Settings) -> None:
    """The site phase, its findings reused for each file of a site in which
    no file changed since they were found (``cache.SiteVerdicts``)."""
    if settings.no_cache or settings.fix or settings.diff:
        site_phase(result, pairs, sites, settings)
        return
    by_root: dict[str, list[int]] = {}
    for i, site in sites.items():
        by_root.setdefault(str(site.root), []).append(i)
    keys: dict[int, str] = {}  # id(config) -> its cache key
    todo: dict[int, Site] = {}
    pending: list[tuple[SiteVerdicts, int, str]] = []
    stores: list[SiteVerdicts] = []
    for root, indices in by_root.items():
        site = sites[indices[0]]
        digest = _site_digest(site, settings)
        if digest is None:
            todo.update((i, site) for i in indices)
            continue
        store = SiteVerdicts.open(Path(pairs[indices[0]][1].root), root, digest, len(indices))
        stores.append(store)
        for i in indices:
            source, config = pairs[i]
            if id(config) not in keys:
                keys[id(config)] = cache_key(config, settings)
            key = keys[id(config)]
            inside = source.abs_path.startswith(root + os.sep) and source.real_path in (None, source.abs_path)
            found = store.get(source.abs_path, key, source.path) if inside else None
            if found is None:
                todo[i] = site
                if inside:
                    pending.append((store, i, key))
            elif found:
                file_result = result.files[i]
                file_result.violations = sorted(file_result.violations + found, key=lambda v: (v.line, v.column, v.code))
    if todo:
        before = {i: {id(v) for v in result.files[i].violations} for i in todo}
        errors = result.internal_errors
        site_phase(result, pairs, todo, settings)
        if result.internal_errors == errors:  # a crashed site rule is never remembered
            for store, i, key in pending:
                store.put(pairs[i][0].abs_path, key, [v for v in result.files[i].violations if id(v) not in before[i]])
    for store in stores:
        store.save()


def _site_digest(site: Site, settings: Settings) -> Optional[str]:
    """What the site's findings depend on besides each file's configuration:
    every file of the site (the pages, their links and anchors, the pages
    that are not Markdown, the static files, the framework's config) and the
    hosts whose links count as the site's own. None when that cannot be said
    cheaply: a routes snapshot (a file that may lie outside the site), a
    content or static folder outside the site's root, a file changed a
    moment ago."""
    if site.settings.snapshot or not all(_below(folder) for folder in _site_folders(site)):
        return None
    tree = tree_digest(str(site.root), frozenset(SKIPPED_DIRS))
    if tree is None:
        return None
    payload = [site.name, str(site.root), sorted(settings.site_hosts or ()), tree]
    return hashlib.blake2b(json.dumps(payload).encode("utf-8", "surrogateescape"), digest_size=16).hexdigest()


def _site_folders(site: Site) -> list[str]:
    options = site.config.options
    folders = [site.config.content_dir]
    for name in ("markdown_dirs", "page_dirs", "static_dirs"):
        folders += [str(f) for f in options.get(name, ())]
    folders += [str(mount[0]) for mount in options.get("static_mounts", ())]
    return folders


def _below(folder: str) -> bool:
    return not os.path.isabs(folder) and ".." not in folder.replace(os.sep, "/").split("/")


def _network_group(result: RunResult, sources: list[SourceFile], indices: list[int], config: Config,
                   settings: Settings) -> None:
    """The network phase for the files that share one configuration (its
    link settings, its URL cache)."""
    part = RunResult(files=[result.files[i] for i in indices])
    by_path = {s.path: s for s in sources}
    network_phase(part, config, settings,
                  relint=lambda old, s: check_source(by_path[old.path], config, s)[:2],
                  reread=lambda old: by_path[old.path])
    for i, file_result in zip(indices, part.files):
        result.files[i] = file_result
    result.internal_errors += part.internal_errors
    result.messages.extend(part.messages)


def _network_on(config: Config, settings: Settings) -> bool:
    return network_on(config.settings, settings)


def run_text(text_bytes: bytes, path: str, relpath: str, config: Config, settings: Settings) -> RunResult:
    started = time.perf_counter()
    new_run()
    doc = Document.from_bytes(path, text_bytes)
    folder = os.path.dirname(os.path.abspath(os.path.join(config.root, relpath)))
    settings = replace(settings, file_sites={folder: file_site(folder, config, SiteMemo())})
    file_result, crashed = check_document(doc, config, relpath, settings)
    result = RunResult(files=[file_result], internal_errors=crashed)
    if _network_on(config, settings):
        collect_file_urls(file_result, doc, config, relpath)
        network_phase(result, config, settings, relint=lambda old, s: check_document(doc, config, relpath, s))
    result.elapsed = time.perf_counter() - started
    return result
