"""What the LK rules share: the document's URL uses, the address policy and,
in the network phase, the check results."""
from __future__ import annotations

from typing import TYPE_CHECKING, Optional

from ...document.text_regions import shorten
from ...links.extract import document_urls
from ...links.safety import AddressPolicy, absolute
from ...net.settings import LinkSettings
from ...registry import RuleContext, RuleOptions

if TYPE_CHECKING:
    from ...document.document import Document
    from ...links.extract import UrlUse
    from ...net.url_cache import Outcome

# (allow-hosts, allow-private) -> the policy they make
_POLICIES: dict[tuple[tuple[str, ...], tuple[str, ...]], AddressPolicy] = {}


def settings(ctx: RuleContext[RuleOptions]) -> LinkSettings:
    return ctx.family(LinkSettings)


def url_uses(doc: Document, ctx: RuleContext[RuleOptions]) -> list[UrlUse]:
    """The document's URL uses, found once for all the LK rules (the file's memo)."""
    found: Optional[list[UrlUse]] = ctx.memo.get("links.url_uses")
    if found is None:
        found = ctx.memo["links.url_uses"] = document_urls(doc, settings(ctx))
    return found


def policy(ctx: RuleContext[RuleOptions]) -> AddressPolicy:
    ls = settings(ctx)
    key = (ls.allow_hosts, ls.allow_private)
    cached = _POLICIES.get(key)
    if cached is None:
        # Ranges that do not parse are rejected by the network phase as a configuration
        # error; per-file rules only use the valid ones.
        valid: list[str] = []
        for item in ls.allow_private:
            try:
                AddressPolicy.from_lists((), (item,))
                valid.append(item)
            except ValueError:
                pass
        cached = _POLICIES[key] = AddressPolicy.from_lists(ls.allow_hosts, valid)
    return cached


def outcome(ctx: RuleContext[RuleOptions], url: str) -> Optional[Outcome]:
    """The network result for a remote URL, or None (offline, or not checked)."""
    results = ctx.file.url_results
    if not results:
        return None
    found: Optional[Outcome] = results.get(absolute(url))  # the network phase's Outcomes
    return found


def show(url: str, limit: int = 120) -> str:
    return shorten(url, limit)
