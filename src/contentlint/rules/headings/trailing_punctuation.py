from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable, Optional, Sequence


from ...registry import Fixability, Rule, RuleContext, RuleOptions, option, register
from ...violations import Edit, Finding, Fix
from ._common import ATTRIBUTE_LIST, is_emoji
from ...patterns import lazy_regex

if TYPE_CHECKING:
    from ...document.document import Document
    from ...document.mdview import Inline

DEFAULT_PUNCTUATION = ".,;:!。，；：！"
_CLOSERS = ("strong_close", "em_close", "s_close", "link_close", "softbreak", "hardbreak")
# A final period that belongs to the last word is not sentence punctuation.
_ABBREVIATION = lazy_regex(r"(?:^|[\s(])(?:etc|e\.g|i\.e|vs|approx|incl|Inc|Ltd|Co|Corp|Jr|Sr|St|Dr|Mr|Mrs|Ms|No)\.$")


def trailing_punctuation(parts: Sequence[Inline], punctuation: str) -> Optional[tuple[int, int, int]]:
    """``(child index, start, end)`` of the punctuation run that ends the
    heading's text (trailing spaces and emoji aside), or None. ``start`` also
    takes the spaces before the run, so removing it leaves no dangling space."""
    for index in range(len(parts) - 1, -1, -1):
        part = parts[index]
        if part.kind in _CLOSERS:
            continue
        if part.kind != "text":
            return None  # ends in code, an image or inline HTML: not punctuation
        content = part.content
        end = len(content)
        attributes = ATTRIBUTE_LIST.search(content) if content.endswith("}") else None
        if attributes:
            end = attributes.start()
        while end and (content[end - 1].isspace() or is_emoji(content[end - 1])):
            end -= 1
        if not end:
            continue  # only spaces or emoji after the text that matters
        start = end
        while start and content[start - 1] in punctuation:
            start -= 1
        if start == end:
            return None
        if content[start:end] == "." and _ABBREVIATION.search(content[:end]):
            return None
        if content[start:end].endswith("..."):
            return None  # an ellipsis: the heading trails off on purpose
        while start and content[start - 1].isspace():
            start -= 1
        return index, start, end
    return None


def _other_content(parts: Sequence[Inline], skip: int) -> bool:
    return any(
        p.kind == "image" or (p.kind in ("text", "code_inline", "html_inline") and p.content.strip())
        for i, p in enumerate(parts)
        if i != skip
    )


@register
class HeadingTrailingPunctuation(Rule):
    """Flags a heading whose text ends with punctuation: `.`, `,`, `;`, `:`,
    `!` and their full-width forms. `?` is allowed (FAQ headings). The text is
    read after parsing, so `&colon;` counts as `:` and `&copy;` does not count as
    `;`; spaces and emoji after the punctuation are looked past
    (`## Done! 🎉`), and so is a trailing attribute list (`## Setup: {#setup}`);
    a heading ending in code, an image or inline HTML, in an
    ellipsis (`...`) or in an abbreviation such as `etc.` is not flagged.

    ## Why
    Headings are labels, not sentences: a trailing colon or period reads as
    a leftover from a paragraph and shows up in tables of contents and
    anchors.

    ## Example
    ```markdown
    ## Key Highlights:
    ```

    ## Use instead
    ```markdown
    ## Key Highlights
    ```

    ## Fix
    Safe: removes the punctuation (and any spaces before it), also inside a
    wrapping emphasis or link: `### **1. Focus:**` becomes `### **1. Focus**`.
    Emoji after it stay. No fix when nothing would be left of the heading.

    ## Options
    `punctuation`: the characters that may not end a heading (default
    `.,;:!。，；：！`); `""` turns the rule off.
    """

    code = "HD004"
    name = "heading-trailing-punctuation"
    summary = "Heading text ends with punctuation"
    fixable = Fixability.SAFE
    @dataclass(frozen=True)
    class Options(RuleOptions):
        punctuation: str = option(DEFAULT_PUNCTUATION, "Characters not allowed at the end of a heading")

    def check(self, doc: Document, ctx: RuleContext[Options]) -> Iterable[Finding]:
        punctuation = ctx.options.punctuation
        if not punctuation:
            return
        for heading in doc.headings:
            found = trailing_punctuation(heading.parts, punctuation)
            if found is None:
                continue
            index, start, end = found
            part = heading.parts[index]
            content = part.content
            mark = content[start:end].strip()
            span_start, span_end = part.char_span(start)[0], part.char_span(end - 1)[1]
            mark_start = part.char_span(end - len(mark))[0]
            fix = None
            if (content[:start] + content[end:]).strip() or _other_content(heading.parts, index):
                fix = Fix.safe(f"Remove `{mark}`", Edit(span_start, span_end, ""))
            yield Finding(mark_start, span_end, f"Heading ends with punctuation `{mark}`", fix)
