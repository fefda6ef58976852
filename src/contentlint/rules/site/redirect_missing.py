from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterable, Iterator

from ...registry import Fixability, register
from ...violations import Finding
from .common import SiteRule

if TYPE_CHECKING:
    from ...site.index import SiteIndex


@register
class RedirectMissing(SiteRule):
    """Flags a route recorded in the routes snapshot (`contentlint site routes
    --snapshot FILE`, named by `[site] snapshot`) that the site no longer
    has and that no redirect covers: Hugo `aliases`, Jekyll `redirect_from`,
    literal Astro `redirects`, or the `[site.redirects]` table. The finding
    is placed on the route's line in the snapshot file.

    ## Why
    Renaming or moving a page breaks every bookmark, search result and
    external link to it. Recording the routes once and checking them in CI
    makes a pull request that moves a page without a redirect fail.

    ## Example
    ```md
    {"route": "/en/guides/old/", "file": "src/content/docs/en/guides/old.md"}
    ```

    A snapshot line for a page since renamed, with no redirect.

    ## Use instead
    ```toml
    [site.redirects]
    "/en/guides/old/" = "/en/guides/new/"
    ```

    ## Fix
    None: add a redirect, or record the snapshot again when the route is
    retired on purpose.
    """

    code = "ST006"
    name = "redirect-missing"
    summary = "A route of the snapshot is gone and no redirect covers it"
    fixable = Fixability.NONE

    def check_routes(self, entries: Iterable[tuple[int, int, dict[str, Any]]],
                     index: SiteIndex) -> Iterator[Finding]:
        """``entries``: (start, end, entry) per snapshot line; findings point into the snapshot's text."""
        for start, end, entry in entries:
            route = entry.get("route")
            if isinstance(route, str) and not index.covered(route):
                yield Finding(start, end, f"Route `{route}` (was `{entry.get('file', '?')}`) is gone and no "
                                          "redirect covers it")
