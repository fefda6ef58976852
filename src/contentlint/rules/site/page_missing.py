from __future__ import annotations

from typing import TYPE_CHECKING, Iterable

from ...registry import Fixability, register
from ...violations import Finding
from .common import SiteRule, resolved_links

if TYPE_CHECKING:
    from ...site.index import Page, SiteIndex


@register
class PageMissing(SiteRule):
    """Flags a link to a page the built site does not have: a relative link to
    a Markdown file (`../guides/x.md`) that is not there, or a site path
    (`/en/guides/x/`, `../x/`, or a full URL on the site's own domain) that no
    page, static file or redirect answers. Routes are computed the way the
    site's framework builds them (content folders, `slug`, `permalink`,
    locale folders, `base`, Starlight's fallback pages for untranslated
    pages; `.astro` and `.html` pages count where their route is static;
    Astro's top-level `404`/`500` pages are `404.html`/`500.html`). On a
    Hugo site with a `baseURL` per language (multihost), a site path is
    looked up on the linking page's language host, and a full URL on a
    language's host among that language's pages.

    ## Why
    A page renamed or moved breaks every link to it, and a link checked
    against the file tree is wrong for a static-site generator: the URL
    `/en/guides/x/` is no file anywhere. Checking against the routes the
    framework builds finds the broken ones before a reader does, without a
    build and without the network.

    ## Example
    ```md
    See [the routing guide](/en/guides/routng/).
    ```

    There is no page at `/en/guides/routng/`.

    ## Use instead
    ```md
    See [the routing guide](/en/guides/routing/).
    ```

    ## Fix
    None: which page was meant is a guess (the message names a close route
    when there is one). Links into routes that code generates (`[param]`
    pages), to other hosts, or written as templates are not judged. A file
    link is found where the framework looks: Docusaurus tries its docs
    folders before the linking file's folder, MkDocs resolves every relative
    link from the source file, and with a Hugo link render hook a link is a
    content path as `.GetPage` reads it (a relative one it cannot find is
    left to the hook). Runs when the site's framework is recognised
    (`[site] framework` to choose it).
    """

    code = "ST001"
    name = "link-page-missing"
    summary = "Link to a page the site does not have"
    fixable = Fixability.NONE

    links_only = True

    def check_site(self, page: Page, index: SiteIndex) -> Iterable[Finding]:
        for url, start, end, _exact, found in resolved_links(page, index, "page"):
            message = f"Link `{url}` leads to no page of the site"
            if found.path and found.path != url:
                message += f" (`{found.path}`)"
            close = index.close_route(found.origin + found.path.rstrip("/"))
            if close and not found.path.lower().endswith((".md", ".mdx", ".markdown")):
                message += f"; did you mean `{close}`?"
            yield Finding(start, end, message)
