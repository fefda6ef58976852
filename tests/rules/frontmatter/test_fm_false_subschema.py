"""A key the schema forbids outright (`"legacy": false` under `properties`):
jsonschema's error for a `false` subschema names no key (its `descend`
returns before adding the path), so FM101 said "does not satisfy the
schema's `None` rule" at the frontmatter's first line. The finding belongs
on the key's own line, once per key, also through a `$ref`."""
from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from contentlint.cli.main import main

SCHEMA = {
    "type": "object",
    "properties": {"title": {"type": "string"}, "legacy": False, "old": False, "meta": {"$ref": "#/$defs/meta"}},
    "$defs": {"meta": {"type": "object", "properties": {"legacy": False}}},
}


def lint(tmp_path: Path, frontmatter: str) -> list[tuple[int, int, str]]:
    (tmp_path / "schema.json").write_text(json.dumps(SCHEMA), encoding="utf-8")
    (tmp_path / "post.md").write_text(f"---\n{frontmatter}---\n\nBody.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--isolated", "--no-cache", "--select", "FM101", "--format", "json",
                                       "--schema", str(tmp_path / "schema.json"), str(tmp_path / "post.md")])
    assert result.exit_code in (0, 1), result.output
    return [(f["line"], f["column"], f["message"]) for f in json.loads(result.stdout)]


def test_each_forbidden_key_is_reported_on_its_own_line(tmp_path):
    found = lint(tmp_path, "title: Hi\nlegacy: 1\nold: 1\nmeta:\n  legacy: x\n")
    assert found == [
        (3, 1, "`legacy` is not allowed by the schema"),
        (4, 1, "`old` is not allowed by the schema"),
        (6, 3, "`meta.legacy` is not allowed by the schema"),
    ]


def test_two_forbidden_keys_with_one_value_are_two_findings_not_four(tmp_path):
    found = lint(tmp_path, "legacy: same\nold: same\n")
    assert [line for line, _, _ in found] == [2, 3]


def test_a_valid_document_gives_nothing(tmp_path):
    assert lint(tmp_path, "title: Hi\nmeta:\n  other: 1\n") == []
