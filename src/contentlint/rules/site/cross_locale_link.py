from __future__ import annotations

from typing import TYPE_CHECKING, Iterable, Optional

from ...registry import Fixability, register
from ...violations import Edit, Finding, Fix
from .common import SiteRule, resolved_links

if TYPE_CHECKING:
    from ...site.index import Page, SiteIndex


def _rewritten(url: str, old: str, new: str) -> Optional[str]:
    """``url`` with its one ``old`` locale segment replaced by ``new``; None when
    the segment is not there exactly once (then which one to change is a guess)."""
    head, hash_, fragment = url.partition("#")
    segments = head.split("/")
    where = [i for i, s in enumerate(segments) if s == old]
    if len(where) != 1:
        return None
    segments[where[0]] = new
    return "/".join(segments) + hash_ + fragment


@register
class CrossLocaleLink(SiteRule):
    """Flags a link from a page in one locale to a page in another locale when
    the same page exists, translated, in the linking page's own locale (a
    Japanese page linking to `/en/guides/x/` while `/ja/guides/x/` exists).

    ## Why
    Translations are often made by copying the source page, links and all: the
    reader of the translated page is then sent back to the source language
    although the page exists in theirs.

    ## Example
    ```md
    ---
    title: ルーティング
    ---
    [インストール](/en/install/) を参照してください。
    ```

    In `ja/routing.md`, while `ja/install.md` exists.

    ## Use instead
    ```md
    [インストール](/ja/install/) を参照してください。
    ```

    ## Fix
    Safe: the locale segment of the link is rewritten (`/en/` becomes
    `/ja/`) when it appears once in the URL. A page that exists in the
    linking locale only as a fallback (Starlight's untranslated pages) is not
    a translation, and a link to another locale's home page (`/ja/`) or to
    the page's own translation ("see the English version") is a language
    switch: such links are left alone.
    """

    code = "ST003"
    name = "link-cross-locale"
    summary = "Link to another locale's page that exists in the linking page's locale"
    fixable = Fixability.SAFE

    links_only = True

    def check_site(self, page: Page, index: SiteIndex) -> Iterable[Finding]:
        mine = page.locale
        if mine is None or mine not in index.config.locales:
            return
        for url, start, end, exact, found in resolved_links(page, index, "ok", "anchor"):
            target = found.target
            if target is None or target.locale in (None, mine):
                continue
            if target.locale not in index.config.locales or index.is_locale_home(target):
                continue  # a link to another language's home page is a language switch
            counterpart = index.counterpart(target, mine)
            if counterpart is None or not index.real(counterpart):
                continue
            if counterpart == index.route_key(page):
                continue  # "see the English version of this page": a language switch too
            fix = None
            new = _rewritten(url, target.locale, mine) if exact else None
            if new is not None:
                fix = Fix.safe(f"Link to the `{mine}` page", Edit(start, end, new))
            yield Finding(start, end, f"Link to the `{target.locale}` page `{target.route}` from a `{mine}` "
                                      f"page; the `{mine}` page `{index.real(counterpart)[0].route}` exists", fix)
