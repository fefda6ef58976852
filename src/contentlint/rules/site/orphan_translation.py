from __future__ import annotations

from typing import TYPE_CHECKING, Iterable

from ...registry import Fixability, register
from ...violations import Finding
from .common import AT_ROUTE_KEY, SiteRule

if TYPE_CHECKING:
    from ...site.index import Page, SiteIndex


@register
class OrphanTranslation(SiteRule):
    """Flags a translated page whose source page no longer exists in the
    default locale (`ja/guides/old.md` after `en/guides/old.md` was renamed).
    Applies where locales mirror the default one (Starlight, or `[site]
    translations = "mirror"`); on sites whose locales publish their own pages
    (`translations = "independent"`, Jekyll's default) it stays silent.

    ## Why
    A rename in the default locale leaves the translations at the old route:
    they stop being updated, fall out of the navigation, and keep a page
    alive that the source no longer has.

    ## Example
    ```md
    ---
    title: 古いガイド
    ---
    ```

    In `ja/guides/old.md` when `en/guides/old.md` is gone.

    ## Use instead
    Move the translation to the source page's new path.

    ## Fix
    None: the new path of the source is not known.
    """

    code = "ST005"
    name = "orphan-translation"
    summary = "Translation whose default-locale page no longer exists"
    fixable = Fixability.NONE

    def check_site(self, page: Page, index: SiteIndex) -> Iterable[Finding]:
        default = index.config.default_locale
        if not index.translations_mirror or default is None or page.locale in (None, default) or not page.markdown:
            return
        source = index.counterpart(page, default)
        if source is not None and not index.real(source):
            yield Finding(AT_ROUTE_KEY, AT_ROUTE_KEY, f"Translation of `{source}`, which no page of the default locale `{default}` produces")
