"""What a rule asks the network phase to check for it.

A rule whose findings depend on how remote URLs answer inherits `NeedsUrls`
beside `Rule`. For each URL use of a document that may be requested at all
(remote, well formed, not refused by the address rules without asking), the
engine asks every enabled such rule which URLs to check (`url_requests`);
after checking their union it lints again only the files where some answer
is worth a second look (`UrlRequest.worth_relint`). The engine knows no rule
code, and this package knows nothing of what the rules report.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterator, Optional

from ..registry import RuleOptions

if TYPE_CHECKING:
    from ..links.extract import UrlUse
    from .url_cache import Outcome


@dataclass(frozen=True)
class UrlRequest:
    """One URL to check for a rule. ``image``: the document uses it as an
    image (so a non-image answer is news). ``any_answer``: the rule reports
    on every answer, a success too (not only on trouble)."""

    url: str
    image: bool
    any_answer: bool = False

    def worth_relint(self, outcome: Optional[Outcome]) -> bool:
        """Whether the answer may change a finding: any answer for a rule that
        reports on all of them, else one that is not a plain success (a
        failure, a permanent redirect, a non-image where an image is used)."""
        if outcome is None:
            return False
        if self.any_answer:
            return True
        return not outcome.ok or outcome.permanent is not None or (self.image and outcome.is_image() is False)


class NeedsUrls:
    """Mixin for a rule that needs remote URLs checked (LK004 url-unreachable
    and the other network rules). The default asks for each URL as written."""

    @classmethod
    def url_requests(cls, use: UrlUse, url: str, host: str, options: RuleOptions) -> Iterator[UrlRequest]:
        """The URLs to check for one use of a document: ``url`` is its
        absolute form, ``host`` its host, ``options`` the rule's typed options."""
        yield UrlRequest(url, use.image)
