"""Find the frontmatter block (YAML ``---``, TOML ``+++``, JSON ``{``), its exact
span, its parsed data and where each key sits.

python-frontmatter knows the formats but its split returns strings without
offsets and silently yields empty metadata for unterminated blocks, so the
split is done here over the decoded text (DESIGN.md §1).
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any, Optional

import yaml

from .keynodes import KeyNode, KeyPath
from .keypos import key_tree, locate
from .text_regions import shorten

from .. import toml_parser as tomllib

if TYPE_CHECKING:
    from yaml import SafeLoader  # the C loader below has the same API
else:
    SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_YAML_OPEN = re.compile(r"---[ \t]*(?:\r\n|\r|\n)")
_YAML_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*\r?$", re.MULTILINE)
_TOML_OPEN = re.compile(r"\+\+\+[ \t]*(?:\r\n|\r|\n)")
_TOML_CLOSE = re.compile(r"^\+\+\+[ \t]*\r?$", re.MULTILINE)
# ``---js`` / ``---javascript`` / ``---coffee`` (gray-matter's executable languages)
_LANG_OPEN = re.compile(r"---([A-Za-z][\w-]*)[ \t]*(?:\r\n|\r|\n|$)")
_JSON_OPEN = re.compile(r"\{[ \t]*(?:\r\n|\r|\n|\")")
_TOML_POSITION = re.compile(r"at line (\d+), column (\d+)")
# YAML/TOML closing lines may end in CR alone; MULTILINE ``$`` only knows \n.
_CR_ONLY = re.compile(r"\r(?!\n)")
_UNDECODED = re.compile("[\udc80-\udcff]")


@dataclass(frozen=True)
class FrontmatterError:
    """A problem with the block itself, at an offset into the file text."""

    offset: int
    message: str
    end: int = 0  # where the body starts when the block's extent is still known


@dataclass(frozen=True)
class ValueProblem:
    """A YAML value that could not be built (``2024-02-30``), spanning the
    value in file offsets. The value loads as the text it was written as; the
    rest of the block is unaffected."""

    start: int
    end: int
    message: str


class FrontmatterBlock:
    def __init__(self, text: str, fmt: str, start: int, end: int, content_start: int, content_end: int):
        self.text = text
        self.format = fmt
        self.start = start
        self.end = end
        self.content_start = content_start
        self.content_end = content_end
        self._yaml_node: Optional[yaml.Node] = None
        self._value_problems: tuple[ValueProblem, ...] = ()

    @property
    def content(self) -> str:
        return self.text[self.content_start : self.content_end]

    @cached_property
    def _parsed(self) -> tuple[Any, Optional[FrontmatterError]]:
        try:
            data = self._parse()
            if self.format != "yaml":
                _check_data_shape(data, self.content_start)
            return data, None
        except FrontmatterSyntaxError as exc:
            return None, FrontmatterError(exc.offset, exc.message)

    @property
    def data(self) -> Any:
        """Parsed data (``{}`` for an empty block), or ``None`` when it does not parse."""
        return self._parsed[0]

    @property
    def error(self) -> Optional[FrontmatterError]:
        return self._parsed[1]

    @property
    def value_problems(self) -> tuple[ValueProblem, ...]:
        """Values that could not be built, when the block itself parsed."""
        return self._value_problems if self._parsed[1] is None else ()

    def _parse(self) -> Any:
        content = self.content
        # Bytes that were not UTF-8 stand in the text as lone surrogates
        # (document.py); no parser can take them, and TX002 names the bytes.
        undecoded = _UNDECODED.search(content)
        if undecoded is not None:
            raise FrontmatterSyntaxError(
                self.content_start + undecoded.start(),
                f"Frontmatter holds bytes that are not UTF-8 (`\\x{ord(undecoded.group()) - 0xDC00:02x}`); not parsed",
            )
        if len(content) > LARGE_BLOCK_CHARS:
            _refuse_large_block(content, self.format, self.start)
        if self.format == "yaml":
            data, self._yaml_node, self._value_problems = _load_yaml(content, self.content_start)
            return data
        if self.format == "toml":
            try:
                return tomllib.loads(content.replace("\r\n", "\n").replace("\r", "\n"))
            except tomllib.TOMLDecodeError as exc:
                offset = self.content_start
                m = _TOML_POSITION.search(str(exc))
                if m:
                    offset = _offset_in(content, int(m.group(1)) - 1, int(m.group(2)) - 1) + self.content_start
                raise FrontmatterSyntaxError(offset, f"Invalid TOML frontmatter: {_first_line(exc)}") from None
            except RecursionError:
                raise FrontmatterSyntaxError(self.content_start, "TOML frontmatter is nested too deeply") from None
        try:
            return json.loads(content)
        except json.JSONDecodeError as exc:
            raise FrontmatterSyntaxError(
                self.content_start + exc.pos, f"Invalid JSON frontmatter: {exc.msg}"
            ) from None
        except RecursionError:
            raise FrontmatterSyntaxError(self.content_start, "JSON frontmatter is nested too deeply") from None

    @property
    def yaml_node(self) -> Optional[yaml.Node]:
        """The composed YAML node tree (marks are offsets into the block content),
        kept from loading so it is never composed twice."""
        if self.format != "yaml" or self.error is not None:
            return None
        return self._yaml_node

    @cached_property
    def key_tree(self) -> Optional[KeyNode]:
        """Keys and values with their spans in file offsets (see keypos.py)."""
        return key_tree(self)

    def locate(self, path: KeyPath) -> tuple[int, int]:
        """Span of the key at ``path`` (or the item for list indexes), falling
        back to the deepest ancestor found, then to the opening delimiter."""
        return locate(self, path)


class FrontmatterSyntaxError(Exception):
    def __init__(self, offset: int, message: str):
        super().__init__(message)
        self.offset = offset
        self.message = message


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__


def _offset_in(content: str, line: int, column: int) -> int:
    pos = 0
    for _ in range(line):
        nxt = re.compile(r"\r\n|\r|\n").search(content, pos)
        if nxt is None:
            return len(content)
        pos = nxt.end()
    return min(pos + column, len(content))


# Tags of short scalars, by (text, implicit flags); bounded, so a long-lived
# process does not keep every value it ever saw.
_RESOLVED: dict[tuple[str, Any], str] = {}
_RESOLVED_CHARS = 80
_RESOLVED_MAX = 20_000


class _Loader(SafeLoader):
    """The safe loader, except that a scalar whose type cannot build it
    (`2024-02-30`, `2024-01-01 25:00:00`, `!!int abc`) stays the text it was
    written as, as Ruby's Psych and Go's yaml.v3 leave an impossible date,
    and is remembered: one finding on the value, not a block without data."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.bad_scalars: list[tuple[yaml.ScalarNode, Exception]] = []

    def resolve(self, kind: type[yaml.Node], value: Any, implicit: Any) -> Any:
        """The resolver's tag, remembered per short scalar: the same keys and
        values (`title`, `ms.date`, `true`) come back in every file, and each
        resolution tried several regular expressions. A tag depends only on
        the scalar while no path resolver is registered (none is, on the safe loader)."""
        if kind is not yaml.ScalarNode or len(value) > _RESOLVED_CHARS or self.yaml_path_resolvers:
            return super().resolve(kind, value, implicit)  # type: ignore[no-untyped-call]
        key = (value, implicit)
        tag = _RESOLVED.get(key)
        if tag is None:
            if len(_RESOLVED) >= _RESOLVED_MAX:
                _RESOLVED.clear()
            tag = _RESOLVED[key] = super().resolve(kind, value, implicit)  # type: ignore[no-untyped-call]
        return tag

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        if not isinstance(node, yaml.ScalarNode) or node in self.constructed_objects:
            return super().construct_object(node, deep)
        deep_before = self.deep_construct
        try:
            return super().construct_object(node, deep)
        except (yaml.YAMLError, RecursionError):
            raise
        except Exception as exc:  # whatever a constructor raises (ValueError, KeyError, AttributeError...)
            self.recursive_objects.pop(node, None)
            self.deep_construct = deep_before
            self.bad_scalars.append((node, exc))
            self.constructed_objects[node] = node.value
            return node.value


_TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"


def _bad_scalar(node: yaml.ScalarNode, exc: Exception, base: int) -> ValueProblem:
    shown = "`" + shorten(node.value, 60).replace("`", "ˋ") + "`"
    if node.tag == _TIMESTAMP_TAG:
        # datetime's own words ("day is out of range for month") say what is wrong.
        reason = _first_line(exc).rstrip(".") if isinstance(exc, ValueError) else "not a date"
        if reason.startswith("offset must be"):
            reason = "the time zone offset must be less than 24 hours"
        message = f"Invalid date {shown}: {reason}"
    else:
        tag = node.tag.rpartition(":")[2] if node.tag.startswith("tag:yaml.org,2002:") else node.tag
        message = f"Invalid value {shown}: not a valid `!!{tag}`"
    return ValueProblem(base + node.start_mark.index, base + node.end_mark.index, message)


def _load_yaml(content: str, base: int) -> tuple[Any, Optional[yaml.Node], tuple[ValueProblem, ...]]:
    # Compose, check the node graph, then construct: the check runs before any
    # consumer could expand shared (aliased) nodes.
    loader = _Loader(content)
    try:
        node = loader.get_single_node()
        if node is None:
            return {}, None, ()
        if "&" in content or "*" in content or len(content) > _TREE_CHARS:
            _check_node_graph(node, base)
        else:
            _check_tree_depth(node, base)
        data = _construct(loader, node, content)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        # An unclosed quote or bracket is found at the end of the block; the
        # writer has to change the line where it was opened.
        if exc.context_mark is not None and mark is not None and mark.index >= len(content.rstrip()):
            mark = exc.context_mark
        offset = base + (mark.index if mark is not None else 0)
        problem = exc.problem or "syntax error"
        if exc.context:
            problem = f"{problem} ({exc.context})"
        if isinstance(exc, yaml.constructor.ConstructorError) and "tag" in problem:
            problem = f"{problem} (only plain YAML is allowed; tags are never executed)"
        raise FrontmatterSyntaxError(offset, f"Invalid YAML frontmatter: {problem}") from None
    except yaml.YAMLError as exc:
        raise FrontmatterSyntaxError(base, f"Invalid YAML frontmatter: {_first_line(exc)}") from None
    except RecursionError:
        raise FrontmatterSyntaxError(base, "YAML frontmatter is nested too deeply") from None
    finally:
        loader.dispose()
    problems = tuple(_bad_scalar(bad, exc, base) for bad, exc in loader.bad_scalars)
    return ({} if data is None else data), node, problems


