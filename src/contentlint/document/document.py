"""One parsed file: bytes read once, decoded text, and lazily built views."""
from __future__ import annotations

import codecs
import os
import stat
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any, Iterator, Optional

from .lines import LineIndex
from .markdown import blank_spans, fill_output_tags, is_code_span, is_mdx, non_markdown_spans
from .mdview import EMPTY, Definition, Heading, Inline, MarkdownView, Paragraph
from .outline import OutlineEntry, build_outline
from ..patterns import lazy_regex

if TYPE_CHECKING:
    from .frontmatter import FrontmatterBlock, FrontmatterError
    from .mdx_indent import Shifts

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    # UTF-32 before UTF-16: FF FE 00 00 also starts with the UTF-16 LE BOM.
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_SURROGATE_RUN = lazy_regex("[\udc80-\udcff]+")
_NEWLINES = lazy_regex(r"\r\n|\r|\n")
_LINE_TEXT = lazy_regex(r"[^\r\n]+")


_KINDS = (
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
)
# O_NONBLOCK: should a FIFO take a regular file's place between the stat and
# the open, the open returns at once instead of waiting for a writer forever.
_READ_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)


def file_kind(mode: int) -> Optional[str]:
    """What a non-regular file is, for messages; None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    return next((name for test, name in _KINDS if test(mode)), "not a regular file")


class NotRegularFile(Exception):
    """A FIFO, socket or device where a file was expected; never read."""

    def __init__(self, kind: str):
        super().__init__(kind)
        self.kind = kind


class FileTooLarge(Exception):
    def __init__(self, size: int):
        super().__init__(f"{size:,} bytes, over max-file-size")
        self.size = size


def _refuse_special(mode: int, path: str) -> None:
    if stat.S_ISDIR(mode):
        raise IsADirectoryError(21, "it is a directory", path)
    kind = file_kind(mode)
    if kind is not None:
        raise NotRegularFile(kind)


def read_regular_file(path: str, max_size: int) -> tuple[os.stat_result, bytes]:
    """The stat and bytes of a regular file. Anything else is refused before
    it is opened (a FIFO blocks a reader forever, a device never ends) and
    checked again on the open descriptor. Raises NotRegularFile,
    FileTooLarge or OSError (IsADirectoryError for a folder)."""
    _refuse_special(os.stat(path).st_mode, path)
    fd = os.open(path, _READ_FLAGS)
    try:
        st = os.fstat(fd)
        _refuse_special(st.st_mode, path)
        if st.st_size > max_size:
            raise FileTooLarge(st.st_size)
        raw = _read_upto(fd, st.st_size, max_size + 1)
    finally:
        os.close(fd)
    if len(raw) > max_size:
        raise FileTooLarge(len(raw))
    return st, raw


def _read_upto(fd: int, expected: int, limit: int) -> bytes:
    """The file's bytes, at most ``limit`` (one more than allowed: a file
    that grew since the stat is still bounded). Asked for in reads of the
    size the stat gave, not of ``limit``: a buffered ``read(limit)`` set
    aside the whole 10 MB limit for every file, which cost more than
    reading it."""
    chunks: list[bytes] = []
    size = 0
    while size < limit:
        # The whole file and one byte in the first read (the usual short
        # read that ends it); then whatever a growing file has added.
        chunk = os.read(fd, min(limit - size, 65536 if chunks else expected + 1))
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    return chunks[0] if len(chunks) == 1 else b"".join(chunks)


class MarkdownParseError(Exception):
    """The Markdown of a file could not be parsed."""


@dataclass(frozen=True)
class DecodeError:
    """A run of bytes that are not valid in the file's encoding."""

    start: int  # character offsets of the stand-in characters
    end: int
    byte_offset: int
    raw: bytes


