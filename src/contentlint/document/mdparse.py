"""markdown-it-py in two stages: a block parse for every file that needs
structure, and inline parses only for the blocks a rule looks into. The inline
parse is about half the cost of a full parse, and most rules never need it."""
from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def _full():
    from markdown_it import MarkdownIt

    # CommonMark plus the GFM tables and strikethrough that every site generator reads.
    return MarkdownIt("commonmark").enable(["table", "strikethrough"])


@lru_cache(maxsize=1)
def _blocks_only():
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").enable(["table", "strikethrough"]).disable(["inline", "text_join"])


def parse_blocks(source: str) -> tuple[list, dict]:
    """Block tokens (``inline`` tokens left without children) and the env that
    holds link reference definitions for later inline parses."""
    env: dict = {}
    return _blocks_only().parse(source, env), env


def parse_inline(content: str, env: dict) -> list:
    """Children of one inline token, exactly as a full parse would give them."""
    tokens = _full().parseInline(content, env)
    return tokens[0].children or [] if tokens else []