_STR_TAG = "tag:yaml.org,2002:str"
_MAP_TAG = "tag:yaml.org,2002:map"
_SEQ_TAG = "tag:yaml.org,2002:seq"
_SPECIAL_KEY_TAGS = frozenset({"tag:yaml.org,2002:merge", "tag:yaml.org,2002:value"})


class _NotPlain(Exception):
    """The block needs the full constructor: some node is not plain data."""


def _construct(loader: "_Loader", node: yaml.Node, content: str) -> Any:
    """The block's data. Plain blocks (no anchors, maps and sequences of
    scalars with ordinary keys, every scalar buildable: nearly all
    frontmatter) are built straight from the node tree, strings as their
    text and other scalars by the loader; PyYAML's generic constructor, with
    its per-node bookkeeping, cost more than the parse. Anything else, or
    anything that goes wrong, is built again the usual way, so data, errors
    and their order are PyYAML's."""
    if "&" not in content:  # no anchor, hence no node shared by two places
        try:
            data = _plain(loader, node)
            if not loader.bad_scalars:
                return data
        except Exception:  # noqa: BLE001 - the usual way below raises what it raises
            pass
        loader.bad_scalars.clear()
        loader.constructed_objects = {}
        loader.recursive_objects = {}
        loader.state_generators = []
        loader.deep_construct = False
    return loader.construct_document(node)


