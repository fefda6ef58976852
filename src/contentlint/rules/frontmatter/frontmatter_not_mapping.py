from __future__ import annotations

from typing import TYPE_CHECKING, Iterable, Optional

from ...registry import NoOptions, Rule, RuleContext, register
from ...violations import Finding
from ._common import show, usable_block

if TYPE_CHECKING:
    from ...document.document import Document
    from ...document.keynodes import KeyNode

_KIND = {list: "a list", str: "a single text value", bool: "a single true/false value", int: "a single number", float: "a single number"}


@register
class FrontmatterNotMapping(Rule):
    """Flags a frontmatter block that parses, but to a list or a single value
    instead of a mapping of keys to values.

    ## Why
    Every generator reads frontmatter as keys (`title`, `date`…). A list or
    a bare value is usually a missing colon or a stray `-`; the page is then
    built without any of its metadata.

    ## Example
    ```markdown
    ---
    - title: Hello
    - draft: true
    ---
    ```

    ## Use instead
    ```markdown
    ---
    title: Hello
    draft: true
    ---
    ```

    ## Fix
    None: the intended keys cannot be guessed.
    """

    code = "FM004"
    name = "frontmatter-not-mapping"
    summary = "Frontmatter that is a list or a single value, not a mapping"

    def check(self, doc: Document, ctx: RuleContext[NoOptions]) -> Iterable[Finding]:
        block = usable_block(doc)
        if block is None or isinstance(block.data, dict):
            return
        data = block.data
        kind = _KIND.get(type(data), "a single value")
        tree: Optional[KeyNode] = block.key_tree
        start, end = (tree.start, tree.end) if tree is not None else (block.content_start, block.content_start)
        end = min(end, doc.lines.line_end(doc.lines.line_of(start)))
        shown = "" if isinstance(data, list) else f" {show(data)}"
        yield Finding(start, max(start, end), f"Frontmatter must be a mapping of keys to values, not {kind}{shown}")
