from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable, Optional

import re

from ...document.mdview import wrapping
from ...registry import Rule, RuleContext, RuleOptions, option, register
from ...violations import Finding
from ._common import short
from ...patterns import lazy_regex

if TYPE_CHECKING:
    from ...document.document import Document
    from ...document.lines import LineIndex
    from ...document.mdview import Inline

_NOT_A_TITLE = ("link_open", "image", "code_inline", "html_inline", "softbreak", "hardbreak")


# A line opening with emphasis, maybe after block quote and list markers:
# without one, no paragraph can be a heading written as emphasis, and the
# rule is done without looking at the parse.
_MAY_HAVE = {
    "\n": lazy_regex(r"^[ \t>]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)*[*_]", re.MULTILINE),
    # `^` only knows \n; files with CR line endings take the spelled-out form.
    "\r": lazy_regex(r"(?:(?<=[\r\n])|\A)[ \t>]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)*[*_]"),
}


def emphasized_text(parts: tuple[Inline, ...]) -> Optional[str]:
    """The text of a paragraph that is one emphasis span and nothing else
    (a link, code or image inside makes it something else)."""
    if wrapping(parts) is None:
        return None
    kids = [p for p in parts if not (p.kind == "text" and not p.content.strip())]
    if any(p.kind in _NOT_A_TITLE for p in kids):
        return None
    return "".join(p.content for p in kids if p.kind == "text").strip()


# A single word holding one of these (`cl.exe`, `/Zi`, `-O2`, `__declspec`,
# `CMakeLists.txt`), or written in camelCase (`bDependOnKeyframes`), names a
# command, option, file or parameter; so does text that starts like an option
# or a comment (`/link options`, `/* in C++ */`): bold is how reference pages
# set it apart, and it was never meant as a section title.
_NAME_MARKS = frozenset("./\\_-=:<>@#$%&+|~")
_CAMEL = lazy_regex(r"[a-z][A-Z]")


def _is_a_name(text: str) -> bool:
    if text[0] in "/-":
        return True
    if any(ch.isspace() for ch in text):
        return False
    return any(ch in _NAME_MARKS for ch in text) or _CAMEL.search(text) is not None


_CLOSERS = ")]}\"'»”’）」』】"
_BRACKETS = {"(": ")", "[": "]", "（": "）", "【": "】", "「": "」"}


def _ends_sentence(text: str, punctuation: str) -> bool:
    """Ends in punctuation (looking inside closing brackets and quotes), or
    is a parenthetical note such as `_(Added in 2017)_`."""
    if text[0] in _BRACKETS and text.endswith(_BRACKETS[text[0]]):
        return True
    stripped = text.rstrip(_CLOSERS)
    return not stripped or stripped[-1] in punctuation


_DIRECTIVE_OPEN = lazy_regex(r"\s*:{3,}\s*[A-Za-z]")
_DIRECTIVE_CLOSE = lazy_regex(r"\s*:{3,}\s*$")
_DETAILS = lazy_regex(r"<(/?)details\b", re.IGNORECASE)


def aside_lines(doc: Document) -> set[int]:
    """Lines inside `:::note` … `:::` container directives (Starlight,
    Docusaurus, VitePress) or `<details>` … `</details>`: asides and
    collapsibles, where bold text is the right tool and a heading would land
    in the page's table of contents."""
    code = doc.code_lines()
    lines = doc.lines
    inside: set[int] = set()
    directives = details = 0
    first = lines.line_of(doc.body_start) if doc.body_start else 0
    for number in range(first, len(lines)):
        if number in code:
            continue
        line = lines.line_text(number)
        if _DIRECTIVE_OPEN.match(line):
            directives += 1
        elif directives and _DIRECTIVE_CLOSE.match(line):
            directives -= 1
        if "details" in line or "DETAILS" in line:
            for m in _DETAILS.finditer(line):
                details = max(0, details + (-1 if m.group(1) else 1))
        if directives or details:
            inside.add(number)
    return inside


def opens_with_marker(source: str, lines: LineIndex, line: int) -> bool:
    """Whether ``line``'s first character that is not a space is `*` or `_`:
    told from the line's first character alone on nearly every line, with no
    slice of the line made and stripped."""
    first = source[lines.starts[line] : lines.starts[line] + 1]
    if first == "*" or first == "_":
        return True
    return first.isspace() and lines.line_text(line).lstrip()[:1] in ("*", "_")


@register
class EmphasisAsHeading(Rule):
    """Flags a paragraph that is a single line of bold or italic text and
    nothing else, short and without closing punctuation: a heading written as
    emphasis. A parenthetical note (`_(Added in 2017)_`) and an indented line
    (kramdown definition-list content) are not taken for headings. Only top-level paragraphs count (a bold list item is not a
    heading), and neither do paragraphs inside `:::note` … `:::` asides or
    `<details>` blocks, where a heading would wrongly land in the table of
    contents; emphasis around a link, code or an image is a call to action or
    a caption, not a heading, and neither is a bold command, option or file
    name alone on its line (`**cl.exe**`, `**/Zi**`, `` **`code`** ``).

    ## Why
    Emphasis looks like a heading but is not one: it is missing from the
    outline, the table of contents and screen-reader heading navigation, and
    it gets no anchor to link to.

    ## Example
    ```markdown
    **Installation**

    Run the installer.
    ```

    ## Use instead
    ```markdown
    ## Installation

    Run the installer.
    ```

    ## Fix
    None: the right level depends on the headings around it.

    ## Options
    `punctuation`: a paragraph ending with one of these characters reads as a
    sentence or a label (`**Note:**`) and is not flagged (default
    `.,;:!?。，；：！？`). `max-length`: longer emphasized lines are not
    flagged (default 80 characters).
    """

    code = "HD007"
    name = "emphasis-as-heading"
    summary = "Paragraph of only bold or italic text used as a heading"
    @dataclass(frozen=True)
    class Options(RuleOptions):
        punctuation: str = option(".,;:!?。，；：！？", "A paragraph ending with one of these is not a heading")
        max_length: int = option(80, "Longer emphasized paragraphs are not taken for headings")

    def check(self, doc: Document, ctx: RuleContext[Options]) -> Iterable[Finding]:
        punctuation = ctx.options.punctuation
        max_length = ctx.options.max_length
        source = doc.text
        if _MAY_HAVE["\r" if "\r" in source else "\n"].search(source, doc.body_start) is None:
            return
        lines = doc.lines
        asides: Optional[set[int]] = None
        for paragraph in doc.markdown_view().paragraphs:
            if paragraph.depth or paragraph.end_line - paragraph.line != 1:
                continue
            if not opens_with_marker(source, lines, paragraph.line):
                continue  # the paragraph's one line does not open with emphasis
            parts = doc.paragraph_parts(paragraph)
            if not parts:
                continue
            if source[parts[0].start] not in "*_" or source[parts[-1].end - 1] not in "*_":
                continue
            text = emphasized_text(parts)
            if not text or len(text) > max_length or _ends_sentence(text, punctuation) or _is_a_name(text):
                continue
            line = lines.line_text(paragraph.line)
            if line[:1].isspace():
                continue  # indented: continuation of a kramdown definition or similar
            if asides is None:
                asides = aside_lines(doc)
            if paragraph.line in asides:
                continue
            start = lines.line_start(paragraph.line) + len(line) - len(line.lstrip())
            end = lines.line_start(paragraph.line) + len(line.rstrip())
            yield Finding(start, end, f"Emphasized line `{short(text)}` is used as a heading; make it a heading")
