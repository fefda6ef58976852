"""Rule documentation rendered from the registry (``contentlint rule``, docs/rules.md)."""
from __future__ import annotations

from ..document.lines import LineIndex
from ..document.native import build
from ..registry import Rule
from ..config.catalogue import all_rules


def _demote(text: str, prefix: str) -> str:
    """Each ATX heading of ``text`` one or more levels down (``prefix`` more
    `#`), found by the Markdown parser: a `## ` line inside a code fence is
    an example, not a section, and stays as written."""
    lines = text.split("\n")
    for heading in build(text, LineIndex(text)).headings:
        if not heading.setext:
            line = lines[heading.line]
            at = line.index("#")
            lines[heading.line] = line[:at] + prefix + line[at:]
    return "\n".join(lines)


def rule_markdown(rule: type[Rule], heading: str = "#") -> str:
    lines = [f"{heading} {rule.code} `{rule.name}`", "", f"{rule.summary}.", ""]
    lines.append(
        f"Family: {rule.family()} · default severity: {rule.severity.value} · fix: {rule.fixable} · "
        f"enabled by default: {'yes' if rule.default_enabled else 'no'}"
    )
    lines.append("")
    doc = _demote(rule.doc(), heading)
    lines.append(doc)
    if rule.options:
        lines += ["", f"{heading}## Option defaults", "", "| option | type | default | meaning |", "|---|---|---|---|"]
        for o in rule.options:
            lines.append(f"| `{o.name}` | {o.type.__name__} | `{o.default!r}` | {o.help} |")
    return "\n".join(lines) + "\n"


def rules_markdown() -> str:
    parts = [
        "# contentlint rules",
        "",
        "Generated from the rule docstrings by `python -m contentlint.cli.rule_docs > docs/rules.md`; a test fails when it is stale.",
        "",
        "| code | name | summary | fix |",
        "|---|---|---|---|",
    ]
    rules = all_rules()
    for r in rules:
        parts.append(f"| {r.code} | `{r.name}` | {r.summary} | {r.fixable} |")
    parts.append("")
    for r in rules:
        parts.append(rule_markdown(r, heading="##"))
    return "\n".join(parts)


if __name__ == "__main__":
    import sys

    sys.stdout.write(rules_markdown())
