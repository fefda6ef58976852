from __future__ import annotations

from ...registry import Rule, register
from ...violations import Finding


@register
class FrontmatterSyntax(Rule):
    """Flags frontmatter that cannot be parsed: invalid YAML, TOML or JSON, a
    block that is opened but never closed, or an unsupported (executable)
    frontmatter language such as `---js`. Reported at the parser's line and
    column, mapped to the file.

    ## Why
    Site generators fail the build on such a file, or worse, silently publish
    it without its title, date and layout.

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

    def check(self, doc, ctx):
        problem = doc.frontmatter_problem
        if problem is not None:
            yield Finding(problem.offset, problem.offset, problem.message)
            return
        block = doc.frontmatter
        if block is not None and block.error is not None:
            yield Finding(block.error.offset, block.error.offset, block.error.message)
