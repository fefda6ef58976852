from __future__ import annotations

from typing import TYPE_CHECKING, Iterable

from ...registry import NoOptions, Rule, RuleContext, register
from ...violations import Finding

if TYPE_CHECKING:
    from ...document.document import Document

_VISIBLE = ("code_inline", "image", "html_inline")


@register
class EmptyHeading(Rule):
    """Flags a heading with no text: `##` alone, or only spaces and emphasis
    markers (`## ** **`).

    ## Why
    An empty heading is an empty entry in the outline and the table of
    contents, and screen readers announce a heading with nothing to say.

    ## Example
    ```markdown
    ##

    Text under no heading.
    ```

    ## Use instead
    ```markdown
    ## Overview

    Text under a heading.
    ```

    ## Fix
    None: the writer either names the section or removes the heading. A heading
    holding only an image, inline code or inline HTML (an MDX component) is not
    empty.
    """

    code = "HD006"
    name = "empty-heading"
    summary = "Heading without text"

    def check(self, doc: Document, ctx: RuleContext[NoOptions]) -> Iterable[Finding]:
        for heading in doc.headings:
            if heading.text.strip("*_ \t"):
                continue
            if any(p.kind in _VISIBLE for p in heading.parts):
                continue
            yield Finding(*heading.span, f"Heading `{'#' * heading.level}` has no text")
