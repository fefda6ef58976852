from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable, Iterator

from ...registry import Fixability, Rule, RuleContext, RuleOptions, option, register
from ...links.safety import UrlKind, absolute, classify, host_of, is_local_host, scheme_of
from ...net.needs import NeedsUrls, UrlRequest
from ...violations import Edit, Finding, Fix
from .common import outcome, show, url_uses

if TYPE_CHECKING:
    from ...document.document import Document
    from ...links.extract import UrlUse
    from ...net.url_cache import Outcome


@register
class UrlInsecure(Rule, NeedsUrls):
    """Flags an `http:` image or link URL.

    ## Why
    An `https:` site that loads an `http:` image shows a mixed-content warning,
    or the browser upgrades or blocks the image; a plain-text link exposes
    readers to tampering. Most hosts serve the same URL over `https:`.

    ## Example
    ```markdown
    ---
    title: Launch day
    hero: "http://cdn.example.com/launch.jpg"
    ---
    ```

    ## Use instead
    ```markdown
    ---
    title: Launch day
    hero: "https://cdn.example.com/launch.jpg"
    ---
    ```

    ## Fix
    Rewrites the scheme to `https:`. The fix is unsafe (not every host serves
    https) unless the run checks the network (`--network`) and the same URL
    over `https:` answered successfully (and, for an image, with an image),
    in which case it is safe. When the network check shows that the `https:`
    URL does not work, no fix is offered. Loopback, private and other local
    addresses (and `localhost`) are not flagged: `http:` is normal there.

    ## Options
    `ignore-hosts`: hosts known to serve only `http:` (exact names).
    """

    code = "LK002"
    name = "url-insecure"
    summary = "URL uses `http:` where `https:` is expected"
    fixable = Fixability.SOMETIMES
    changes_frontmatter = True
    @dataclass(frozen=True)
    class Options(RuleOptions):
        ignore_hosts: tuple[str, ...] = option((), "Hosts known to serve only `http:`")

    @classmethod
    def url_requests(cls, use: UrlUse, url: str, host: str, options: RuleOptions) -> Iterator[UrlRequest]:
        """Whether the same URL works over `https:` decides the fix and the
        message, whatever the answer."""
        assert isinstance(options, cls.Options)
        ignored = {h.lower() for h in options.ignore_hosts}
        if scheme_of(url) == "http" and host.lower() not in ignored and not is_local_host(host):
            yield UrlRequest("https:" + url.split(":", 1)[1], use.image, any_answer=True)

    def check(self, doc: Document, ctx: RuleContext[Options]) -> Iterable[Finding]:
        ignored = {h.lower() for h in ctx.options.ignore_hosts}
        text = doc.text
        for use in url_uses(doc, ctx):
            if classify(use.url) != UrlKind.REMOTE or scheme_of(use.url) != "http":
                continue
            host = host_of(use.url)
            if not host or host in ignored or is_local_host(host):
                continue
            secure = "https:" + absolute(use.url).split(":", 1)[1]
            message = f"URL `{show(use.url)}` uses `http:`"
            edit = None
            if use.exact and text[use.start : use.start + 5].lower() == "http:":
                edit = Edit(use.start, use.start + 5, "https:")
            result = outcome(ctx, secure)
            fix = None
            if result is not None and result.ok and not (use.image and result.is_image() is False):
                message += "; the `https:` URL works"
                fix = Fix.safe("Use `https:`", edit) if edit else None
            elif result is not None:
                message += f"; the `https:` URL does not work ({_why(result)})"
            elif edit is not None:
                fix = Fix.unsafe("Use `https:`", edit)
            yield Finding(use.start, use.end, message, fix)


def _why(result: Outcome) -> str:
    if result.refused:
        return "not requested"
    if result.error:
        return result.detail or result.error
    if result.ok:
        return f"it serves `{result.content_type}`, not an image"
    return f"HTTP {result.status}"
