from __future__ import annotations

from typing import TYPE_CHECKING, Iterable

from ...registry import NoOptions, Rule, RuleContext, register
from ...links.safety import UrlKind, classify
from ...net.needs import NeedsUrls
from ...violations import Finding
from .common import outcome, show, url_uses

if TYPE_CHECKING:
    from ...document.document import Document


@register
class UrlNotImage(Rule, NeedsUrls):
    """Flags a remote URL used as an image (an image field, `![…](…)`,
    `<img src>`) whose response has a `Content-Type` that is not `image/*`.
    Network only.

    ## Why
    A page URL pasted where the image URL belongs (the photo's page on a stock
    site, a share link) answers 200 with HTML: every link checker says it is
    fine, and the page shows a broken image.

    ## Example
    With `--network`, when the URL serves `text/html`:

    ```markdown
    ---
    hero: "https://unsplash.com/photos/a-mountain-lake"
    ---
    ```

    ## Use instead
    The URL of the image file itself, which serves `image/jpeg`, `image/png`,
    `image/webp`, `image/svg+xml`…

    ## Fix
    None. A response without a `Content-Type` is not reported.
    """

    code = "LK005"
    name = "url-not-image"
    summary = "Image URL does not serve an image (network check)"

    def check(self, doc: Document, ctx: RuleContext[NoOptions]) -> Iterable[Finding]:
        for use in url_uses(doc, ctx):
            if not use.image or classify(use.url) != UrlKind.REMOTE:
                continue
            result = outcome(ctx, use.url)
            if result is None or not result.ok or not result.content_type or result.is_image() is not False:
                continue
            kind = result.content_type.split(";", 1)[0].strip()
            yield Finding(use.start, use.end, f"Image URL `{show(use.url)}` serves `{kind}`, not an image")