class Document:
    def __init__(
        self,
        path: str,
        text: str,
        *,
        encoding: str = "utf-8",
        bom: bool = False,
        decode_errors: tuple[DecodeError, ...] = (),
        binary: bool = False,
        abs_path: Optional[str] = None,
    ):
        self.path = path
        self.abs_path = abs_path
        self.text = text
        self.encoding = encoding
        self.bom = bom
        self.decode_errors = decode_errors
        self.binary = binary
        self._markdown_reported = False

    @classmethod
    def from_bytes(cls, path: str, raw: bytes, *, abs_path: Optional[str] = None) -> "Document":
        encoding, bom, body = "utf-8", False, raw
        for mark, name in _BOMS:
            if raw.startswith(mark):
                encoding, bom, body = name, True, raw[len(mark) :]
                break
        # NUL bytes never occur in text files in an 8-bit encoding; a UTF-16/32 file
        # is full of them, so only judge those after decoding.
        binary = encoding == "utf-8" and b"\x00" in raw
        errors: tuple[DecodeError, ...] = ()
        try:
            text = body.decode(encoding)
        except UnicodeDecodeError:
            if encoding != "utf-8":
                text = body.decode(encoding, errors="replace")
            else:
                # surrogateescape keeps the undecodable bytes, so writing back is lossless
                text = body.decode("utf-8", errors="surrogateescape")
                errors = tuple(_decode_errors(text))
        return cls(path, text, encoding=encoding, bom=bom, decode_errors=errors, binary=binary, abs_path=abs_path)

    def with_text(self, text: str) -> "Document":
        """The same file with new text (used between fix passes)."""
        return Document(
            self.path, text, encoding=self.encoding, bom=self.bom, decode_errors=tuple(_decode_errors(text))
            if self.decode_errors else (), binary=self.binary, abs_path=self.abs_path,
        )

    def encode(self, text: Optional[str] = None) -> bytes:
        text = self.text if text is None else text
        data = text.encode(self.encoding, errors="surrogateescape" if self.encoding == "utf-8" else "strict")
        if self.bom:
            data = {
                "utf-8": codecs.BOM_UTF8,
                "utf-16-le": codecs.BOM_UTF16_LE,
                "utf-16-be": codecs.BOM_UTF16_BE,
                "utf-32-le": codecs.BOM_UTF32_LE,
                "utf-32-be": codecs.BOM_UTF32_BE,
            }[self.encoding] + data
        return data

    @cached_property
    def lines(self) -> LineIndex:
        return LineIndex(self.text)

    @cached_property
    def newline(self) -> str:
        """The dominant line ending, ``\\n`` when there is none."""
        counts = {"\n": 0, "\r\n": 0, "\r": 0}
        for m in _NEWLINES.finditer(self.text):
            counts[m.group()] += 1
        best = max(counts, key=lambda k: (counts[k], k == "\n"))
        return best if counts[best] else "\n"

    def position(self, offset: int) -> tuple[int, int]:
        return self.lines.position(offset)

    @cached_property
    def _split(self) -> tuple[Optional[FrontmatterBlock], Optional[FrontmatterError]]:
        from .frontmatter import split_frontmatter  # lazy: start-up time (yaml, tomllib)

        return split_frontmatter(self.text)

    @property
    def frontmatter(self) -> Optional[FrontmatterBlock]:
        return self._split[0]

    @property
    def frontmatter_problem(self) -> Optional[FrontmatterError]:
        return self._split[1]

    @property
    def body_start(self) -> int:
        block = self.frontmatter
        if block is not None:
            return block.end
        problem = self.frontmatter_problem
        return problem.end if problem is not None else 0

    @property
    def metadata(self) -> dict[Any, Any]:
        """Frontmatter data when it is a mapping, else an empty dict."""
        block = self.frontmatter
        data = block.data if block is not None else None
        return data if isinstance(data, dict) else {}

    @cached_property
    def _structure(self) -> tuple[str, list[tuple[int, int]]]:
        """The text with what a site generator does not read as Markdown
        (template code blocks; in MDX, ESM, expressions and JSX-only lines)
        blanked, same length and line breaks; and those spans."""
        spans = non_markdown_spans(self, self.text)
        text = blank_spans(self.text, spans)
        return (text if is_mdx(self) else fill_output_tags(text)), spans

    @cached_property
    def markdown_source(self) -> str:
        """The text as the site generator reads it as Markdown, the frontmatter
        blanked too; line breaks kept, so offsets and line numbers are the file's."""
        end = self.body_start
        text = self._structure[0]
        if not end:
            return text
        # Run by run, not character by character: 20 MB of frontmatter in 0.2 s, not 2 s.
        return _LINE_TEXT.sub(lambda m: " " * (m.end() - m.start()), text[:end]) + text[end:]

    @cached_property
    def _parse_copy(self) -> tuple[Optional[str], Optional[Shifts], Optional[list[tuple[Any, Any]]]]:
        """What the parser reads when it is not ``markdown_source``: in MDX,
        which has no indented code, a copy with that indentation moved out of
        the way, the map of its offsets back to the file's (``mdx_indent``),
        and its events when they are already known."""
        if not is_mdx(self):
            return None, None, None
        from .mdx_indent import parse_copy  # lazy: start-up time (pyromark)

        text, shifts, stream = parse_copy(self.markdown_source)
        return (text if shifts is not None else None), shifts, stream

    @cached_property
    def markdown(self) -> MarkdownView:
        """The one parse of the body (see ``native``), kept as plain data.
        A parse failure leaves an empty view holding the reason."""
        # Through the module (tests replace its parser); lazy: start-up time (pyromark).
        from . import native
        from .mdx_indent import parse_copy  # lazy: start-up time (pyromark)

        try:
            if not is_mdx(self):
                return native.build(self.markdown_source, self.lines)
            # MDX: the file as CommonMark reads it first; its code blocks say
            # whether some indentation must move (then the copy is parsed).
            view = native.build(self.markdown_source, self.lines)
            text, shifts, stream = parse_copy(self.markdown_source, view)
            copy = self.__dict__["_parse_copy"] = ((text if shifts is not None else None), shifts, stream)
            return view if shifts is None else native.build(self.markdown_source, self.lines, *copy)
        except Exception as exc:  # noqa: BLE001 - the parser should never fail; if it does, say so once
            return MarkdownView((), (), (), (), (), (), error=f"{type(exc).__name__}: {exc}")

    def markdown_view(self) -> MarkdownView:
        """``markdown``, or, when the parse failed, a ``MarkdownParseError`` for
        the first caller (the engine turns it into one CL999 finding on the
        file) and an empty view for every later one, so the other rules
        neither crash again nor report anything."""
        view = self.markdown
        if view.error is not None:
            if not self._markdown_reported:
                self._markdown_reported = True
                raise MarkdownParseError(
                    f"the Markdown could not be parsed ({view.error}); heading rules skipped this file"
                )
            return EMPTY
        return view

    @cached_property
    def link_definitions(self) -> dict[str, Definition]:
        """Link reference definitions by normalized label (see ``native.definitions``)."""
        if self.markdown.error is not None:
            return {}
        from . import native  # lazy: start-up time

        return native.definitions(self.markdown_source, *self._parse_copy[:2])

    def paragraph_parts(self, paragraph: Paragraph) -> tuple[Inline, ...]:
        """The inline parts of one of ``markdown``'s paragraphs, walked on demand."""
        from . import native  # lazy: start-up time

        return native.paragraph_parts(self.markdown, paragraph)

    @property
    def headings(self) -> tuple[Heading, ...]:
        return self.markdown_view().headings

    @cached_property
    def outline(self) -> tuple[OutlineEntry, ...]:
        """Headings and HTML heading blocks in reading order (see ``outline``)."""
        return build_outline(self.markdown_view(), self.lines)

    def code_lines(self) -> set[int]:
        """0-based lines inside fenced or indented code blocks."""
        return self._code_lines

    @cached_property
    def _code_lines(self) -> set[int]:
        lines = self.markdown.code_block_lines()
        source = self.text
        for span in self._structure[1]:
            if is_code_span(source, span):
                lines.update(range(self.lines.line_of(span[0]), self.lines.line_of(max(span[0], span[1] - 1)) + 1))
        return lines


def _decode_errors(text: str) -> Iterator[DecodeError]:
    byte_pos = 0
    last = 0
    for m in _SURROGATE_RUN.finditer(text):
        byte_pos += len(text[last : m.start()].encode("utf-8", "surrogatepass"))
        raw = bytes(ord(c) - 0xDC00 for c in m.group())
        yield DecodeError(m.start(), m.end(), byte_pos, raw)
        byte_pos += len(raw)
        last = m.end()
