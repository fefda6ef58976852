from __future__ import annotations

from typing import TYPE_CHECKING, Iterable

from ...registry import NoOptions, Rule, RuleContext, register
from ...links.safety import UrlKind, classify
from ...net.needs import NeedsUrls
from ...violations import Finding
from .common import outcome, show, url_uses

if TYPE_CHECKING:
    from ...document.document import Document

_ERRORS = {
    "dns": "DNS lookup failed",
    "refused": "connection refused",
    "tls": "TLS error",
    "timeout": "timed out",
    "connect": "connection failed",
    "protocol": "the server broke the connection",
    "redirects": "too many redirects",
    "bad-redirect": "invalid redirect",
    "invalid": "the URL cannot be requested",
    "deadline": "ran out of time",
    "unchecked": "not checked in time",
}


@register
class UrlUnreachable(Rule, NeedsUrls):
    """Flags a remote image or link URL that does not answer successfully:
    DNS failure, refused connection, TLS error, timeout, too many redirects,
    or a final HTTP status outside 200–299 after retries. Network only: this
    rule reports nothing unless the run checks URLs (`--network`, or
    `network = true` in the configuration).

    ## Why
    A hero image that 404s ships a broken page to every reader, and often
    breaks the social preview card as well. Links rot silently; only a check
    finds them.

    ## Example
    With `--network`, when `https://cdn.example.com/gone.jpg` answers 404:

    ```markdown
    ---
    hero: "https://cdn.example.com/gone.jpg"
    ---
    ```

    ## Use instead
    A URL that answers 2xx (after redirects).

    ## Fix
    None. Each unique URL of the run is requested once (HEAD, then GET when
    HEAD is refused), with retries and backoff on timeouts, 429 and 5xx;
    results are cached in `.contentlint_cache/` (see `links.cache-max-age`).
    """

    code = "LK004"
    name = "url-unreachable"
    summary = "Remote URL does not answer successfully (network check)"

    def check(self, doc: Document, ctx: RuleContext[NoOptions]) -> Iterable[Finding]:
        for use in url_uses(doc, ctx):
            if classify(use.url) != UrlKind.REMOTE:
                continue
            result = outcome(ctx, use.url)
            if result is None or result.refused or result.ok:
                continue
            if result.error:
                what = _ERRORS.get(result.error, result.error)
                detail = f" ({result.detail})" if result.detail else ""
                message = f"URL `{show(use.url)}` is unreachable: {what}{detail}"
            else:
                reason = f" {result.reason}" if result.reason else ""
                tries = f" after {result.attempts} attempts" if result.attempts > 1 else ""
                message = f"URL `{show(use.url)}` is unreachable: HTTP {result.status}{reason}{tries}"
            yield Finding(use.start, use.end, message)
