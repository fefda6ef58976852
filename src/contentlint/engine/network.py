"""The engine's side of the network phase: which remote URLs each file's
enabled rules need checked (collected per file; the rules say which through
``net.needs.NeedsUrls``), and after all files the check of their union and a
second lint of the files with something to report (DESIGN.md §1 "Two
phases"). The HTTP checking itself is net/check.py."""
from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Callable, Optional

from ..config.loader import Config
from ..document.document import Document, FileTooLarge, NotRegularFile, read_regular_file
from ..links.extract import document_urls
from ..links.safety import UrlKind, absolute, classify, host_of, malformed_reason
from ..net.needs import NeedsUrls, UrlRequest
from ..net.settings import LinkSettings
from ..violations import FileResult, RunResult
from .files import SourceFile

if TYPE_CHECKING:  # engine.lint calls into this module; net.check loads asyncio, only for --network
    from ..net.check import Resolver
    from .lint import Settings

# Lints one file again with the URL results; returns its result and how many rules crashed.
Relint = Callable[[FileResult, "Settings"], tuple[FileResult, int]]


def _wanted(doc: Document, config: Config, relpath: str) -> list[UrlRequest]:
    """The URLs the enabled rules that need the network (`NeedsUrls`) want
    checked for ``doc``, each once per use."""
    askers = [(rule, config.rule_options(rule)) for rule in config.rules_for(relpath) if issubclass(rule, NeedsUrls)]
    if not askers:
        return []
    ls = config.family(LinkSettings)
    from ..net.check import address_policy  # lazy: start-up time (asyncio, only for --network)

    policy = address_policy(ls)
    out: list[UrlRequest] = []
    for use in document_urls(doc, ls):
        if classify(use.url) != UrlKind.REMOTE or malformed_reason(use.url):
            continue
        url = absolute(use.url)
        host = host_of(url)
        if not host or policy.static_refusal(host):
            continue  # never requested; LK006 reports it without the network
        wanted: list[UrlRequest] = []
        for rule, options in askers:
            for request in rule.url_requests(use, url, host, options):
                if request not in wanted:  # LK004 and LK005 ask for the same URL
                    wanted.append(request)
        out += wanted
    return out


def collect_file_urls(file_result: FileResult, doc: Document, config: Config, relpath: str) -> None:
    """Record on ``file_result`` the URLs the network phase must check (after
    fixes, if any were written, so positions and URLs are the final ones)."""
    if doc.binary:
        return
    if file_result.written and doc.abs_path:
        try:
            _, raw = read_regular_file(doc.abs_path, config.max_file_size)
        except (OSError, NotRegularFile, FileTooLarge):
            return
        doc = Document.from_bytes(doc.path, raw, abs_path=doc.abs_path)
    elif file_result.fixed_text is not None:
        doc = doc.with_text(file_result.fixed_text)
    file_result.url_uses = _wanted(doc, config, relpath)


def _reread(file_result: FileResult, config: Config, source: SourceFile) -> list[UrlRequest]:
    """URLs of a file whose per-file result came from the result cache (the
    rules did not run, so nothing was collected): read and extract again."""
    try:
        _, raw = read_regular_file(source.real_path or source.abs_path, config.max_file_size)
    except (OSError, NotRegularFile, FileTooLarge):
        return []
    doc = Document.from_bytes(source.path, raw, abs_path=source.abs_path)
    if doc.binary:
        return []
    return _wanted(doc, config, source.relpath)


def network_phase(result: RunResult, config: Config, settings: Settings, relint: Relint,
                  reread: Optional[Callable[[FileResult], SourceFile]] = None,
                  *, resolver: Optional[Resolver] = None) -> None:
    """Check the URLs collected from every file, then lint again the files with
    something to report, with the results in ``settings.url_results``.

    ``relint(file_result, settings)`` returns ``(FileResult, crashed)`` for the
    same file; ``reread(file_result)`` gives its SourceFile when its URLs were
    not collected (a cached per-file result).
    """
    wanted: list[list[UrlRequest]] = []
    for file_result in result.files:
        if file_result.url_uses is None:
            file_result.url_uses = _reread(file_result, config, reread(file_result)) if reread else []
        wanted.append(file_result.url_uses)
    entries = [request for uses in wanted for request in uses]
    if not entries:
        return
    ls = config.family(LinkSettings)
    from ..net.check import check_urls  # lazy: start-up time (asyncio, only for --network)

    outcomes, stats = check_urls(
        (request.url for request in entries), ls, root=config.root, use_cache=not settings.no_cache,
        resolver=resolver, messages=result.messages,
    )
    if settings.verbose:
        result.messages.append(stats.summary())
    relint_settings = replace(settings, url_results=outcomes)
    for index, (old, uses) in enumerate(zip(result.files, wanted)):
        if not any(request.worth_relint(outcomes.get(request.url)) for request in uses):
            continue
        new, crashed = relint(old, relint_settings)
        new.url_uses = old.url_uses
        if settings.fix and not settings.diff:
            new.fixes_applied += old.fixes_applied
            new.written = new.written or old.written
        previous_crashes = sum(1 for v in old.violations if v.code == "CL999")
        result.internal_errors += max(0, crashed - previous_crashes)
        result.files[index] = new
