from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable

from ...registry import Rule, RuleContext, RuleOptions, option, register
from ...violations import Finding
from ._common import page_outline, rendered_title, repeated_title, short, title_key, title_unknown

if TYPE_CHECKING:
    from ...document.document import Document


@register
class MultipleTitles(Rule):
    """Flags a second top-level heading (h1) in the body, or any h1 in the
    body when the frontmatter already has a title (the key named by the
    `title-key` setting, default `title`). An HTML `<h1>` block counts too;
    a DocFX tab label (`# [Visual Studio](#tab/vs)`) does not, since it
    renders as a tab. With the `title-fallback` setting (Docusaurus, MkDocs:
    the frontmatter title is shown only when the body has no h1), the body's
    h1 is the title and only a second one is flagged. A first heading that
    repeats the frontmatter title is HD012's; a file whose frontmatter does
    not parse is left alone (its title is unknown).

    ## Why
    A page has one title. Site layouts render the frontmatter title as the
    page's h1, so an h1 in the body is a second title for readers, search
    engines and screen readers.

    ## Example
    ```markdown
    # Getting started

    # Installation
    ```

    ## Use instead
    ```markdown
    # Getting started

    ## Installation
    ```

    ## Fix
    None: whether the heading should become an h2 or the page be split is a
    writer's choice.

    ## Options
    `level`: the level that counts as the title (2 when the layout adds the h1
    and the body's h2s act as titles).
    """

    code = "HD002"
    name = "multiple-titles"
    summary = "More than one top-level heading, or one besides the frontmatter title"
    @dataclass(frozen=True)
    class Options(RuleOptions):
        level: int = option(1, "Heading level that counts as the page title", choices=(1, 2, 3, 4, 5, 6))

    def check(self, doc: Document, ctx: RuleContext[Options]) -> Iterable[Finding]:
        if title_unknown(doc):
            return
        level = ctx.options.level
        title = rendered_title(doc, ctx)
        repeat = repeated_title(doc, ctx)
        first = None
        for heading in page_outline(doc, ctx):
            if heading.level != level:
                continue
            if repeat is not None and heading.heading is repeat:
                continue  # HD012 reports it, with the fix that fits (remove, not demote)
            if title is not None:
                yield Finding(
                    *heading.span,
                    f"`h{level}` `{short(heading.text)}` in the body; the frontmatter "
                    f"`{title_key(ctx)}` is already the page title",
                )
            elif first is not None:
                yield Finding(
                    *heading.span,
                    f"Second `h{level}` `{short(heading.text)}`; the page title is already on line {first.line + 1}",
                )
            else:
                first = heading
