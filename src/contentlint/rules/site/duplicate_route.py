from __future__ import annotations

from typing import TYPE_CHECKING, Iterable

from ...registry import Fixability, register
from ...violations import Finding
from .common import AT_ROUTE_KEY, SiteRule

if TYPE_CHECKING:
    from ...site.index import Page, SiteIndex


@register
class DuplicateRoute(SiteRule):
    """Flags two files that produce the same route (a `slug` or `permalink`
    that repeats another page's, `x.md` beside `x/index.md`).

    ## Why
    The framework builds one of them and drops the other, or fails the build;
    which one wins depends on file order, so the page readers see may change
    with an unrelated edit.

    ## Example
    ```md
    ---
    title: Install
    slug: en/install
    ---
    ```

    In `en/setup.md`, beside `en/install.md`.

    ## Use instead
    ```md
    ---
    title: Install
    slug: en/setup
    ---
    ```

    ## Fix
    None: which page should move is the author's decision.
    """

    code = "ST004"
    name = "duplicate-route"
    summary = "Two files produce the same route"
    fixable = Fixability.NONE

    def check_site(self, page: Page, index: SiteIndex) -> Iterable[Finding]:
        route_key = index.route_key(page)
        if route_key is None:
            return
        others = [p.relpath for p in index.real(route_key) if p.relpath != page.relpath]
        if others:
            yield Finding(AT_ROUTE_KEY, AT_ROUTE_KEY, f"Route `{page.route}` is also produced by {', '.join(f'`{o}`' for o in others)}")
