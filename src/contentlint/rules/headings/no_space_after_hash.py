from __future__ import annotations

from typing import TYPE_CHECKING, Iterable, Iterator, NamedTuple, Optional

from ...registry import Fixability, NoOptions, Rule, RuleContext, register
from ...violations import Edit, Finding, Fix
from ._common import short
from ...patterns import lazy_regex

if TYPE_CHECKING:
    from ...document.document import Document
    from ...document.lines import LineIndex
    from ...document.mdview import Inline

_NO_SPACE = lazy_regex(r"[ \t]*(#{1,6})(\w+)")
_HASHTAG = lazy_regex(r"(?:^|\s)#\w")
# A `#` glued to a word at a line start, maybe after block quote and list
# markers: without one the rule is done without looking at the parse.
_OPENER = lazy_regex(r"[ \t>]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)*")
_GLUED = lazy_regex(r"#[^\s#]")  # the last `#` of a run, a word after it


def may_have(source: str, start: int) -> bool:
    """Whether a line starting at or after ``start`` is ``_OPENER``, a `#`
    run and a character that is neither space nor `#`. Found from the glued
    runs (few) rather than by trying the pattern at every line start (a
    regex anchored at `^` tries every character of the file: 3 % of a run)."""
    for glued in _GLUED.finditer(source, start):
        run = glued.start()
        while run > start and source[run - 1] == "#":
            run -= 1
        line = max(source.rfind("\n", 0, run), source.rfind("\r", 0, run)) + 1
        if line >= start and _OPENER.fullmatch(source, line, run):
            return True
    return False
# Preprocessor and script directives written `#word` at a line start: C, C++,
# Objective-C (`#import`), C#, Visual Basic (`#Region`, `#If`), F# scripts,
# PowerShell (`#Requires`), AutoHotkey (`#Include`). Compared case-folded.
DIRECTIVES = frozenset(
    "define undef include include_next import using if ifdef ifndef elif elifdef elifndef else elseif "
    "endif end pragma error warning line embed region endregion nullable const externalsource "
    "externalchecksum disable enable r load nowarn light requires singleinstance noenv persistent".split()
)


class Candidate(NamedTuple):
    offset: int  # of the `#` run in the line
    hashes: str
    safe: bool


def candidate(line: str, *, first: bool, alone: bool) -> Optional[Candidate]:
    """Whether a paragraph line is a heading missing the space after its `#`
    run. ``first``: the line opens its paragraph; ``alone``: it is the whole
    paragraph.

    Two to six `#` then a letter are never anything but a heading typed
    without its space. One `#` is also how a C preprocessor line, a script
    directive or a hashtag starts, so it counts only before a capitalised
    word (`#Installation`, not `#include`, `#ruby`, `#DevOps`, `#TIL`,
    `#100days`) that is not a directive (`#Region`), on the first line of its
    paragraph, not ending like a sentence."""
    m = _NO_SPACE.match(line)
    if m is None or not m.group(2)[0].isalpha():
        return None
    if _HASHTAG.search(line, m.end()):
        return None  # a line of hashtags
    hashes, word = m.group(1), m.group(2)
    if len(hashes) > 1:
        return Candidate(m.start(1), hashes, True)
    if not first or word.casefold() in DIRECTIVES or not _capitalised(word) or line.rstrip().endswith("."):
        return None
    return Candidate(m.start(1), hashes, alone)


def _capitalised(word: str) -> bool:
    return word[0].isupper() and all(ch.islower() for ch in word[1:])


@register
class NoSpaceAfterHash(Rule):
    """Flags a line like `##Heading` or `#Installation` that was meant as a
    heading: CommonMark needs a space after the `#` run, so the line is shown
    as text. Only lines that the parser read as paragraph text count: code
    blocks, HTML blocks, MDX expressions and list items are left alone.

    Two to six `#` followed by a letter are flagged wherever a paragraph line
    starts with them. A single `#` is also how C preprocessor lines
    (`#include`, `#pragma`, `#define`, `#if…`, `#import`), other languages'
    directives (`#Region`, `#Requires`) and hashtags start, so it is flagged
    only before a capitalised word that is no directive (`#Installation`;
    not `#include`, `#ruby`, `#DevOps`, `#TIL`), on the first line of its
    paragraph, and not when the line ends like a sentence. `#1`, `#!/bin/sh`,
    `#{var}` and a line of hashtags are never flagged.

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
    Inserts a space after the `#` run, which makes the line the heading it was
    meant to be. Safe only where nothing else is likely: two or more `#`, or a
    single `#` line that is a paragraph on its own. Unsafe for a single `#`
    line with more paragraph text under it, which may be a sentence that
    starts with a hashtag: a space would turn it into a heading.
    """

    code = "HD010"
    name = "no-space-after-hash"
    summary = "Line starting with `#` and no space, meant as a heading"
    fixable = Fixability.SOMETIMES

    def check(self, doc: Document, ctx: RuleContext[NoOptions]) -> Iterable[Finding]:
        source = doc.text
        if not may_have(source, doc.body_start):
            return
        lines = doc.lines
        for paragraph in doc.markdown_view().paragraphs:
            if paragraph.in_list:
                continue
            if not lines_hold_hash(source, lines, paragraph.line, paragraph.end_line):
                continue
            alone = paragraph.end_line - paragraph.line == 1
            for first, part in _line_openers(doc.paragraph_parts(paragraph)):
                if part.kind != "text" or "#" not in part.content:
                    continue
                line = lines.line_of(part.start)
                content_line = source[part.start : lines.line_end(line)]
                found = candidate(content_line, first=first, alone=alone)
                if found is None:
                    continue
                offset = part.start + found.offset
                hashes = found.hashes
                word = content_line[found.offset:].split()[0]
                title = f"Insert a space after `{hashes}`"
                edit = Edit(offset + len(hashes), offset + len(hashes), " ")
                yield Finding(
                    offset,
                    offset + len(word),
                    f"No space after `{hashes}`: `{short(word, 30)}` is shown as text, not as a heading",
                    Fix.safe(title, edit) if found.safe else Fix.unsafe(title, edit),
                )


def lines_hold_hash(source: str, lines: LineIndex, first: int, end: int) -> bool:
    """Whether a `#` is on lines ``first`` to ``end`` (exclusive): one search
    over their span, no slice of each line."""
    return source.find("#", lines.starts[first], lines.line_end(end - 1)) >= 0


def _line_openers(parts: Iterable[Inline]) -> Iterator[tuple[bool, Inline]]:
    """``(first line?, part)`` for the part that opens each line of a paragraph."""
    opens = True
    for index, part in enumerate(parts):
        if opens:
            yield index == 0, part
        opens = part.kind in ("softbreak", "hardbreak")