def _plain(loader: "_Loader", node: yaml.Node) -> Any:
    kind = type(node)
    if kind is yaml.ScalarNode:
        return node.value if node.tag == _STR_TAG else loader.construct_object(node)
    if kind is yaml.MappingNode and node.tag == _MAP_TAG:
        data = {}
        for key, value in node.value:
            if type(key) is not yaml.ScalarNode or key.tag in _SPECIAL_KEY_TAGS:
                raise _NotPlain
            data[_plain(loader, key)] = _plain(loader, value)
        return data
    if kind is yaml.SequenceNode and node.tag == _SEQ_TAG:
        return [_plain(loader, item) for item in node.value]
    raise _NotPlain


# Real frontmatter holds tens of values a few levels deep. Anything past these
# bounds is an attack or an accident, and every consumer (schema validation,
# key lookups, fixes) stays fast and within the recursion limit below them.
MAX_DEPTH = 64
MAX_NODES = 100_000
# Past a megabyte a block is parsed only when it holds few values: composing a
# 20 MB YAML block takes seconds and most of a gigabyte, a 20 MB TOML block
# several seconds.
LARGE_BLOCK_CHARS = 1_000_000


def _refuse_large_block(content: str, fmt: str, start: int) -> None:
    size = f"a {len(content):,}-character block"
    if fmt != "yaml":
        raise FrontmatterSyntaxError(start, f"{fmt.upper()} frontmatter is {size}, over {LARGE_BLOCK_CHARS:,}; not parsed")
    # Count values as the parser streams them, before anything is composed.
    loader = SafeLoader(content)
    count = 0
    try:
        while loader.check_event():
            # types-PyYAML leaves Parser.get_event unannotated
            if isinstance(loader.get_event(), yaml.NodeEvent):  # type: ignore[no-untyped-call]
                count += 1
                if count > MAX_NODES:
                    raise FrontmatterSyntaxError(
                        start, f"YAML frontmatter holds more than {MAX_NODES:,} values ({size}); not parsed"
                    )
    except yaml.YAMLError:
        return  # the full parse reports it, with its position
    finally:
        loader.dispose()


# Without an anchor (`&`) or alias (`*`) the composed nodes form a tree of at
# most about three nodes per character (`:` alone is a mapping, a null key and
# a null value), so below this size it cannot exceed MAX_NODES: only its depth
# needs checking.
_TREE_CHARS = MAX_NODES // 4


def _check_tree_depth(root: yaml.Node, base: int) -> None:
    """MAX_DEPTH for a block without aliases, level by level (no per-node
    memo or recursion); past it the full walk names the first node too deep."""
    level = [root]
    for _ in range(MAX_DEPTH):
        nxt: list[yaml.Node] = []
        for node in level:
            if isinstance(node, yaml.MappingNode):
                for key, value in node.value:
                    nxt.append(key)
                    nxt.append(value)
            elif isinstance(node, yaml.SequenceNode):
                nxt.extend(node.value)
        if not nxt:
            return
        level = nxt
    _check_node_graph(root, base)


