"""MDX has no indented code: the parse copy of an ``.mdx`` file with the
indentation CommonMark would read as code moved out of the way, and the map
from that copy's offsets back to the file's.

MDX (micromark with ``codeIndented`` disabled) lets any construct start at any
indentation: micromark-core-commonmark's ``lib/code-fenced.js``
(``tokenizeClosingFence``) and the other flow constructs call
``factorySpace(…, linePrefix, disable.null.includes('codeIndented') ? undefined
: constants.tabSize)``, so a fence inside JSX opened at six spaces and closed at
two is one code block, and a heading indented four spaces is a heading.
CommonMark reads the six-space fence line as indented code, then the two-space
one opens a fence that swallows the page up to the next fence.

The parser itself says which lines are affected (indented code blocks, and the
lines of a fenced block that would close it but for their indentation); their
surplus leading whitespace is moved to the end of the line and the file parsed
again, until nothing changes. Lines, line breaks and length stay those of the
file; ``Shifts`` maps an offset of the copy back to the file."""
from __future__ import annotations

from bisect import bisect_right
from typing import Any, Callable, Optional

from . import native  # through the module: tests replace its parser
from .byte_chars import converter
from .mdview import MarkdownView

_MAX_ROUNDS = 6  # each round moves whitespace left; real pages settle in one or two


class Shifts:
    """The lines whose leading whitespace was moved: for a line, ``(start,
    moved, end)``: the ``moved`` characters of whitespace at ``start`` now sit
    before ``end`` (the line break), and its text moved left by ``moved``."""

    def __init__(self, edits: dict[int, tuple[int, int, int]]):
        self.edits = sorted(edits.values())
        self.starts = [e[0] for e in self.edits]

    def __call__(self, pos: int) -> int:
        """The file's offset for offset ``pos`` of the parse copy."""
        i = bisect_right(self.starts, pos) - 1
        if i < 0:
            return pos
        start, moved, end = self.edits[i]
        if pos <= end - moved:
            return pos + moved
        return end if pos < end else pos


def parse_copy(source: str, first: Optional[MarkdownView] = None,
               ) -> tuple[str, Optional[Shifts], Optional[list[tuple[Any, Any]]]]:
    """``source`` (an MDX file's Markdown view, same length as the file) as
    MDX reads it, for CommonMark: see the module docstring; the map back
    (``None`` when nothing had to move); and the parser's events for the
    returned text when they were computed (the caller needs not parse again).
    ``first``: the view of ``source`` as CommonMark reads it, when the caller
    has it: its events and code blocks are the first round's (most pages need
    no other round, and then no pass over their events here at all)."""
    if "    " not in source and "\t" not in source:
        return source, None, None  # nothing indented four columns: as CommonMark reads it
    source = native.parser_text(source)  # what the parser is handed anyway; one character each
    edits: dict[int, tuple[int, int, int]] = {}  # line start -> (start, moved, end)
    text = source
    blocks: Optional[Blocks] = None
    conv: Optional[Callable[[int], int]] = None
    if first is not None and first.events is not None:
        stream = first.events
        blocks = blocks_at(stream, first.code_blocks)
        conv = first.offsets or _same
    else:
        stream = native.events(text)
    for _ in range(_MAX_ROUNDS):
        changed = False
        for line, (start, moved) in _surplus(text, stream, blocks, conv).items():
            old = edits.get(line)
            if old is None:
                edits[line] = (start, moved, _line_end(source, start))
                changed = True
            elif old[0] == start:  # indented again at the same container: move more
                edits[line] = (start, old[1] + moved, old[2])
                changed = True
        if not changed:
            break
        text = _apply(source, edits)
        stream = native.events(text)
        blocks = conv = None
    return text, (Shifts(edits) if edits else None), stream


def _line_end(text: str, pos: int) -> int:
    end = text.find("\n", pos)
    end = len(text) if end < 0 else end
    cr = text.find("\r", pos, end)
    return end if cr < 0 else cr


def _apply(source: str, edits: dict[int, tuple[int, int, int]]) -> str:
    out, pos = [], 0
    for start, moved, end in sorted(edits.values()):
        out.append(source[pos:start])
        out.append(source[start + moved : end])
        # As spaces: pulldown-cmark does not close a fence followed by a tab.
        out.append(" " * moved)
        pos = end
    out.append(source[pos:])
    return "".join(out)


Blocks = list[tuple[str, int, list[tuple[int, str]]]]  # a code block's kind, start, lines


