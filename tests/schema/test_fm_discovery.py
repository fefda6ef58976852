"""Which schema a file gets (--schema > $schema > config globs > Astro > none),
how schemas load (drafts, local $refs, remote $refs), and schema errors as
configuration errors (exit 2)."""
from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner

from contentlint.schema import store as schema_store
from contentlint.cli.main import main
from contentlint.config.loader import ConfigError
from helpers.frontmatter import lint, where


def _write(path: Path, data) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return path


def _requires(key: str) -> dict:
    return {"type": "object", "required": [key]}


@pytest.fixture
def project(tmp_path):
    _write(tmp_path / "schemas" / "cli.json", _requires("from_cli"))
    _write(tmp_path / "schemas" / "key.json", _requires("from_key"))
    _write(tmp_path / "schemas" / "glob.json", _requires("from_glob"))
    # What `astro sync` writes: draft-07, a root $ref into definitions.
    _write(tmp_path / ".astro" / "collections" / "blog.schema.json", {
        "$ref": "#/definitions/blog",
        "definitions": {"blog": {
            "type": "object",
            "properties": {"title": {"type": "string"}, "pubDate": {"type": "string", "format": "date-time"},
                           "$schema": {"type": "string"}},
            "required": ["title", "pubDate"],
            "additionalProperties": False,
        }},
        "$schema": "http://json-schema.org/draft-07/schema#",
    })
    return tmp_path


def _missing(project, text, **kw):
    post = _write(project / "src" / "content" / "blog" / "post.md", text)
    found = lint(post.read_bytes(), root=project, abs_path=post, path="src/content/blog/post.md", **kw)
    return sorted(m.split("`")[1] for c, _, _, m in found if c == "FM101" and m.startswith("Missing"))


GLOBS = {"schemas": {"src/content/**": "schemas/glob.json"}}


def test_precedence(project):
    with_key = "---\n$schema: ../../../schemas/key.json\n---\n"
    plain = "---\nx: 1\n---\n"
    assert _missing(project, with_key, schema=str(project / "schemas" / "cli.json"), config=GLOBS) == ["from_cli"]
    assert _missing(project, with_key, config=GLOBS) == ["from_key"]
    assert _missing(project, plain, config=GLOBS) == ["from_glob"]
    assert _missing(project, plain) == ["pubDate", "title"]  # Astro's generated schema
    (project / ".astro" / "collections" / "blog.schema.json").unlink()
    schema_store.clear_caches()
    assert _missing(project, plain) == []


def test_first_matching_glob_wins(project):
    config = {"schemas": {"src/content/blog/*.md": "schemas/key.json", "src/**": "schemas/glob.json"}}
    assert _missing(project, "---\nx: 1\n---\n", config=config) == ["from_key"]


def test_astro_date_only_value_is_not_a_date_time_error(project):
    for value in ("2024-03-21", '"2024-03-21"', "2024-03-21T10:00:00Z", "2024-03-21 10:00"):
        assert _missing(project, f"---\ntitle: T\npubDate: {value}\n---\n") == []
        post = project / "src" / "content" / "blog" / "post.md"
        assert lint(post.read_bytes(), root=project, abs_path=post) == [], value
    post = _write(project / "src" / "content" / "blog" / "post.md", "---\ntitle: T\npubDate: 21/03/2024\n---\n")
    assert where(lint(post.read_bytes(), root=project, abs_path=post)) == [("FM101", 3, 1)]


def test_schema_key_is_not_validated_as_data(project):
    post = _write(project / "src" / "content" / "blog" / "post.md",
                  "---\n$schema: ../../../.astro/collections/blog.schema.json\ntitle: T\npubDate: 2024-03-21\n---\n")
    assert lint(post.read_bytes(), root=project, abs_path=post) == []


def test_schema_key_problems_are_findings_at_the_key(project):
    post = _write(project / "p.md", "---\ntitle: T\n$schema: missing.json\n---\n")
    found = lint(post.read_bytes(), root=project, abs_path=post)
    assert found == [("FM101", 3, 1, "Schema file `missing.json` named by `$schema` does not exist")]
    post = _write(project / "p.md", "---\n$schema: builtin:nope\n---\n")
    assert "No bundled schema `builtin:nope`" in lint(post.read_bytes(), root=project, abs_path=post)[0][3]


def test_remote_schema_key_without_network_means_no_schema(project):
    post = _write(project / "p.md", "---\n$schema: https://schemas.example.invalid/post.json\n---\n")
    assert lint(post.read_bytes(), root=project, abs_path=post) == []


def test_relative_refs_resolve_next_to_the_schema_file(tmp_path):
    _write(tmp_path / "schemas" / "shared" / "defs.json", {"$defs": {"date": {"type": "string", "format": "date"}}})
    _write(tmp_path / "schemas" / "blog" / "parts.json", {"$defs": {"post": {
        "type": "object", "required": ["title"], "properties": {"pubDate": {"$ref": "../shared/defs.json#/$defs/date"}}}}})
    main_schema = _write(tmp_path / "schemas" / "blog" / "main.json", {"$ref": "parts.json#/$defs/post"})
    found = lint("---\npubDate: 21/03/2024\n---\n", root=tmp_path, schema=str(main_schema))
    assert where(found) == [("FM101", 1, 1), ("FM101", 2, 1)]
    assert "must be a date (YYYY-MM-DD)" in found[1][3]


