"""Each rule's options and severity are worked out once per rule set
(Config.rule_plan); every file still gets its configuration's severities,
and a file that per-file-ignores leave fewer rules gets only those."""
from __future__ import annotations

from pathlib import Path

from contentlint.config.loader import Config
from contentlint.document.document import Document
from contentlint.engine.lint import lint_document

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
