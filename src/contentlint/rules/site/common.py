"""What the site rules share: the rule shape the site phase calls, and the `[site]` settings."""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Iterable, Iterator, Mapping, Optional

from ...registry import FamilySettings, Rule, register_setting
from ...violations import Finding

if TYPE_CHECKING:
    from ...site.index import Page, Resolution, SiteIndex

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


@dataclass(frozen=True)
class SiteSettings(FamilySettings):
    """The `[site]` table; None where it leaves the framework's own value."""

    framework: Optional[str] = None  # "auto", "none" or a framework's name
    root: Optional[str] = None
    base: Optional[str] = None
    default_locale: Optional[str] = None
    domains: Optional[tuple[str, ...]] = None
    snapshot: Optional[str] = None
    translations: Optional[str] = None  # "mirror" or "independent"
    redirects: Optional[Mapping[str, str]] = None

    @classmethod
    def from_settings(cls, settings: Mapping[str, Any]) -> "SiteSettings":
        table = settings.get(SETTING) or {}
        if not isinstance(table, dict):
            return cls()
        domains = table.get("domains")
        return cls(
            framework=table.get("framework"), root=_text(table.get("root")), base=_text(table.get("base")),
            default_locale=table.get("default-locale"),
            domains=None if domains is None else tuple(str(d) for d in domains),
            snapshot=table.get("snapshot"), translations=table.get("translations"),
            redirects=table.get("redirects"),
        )


def _text(value: Any) -> Optional[str]:
    return None if value is None else str(value)


# A finding's start and end that mean "the page's route key" (its `slug`,
# `permalink`, `url` or `title` key: site/facts.py route_key_span): the engine
# places the finding there from the file's text as it reports it.
AT_ROUTE_KEY = -1


class SiteRule(Rule):
    """A rule over the whole site: the per-file phase gives it nothing to do;
    the site phase calls ``check_site`` for each page of the run, with the
    index of every page (engine/site.py)."""

    # True for a rule that finds only at the page's links (``resolved_links``):
    # the site phase does not ask it about a page whose facts hold none.
    links_only = False

    def check(self, doc: Any, ctx: Any) -> Iterable[Finding]:
        return ()

    def check_site(self, page: Page, index: SiteIndex) -> Iterable[Finding]:  # pragma: no cover - abstract
        raise NotImplementedError


def links(page: Page) -> list[list[Any]]:
    """[url, start, end, exact] of each link the page's facts hold."""
    return list((page.facts or {}).get("l", []))


# A link of the page: (url, start, end, exact, where it leads); ``exact``: the span
# is the URL as written (a fix may replace it). Plain tuples: a site has tens of thousands.
ResolvedLink = tuple[str, int, int, bool, "Resolution"]


def resolved_links(page: Page, index: SiteIndex, *statuses: str) -> Iterator[ResolvedLink]:
    """The page's links whose resolution has one of ``statuses`` (see
    ``Resolution``), resolved once for all the site rules (``SiteIndex.links_of``)."""
    for link in index.links_of(page):
        if link[4].status in statuses:
            yield link
