from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable, Optional

from ...document.lines import LineIndex
from ...registry import Fixability, Rule, RuleContext, RuleOptions, option, register
from ...violations import Edit, Finding, Fix

if TYPE_CHECKING:
    from ...document.document import Document
    from ...document.mdview import Heading


def _atx_fix(doc: Document, heading: Heading) -> Optional[Fix]:
    """Edits turning a one-line setext heading into ATX, or None when the
    result would not parse to the same heading (content ending in ` #`, which
    ATX reads as a closing sequence, for one)."""
    if heading.end_line - heading.line != 2 or heading.content_end <= heading.content_start:
        return None
    prefix = "#" * heading.level + " "
    content = doc.text[heading.content_start : heading.content_end]
    candidate = prefix + content
    from ...document.native import build  # lazy: start-up time (pyromark)

    view = build(candidate, LineIndex(candidate))
    if len(view.blocks) != 1 or len(view.headings) != 1 or view.headings[0].level != heading.level:
        return None
    again = view.headings[0]
    if candidate[again.content_start : again.content_end] != content:
        return None
    underline_end = doc.lines.line_end(heading.end_line - 1)
    return Fix.safe(
        "Convert to an ATX heading",
        Edit(heading.content_start, heading.content_start, prefix),
        Edit(heading.content_end, underline_end, ""),
    )


@register
class HeadingStyle(Rule):
    """Flags headings whose style differs from the page's: ATX (`## Title`)
    and setext (`Title` underlined with `===` or `---`) mixed in one file. With
    `style = "consistent"` (the default) the first heading sets the style.

    ## Why
    One style keeps the source predictable to read and to edit, and setext
    underlines are easy to break: a `---` under a paragraph is a heading, under
    a blank line a horizontal rule.

    ## Example
    ```markdown
    # Guide

    Install
    -------
    ```

    ## Use instead
    ```markdown
    # Guide

    ## Install
    ```

    ## Fix
    Safe: a setext heading becomes ATX (`Install` + `-------` → `## Install`),
    when its text is on one line and reads the same as ATX. ATX headings under
    `style = "setext"` are reported without a fix; setext has only two levels,
    so ATX `h3`–`h6` are always allowed.

    ## Options
    `style`: `consistent`, `atx` or `setext`.
    """

    code = "HD009"
    name = "heading-style"
    summary = "ATX and setext headings mixed in one file"
    fixable = Fixability.SAFE
    @dataclass(frozen=True)
    class Options(RuleOptions):
        style: str = option("consistent", "Heading style", choices=("consistent", "atx", "setext"))

    def check(self, doc: Document, ctx: RuleContext[Options]) -> Iterable[Finding]:
        headings = doc.headings
        if not headings:
            return
        style = ctx.options.style
        why = f"the configured style is `{style}`"
        if style == "consistent":
            style = "setext" if headings[0].setext else "atx"
            why = f"the first heading (line {headings[0].line + 1}) is {'setext' if style == 'setext' else 'ATX'}"
        for heading in headings:
            if style == "atx" and heading.setext:
                yield Finding(*heading.span, f"Setext heading; {why}", _atx_fix(doc, heading))
            elif style == "setext" and not heading.setext and heading.level <= 2:
                yield Finding(*heading.span, f"ATX heading `{'#' * heading.level}`; {why}")
