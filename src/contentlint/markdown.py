"""markdown-it-py parsing and the heading view built on its tokens."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Optional

if TYPE_CHECKING:
    from .document import Document

_EMPHASIS = {"strong_open": "strong_close", "em_open": "em_close"}


@lru_cache(maxsize=1)
def _parser():
    from markdown_it import MarkdownIt

    # CommonMark plus the GFM tables and strikethrough that every site generator reads.
    return MarkdownIt("commonmark").enable(["table", "strikethrough"])


def parse(source: str) -> list:
    return _parser().parse(source)


@dataclass
class Heading:
    """A heading with its source positions (character offsets into the file)."""

    level: int
    line: int  # 0-based first line
    end_line: int  # 0-based, exclusive
    setext: bool
    content: str  # raw inline source as markdown-it gives it
    content_start: int
    content_end: int
    line_start: int
    line_end: int
    children: list = field(default_factory=list, repr=False)

    @property
    def text(self) -> str:
        """Plain text of the heading: markup removed, code spans kept."""
        return "".join(c.content for c in self.children if c.type in ("text", "code_inline", "html_inline")).strip()

    @property
    def wrapping(self) -> Optional[str]:
        """The emphasis marker (``**``, ``__``, ``*``, ``_``) wrapping the whole
        content, or None. ``**a** and **b**`` is not wrapped."""
        kids = [c for c in self.children if not (c.type == "text" and not c.content.strip())]
        if len(kids) < 2 or kids[0].type not in _EMPHASIS:
            return None
        closer = _EMPHASIS[kids[0].type]
        depth = 0
        for i, tok in enumerate(kids):
            if tok.type == kids[0].type:
                depth += 1
            elif tok.type == closer:
                depth -= 1
                if depth == 0:
                    return kids[0].markup if i == len(kids) - 1 else None
        return None

    @property
    def inner_span(self) -> tuple[int, int]:
        """Span of the content inside a wrapping emphasis (the whole content if none)."""
        marker = self.wrapping
        if marker is None or self.content_end - self.content_start < 2 * len(marker):
            return self.content_start, self.content_end
        return self.content_start + len(marker), self.content_end - len(marker)

    @classmethod
    def collect(cls, doc: "Document") -> list["Heading"]:
        tokens = doc.tokens
        lines = doc.lines
        result = []
        for i, tok in enumerate(tokens):
            if tok.type != "heading_open" or not tok.map:
                continue
            inline = tokens[i + 1]
            first, last = tok.map
            setext = tok.markup in ("=", "-")
            content = inline.content
            line_text = lines.line_text(first)
            line_start = lines.line_start(first)
            if setext:
                head = content.split("\n", 1)[0]
                col = line_text.find(head) if head else 0
            else:
                hashes = line_text.find("#" * int(tok.tag[1]))
                after = hashes + int(tok.tag[1]) if hashes >= 0 else 0
                col = line_text.find(content, after) if content else after
            col = max(col, 0)
            start = line_start + col
            if setext and "\n" in content:
                # Multi-line setext content: find its last line to end the span there.
                tail = content.rsplit("\n", 1)[1]
                tail_line = lines.line_text(last - 2) if last - 2 > first else line_text
                end = lines.line_start(last - 2) + max(tail_line.find(tail), 0) + len(tail)
            else:
                end = start + len(content)
            result.append(
                cls(
                    level=int(tok.tag[1]),
                    line=first,
                    end_line=last,
                    setext=setext,
                    content=content,
                    content_start=start,
                    content_end=end,
                    line_start=line_start,
                    line_end=lines.line_end(last - 1),
                    children=inline.children or [],
                )
            )
        return result
