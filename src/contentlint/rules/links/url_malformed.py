from __future__ import annotations

from typing import TYPE_CHECKING, Iterable

from ...registry import NoOptions, Rule, RuleContext, register
from ...links.safety import malformed_reason
from ...violations import Finding
from .common import show, url_uses

if TYPE_CHECKING:
    from ...document.document import Document


@register
class UrlMalformed(Rule):
    """Flags an image or link URL that cannot work as written: it does not
    parse, contains spaces or control characters, has no host, a bad port, or
    broken percent-encoding.

    ## Why
    Browsers and site generators either reject such a URL or guess what was
    meant, differently from each other; the hero image then breaks on some
    readers' screens or fails the build. A space pasted into a URL, or a `%`
    that is not followed by two hex digits, is invisible in review.

    ## Example
    ```markdown
    ---
    title: Launch day
    hero: "https://cdn.example.com/launch day.jpg"
    ---
    ```

    ## Use instead
    ```markdown
    ---
    title: Launch day
    hero: "https://cdn.example.com/launch%20day.jpg"
    ---
    ```

    ## Fix
    None: the right URL cannot be guessed. Only remote (`http:`, `https:`,
    `//`) URLs are held to URL syntax; local paths are only checked for
    control characters.
    """

    code = "LK001"
    name = "url-malformed"
    summary = "URL cannot be parsed or is not valid as written"

    def check(self, doc: Document, ctx: RuleContext[NoOptions]) -> Iterable[Finding]:
        for use in url_uses(doc, ctx):
            reason = malformed_reason(use.url)
            if reason:
                yield Finding(use.start, use.end, f"URL `{show(use.url)}` {reason}")
