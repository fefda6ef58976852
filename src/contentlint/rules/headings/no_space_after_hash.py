from __future__ import annotations

import re

from ...markdown import may_have_glued_hash, locate_inline, markdown_view
from ...registry import Fixability, Rule, register
from ...violations import Edit, Finding, Fix
from ._common import short

_NO_SPACE = re.compile(r"[ \t]*(#{1,6})(\w)")
_HASHTAG = re.compile(r"(?:^|\s)#\w")


def _candidate(line: str):
    """``(offset of the # run, hashes)`` when a paragraph line looks like an ATX
    heading missing its space: 1–6 `#` then a letter. A digit (`#1`, issue
    numbers) or punctuation (`#!/bin/sh`, `#{var}`) does not look like one,
    nor does a line of several hashtags (`#ruby #rails`)."""
    m = _NO_SPACE.match(line)
    if m is None or not m.group(2).isalpha():
        return None
    if _HASHTAG.search(line, m.end()):
        return None
    return m.start(1), m.group(1)


@register
class NoSpaceAfterHash(Rule):
    """Flags a line like `#Heading` or `##Heading` that was meant as a heading:
    CommonMark needs a space after the `#` run, so the line is shown as text.
    Only lines that the parser read as paragraph text count: code blocks, HTML
    blocks, MDX expressions and list items are left alone, and a `#hashtag`
    inside a sentence, `#1`, `#!/bin/sh` or a line of hashtags are not flagged.

    ## Why
    The page renders a literal `##Heading` inside a paragraph, and the section
    is missing from the outline and the table of contents.

    ## Example
    ```markdown
    ##Installation

    Run the installer.
    ```

    ## Use instead
    ```markdown
    ## Installation

    Run the installer.
    ```

    ## Fix
    Safe: inserts a space after the `#` run, which makes the line the heading it
    was meant to be.
    """

    code = "HD010"
    name = "no-space-after-hash"
    summary = "Line starting with `#` and no space, meant as a heading"
    fixable = Fixability.SAFE

    def check(self, doc, ctx):
        if not may_have_glued_hash(doc):
            return
        view = markdown_view(doc)
        tokens = view.tokens
        lines = doc.lines
        in_list = 0
        for i, tok in enumerate(tokens):
            if tok.type == "list_item_open":
                in_list += 1
            elif tok.type == "list_item_close":
                in_list -= 1
            if tok.type != "inline" or in_list or not tok.map or "#" not in tok.content:
                continue
            if tokens[i - 1].type != "paragraph_open":
                continue
            code = None
            for j, content_line in enumerate(tok.content.split("\n")):
                number = tok.map[0] + j
                if number >= tok.map[1]:
                    continue
                found = _candidate(content_line)
                if found is None:
                    continue
                source = lines.line_text(number)
                if not source.rstrip().endswith(content_line.rstrip()):
                    continue  # cannot place the line in the source: never guess
                offset = lines.line_start(number) + len(source.rstrip()) - len(content_line.rstrip()) + found[0]
                if code is None:
                    code = _code_spans(doc, tok, view.children(tok))
                if any(s <= offset < e for s, e in code):
                    continue
                hashes = found[1]
                word = content_line[found[0]:].split()[0]
                yield Finding(
                    offset,
                    offset + len(word),
                    f"No space after `{hashes}`: `{short(word, 30)}` is shown as text, not as a heading",
                    Fix.safe(f"Insert a space after `{hashes}`", Edit(offset + len(hashes), offset + len(hashes), " ")),
                )


def _code_spans(doc, tok, children) -> list[tuple[int, int]]:
    if "`" not in tok.content or not children:
        return []
    lines = doc.lines
    first = lines.line_text(tok.map[0])
    head = tok.content.split("\n", 1)[0]
    start = lines.line_start(tok.map[0]) + max(first.find(head), 0)
    parts = locate_inline(doc.text, start, lines.line_end(tok.map[1] - 1), children)
    if parts is None:
        return [(start, lines.line_end(tok.map[1] - 1))]  # unplaceable: treat the paragraph as code
    return [(p.start, p.end) for p in parts if p.type == "code_inline"]
