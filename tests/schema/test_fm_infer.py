"""`contentlint schema infer`: a schema inferred from a folder validates that
folder with zero findings, and its options do what they say."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from contentlint.api import run_check
from contentlint.cli.main import main
from contentlint.engine.lint import Settings
from contentlint.schema.infer import infer

ROOT = Path(__file__).resolve().parents[2]
CORPORA = ROOT.parent / "shared" / "corpora"

POSTS = {
    "a.md": "---\ntitle: A\nlayout: post\npubDate: 2024-01-15\ntags: [x, y]\nurl: https://example.com/a\ndraft: false\n---\n",
    "b.md": "---\ntitle: B\nlayout: post\npubDate: \"2024-02-01\"\ntags: []\nurl: https://example.com/b\nweight: 2\n---\n",
    "c.md": "---\ntitle: C\nlayout: page\npubDate: 2024-03-01\nurl: https://example.com/c\nweight: 2.5\n"
            "author: {name: Ada, links: [one]}\n---\n",
    "d.md": '+++\ntitle = "D"\nlayout = "page"\npubDate = 2024-04-01\nurl = "https://example.com/d"\ndraft = true\n+++\n',
}


@pytest.fixture
def folder(tmp_path):
    for name, text in POSTS.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    (tmp_path / "README.md").write_text("# No frontmatter here\n", encoding="utf-8")
    return tmp_path


def _infer(folder: Path, *args: str) -> tuple[dict, str]:
    result = CliRunner().invoke(main, ["schema", "infer", str(folder), "--isolated", *args])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout), result.stderr


def _fm101(folder: Path, schema: Path, exclude=("README.md",)):
    result, _ = run_check([str(folder)], Settings(schema=str(schema), no_cache=True), isolated=True,
                          overrides={"select": ["FM101"], "exclude": list(exclude)})
    return [(v.path, v.line, v.message) for v in result.violations]


def test_inferred_schema_round_trips(folder, tmp_path):
    schema, err = _infer(folder)
    assert "1 file(s) without frontmatter were left out" in err
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    props = schema["properties"]
    assert schema["required"] == ["title", "layout", "pubDate", "url"]
    assert props["layout"] == {"type": "string", "enum": ["page", "post"]}
    assert props["pubDate"] == {"type": "string", "format": "date"}
    assert props["url"] == {"type": "string", "format": "uri"}
    assert props["tags"] == {"type": "array", "items": {"type": "string"}}
    assert props["weight"] == {"type": "number"}
    assert props["author"]["properties"]["links"] == {"type": "array", "items": {"type": "string"}}
    assert "enum" not in props["title"]  # distinct values are not a choice list
    path = tmp_path / "inferred.json"
    path.write_text(json.dumps(schema), encoding="utf-8")
    assert _fm101(folder, path) == []


def test_required_threshold_and_max_enum_and_strict(folder, tmp_path):
    schema, _ = _infer(folder, "--required-threshold", "50%", "--max-enum", "0", "--strict")
    assert schema["required"] == ["title", "layout", "pubDate", "tags", "url", "draft", "weight"]
    assert "enum" not in schema["properties"]["layout"]
    assert schema["additionalProperties"] is False
    assert schema["properties"]["author"]["additionalProperties"] is False
    path = tmp_path / "strict.json"
    path.write_text(json.dumps(schema), encoding="utf-8")
    (folder / "e.md").write_text("---\ntitle: E\nlayout: post\npubDate: 2024-05-01\nurl: https://e.example\n"
                                 "colour: red\n---\n", encoding="utf-8")
    messages = [m for _, _, m in _fm101(folder, path)]
    assert any("Unexpected key `colour`" in m for m in messages)
    assert any("Missing required key `draft`" in m for m in messages)


def test_output_file(folder, tmp_path):
    out = tmp_path / "out" / "s.json"
    out.parent.mkdir()
    result = CliRunner().invoke(main, ["schema", "infer", str(folder), "--isolated", "--output", str(out)])
    assert result.exit_code == 0 and result.stdout == ""
    assert json.loads(out.read_text(encoding="utf-8"))["properties"]["title"] == {"type": "string"}


def test_bad_threshold_is_a_usage_error(folder):
    result = CliRunner().invoke(main, ["schema", "infer", str(folder), "--required-threshold", "lots"])
    assert result.exit_code == 2


def test_nothing_to_infer_from(tmp_path):
    (tmp_path / "x.md").write_text("no frontmatter\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["schema", "infer", str(tmp_path), "--isolated"])
    assert result.exit_code == 2 and "no file with frontmatter" in result.stderr


def test_mixed_types_become_unions():
    schema = infer([{"a": 1, "b": "x"}, {"a": "one", "b": None}, {"a": 2.5}])
    assert schema["properties"]["a"] == {"type": ["number", "string"]}
    assert schema["properties"]["b"]["type"] == ["null", "string"]
    assert schema["required"] == ["a"]


def test_schema_list_names_the_bundled_schemas():
    result = CliRunner().invoke(main, ["schema", "list"])
    assert result.exit_code == 0 and "builtin:astro-blog" in result.output


@pytest.mark.skipif(not CORPORA.is_dir(), reason=f"the shared corpora are not on this machine ({CORPORA})")
@pytest.mark.parametrize("corpus", ["astro-docs/src/content/docs/en/guides", "ruby-lang/en"])
def test_round_trip_on_real_content(corpus, tmp_path):
    folder = CORPORA / corpus
    schema, _ = _infer(folder, "--strict")
    path = tmp_path / "inferred.json"
    path.write_text(json.dumps(schema), encoding="utf-8")
    assert _fm101(folder, path, exclude=()) == []
