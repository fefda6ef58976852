"""The engine's side of the network phase: which remote URLs each file's
enabled LK rules need checked (collected per file), and after all files the
check of their union and a second lint of the files with something to report
(DESIGN.md §1 "Two phases"). The HTTP checking itself is net/check.py."""
from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Callable, Optional

from ..config.catalogue import get_rule
from ..document.document import Document, FileTooLarge, NotRegularFile, read_regular_file
from ..links.extract import document_urls
from ..links.safety import UrlKind, absolute, classify, host_of, is_local_host, malformed_reason, scheme_of
from ..net.settings import LinkSettings, link_settings
from ..net.url_cache import Outcome

if TYPE_CHECKING:
    from ..net.check import Resolver

# The rules whose findings need a URL's check result.
NETWORK_CODES = ("LK004", "LK005", "LK006", "LK007")


def _wanted(doc, config, relpath: str) -> list[tuple[str, bool, str]]:
    """(absolute URL, used as an image, purpose) for the remote URLs of ``doc``
    that an enabled network-aware rule will look at."""
    enabled = {r.code for r in config.rules_for(relpath)}
    network_rules = enabled.intersection(NETWORK_CODES)
    insecure = "LK002" in enabled
    if not network_rules and not insecure:
        return []
    ls = link_settings(config.settings)
    from ..net.check import address_policy  # lazy: start-up time (asyncio, only for --network)

    policy = address_policy(ls)
    skip_https = {h.lower() for h in config.options(get_rule("LK002")).get("ignore-hosts", [])} if insecure else set()
    out = []
    for use in document_urls(doc, ls):
        if classify(use.url) != UrlKind.REMOTE or malformed_reason(use.url):
            continue
        url = absolute(use.url)
        host = host_of(url)
        if not host or policy.static_refusal(host):
            continue  # never requested; LK006 reports it without the network
        if network_rules:
            out.append((url, use.image, "check"))
        if insecure and scheme_of(url) == "http" and host.lower() not in skip_https and not is_local_host(host):
            out.append(("https:" + url.split(":", 1)[1], use.image, "https"))
    return out


def collect_file_urls(file_result, doc, config, relpath: str) -> None:
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


def _needs_relint(entry: tuple[str, bool, str], outcome: Optional[Outcome]) -> bool:
    if outcome is None:
        return False
    url, image, purpose = entry
    if purpose == "https":
        return True  # LK002 can now say whether https works
    return not outcome.ok or outcome.permanent is not None or (image and outcome.is_image() is False)


def _reread(file_result, config, source) -> list:
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


def network_phase(result, config, settings, relint: Callable, reread: Optional[Callable] = None,
                  *, resolver: Optional[Resolver] = None) -> None:
    """Check the URLs collected from every file, then lint again the files with
    something to report, with the results in ``settings.url_results``.

    ``relint(file_result, settings)`` returns ``(FileResult, crashed)`` for the
    same file; ``reread(file_result)`` gives its SourceFile when its URLs were
    not collected (a cached per-file result).
    """
    for file_result in result.files:
        if file_result.url_uses is None:
            file_result.url_uses = _reread(file_result, config, reread(file_result)) if reread else []
    entries = [e for f in result.files for e in f.url_uses]
    if not entries:
        return
    ls = LinkSettings.from_table(config.settings.get("links"))
    from ..net.check import check_urls  # lazy: start-up time (asyncio, only for --network)

    outcomes, stats = check_urls(
        (e[0] for e in entries), ls, root=config.root, use_cache=not settings.no_cache,
        resolver=resolver, messages=result.messages,
    )
    if settings.verbose:
        result.messages.append(stats.summary())
    relint_settings = replace(settings, url_results=outcomes)
    for index, old in enumerate(result.files):
        if not any(_needs_relint(e, outcomes.get(e[0])) for e in old.url_uses):
            continue
        new, crashed = relint(old, relint_settings)
        new.url_uses = old.url_uses
        if settings.fix and not settings.diff:
            new.fixes_applied += old.fixes_applied
            new.written = new.written or old.written
        previous_crashes = sum(1 for v in old.violations if v.code == "CL999")
        result.internal_errors += max(0, crashed - previous_crashes)
        result.files[index] = new
