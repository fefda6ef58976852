from __future__ import annotations

from typing import TYPE_CHECKING, Iterable

from ...registry import Fixability, NoOptions, Rule, RuleContext, register
from ...violations import Edit, Finding, Fix

if TYPE_CHECKING:
    from ...document.document import Document


@register
class MissingFinalNewline(Rule):
    """Flags a file whose last line does not end with a line break.

    ## Why
    POSIX tools treat the last line as incomplete, `cat` glues it to the next
    file, and diffs show `\\ No newline at end of file` on every change.

    ## Example
    ```markdown
    The last sentence.<no line break here>
    ```

    ## Use instead
    ```markdown
    The last sentence.
    ```

    ## Fix
    Safe: appends the file's own line ending (`\\n`, `\\r\\n` or `\\r`).
    """

    code = "TX005"
    name = "missing-final-newline"
    summary = "File does not end with a line break"
    fixable = Fixability.SAFE

    def check(self, doc: Document, ctx: RuleContext[NoOptions]) -> Iterable[Finding]:
        text = doc.text
        if not text or text[-1] in "\r\n":
            return
        end = len(text)
        yield Finding(end, end, "File does not end with a newline", Fix.safe("Add a final newline", Edit(end, end, doc.newline)))
