"""One Python process, several runs (an editor integration, a watch loop):
each run sees the files as they are when it starts."""
from __future__ import annotations

import json
from pathlib import Path

import contentlint

ASTRO_SCHEMA = {
    "$ref": "#/definitions/blog",
    "definitions": {"blog": {"type": "object", "required": ["title"]}},
    "$schema": "http://json-schema.org/draft-07/schema#",
}


def _missing_title(result) -> list[str]:
    return [v.path for v in result.violations if v.code == "FM101" and "`title`" in v.message]


def test_an_astro_schema_written_after_the_first_run_is_used_by_the_next(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    post = tmp_path / "src" / "content" / "blog" / "post.md"
    post.parent.mkdir(parents=True)
    post.write_text("---\ndraft: true\n---\n\nText.\n", encoding="utf-8")
    config = {"select": ["FM101"]}
    assert _missing_title(contentlint.lint_paths([str(tmp_path)], config=config)) == []

    schema = tmp_path / ".astro" / "collections" / "blog.schema.json"  # what `astro sync` writes
    schema.parent.mkdir(parents=True)
    schema.write_text(json.dumps(ASTRO_SCHEMA), encoding="utf-8")
    found = _missing_title(contentlint.lint_paths([str(tmp_path)], config=config))
    assert [Path(p).name for p in found] == ["post.md"]

    schema.unlink()
    assert _missing_title(contentlint.lint_paths([str(tmp_path)], config=config)) == []
