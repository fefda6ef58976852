from __future__ import annotations

from typing import TYPE_CHECKING, Iterable

from ...registry import NoOptions, Rule, RuleContext, register
from ...violations import Finding
from ._common import comparable, frontmatter_title, page_outline, short, title_key

if TYPE_CHECKING:
    from ...document.document import Document


@register
class HeadingTitleMismatch(Rule):
    """Flags the first `h1` of the body when its text differs from the
    frontmatter title (compared without emphasis, case and punctuation).
    Off by default: it suits sites whose layout does not render the title and
    whose pages carry their own `# Title`; HD012 suits the opposite layout.

    ## Why
    The frontmatter title feeds the browser tab, feeds and search results; the
    h1 is what readers see. When they drift apart, one of them is stale.

    ## Example
    ```markdown
    ---
    title: Install the CLI
    ---
    # Installing the old CLI
    ```

    ## Use instead
    ```markdown
    ---
    title: Install the CLI
    ---
    # Install the CLI
    ```

    ## Fix
    None: which of the two is right is the writer's call.
    """

    code = "HD011"
    name = "heading-title-mismatch"
    summary = "First h1 differs from the frontmatter title"
    default_enabled = False

    def check(self, doc: Document, ctx: RuleContext[NoOptions]) -> Iterable[Finding]:
        title = frontmatter_title(doc, ctx)
        if title is None:
            return
        first_h1 = next((h for h in page_outline(doc, ctx) if h.level == 1), None)
        if first_h1 is None or comparable(first_h1.text) == comparable(title):
            return
        yield Finding(
            *first_h1.span,
            f"`h1` `{short(first_h1.text)}` differs from the frontmatter `{title_key(ctx)}` `{short(title)}`",
        )
