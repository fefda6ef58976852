from __future__ import annotations

from typing import TYPE_CHECKING, Iterable

from ...registry import NoOptions, Rule, RuleContext, register
from ...violations import Finding

if TYPE_CHECKING:
    from ...document.document import Document


@register
class FrontmatterSyntax(Rule):
    """Flags frontmatter that cannot be parsed: invalid YAML, TOML or JSON, a
    block that is opened but never closed, or an unsupported (executable)
    frontmatter language such as `---js`. Reported at the parser's line and
    column, mapped to the file.

    Also flags a YAML value that has the form of a type but cannot be built
    as one: an impossible date (`2024-02-30`, `2024-13-01`,
    `2024-01-01 25:00:00`) or an explicit tag that does not fit (`!!int abc`).
    That is one finding on the value; the rest of the block is read as usual
    (the value as the text it was written as), so every other rule still
    checks the file.

    ## Why
    Site generators fail the build on such a file, or worse, silently publish
    it without its title, date and layout. An impossible date fails the build
    with one generator and silently becomes another date with the next
    (JavaScript loaders read `2024-02-30` as March 1).

    ## Example
    ```markdown
    ---
    title: "Unclosed quote
    ---
    ```

    ## Use instead
    ```markdown
    ---
    title: "Closed quote"
    ---
    ```

    ## Fix
    None: the intended content cannot be guessed.
    """

    code = "FM002"
    name = "frontmatter-syntax"
    summary = "Frontmatter that does not parse, or a block that is never closed"

    def check(self, doc: Document, ctx: RuleContext[NoOptions]) -> Iterable[Finding]:
        problem = doc.frontmatter_problem
        if problem is not None:
            yield Finding(problem.offset, problem.offset, problem.message)
            return
        block = doc.frontmatter
        if block is None:
            return
        if block.error is not None:
            yield Finding(block.error.offset, block.error.offset, block.error.message)
        for bad in block.value_problems:
            yield Finding(bad.start, bad.end, bad.message)