def _surplus(text: str, stream: list[tuple[Any, Any]], blocks: Optional[Blocks] = None,
             conv: Optional[Callable[[int], int]] = None) -> dict[int, tuple[int, int]]:
    """For each line the parse of ``text`` (``stream``) reads wrongly for
    MDX: its start, and where (``start``) and how much whitespace to move.
    ``blocks``: the code blocks when known (else found in ``stream``);
    ``conv``: the map of ``text``'s byte offsets when known."""
    if blocks is None:
        blocks = _code_blocks(stream)
    if not blocks:
        return {}
    if conv is None:
        conv = converter(text) or _same
    found: dict[int, tuple[int, int]] = {}
    for kind, start, rows in blocks:
        rows = [(conv(pos), value) for pos, value in rows]
        if kind == "Indented":
            _indented(text, rows, found)
        else:
            _fenced(text, conv(start), rows, found)
    return found


def blocks_at(stream: list[tuple[Any, Any]], spans: tuple[tuple[int, int], ...]) -> Blocks:
    """The code blocks whose Start and End events are at ``spans`` (a view's
    ``code_blocks``): what ``_code_blocks`` finds, without a pass over
    every event of the file."""
    blocks: Blocks = []
    for first, last in spans:
        event, rng = stream[first]
        kind = "Indented" if event["Start"]["CodeBlock"] == "Indented" else "Fenced"
        rows = [(r["start"], e["Text"]) for e, r in stream[first + 1 : last] if type(e) is dict and "Text" in e]
        blocks.append((kind, rng["start"], rows))
    return blocks


def _code_blocks(stream: list[tuple[Any, Any]]) -> Blocks:
    blocks: Blocks = []
    lines: Optional[list[tuple[int, str]]] = None
    for event, rng in stream:
        if type(event) is not dict:
            continue
        if lines is not None:
            value = event.get("Text")
            if value is not None:
                lines.append((rng["start"], value))
            elif event.get("End") == "CodeBlock":
                lines = None
            continue
        start = event.get("Start")
        if start is not None and type(start) is dict and "CodeBlock" in start:
            lines = []
            blocks.append(("Indented" if start["CodeBlock"] == "Indented" else "Fenced", rng["start"], lines))
    return blocks


def _same(pos: int) -> int:
    return pos


def _indented(text: str, lines: list[tuple[int, str]], found: dict[int, tuple[int, int]]) -> None:
    """An indented code block is not code in MDX: its lines move left by the
    block's least indentation, so what they hold keeps its relative nesting
    (a list written at eight spaces stays a nested list)."""
    rows = []
    for pos, value in lines:
        if not value.strip():
            continue
        line = max(text.rfind("\n", 0, pos), text.rfind("\r", 0, pos)) + 1
        # pulldown-cmark starts a code line's text four columns past its container.
        container = _column(text, line, pos) - 4
        first = pos
        while text[first] in " \t":
            first += 1
        rows.append((line, container, _column(text, line, first) - container))
    if not rows:
        return
    surplus = min(indent for _, _, indent in rows)
    for line, container, _ in rows:
        start = line
        while _column(text, line, start) < container or (text[start] == "\t" and _column(text, line, start + 1) <= container):
            start += 1
        end = start
        while text[end] in " \t" and _column(text, line, end + 1) <= container + surplus:
            end += 1
        if end > start:
            found[line] = (start, end - start)


def _column(text: str, line: int, pos: int) -> int:
    """The column of ``pos`` on the line starting at ``line`` (tabs stop every four)."""
    col = 0
    for ch in text[line:pos]:
        col = col + 4 - col % 4 if ch == "\t" else col + 1
    return col


def _fenced(text: str, start: int, lines: list[tuple[int, str]], found: dict[int, tuple[int, int]]) -> None:
    """A line of a fenced block that is a closing fence at any indentation
    closes it in MDX: its indentation past the opening fence's column moves
    out of the way (the parser hands the block's lines as one text, so the
    file's lines are read between its first and last offsets)."""
    fence_end = start
    while fence_end < len(text) and text[fence_end] == text[start]:
        fence_end += 1
    marker, size = text[start], fence_end - start
    if marker not in "`~" or size < 3 or not lines:
        return
    pos, last = lines[0][0], lines[-1][0] + len(lines[-1][1])
    sequence = marker * size
    while True:
        pos = text.find(sequence, pos, last)  # most blocks hold no fence-like line at all
        if pos < 0:
            return
        line = max(text.rfind("\n", 0, pos), text.rfind("\r", 0, pos)) + 1
        end = _line_end(text, pos)
        body = text[line:end].strip(" \t")
        if len(body) >= size and body == marker * len(body):
            opener = _column(text, max(text.rfind("\n", 0, start), text.rfind("\r", 0, start)) + 1, start)
            keep = line
            while text[keep] in " \t" and _column(text, line, keep + 1) <= opener:
                keep += 1
            first = keep
            while text[first] in " \t":
                first += 1
            if first > keep:
                found[line] = (keep, first - keep)
            return  # the first one closes the block; the next round sees the rest
        pos = end + (2 if text.startswith("\r\n", end) else 1)
