from __future__ import annotations

from ...registry import Rule, register
from ...violations import Finding
from ._common import usable_block


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

    def check(self, doc, ctx):
        block = usable_block(doc)
        if block is None or block.format == "toml":
            return
        tree = block.key_tree
        if tree is None:
            return
        stack, seen = [tree], set()
        while stack:
            node = stack.pop()
            if id(node) in seen:
                continue  # aliased nodes are shared
            seen.add(id(node))
            first: dict = {}
            for entry in node.entries:
                stack.append(entry.value)
                if node.kind != "map" or entry.key == "<<":
                    continue
                if entry.key in first:
                    line = doc.position(first[entry.key])[0]
                    yield Finding(
                        entry.key_start, entry.key_end,
                        f"Key `{entry.key}` appears more than once in this mapping (first on line {line}); "
                        "parsers disagree on which value wins",
                    )
                else:
                    first[entry.key] = entry.key_start
