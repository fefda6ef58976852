"""Each rule's options and severity are worked out once per rule set
(Config.rule_plan); every file still gets its configuration's severities,
and a file that per-file-ignores leave fewer rules gets only those."""
from __future__ import annotations

from pathlib import Path

from contentlint.config.catalogue import all_rules
from contentlint.config.loader import Config
from contentlint.document.document import Document
from contentlint.engine.lint import lint_document
from contentlint.registry import RuleContext

TEXT = b"---\ntitle: A\n---\n\n# A\n\n### Skipped a level\n\n## Trailing:\n"


def _found(config: Config, path: str) -> list[tuple[str, str]]:
    violations, _ = lint_document(Document.from_bytes(path, TEXT), config, path)
    return sorted((v.code, v.severity.value) for v in violations if v.code in ("HD001", "HD004"))


def test_severities_and_per_file_ignores_hold_for_every_file(tmp_path: Path) -> None:
    config = Config.from_table({"select": ["HD001", "HD004"], "rules": {"HD001": {"severity": "warning"}},
                                "per-file-ignores": {"quiet/*.md": ["HD004"]}}, root=tmp_path)
    for _ in range(2):  # the second time from the memo
        assert _found(config, "a.md") == [("HD001", "warning"), ("HD004", "error")]
        assert _found(config, "quiet/b.md") == [("HD001", "warning")]
    other = Config.from_table({"select": ["HD001", "HD004"]}, root=tmp_path)
    assert _found(other, "a.md") == [("HD001", "error"), ("HD004", "error")]


def test_rules_with_equal_options_share_a_context_and_each_reads_its_own(tmp_path: Path, monkeypatch) -> None:
    codes = ("HD001", "HD004", "HD005", "TX004")
    rules = {rule.code: rule for rule in all_rules() if rule.code in codes}
    seen: dict[str, RuleContext] = {}

    def spy(code, original):
        def check(self, doc, ctx):
            seen[code] = ctx
            return original(self, doc, ctx)
        return check

    for code, rule in rules.items():
        monkeypatch.setattr(rule, "check", spy(code, rule.check))
    config = Config.from_table({"select": list(codes), "rules": {"HD005": {"siblings-only": False}}}, root=tmp_path)
    lint_document(Document.from_bytes("a.md", TEXT), config, "a.md")
    plan = {rule.code: options for rule, options, _ in config.rule_plan(config.rules_for("a.md"))}
    assert set(seen) == set(codes)
    for code in codes:
        assert seen[code].options == plan[code]  # each rule its own options
    assert seen["HD005"].options.siblings_only is False
    # equal options (no options, say): one context; different ones: one each
    for a in codes:
        for b in codes:
            assert (seen[a] is seen[b]) == (plan[a] == plan[b]), (a, b)
    assert sum(1 for a in codes for b in codes if a != b and seen[a] is seen[b]) >= 2
    assert len({id(ctx.file) for ctx in seen.values()}) == 1  # one file context per pass
