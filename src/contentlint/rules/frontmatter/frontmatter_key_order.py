from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Iterable, Optional, Union

from ...registry import Fixability, Option, Rule, RuleContext, RuleOptions, option, register
from ...violations import Edit, Finding, Fix, Severity
from ._common import resolution, usable_block
from ._key_blocks import key_blocks, reorder

if TYPE_CHECKING:
    from ...document.document import Document
    from ...document.keynodes import Entry


class OrderOption(Option):
    """``order`` is either a list of keys or the word ``schema``."""

    def json_schema(self) -> dict[str, Any]:
        return {"anyOf": [{"type": "array", "items": {"type": "string"}}, {"const": "schema"}]}


@register
class FrontmatterKeyOrder(Rule):
    """Flags top-level frontmatter keys that are not in the configured order:
    a list of keys, or the order of the schema's `properties` (the default,
    `order = "schema"`, which does nothing for a file without a schema).
    Keys the order does not name may sit anywhere and never move.

    ## Why
    When every page lists `title`, `description`, `pubDate` in the same
    order, a missing or misspelled key stands out in review, and diffs stay
    small.

    ## Example
    ```markdown
    ---
    $schema: builtin:astro-blog
    pubDate: 2024-03-21
    title: Hello
    description: First post
    ---
    ```

    ## Use instead
    ```markdown
    ---
    $schema: builtin:astro-blog
    title: Hello
    description: First post
    pubDate: 2024-03-21
    ---
    ```

    ## Fix
    Safe: the keys named by the order are swapped as whole blocks, with the
    comment lines just above them and their nested values, and nothing is
    re-serialised, so quoting and comments stay as written. No fix when the
    block uses YAML anchors or repeats a key, since moving keys could change
    what they mean.

    ## Options
    - `order`: a list of keys, or `"schema"` for the order of the schema's
      `properties`.
    """

    code = "FM102"
    name = "frontmatter-key-order"
    summary = "Top-level frontmatter keys out of the configured order"
    severity = Severity.WARNING
    fixable = Fixability.SAFE
    default_enabled = False
    @dataclass(frozen=True)
    class Options(RuleOptions):
        order: Union[tuple[str, ...], str] = option(
            "schema", 'Key order: a list of keys, or "schema" for the schema\'s properties', kind=OrderOption)

    def check(self, doc: Document, ctx: RuleContext[Options]) -> Iterable[Finding]:
        block = usable_block(doc)
        if block is None or not isinstance(block.data, dict) or block.key_tree is None:
            return
        order = self._order(doc, ctx)
        if not order:
            return
        rank = {key: i for i, key in enumerate(order)}
        entries = [e for e in block.key_tree.entries if e.key in rank]
        late: list[tuple[Entry, Entry]] = []  # (key out of place, the key it should precede)
        for i, entry in enumerate(entries):
            before = next((e for e in entries[:i] if rank[str(e.key)] > rank[str(entry.key)]), None)
            if before is not None:
                late.append((entry, before))
        if not late:
            return
        fix: Optional[Fix] = None
        blocks = key_blocks(doc, block, rank)
        if blocks is not None:
            start, end, text = reorder(doc.text, blocks, rank)
            fix = Fix.safe("Reorder the frontmatter keys", Edit(start, end, text))
        for entry, before in late:
            yield Finding(entry.key_start, entry.key_end, f"Key `{entry.key}` should come before `{before.key}`", fix)

    @staticmethod
    def _order(doc: Document, ctx: RuleContext[Options]) -> list[str]:
        order = ctx.options.order
        if order != "schema":
            return list(order)
        schema = resolution(doc, ctx).schema
        if schema is None:
            return []
        root, _ = schema.resolve(schema.contents)
        props = root.get("properties") if isinstance(root, dict) else None
        return [k for k in props if k != "$schema"] if isinstance(props, dict) else []
