from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, Iterable, Optional

from ...registry import Fixability, NoOptions, Rule, RuleContext, register
from ...violations import Edit, Finding, Fix, Severity
from ._common import KeyPath, bad_value_spans, resolution, show, usable_block
from ._readings import BOOL_WORDS, EXPONENT, LEADING_ZERO, accepted, typed_readings

if TYPE_CHECKING:  # jsonschema is imported only when a schema is compiled
    import yaml

    from ...schema.compile import Schema
    from ...document.document import Document

_TAG = "tag:yaml.org,2002:"
_STR_TAG = _TAG + "str"
# A text value _ambiguity can flag (`010`, `1e3`, `.5e3`) starts with one of
# these; the empty string is not one of them.
_NUMBER_STARTS = frozenset("+-.0123456789")
_DATE_FORMATS = {"date", "date-time"}


@register
class YamlAmbiguousValue(Rule):
    """Flags unquoted YAML values that mean different things to different
    parsers: YAML 1.1 (PyYAML, Jekyll, older Hugo) and YAML 1.2 (js-yaml in
    Astro and Eleventy, newer Hugo):

    - `yes`, `no`, `on`, `off`: booleans in YAML 1.1, text in YAML 1.2;
    - `010`: the octal number 8 in YAML 1.1, 10 in YAML 1.2 (and a zip code
      such as `02134` is a number in both);
    - `1e3`: text in YAML 1.1, the number 1000 in YAML 1.2;
    - `12:30`: the number 750 (base 60) in YAML 1.1, text in YAML 1.2;
    - an unquoted date such as `2024-03-21` where the file's schema wants
      text (it loads as a date object).

    ## Why
    The page looks right in the editor and wrong on the site: `country: NO`
    becomes `false`, `time: 12:30` becomes `750`, and the value changes again
    when the site moves to another generator.

    ## Example
    ```markdown
    ---
    country: NO
    ---
    ```

    ## Use instead
    ```markdown
    ---
    country: "NO"
    ---
    ```

    ## Fix
    Unsafe: quote the value, which keeps it as the text it reads as. When the
    file's schema wants a boolean or a number there (and not text), the fix
    writes that instead: `draft: yes` becomes `draft: true`, `count: 1e3`
    becomes `count: 1000`. No fix when the schema accepts both numbers a
    value such as `010` reads as (8 or 10).
    """

    code = "FM103"
    name = "yaml-ambiguous-value"
    summary = "Unquoted YAML value that parsers read differently (yes/no, 010, 1e3, 12:30, dates)"
    severity = Severity.WARNING
    fixable = Fixability.UNSAFE
    changes_frontmatter = True

    def check(self, doc: Document, ctx: RuleContext[NoOptions]) -> Iterable[Finding]:
        block = usable_block(doc)
        if block is None or block.format != "yaml" or block.yaml_node is None:
            return
        import yaml  # lazy: start-up time

        base = block.content_start
        bad = bad_value_spans(doc)
        stack: list[tuple[yaml.Node, KeyPath]] = [(block.yaml_node, ())]
        seen: set[int] = set()
        while stack:
            node, path = stack.pop()
            if id(node) in seen:
                continue
            seen.add(id(node))
            if isinstance(node, yaml.MappingNode):
                stack.extend((v, path + (k.value,)) for k, v in reversed(node.value) if isinstance(k, yaml.ScalarNode))
                continue
            if isinstance(node, yaml.SequenceNode):
                stack.extend((v, path + (i,)) for i, v in reversed(list(enumerate(node.value))))
                continue
            if not isinstance(node, yaml.ScalarNode) or node.style or not path:  # plain is None or ""
                continue
            if node.tag == _STR_TAG and node.value[:1] not in _NUMBER_STARTS:
                continue  # plain text: _ambiguity finds nothing (most values)
            if (base + node.start_mark.index, base + node.end_mark.index) in bad:
                continue  # FM002 reports it
            message = _ambiguity(node)
            # The schema is looked up only for a value that needs it (once per
            # document: the memo keeps it).
            if message is None and node.tag == _TAG + "timestamp":
                schema = resolution(doc, ctx).schema
                if schema is not None and _wants_text(schema, path):
                    message = f"{show(node.value)} reads as a date, but the schema wants text here; quote it"
            if message is not None:
                start, end = base + node.start_mark.index, base + node.end_mark.index
                fix = _fix(node, path, resolution(doc, ctx).schema, block.data, start, end)
                yield Finding(start, end, message, fix)


def _fix(node: yaml.ScalarNode, path: KeyPath, schema: Optional[Schema], data: Any,
         start: int, end: int) -> Optional[Fix]:
    """Quote the value, unless the schema accepts exactly one of its typed
    readings and not the text: then write that (`yes` → `true` for a
    boolean). No fix when it accepts several numbers (`010`: 8 or 10?)."""
    quoted = json.dumps(node.value, ensure_ascii=False)
    choices = [(node.value, quoted)] + typed_readings(node)
    ok = accepted(schema, data, path, [value for value, _ in choices]) if schema is not None and len(choices) > 1 else None
    if ok and 0 not in ok:
        if len(ok) > 1:
            return None
        written = choices[ok[0]][1]
        return Fix.unsafe(f"Write `{written}`, as the schema wants", Edit(start, end, written))
    return Fix.unsafe(f"Quote {show(node.value)}", Edit(start, end, quoted))


def _ambiguity(node: yaml.ScalarNode) -> Optional[str]:
    text, tag = node.value, node.tag[len(_TAG):] if node.tag.startswith(_TAG) else node.tag
    if tag == "bool" and BOOL_WORDS.match(text):
        loaded = "true" if text.lower() in ("yes", "on") else "false"
        return f"{show(text)} reads as `{loaded}` in YAML 1.1 and as text in YAML 1.2; quote it, or write `{loaded}`"
    if LEADING_ZERO.match(text):
        digits = text.replace("_", "").lstrip("+-")
        if tag == "int":
            return (f"{show(text)} reads as the octal number {int(digits, 8)} in YAML 1.1 and as "
                    f"{int(digits)} in YAML 1.2; quote it if it is text")
        return f"{show(text)} reads as text in YAML 1.1 and as the number {int(digits)} in YAML 1.2; quote it"
    if tag == "str" and EXPONENT.match(text) and any(c.isdigit() for c in text.split("e")[0].split("E")[0]):
        return f"{show(text)} reads as text in YAML 1.1 and as the number {float(text.replace('_', '')):g} in YAML 1.2; quote it"
    if tag in ("int", "float") and ":" in text:
        import yaml  # lazy: start-up time

        value = yaml.safe_load(text)
        return f"{show(text)} reads as the number {value:g} (base 60) in YAML 1.1 and as text in YAML 1.2; quote it"
    return None


def _wants_text(schema: Schema, path: KeyPath) -> bool:
    options = schema.subschemas_at(path)
    types = [s.get("type") for s in options if "type" in s]
    if any(s.get("format") in _DATE_FORMATS for s in options):
        return False
    return bool(types) and all(t == "string" or (isinstance(t, list) and "string" in t) for t in types)
