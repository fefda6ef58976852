from __future__ import annotations

import json
import re
from typing import Optional

import yaml

from ...registry import Fixability, Rule, register
from ...violations import Edit, Finding, Fix, Severity
from ._common import bad_value_spans, resolution, show, usable_block

_TAG = "tag:yaml.org,2002:"
_BOOL_WORDS = re.compile(r"(?:yes|Yes|YES|no|No|NO|on|On|ON|off|Off|OFF)\Z")
_LEADING_ZERO = re.compile(r"[-+]?0[0-9_]+\Z")
_EXPONENT = re.compile(r"[-+]?(?:[0-9][0-9_]*)?(?:\.[0-9_]*)?[eE][-+]?[0-9]+\Z")
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
    Unsafe: quote the value, which keeps it as the text it reads as. If a
    boolean or a number was meant, write `true`/`false` or the number instead.
    """

    code = "FM103"
    name = "yaml-ambiguous-value"
    summary = "Unquoted YAML value that parsers read differently (yes/no, 010, 1e3, 12:30, dates)"
    severity = Severity.WARNING
    fixable = Fixability.UNSAFE
    changes_frontmatter = True

    def check(self, doc, ctx):
        block = usable_block(doc)
        if block is None or block.format != "yaml" or block.yaml_node is None:
            return
        base = block.content_start
        bad = bad_value_spans(doc)
        schema = None
        stack: list[tuple[yaml.Node, tuple]] = [(block.yaml_node, ())]
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
            if (base + node.start_mark.index, base + node.end_mark.index) in bad:
                continue  # FM002 reports it
            message = _ambiguity(node)
            if message is None and node.tag == _TAG + "timestamp":
                if schema is None:
                    schema = resolution(doc, ctx).schema or False
                if schema and _wants_text(schema, path):
                    message = f"{show(node.value)} reads as a date, but the schema wants text here; quote it"
            if message is not None:
                start, end = base + node.start_mark.index, base + node.end_mark.index
                quoted = json.dumps(node.value, ensure_ascii=False)
                yield Finding(start, end, message, Fix.unsafe(f"Quote {show(node.value)}", Edit(start, end, quoted)))


def _ambiguity(node: yaml.ScalarNode) -> Optional[str]:
    text, tag = node.value, node.tag[len(_TAG):] if node.tag.startswith(_TAG) else node.tag
    if tag == "bool" and _BOOL_WORDS.match(text):
        loaded = "true" if text.lower() in ("yes", "on") else "false"
        return f"{show(text)} reads as `{loaded}` in YAML 1.1 and as text in YAML 1.2; quote it, or write `{loaded}`"
    if _LEADING_ZERO.match(text):
        digits = text.replace("_", "").lstrip("+-")
        if tag == "int":
            return (f"{show(text)} reads as the octal number {int(digits, 8)} in YAML 1.1 and as "
                    f"{int(digits)} in YAML 1.2; quote it if it is text")
        return f"{show(text)} reads as text in YAML 1.1 and as the number {int(digits)} in YAML 1.2; quote it"
    if tag == "str" and _EXPONENT.match(text) and any(c.isdigit() for c in text.split("e")[0].split("E")[0]):
        return f"{show(text)} reads as text in YAML 1.1 and as the number {float(text.replace('_', '')):g} in YAML 1.2; quote it"
    if tag in ("int", "float") and ":" in text:
        value = yaml.safe_load(text)
        return f"{show(text)} reads as the number {value:g} (base 60) in YAML 1.1 and as text in YAML 1.2; quote it"
    return None


def _wants_text(schema, path: tuple) -> bool:
    options = schema.subschemas_at(path)
    types = [s.get("type") for s in options if "type" in s]
    if any(s.get("format") in _DATE_FORMATS for s in options):
        return False
    return bool(types) and all(t == "string" or (isinstance(t, list) and "string" in t) for t in types)
