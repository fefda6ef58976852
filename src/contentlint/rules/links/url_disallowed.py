from __future__ import annotations

from typing import TYPE_CHECKING, Iterable

from ...registry import NoOptions, Rule, RuleContext, register
from ...links.safety import UrlKind, classify, host_of, scheme_of
from ...net.needs import NeedsUrls
from ...violations import Finding
from .common import outcome, policy, settings, show, url_uses

if TYPE_CHECKING:
    from ...document.document import Document


@register
class UrlDisallowed(Rule, NeedsUrls):
    """Flags a URL contentlint will not follow: the schemes `javascript:`,
    `vbscript:`, `file:` and `data:` (unless `links.allow-data`), and hosts
    that are or resolve to loopback, private (RFC 1918), link-local
    (including the cloud metadata address `169.254.169.254`), unique-local
    IPv6, multicast, unspecified or reserved addresses. Such hosts are never
    requested unless listed in `links.allow-hosts` or covered by a range in
    `links.allow-private`.

    ## Why
    A `javascript:` URL in content is a script injection waiting for a
    renderer that does not sanitise it; a `file:` or `localhost` image works
    only on the writer's machine. In CI on an untrusted pull request, a URL
    pointing into the private network would let the contributor make the
    runner fetch internal services (SSRF), so such URLs are refused, also when
    a redirect leads there.

    ## Example
    ```markdown
    ---
    hero: "http://169.254.169.254/latest/meta-data/iam/"
    ---
    ```

    ## Use instead
    ```markdown
    ---
    hero: "https://cdn.example.com/launch.jpg"
    ---
    ```

    ## Fix
    None. Schemes, IP literals and `localhost` are judged without the
    network; host names that resolve to such addresses, and redirects into
    them, are found by the network check (`--network`).
    """

    code = "LK006"
    name = "url-disallowed"
    summary = "URL uses a disallowed scheme or points into a private network"

    def check(self, doc: Document, ctx: RuleContext[NoOptions]) -> Iterable[Finding]:
        allow_data = settings(ctx).allow_data
        addresses = policy(ctx)
        for use in url_uses(doc, ctx):
            kind = classify(use.url)
            if kind == UrlKind.DISALLOWED_SCHEME:
                scheme = scheme_of(use.url)
                if scheme == "data" and allow_data:
                    continue
                shown = show(use.url, 60)
                yield Finding(use.start, use.end, f"URL `{shown}` uses the disallowed scheme `{scheme}:`")
                continue
            if kind != UrlKind.REMOTE:
                continue
            host = host_of(use.url)
            why = addresses.static_refusal(host) if host else None
            if why:
                yield Finding(
                    use.start, use.end,
                    f"URL `{show(use.url)}` points to {why} and is never requested",
                )
                continue
            result = outcome(ctx, use.url)
            if result is not None and result.refused:
                yield Finding(use.start, use.end, f"URL `{show(use.url)}` is not requested: {result.refused}")
