from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable

from ...registry import Rule, RuleContext, RuleOptions, option, register
from ...violations import Finding
from ._common import page_outline, same_heading_key, short

if TYPE_CHECKING:
    from ...document.document import Document
    from ...document.outline import OutlineEntry


@register
class DuplicateHeading(Rule):
    """Flags a heading whose text repeats an earlier heading's. By default only
    headings under the same parent count (`siblings-only`), so a changelog's
    `### Fixes` under each version is fine. Text is compared as the reader
    sees it: markup and extra spaces aside, but case counts (`/Zi` and `/ZI`
    are different compiler options). DocFX tab labels
    (`# [Linux](#tab/linux)`, repeated in each tab group) are not headings.

    ## Why
    Site generators make anchors from heading text: the second `## Setup`
    gets `#setup-1`, which nobody links to on purpose, and a table of contents
    shows two identical entries.

    ## Example
    ```markdown
    ## Setup

    ### Linux

    ### Linux
    ```

    ## Use instead
    ```markdown
    ## Setup

    ### Linux

    ### macOS
    ```

    ## Fix
    None: the writer chooses the new name.

    ## Options
    `siblings-only`: compare only headings with the same parent heading
    (default true; headings inside one list item or block quote have that item
    as their parent); false compares every heading in the page.
    """

    code = "HD005"
    name = "duplicate-heading"
    summary = "Heading text repeated under the same parent heading"
    @dataclass(frozen=True)
    class Options(RuleOptions):
        siblings_only: bool = option(True, "Only compare headings under the same parent heading")

    def check(self, doc: Document, ctx: RuleContext[Options]) -> Iterable[Finding]:
        siblings_only = ctx.options.siblings_only
        everywhere: dict[str, OutlineEntry] = {}
        # container -> per level, the headings seen in the open section at that level
        outlines: dict[int, list[dict[str, OutlineEntry]]] = {}
        for heading in page_outline(doc, ctx):
            key = same_heading_key(heading.text)
            if siblings_only:
                # Each list item and block quote is an outline of its own.
                scopes = outlines.get(heading.container)  # (setdefault made seven dicts per heading)
                if scopes is None:
                    scopes = outlines[heading.container] = [{} for _ in range(7)]
                # A heading closes the sections of every deeper level before it.
                for deeper in range(heading.level + 1, 7):
                    if scopes[deeper]:
                        scopes[deeper] = {}
                seen = scopes[heading.level]
            else:
                seen = everywhere
            if not key:
                continue  # empty headings are HD006's
            earlier = seen.get(key)
            if earlier is not None:
                yield Finding(
                    *heading.span,
                    f"Duplicate heading `{short(heading.text)}`; the same text is on line {earlier.line + 1}",
                )
            else:
                seen[key] = heading
