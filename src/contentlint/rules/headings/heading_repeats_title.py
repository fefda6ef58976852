from __future__ import annotations

import re
from typing import TYPE_CHECKING, Iterable

from ...registry import Fixability, NoOptions, Rule, RuleContext, register
from ...violations import Edit, Finding, Fix
from ._common import repeated_title, short, title_key
from ...patterns import lazy_regex

if TYPE_CHECKING:
    from ...document.document import Document
    from ...document.mdview import Heading


_COMMENTS = lazy_regex(r"\s*(?:<!--.*?-->\s*)+", re.DOTALL)


def _opens_body(doc: Document, heading: Heading) -> bool:
    """Whether nothing that renders (only blank lines, HTML comments, MDX
    imports) comes before the heading: removing a heading further down would
    merge its section into the one before."""
    for block in doc.markdown.blocks:
        if block.kind == "html" and _COMMENTS.fullmatch(block.content):
            continue
        return block.line == heading.line
    return False


@register
class HeadingRepeatsTitle(Rule):
    """Flags the first heading of the body when its text repeats the
    frontmatter title (the key named by the `title-key` setting, default
    `title`), compared without emphasis, case and punctuation differences.
    With the `title-fallback` setting (Docusaurus, MkDocs), a body h1 is
    the title and the frontmatter one is not shown, so `title: Setup` with
    `# Setup` is the intended pattern and is not flagged.

    ## Why
    The site layout already renders the frontmatter title at the top of the
    page, so readers see the title twice, and the outline starts with a
    duplicate entry.

    ## Example
    ```markdown
    ---
    title: "India-Ukraine Dialogue"
    ---
    ## **India-Ukraine Dialogue**

    On Wednesday…
    ```

    ## Use instead
    ```markdown
    ---
    title: "India-Ukraine Dialogue"
    ---
    On Wednesday…
    ```

    ## Fix
    Unsafe: removes the heading line (both lines of a setext heading) and one
    blank line after it. Unsafe because a layout that does not render the title
    would then show none. No fix is offered for a heading inside a block quote
    or list, or one with content before it (removing it would merge its section
    into that content). Only the first heading is compared: a later section that shares
    the title's words is a section, not a repeat.
    """

    code = "HD012"
    name = "heading-repeats-title"
    summary = "First heading repeats the frontmatter title"
    fixable = Fixability.UNSAFE

    def check(self, doc: Document, ctx: RuleContext[NoOptions]) -> Iterable[Finding]:
        heading = repeated_title(doc, ctx)
        if heading is None:
            return
        fix = None
        if not heading.nested and _opens_body(doc, heading):
            lines = doc.lines
            end = lines.line_start(heading.end_line) if heading.end_line < len(lines) else len(doc.text)
            if heading.end_line < len(lines) and not lines.line_text(heading.end_line).strip():
                after = heading.end_line + 1
                end = lines.line_start(after) if after < len(lines) else len(doc.text)
            fix = Fix.unsafe("Remove the heading", Edit(heading.line_start, end, ""))
        yield Finding(
            *heading.span,
            f"Heading `{short(heading.text)}` repeats the frontmatter `{title_key(ctx)}`",
            fix,
        )