@pytest.mark.parametrize("draft, applies", [
    ("http://json-schema.org/draft-07/schema#", False),  # draft-07 ignores keywords beside $ref
    ("https://json-schema.org/draft/2019-09/schema", True),
    (None, True),  # 2020-12 by default
])
def test_the_schema_selects_its_draft(tmp_path, draft, applies):
    schema = {"$ref": "#/definitions/base", "definitions": {"base": {"type": "object"}}, "required": ["title"]}
    if draft:
        schema["$schema"] = draft
    path = _write(tmp_path / "s.json", schema)
    assert bool(lint("---\nx: 1\n---\n", root=tmp_path, schema=str(path))) is applies


@pytest.mark.parametrize("schema, words", [
    ({"type": "strng"}, "invalid at `/type`"),
    ({"properties": {"a": {"$ref": "#/$defs/missing"}}}, "`$ref` '#/$defs/missing' at `/properties/a`"),
    ({"properties": {"a": {"$ref": "nowhere.json"}}}, "`$ref` 'nowhere.json' at `/properties/a`"),
    ({"$schema": "https://example.com/my-dialect"}, "unsupported `$schema`"),
    ("{not json", "is not valid JSON"),
])
def test_broken_schemas_are_configuration_errors(tmp_path, schema, words):
    path = _write(tmp_path / "broken.json", schema)
    with pytest.raises(ConfigError) as info:
        lint("---\na: 1\n---\n", root=tmp_path, schema=str(path))
    assert str(path.name) in str(info.value) and words in str(info.value)


def test_broken_schema_exits_2_naming_file_and_pointer(tmp_path, monkeypatch):
    _write(tmp_path / "broken.json", {"properties": {"title": {"type": "text"}}})
    _write(tmp_path / "post.md", "---\ntitle: a\n---\n")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["check", "--isolated", "--no-cache", "--schema", "broken.json", "post.md"])
    assert result.exit_code == 2
    assert "broken.json" in result.output and "/properties/title/type" in result.output


def test_missing_schema_file_exits_2(tmp_path, monkeypatch):
    _write(tmp_path / "post.md", "---\ntitle: a\n---\n")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["check", "--isolated", "--no-cache", "--schema", "nope.json", "post.md"])
    assert result.exit_code == 2 and "nope.json" in result.output


def test_verbose_says_which_schema_each_file_got(tmp_path, monkeypatch):
    _write(tmp_path / "contentlint.toml", '[schemas]\n"docs/**" = "builtin:mkdocs-page"\n')
    _write(tmp_path / "docs" / "a.md", "---\ntitle: A\n---\n")
    _write(tmp_path / "other.md", "---\ntitle: B\n---\n")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["check", "--no-cache", "--verbose", "."])
    assert "schema for docs/a.md: builtin:mkdocs-page (schemas glob `docs/**`)" in result.output
    assert "schema for other.md: no schema" in result.output


class _Schemas(BaseHTTPRequestHandler):
    hits = 0

    def do_GET(self):  # noqa: N802 - http.server's name
        type(self).hits += 1
        body = json.dumps({"$defs": {"title": {"type": "string", "minLength": 3}}}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/schema+json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def schema_server():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Schemas)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


def test_remote_refs_only_with_network_then_cached_on_disk(tmp_path, schema_server):
    path = _write(tmp_path / "s.json", {"properties": {"title": {"$ref": f"{schema_server}/defs.json#/$defs/title"}}})
    with pytest.raises(ConfigError, match="--network"):
        lint("---\ntitle: ab\n---\n", root=tmp_path, schema=str(path))
    assert _Schemas.hits == 0
    doc = "---\ntitle: ab\n---\n"
    from contentlint.document.document import Document
    from contentlint.engine.lint import Settings, lint_document
    from helpers.frontmatter import make_config

    def run(network: bool):
        schema_store.clear_caches()
        # The server is on 127.0.0.1: refused like any loopback URL unless allowed.
        config = make_config(tmp_path, {"links": {"allow-hosts": ["127.0.0.1"]}})
        violations, _ = lint_document(Document.from_bytes("p.md", doc.encode()), config, "p.md",
                                      Settings(schema=str(path), network=network))
        return [(v.code, v.line) for v in violations]

    assert run(network=True) == [("FM101", 2)]
    assert _Schemas.hits == 1
    cached = list((tmp_path / ".contentlint_cache" / "schemas").glob("*.json"))
    assert len(cached) == 1
    assert run(network=False) == [("FM101", 2)]  # from the disk cache, offline
    assert _Schemas.hits == 1


def test_files_of_one_folder_share_its_schema_but_not_each_others_keys(project, monkeypatch):
    """Schema discovery is worked out once per folder and run: a file's own
    `$schema` key, another folder and another run still get their own answer
    (through the CLI, one run over every file)."""
    blog = project / "src" / "content" / "blog"
    _write(blog / "a.md", "---\ntitle: A\n---\n")
    _write(blog / "b.md", "---\n$schema: ../../../schemas/key.json\ntitle: B\n---\n")
    _write(blog / "c.md", "---\ntitle: C\n---\n")
    _write(project / "src" / "content" / "docs" / "d.md", "---\ntitle: D\n---\n")
    monkeypatch.chdir(project)  # the project root of an --isolated run
    runner = CliRunner()

    def missing():
        result = runner.invoke(main, ["check", str(project / "src"), "--isolated", "--no-cache", "--select", "FM101",
                                      "--format", "json"])
        assert result.exit_code in (0, 1), result.output
        return sorted((Path(v["path"]).name, v["message"].split("`")[1]) for v in json.loads(result.output))

    assert missing() == [("a.md", "pubDate"), ("b.md", "from_key"), ("c.md", "pubDate")]
    _write(project / ".astro" / "collections" / "docs.schema.json", _requires("from_docs"))
    assert missing() == [("a.md", "pubDate"), ("b.md", "from_key"), ("c.md", "pubDate"), ("d.md", "from_docs")]
