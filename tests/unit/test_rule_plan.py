"""Each rule's options and severity are worked out once per rule set
(Config.rule_plan), yet a live configuration whose rule entry is replaced
is seen by the next lint, as rule_options always saw it."""
from __future__ import annotations

from contentlint.config.loader import Config
from contentlint.document.document import Document
from contentlint.engine.lint import lint_document


def _severities(config: Config) -> list[str]:
    doc = Document.from_bytes("a.md", b"---\ntitle: A\n---\n\n# A\n\n### Skipped a level\n")
    violations, _ = lint_document(doc, config, "a.md")
    return [v.severity.value for v in violations if v.code == "HD001"]


def test_a_replaced_rule_entry_changes_the_next_lint(tmp_path):
    config = Config(root=tmp_path)
    config.select = ["HD001"]
    assert _severities(config) == ["error"]
    config.rule_settings["HD001"] = {"severity": "warning", "options": {}}
    assert _severities(config) == ["warning"]
    config.rule_settings["HD001"] = {"options": {}}
    assert _severities(config) == ["error"]
