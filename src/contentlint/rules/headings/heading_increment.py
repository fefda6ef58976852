from __future__ import annotations

from typing import TYPE_CHECKING, Iterable

from ...registry import NoOptions, Rule, RuleContext, register
from ...violations import Finding
from ._common import page_outline, rendered_title

if TYPE_CHECKING:
    from ...document.document import Document


@register
class HeadingIncrement(Rule):
    """Flags a heading more than one level deeper than the heading before it
    (an h2 followed by an h4). When the frontmatter has a title (the key named
    by the `title-key` setting, default `title`), it counts as the page's h1
    (with the `title-fallback` setting, only when the body has no h1).
    HTML headings written as their own block (`<h3>Flags</h3>`, which sites use
    to keep an entry out of the table of contents) are part of the outline;
    headings in block quotes and lists count at their level.

    ## Why
    Readers, screen readers and tables of contents read a page by its outline;
    a skipped level looks like a missing section and breaks the nesting of a
    generated table of contents.

    ## Example
    ```markdown
    # Guide

    ### Install
    ```

    ## Use instead
    ```markdown
    # Guide

    ## Install
    ```

    ## Fix
    None: changing a level changes the outline of everything below it, which
    needs a writer's judgement. Going back up any number of levels is fine.
    """

    code = "HD001"
    name = "heading-increment"
    summary = "Heading more than one level deeper than the heading before it"

    def check(self, doc: Document, ctx: RuleContext[NoOptions]) -> Iterable[Finding]:
        previous = 1 if rendered_title(doc, ctx) is not None else None
        from_title = previous is not None
        for heading in page_outline(doc, ctx):
            if previous is not None and heading.level > previous + 1:
                origin = " (the frontmatter title)" if from_title else ""
                yield Finding(
                    *heading.span,
                    f"Heading level jumps from `h{previous}`{origin} to `h{heading.level}`; "
                    f"expected `h{previous + 1}` at most",
                )
            previous = heading.level
            from_title = False
