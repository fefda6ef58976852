from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable

from ...registry import Rule, RuleContext, RuleOptions, option, register
from ...violations import Finding
from ._common import frontmatter_title, title_unknown

if TYPE_CHECKING:
    from ...document.document import Document


@register
class FirstHeadingLevel(Rule):
    """Flags the first heading of the body when it is not at the expected
    level: `h1` when the frontmatter has no title. Under a frontmatter title
    (the layout renders it as the h1) a first heading at `h3` or deeper is a
    skipped level (HD001) and an `h1` is a second title (HD002), so this rule
    stays silent there rather than report the same line twice; set `level` to
    check a fixed level in every file. A file whose frontmatter does not parse
    is left alone: whether it has a title is unknown.

    ## Why
    The first heading sets the top of the page's outline; starting at `h3`
    leaves holes above it, and an `h1` under a frontmatter title is a second
    page title.

    ## Example
    ```markdown
    ### Introduction
    ```

    ## Use instead
    ```markdown
    # Introduction
    ```

    ## Fix
    None: changing the first level usually means shifting every heading below
    it, which needs a writer's review.

    ## Options
    `level`: the expected level of the first heading; 0 (the default) means
    2 when the frontmatter has a title and 1 when it has none.
    """

    code = "HD008"
    name = "first-heading-level"
    summary = "First heading of the body is not at the expected level"
    @dataclass(frozen=True)
    class Options(RuleOptions):
        level: int = option(0, "Expected level of the first heading; 0 = 2 with a frontmatter title, else 1",
                            choices=(0, 1, 2, 3, 4, 5, 6))

    def check(self, doc: Document, ctx: RuleContext[Options]) -> Iterable[Finding]:
        if not doc.outline or title_unknown(doc):
            return
        first = doc.outline[0]
        expected = ctx.options.level
        if not expected:
            if frontmatter_title(doc, ctx) is not None:
                return  # HD001 and HD002 already cover every wrong first level here
            expected = 1
        if first.level != expected:
            yield Finding(*first.span, f"First heading is `h{first.level}`; expected `h{expected}`")
