"""The open documents as the client holds them, unsaved edits included.

pygls keeps its own copy too, but applies incremental changes by
``str.splitlines`` lines, which disagree with the client's lines after a
U+2028 or a form feed; this copy follows LSP's line breaks (``positions``).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional
from urllib.parse import unquote, urlsplit

from lsprotocol import types

from .positions import Positions

MARKDOWN_LANGUAGES = {"markdown", "mdx"}
MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdx", ".mdown", ".mkd")


@dataclass
class OpenDocument:
    uri: str
    text: str
    version: Optional[int]
    language_id: str = ""

    @property
    def path(self) -> Optional[str]:
        return uri_to_path(self.uri)

    @property
    def is_markdown(self) -> bool:
        return self.language_id in MARKDOWN_LANGUAGES or self.uri.lower().endswith(MARKDOWN_SUFFIXES)

    def apply(self, change: types.TextDocumentContentChangeEvent, encoding: str) -> None:
        if isinstance(change, types.TextDocumentContentChangePartial):
            at = Positions(self.text, encoding)
            start, end = at.offset(change.range.start), at.offset(change.range.end)
            self.text = self.text[:start] + change.text + self.text[max(start, end):]
        else:
            self.text = change.text


def uri_to_path(uri: str) -> Optional[str]:
    """The file path of a ``file:`` URI; None for unsaved buffers (``untitled:``)."""
    parts = urlsplit(uri)
    if parts.scheme != "file":
        return None
    path = unquote(parts.path)
    if len(path) >= 3 and path[0] == "/" and path[2] == ":":  # file:///C:/... on Windows
        path = path[1:]
    return path
