from __future__ import annotations

from typing import TYPE_CHECKING, Iterable

from ...registry import Fixability, NoOptions, Rule, RuleContext, register
from ...violations import Edit, Finding, Fix

if TYPE_CHECKING:
    from ...document.document import Document

BOM = "\ufeff"


@register
class StrayBom(Rule):
    """Flags a byte order mark (U+FEFF) anywhere but the very start of the file,
    typically left behind when files were concatenated or pasted together. A
    single BOM at the start of the file is the encoding's signature and is kept.

    ## Why
    The character is invisible in editors but not to parsers: a BOM before
    `---` hides the frontmatter from Jekyll and python-frontmatter, and one in
    the middle of a heading changes its anchor.

    ## Example
    ```markdown
    Intro text.
    \ufeff## Heading after a pasted file
    ```

    ## Use instead
    ```markdown
    Intro text.
    ## Heading after a pasted file
    ```

    ## Fix
    Safe: removes the stray mark.
    """

    code = "TX003"
    name = "stray-bom"
    summary = "Byte order mark in the middle of the text"
    fixable = Fixability.SAFE
    changes_frontmatter = True  # a BOM inside the block is part of a key or value

    def check(self, doc: Document, ctx: RuleContext[NoOptions]) -> Iterable[Finding]:
        text = doc.text
        if text.isascii():
            return  # U+FEFF is not ASCII; isascii() is far cheaper than a find
        pos = text.find(BOM)
        while pos >= 0:
            yield Finding(pos, pos + 1, "Stray byte order mark `U+FEFF`", Fix.safe("Remove the byte order mark", Edit(pos, pos + 1, "")))
            pos = text.find(BOM, pos + 1)
