"""Site rules (ST): links, anchors, routes, locales and redirects judged across the whole site (may import site/ and below)."""
from . import (  # noqa: F401
    anchor_missing,
    cross_locale_link,
    duplicate_route,
    orphan_translation,
    page_missing,
    redirect_missing,
)