def _check_node_graph(root: yaml.Node, base: int) -> None:
    """Reject alias bombs, recursive aliases and deep nesting, counting nodes as
    they would be after alias expansion. Aliased nodes are shared, so sizes
    are memoised per node and the walk stays linear in the text; the
    recursion never goes deeper than MAX_DEPTH + 1 frames."""
    memo: dict[int, tuple[int, int]] = {}
    on_path: set[int] = set()

    def measure(node: yaml.Node, depth: int) -> tuple[int, int]:
        key = id(node)
        done = memo.get(key)
        if done is None:
            if key in on_path:
                raise FrontmatterSyntaxError(base + node.start_mark.index, "YAML frontmatter has an alias that refers to itself")
            if depth > MAX_DEPTH:
                raise FrontmatterSyntaxError(
                    base + node.start_mark.index, f"YAML frontmatter is nested more than {MAX_DEPTH} levels deep"
                )
            size, height = 1, 1
            value = node.value
            if isinstance(node, (yaml.MappingNode, yaml.SequenceNode)):
                on_path.add(key)
                for child in (n for pair in value for n in pair) if isinstance(node, yaml.MappingNode) else value:
                    child_size, child_height = measure(child, depth + 1)
                    size += child_size
                    height = max(height, child_height + 1)
                on_path.discard(key)
            done = memo[key] = (size, height)
        if done[0] > MAX_NODES:
            raise FrontmatterSyntaxError(
                base + node.start_mark.index,
                f"YAML frontmatter expands to more than {MAX_NODES:,} values (an alias expansion bomb?)",
            )
        if depth + done[1] - 1 > MAX_DEPTH:
            raise FrontmatterSyntaxError(
                base + node.start_mark.index, f"YAML frontmatter is nested more than {MAX_DEPTH} levels deep"
            )
        return done

    measure(root, 1)


def _check_data_shape(data: Any, base: int) -> None:
    """TOML and JSON have no aliases; only their depth needs a bound."""
    stack = [(data, 1)]
    while stack:
        value, level = stack.pop()
        if level > MAX_DEPTH:
            raise FrontmatterSyntaxError(base, f"Frontmatter is nested more than {MAX_DEPTH} levels deep")
        if isinstance(value, dict):
            stack.extend((v, level + 1) for v in value.values())
        elif isinstance(value, list):
            stack.extend((v, level + 1) for v in value)


def split_frontmatter(text: str) -> tuple[Optional[FrontmatterBlock], Optional[FrontmatterError]]:
    """Locate the frontmatter block at the very start of ``text`` (BOM already removed)."""
    if text.startswith("---"):
        opened = _YAML_OPEN.match(text)
        if opened:
            return _closed_block(text, "yaml", opened.end(), _YAML_CLOSE)
        lang = _LANG_OPEN.match(text)
        if lang:
            # The block still ends at its closing `---`: its code is not the
            # body's Markdown (its last line would read as a setext underline).
            close = _YAML_CLOSE.search(text if "\r" not in text else _CR_ONLY.sub("\n", text), lang.end())
            end = 0
            if close is not None:
                end = close.end()
                end += 2 if text.startswith("\r\n", end) else 1 if end < len(text) and text[end] in "\r\n" else 0
            return None, FrontmatterError(
                0, f"Frontmatter language `{lang.group(1)}` is not supported; it is never executed", end
            )
        return None, None
    opened = _TOML_OPEN.match(text) if text.startswith("+++") else None
    if opened:
        return _closed_block(text, "toml", opened.end(), _TOML_CLOSE)
    if text.startswith("{") and _JSON_OPEN.match(text):
        return _json_block(text)
    return None, None


Split = tuple[Optional[FrontmatterBlock], Optional[FrontmatterError]]


def _closed_block(text: str, fmt: str, content_start: int, closer: "re.Pattern[str]") -> Split:
    search_text = text if "\r" not in text else _CR_ONLY.sub("\n", text)
    close = closer.search(search_text, content_start)
    if close is None:
        return None, FrontmatterError(0, "Frontmatter block opened on line 1 is never closed")
    end = close.end()
    if text.startswith("\r\n", end):
        end += 2
    elif end < len(text) and text[end] in "\r\n":
        end += 1
    return FrontmatterBlock(text, fmt, 0, end, content_start, close.start()), None


def _json_block(text: str) -> Split:
    try:
        _, end = json.JSONDecoder().raw_decode(text)
    except json.JSONDecodeError as exc:
        return None, FrontmatterError(exc.pos, f"Invalid JSON frontmatter: {exc.msg}")
    except RecursionError:
        return None, FrontmatterError(0, "JSON frontmatter is nested too deeply")
    block_end = end
    if text.startswith("\r\n", end):
        block_end += 2
    elif end < len(text) and text[end] in "\r\n":
        block_end += 1
    return FrontmatterBlock(text, "json", 0, block_end, 0, end), None
