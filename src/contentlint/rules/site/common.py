"""What the site rules share: the rule shape the site phase calls, and the `[site]` settings."""
from __future__ import annotations

from typing import Any, Iterable, Iterator, NamedTuple

from ...registry import Rule, register_setting
from ...site.index import Page, Resolution, SiteIndex
from ...violations import Finding

SETTING = "site"
SCHEMA = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "framework": {"enum": ["auto", "none", "astro", "jekyll", "hugo", "docusaurus", "mkdocs"]},
        "root": {"type": "string"},
        "base": {"type": "string"},
        "default-locale": {"type": "string"},
        "domains": {"type": "array", "items": {"type": "string"}},
        "snapshot": {"type": "string"},
        "translations": {"enum": ["mirror", "independent"]},
        "redirects": {"type": "object", "additionalProperties": {"type": "string"}},
    },
}
register_setting(SETTING, SCHEMA, {})


class SiteRule(Rule):
    """A rule over the whole site: the per-file phase gives it nothing to do;
    the site phase calls ``check_site`` for each page of the run, with the
    index of every page (engine/site.py)."""

    def check(self, doc: Any, ctx: Any) -> Iterable[Finding]:
        return ()

    def check_site(self, page: Page, index: SiteIndex) -> Iterable[Finding]:  # pragma: no cover - abstract
        raise NotImplementedError


def links(page: Page) -> list[list[Any]]:
    """[url, start, end, exact] of each link the page's facts hold."""
    return list((page.facts or {}).get("l", []))


class ResolvedLink(NamedTuple):
    """A link of the page, where it is in the file and where it leads."""

    url: str
    start: int
    end: int
    exact: bool  # the span is the URL as written (a fix may replace it)
    found: Resolution


def resolved_links(page: Page, index: SiteIndex, *statuses: str) -> Iterator[ResolvedLink]:
    """The page's links whose resolution has one of ``statuses`` (see ``Resolution``)."""
    for url, start, end, exact in links(page):
        found = index.resolve(page, url)
        if found.status in statuses:
            yield ResolvedLink(url, start, end, bool(exact), found)
