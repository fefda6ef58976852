"""The run: the per-file phase over every source (cached, maybe in parallel), then the network phase."""
from __future__ import annotations

import os
import time
from dataclasses import replace
from typing import Iterable

from ..config.loader import Config, Resolver
from ..document.document import Document
from ..net.settings import network_on
from ..violations import RunResult
from .files import SourceFile
from .lint import Settings, check_document, check_source, new_run, path_order
from .network import collect_file_urls, network_phase
from .pool import check_all
from .site import SiteMemo, file_site, file_sites, site_hosts, site_phase, sites_of


def run(sources: Iterable[SourceFile], configs: "Config | Resolver", settings: Settings,
        progress=None) -> RunResult:
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
    if sites:
        settings = replace(settings, site_hosts=site_hosts(sites.values()))
    files, crashed, messages = check_all(pairs, settings, progress)
    result.files = files
    result.internal_errors = crashed
    result.messages.extend(messages)
    if len(files) == len(pairs):  # else Ctrl-C stopped the per-file phase: no site to judge
        site_phase(result, pairs, sites, settings)
    groups: dict[int, list[int]] = {}
    for index, (_, config) in enumerate(pairs):
        groups.setdefault(id(config), []).append(index)
    for indices in groups.values():
        config = pairs[indices[0]][1]
        if _network_on(config, settings):
            _network_group(result, [pairs[i][0] for i in indices], indices, config, settings)
    result.elapsed = time.perf_counter() - started
    return result


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
