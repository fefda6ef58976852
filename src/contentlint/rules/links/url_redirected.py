from __future__ import annotations

from typing import TYPE_CHECKING, Iterable

from ...registry import Fixability, NoOptions, Rule, RuleContext, register
from ...links.extract import can_replace
from ...links.safety import UrlKind, classify
from ...net.needs import NeedsUrls
from ...violations import Edit, Finding, Fix, Severity
from .common import outcome, show, url_uses

if TYPE_CHECKING:
    from ...document.document import Document


@register
class UrlRedirected(Rule, NeedsUrls):
    """Flags a remote URL that redirects permanently (301 or 308). Network
    only.

    ## Why
    Every reader pays an extra round trip before the image starts loading, and
    a permanent redirect is the host saying the old address is going away.

    ## Example
    With `--network`, when the URL answers `301 Moved Permanently` with
    `Location: https://cdn.example.com/2024/launch.jpg`:

    ```markdown
    ---
    hero: "https://example.com/launch.jpg"
    ---
    ```

    ## Use instead
    The final URL, `https://cdn.example.com/2024/launch.jpg`.

    ## Fix
    Unsafe: replaces the URL with where the permanent redirects lead (the
    first temporary redirect ends the chain), when that final URL works and
    can be written in place without re-quoting.
    """

    code = "LK007"
    name = "url-redirected"
    summary = "URL redirects permanently (network check)"
    severity = Severity.WARNING
    fixable = Fixability.UNSAFE
    changes_frontmatter = True

    def check(self, doc: Document, ctx: RuleContext[NoOptions]) -> Iterable[Finding]:
        for use in url_uses(doc, ctx):
            if classify(use.url) != UrlKind.REMOTE:
                continue
            result = outcome(ctx, use.url)
            if result is None or not result.permanent or result.refused:
                continue
            target = result.permanent
            fix = None
            if result.ok and can_replace(use, target):
                fix = Fix.unsafe(f"Use `{show(target)}`", Edit(use.start, use.end, target))
            yield Finding(
                use.start, use.end,
                f"URL `{show(use.url)}` redirects permanently ({result.permanent_status}) to `{show(target)}`",
                fix,
            )
