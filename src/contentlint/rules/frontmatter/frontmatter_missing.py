from __future__ import annotations

from typing import TYPE_CHECKING, Iterable


from ...registry import Fixability, NoOptions, Rule, RuleContext, register
from ...schema.discovery import requires_frontmatter
from ...violations import Edit, Finding, Fix
from ._common import resolution
from ...patterns import lazy_regex

if TYPE_CHECKING:
    from ...document.document import Document

# Blank lines before an otherwise valid block: generators only look at the very
# first line, so the block is published as text (a heading and a rule).
_DISPLACED = lazy_regex(r"\A(?:[ \t]*(?:\r\n|\r|\n))+(?=(?:---|\+\+\+)[ \t]*(?:\r\n|\r|\n))")


@register
class FrontmatterMissing(Rule):
    """Flags a file that has no frontmatter although it should: a schema
    that requires keys applies to it (see FM101), or it matches a
    `require-frontmatter` glob.
    Also flags, in any file, a frontmatter block that does not start on the
    very first line: blank lines before `---` make every generator treat
    the block as Markdown text.

    ## Why
    A page without its title, date or layout still builds, but lands in the
    wrong place with the wrong title; a block pushed down by a blank line is
    published verbatim at the top of the page.

    ## Example
    ```markdown

    ---
    title: Hello
    ---
    ```

    ## Use instead
    ```markdown
    ---
    title: Hello
    ---
    ```

    ## Fix
    Unsafe, for a block pushed down by blank lines: remove them (the block
    then becomes frontmatter, which changes what the page is). A missing
    block has no fix: its contents cannot be guessed.
    """

    code = "FM001"
    name = "frontmatter-missing"
    summary = "A file that should have frontmatter has none, or its block does not start on line 1"
    fixable = Fixability.UNSAFE
    changes_frontmatter = True

    def check(self, doc: Document, ctx: RuleContext[NoOptions]) -> Iterable[Finding]:
        if doc.frontmatter is not None or doc.frontmatter_problem is not None:
            return
        displaced = _DISPLACED.match(doc.text)
        if displaced is not None and _is_mapping_block(doc.text[displaced.end():]):
            end = displaced.end()
            yield Finding(
                end, end + 3, "Frontmatter must start on the first line; blank lines before it make it Markdown text",
                Fix.unsafe("Remove the blank lines before the frontmatter", Edit(0, end, "")),
            )
            return
        if requires_frontmatter(doc, ctx.file):
            yield Finding(0, 0, "File has no frontmatter; `require-frontmatter` expects one")
            return
        found = resolution(doc, ctx)
        # A schema that accepts an empty mapping (MkDocs pages, Docusaurus
        # docs: every key optional) does not ask for a block.
        if found.schema is not None and not found.schema.is_valid({}):
            yield Finding(0, 0, f"File has no frontmatter; its schema `{found.schema.source}` expects one")


def _is_mapping_block(text: str) -> bool:
    from ...document.frontmatter import split_frontmatter  # lazy: start-up time (yaml, tomllib)

    # Only a block that would parse to a mapping: a thematic break followed
    # by a setext heading also starts with `---`.
    block, problem = split_frontmatter(text)
    return problem is None and block is not None and isinstance(block.data, dict) and bool(block.data)
