from __future__ import annotations

from typing import TYPE_CHECKING, Iterable, Iterator, NamedTuple, Optional

from ...registry import NoOptions, Rule, RuleContext, register
from ...violations import Finding
from ._common import usable_block

if TYPE_CHECKING:
    import yaml

    from ...document.document import Document
    from ...document.frontmatter import FrontmatterBlock
    from ...document.keynodes import KeyNode


@register
class FrontmatterDuplicateKey(Rule):
    """Flags a key that appears twice in the same mapping of YAML or JSON
    frontmatter, at every repetition. (In TOML a repeated key is a syntax
    error, reported by FM002.)

    ## Why
    PyYAML and `JSON.parse` silently keep the last value; js-yaml (Astro,
    Eleventy, gray-matter) and Go's YAML (Hugo) refuse the file. Either the
    build breaks or a value the writer can see on the page is ignored.

    ## Example
    ```markdown
    ---
    title: Draft title
    tags: [a]
    title: Final title
    ---
    ```

    ## Use instead
    ```markdown
    ---
    title: Final title
    tags: [a]
    ---
    ```

    ## Fix
    None: only the writer knows which value is meant.
    """

    code = "FM003"
    name = "frontmatter-duplicate-key"
    summary = "A key repeated in one frontmatter mapping"

    def check(self, doc: Document, ctx: RuleContext[NoOptions]) -> Iterable[Finding]:
        block = usable_block(doc)
        if block is None or block.format == "toml":
            return
        for key, start, end, first in _repeats(block):
            line = doc.position(first)[0]
            yield Finding(
                start, end,
                f"Key `{key}` appears more than once in this mapping (first on line {line}); "
                "parsers disagree on which value wins",
            )


class _Repeat(NamedTuple):
    key: str
    start: int
    end: int
    first: int  # where the first occurrence starts


def _repeats(block: FrontmatterBlock) -> Iterator[_Repeat]:
    """Each repetition of a key in one mapping."""
    import yaml  # lazy: start-up time

    if block.format == "yaml":
        # Straight over the composed nodes: most files have no repeat, and
        # building the key tree for all of them would cost more.
        root = block.yaml_node
        if root is None:
            return
        base = block.content_start
        stack: list[yaml.Node] = [root]
        seen: set[int] = set()
        while stack:
            node = stack.pop()
            if id(node) in seen or not isinstance(node, (yaml.MappingNode, yaml.SequenceNode)):
                continue
            seen.add(id(node))
            if isinstance(node, yaml.SequenceNode):
                stack.extend(node.value)
                continue
            first: dict[str, int] = {}
            for key, value in node.value:
                stack.append(value)
                if not isinstance(key, yaml.ScalarNode) or key.value == "<<":
                    continue
                if key.value in first:
                    yield _Repeat(key.value, base + key.start_mark.index, base + key.end_mark.index, first[key.value])
                else:
                    first[key.value] = base + key.start_mark.index
        return
    tree: Optional[KeyNode] = block.key_tree
    nodes = [tree] if tree is not None else []
    while nodes:
        keys = nodes.pop()
        starts: dict[str, int] = {}
        for entry in keys.entries:
            nodes.append(entry.value)
            if keys.kind != "map":
                continue
            key = str(entry.key)  # a mapping's key: always the text as written
            if key in starts:
                yield _Repeat(key, entry.key_start, entry.key_end, starts[key])
            else:
                starts[key] = entry.key_start
