from __future__ import annotations

from typing import TYPE_CHECKING, Iterable

from ...registry import Fixability, NoOptions, Rule, RuleContext, register
from ...violations import Edit, Finding, Fix

if TYPE_CHECKING:
    from ...document.document import Document


@register
class HeadingEmphasis(Rule):
    """Flags a heading whose entire text is wrapped in emphasis: `**…**`,
    `__…__`, `*…*` or `_…_`.

    ## Why
    A heading is already set in bold by the site's styles; the extra markers
    add nothing for sighted readers, are read out by some screen readers, and
    leak into tables of contents, anchors and search snippets.

    ## Example
    ```markdown
    ## **Key Highlights**
    ```

    ## Use instead
    ```markdown
    ## Key Highlights
    ```

    ## Fix
    Safe: removes the wrapping markers and leaves the text between them as it is.
    Emphasis on part of a heading (`## The **new** API`) is not flagged.
    """

    code = "HD003"
    name = "heading-emphasis"
    summary = "Heading text wrapped entirely in bold or italic markers"
    fixable = Fixability.SAFE

    def check(self, doc: Document, ctx: RuleContext[NoOptions]) -> Iterable[Finding]:
        for heading in doc.headings:
            marker = heading.wrapping
            if marker is None:
                continue
            message = f"Heading is wrapped in `{marker}`"
            ends = [p for p in heading.parts if not (p.kind == "text" and not p.content.strip())]
            if not ends:
                yield Finding(heading.content_start, heading.content_end, message)  # never guess a fix
                continue
            opener, closer = ends[0], ends[-1]
            fix = Fix.safe(
                f"Remove the `{marker}` around the heading",
                Edit(opener.start, opener.end, ""),
                Edit(closer.start, closer.end, ""),
            )
            yield Finding(opener.start, closer.end, message, fix)
