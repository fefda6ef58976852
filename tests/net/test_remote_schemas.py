"""Remote `$ref`s and `$schema` URLs go through the URL checker's client:
the address rules and allow-lists, checked redirects, size and time limits,
the cache, and never in an offline run unless `remote-schemas = "always"`.
`file:` references stay inside the project. Every refusal is checked
against a real server on 127.0.0.1 that must receive no request."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from contentlint.schema import store as schema_store
from contentlint.cli.main import main

from .server import BIG, CountingServer, Routes
from .silent import SilentServer

TITLE = {"$defs": {"title": {"type": "string", "minLength": 3}}}


def _json(body) -> tuple:
    data = json.dumps(body).encode()
    return 200, {"Content-Type": "application/schema+json"}, data, 0


@pytest.fixture
def schemas():
    routes = Routes()
    routes.add("/defs.json", lambda m, n: _json(TITLE))
    routes.add("/post.json", lambda m, n: _json({"type": "object", "required": ["author"]}))
    routes.add("/big.json", lambda m, n: (200, {"Content-Type": "application/json"}, BIG, 0))
    with CountingServer(routes) as srv:
        yield srv


class Site:
    def __init__(self, root: Path, monkeypatch):
        self.root = root
        monkeypatch.chdir(root)
        schema_store.clear_caches()  # each run here is a new process in real life
        self.config()
        self.post()

    def config(self, text: str = "") -> None:
        (self.root / "contentlint.toml").write_text('select = ["FM101"]\n' + text, encoding="utf-8")

    def schema(self, ref: str, name: str = "schema.json") -> Path:
        path = self.root / name
        path.write_text(json.dumps({"properties": {"title": {"$ref": ref}}}), encoding="utf-8")
        return path

    def post(self, frontmatter: str = "title: ab\n") -> None:
        (self.root / "post.md").write_text(f"---\n{frontmatter}---\n\nText.\n", encoding="utf-8")

    def check(self, *args: str):
        schema_store.clear_caches()
        result = CliRunner().invoke(main, ["check", "--format", "json", *args, "post.md"])
        assert "Traceback" not in result.output
        return result


@pytest.fixture
def site(tmp_path, monkeypatch):
    root = tmp_path / "site"
    root.mkdir()
    return Site(root, monkeypatch)


def codes(result) -> list[tuple[str, int]]:
    return [(f["code"], f["line"]) for f in json.loads(result.stdout)]


@pytest.mark.parametrize("host,words", [
    ("127.0.0.1:{port}", "`127.0.0.1` is a loopback address"),
    ("localhost:{port}", "`localhost` is a loopback address"),
    ("[::ffff:127.0.0.1]:{port}", "is a loopback address"),
    ("169.254.169.254", "`169.254.169.254` is a link-local address"),
    ("10.0.0.1", "`10.0.0.1` is a private address"),
    ("[fec0::1]", "is a site-local address"),
])
def test_a_ref_to_a_refused_address_is_a_config_error_and_never_requested(site, schemas, connections, host, words):
    ref = f"http://{host.format(port=schemas.port)}/defs.json"
    site.schema(ref)
    result = site.check("--network", "--schema", "schema.json")
    assert result.exit_code == 2, result.output
    assert "schema schema.json: `$ref`" in result.output and ref in result.output
    assert "was not requested" in result.output and words in result.output
    assert schemas.total == 0
    assert connections == []


def test_a_name_resolving_to_a_private_address_is_refused(site, schemas, connections, monkeypatch):
    from contentlint.net import check as netcheck
    async def resolver(host, port):
        return ["10.1.2.3"]

    monkeypatch.setattr(netcheck, "system_resolver", resolver)
    site.schema(f"http://schemas.example.test:{schemas.port}/defs.json")
    result = site.check("--network", "--schema", "schema.json")
    assert result.exit_code == 2
    assert "`schemas.example.test` resolves to `10.1.2.3`, a private address" in result.output
    assert connections == [] and schemas.total == 0


def test_every_redirect_hop_is_checked(site, schemas, monkeypatch):
    """The allowed host answers with a redirect to a loopback literal that is
    not allowed: the second hop is never requested."""
    from contentlint.net import check as netcheck
    async def resolver(host, port):
        return ["127.0.0.1"]

    monkeypatch.setattr(netcheck, "system_resolver", resolver)
    schemas.routes.add("/moved.json", lambda m, n: (302, {"Location": f"{schemas.base}/defs.json"}, b"", 0))
    site.config('[links]\nallow-hosts = ["schemas.example.test"]\n')
    site.schema(f"http://schemas.example.test:{schemas.port}/moved.json")
    result = site.check("--network", "--schema", "schema.json")
    assert result.exit_code == 2
    assert f"it redirects to `{schemas.base}/defs.json`, where `127.0.0.1` is a loopback address" in result.output
    assert dict(schemas.hits) == {"/moved.json": 1}


def test_an_allowed_ref_is_fetched_once_and_cached_like_url_results(site, schemas):
    site.config('[links]\nallow-hosts = ["127.0.0.1"]\n')
    site.schema(f"{schemas.base}/defs.json#/$defs/title")
    assert codes(site.check("--network", "--schema", "schema.json")) == [("FM101", 2)]
    assert dict(schemas.hits) == {"/defs.json": 1}
    assert codes(site.check("--network", "--schema", "schema.json")) == [("FM101", 2)]
    assert dict(schemas.hits) == {"/defs.json": 1}  # from the cache
    assert codes(site.check("--schema", "schema.json")) == [("FM101", 2)]  # offline: the kept copy, no request
    assert dict(schemas.hits) == {"/defs.json": 1}
    site.check("--network", "--no-cache", "--schema", "schema.json")
    assert dict(schemas.hits) == {"/defs.json": 2}  # --no-cache asks again

    # The copy was fetched under an allow-list that no longer holds: not used.
    site.config()
    result = site.check("--network", "--schema", "schema.json")
    assert result.exit_code == 2 and "`127.0.0.1` is a loopback address" in result.output
    assert dict(schemas.hits) == {"/defs.json": 2}


def test_offline_runs_fetch_only_when_remote_schemas_is_always(site, schemas, connections):
    site.schema(f"{schemas.base}/defs.json#/$defs/title")
    site.config('[links]\nallow-hosts = ["127.0.0.1"]\n')
    result = site.check("--schema", "schema.json")
    assert result.exit_code == 2
    assert "is remote and is only fetched with --network" in result.output
    assert schemas.total == 0 and connections == []

    site.config('remote-schemas = "always"\n[links]\nallow-hosts = ["127.0.0.1"]\n')
    assert codes(site.check("--no-cache", "--schema", "schema.json")) == [("FM101", 2)]
    assert dict(schemas.hits) == {"/defs.json": 1}

    # "always" lifts the offline rule, not the address rules
    site.config('remote-schemas = "always"\n')
    result = site.check("--no-cache", "--schema", "schema.json")
    assert result.exit_code == 2 and "is a loopback address" in result.output
    assert dict(schemas.hits) == {"/defs.json": 1}


def test_remote_schemas_never_turns_them_off_even_with_network(site, schemas):
    site.config('remote-schemas = "never"\n[links]\nallow-hosts = ["127.0.0.1"]\n')
    site.schema(f"{schemas.base}/defs.json")
    result = site.check("--network", "--schema", "schema.json")
    assert result.exit_code == 2
    assert 'remote schemas are turned off (`remote-schemas = "never"`)' in result.output
    assert schemas.total == 0


def test_remote_schemas_setting_is_validated(site):
    site.config('remote-schemas = "sometimes"\n')
    result = site.check()
    assert result.exit_code == 2
    assert "remote-schemas" in result.output and "`always`" in result.output


def test_a_ref_larger_than_the_limit_is_refused_without_reading_it_all(site, schemas):
    site.config('[links]\nallow-hosts = ["127.0.0.1"]\n')
    site.schema(f"{schemas.base}/big.json")
    result = site.check("--network", "--no-cache", "--schema", "schema.json")
    assert result.exit_code == 2
    assert "larger than 5,242,880 bytes" in result.output and "/big.json" in result.output
    assert schemas.body_bytes_sent < BIG


def test_a_ref_to_a_server_that_never_answers_ends_at_the_deadline(tmp_path):
    with SilentServer() as silent:
        (tmp_path / "contentlint.toml").write_text(
            'select = ["FM101"]\n[links]\nallow-hosts = ["127.0.0.1"]\ntimeout = 30\nretries = 3\nurl-deadline = 1\n',
            encoding="utf-8")
        ref = f"{silent.base}/defs.json"
        (tmp_path / "schema.json").write_text(json.dumps({"properties": {"title": {"$ref": ref}}}), encoding="utf-8")
        (tmp_path / "post.md").write_text("---\ntitle: ab\n---\n", encoding="utf-8")
        proc = subprocess.run(
            [sys.executable, "-m", "contentlint", "check", "--network", "--no-cache", "--schema", "schema.json", "post.md"],
            cwd=tmp_path, capture_output=True, text=True, timeout=60, env=dict(os.environ, NO_COLOR="1"),
        )
        assert silent.accepted >= 1
    assert proc.returncode == 2
    assert f"schema schema.json: `$ref` '{ref}'" in proc.stderr
    assert "no answer within the 1 s allowed per URL" in proc.stderr
    assert "Traceback" not in proc.stderr


@pytest.mark.parametrize("layout", ["parent", "absolute", "symlink"])
def test_file_refs_outside_the_project_are_refused(site, layout):
    outside = site.root.parent / "outside"
    outside.mkdir()
    secret = outside / "defs.json"
    secret.write_text(json.dumps(TITLE), encoding="utf-8")
    if layout == "parent":
        ref = "../outside/defs.json"
    elif layout == "absolute":
        ref = secret.as_uri()
    else:
        (site.root / "linked.json").symlink_to(secret)
        ref = "linked.json"
    site.schema(ref + "#/$defs/title")
    result = site.check("--schema", "schema.json")
    assert result.exit_code == 2
    assert f"schema schema.json: `$ref` '{ref}#/$defs/title' at `/properties/title`" in result.output
    assert "is outside the project" in result.output


def test_file_refs_inside_the_project_still_work(site):
    (site.root / "parts").mkdir()
    (site.root / "parts" / "defs.json").write_text(json.dumps(TITLE), encoding="utf-8")
    site.schema("parts/defs.json#/$defs/title")
    assert codes(site.check("--schema", "schema.json")) == [("FM101", 2)]


def test_a_schema_key_outside_the_project_is_a_finding(site):
    outside = site.root.parent / "elsewhere.json"
    outside.write_text(json.dumps({"required": ["x"]}), encoding="utf-8")
    site.post("title: ab\n$schema: ../elsewhere.json\n")
    result = site.check()
    assert result.exit_code == 1
    found = json.loads(result.stdout)
    assert [(f["code"], f["line"]) for f in found] == [("FM101", 3)]
    assert "Schema file `../elsewhere.json` named by `$schema` is outside the project" in found[0]["message"]


def test_a_refused_schema_key_url_is_a_finding_and_never_requested(site, schemas, connections):
    site.post(f"title: ab\n$schema: {schemas.base}/post.json\n")
    result = site.check("--network")
    assert result.exit_code == 1, result.output
    found = json.loads(result.stdout)
    assert [(f["code"], f["line"]) for f in found] == [("FM101", 3)]
    assert "Remote schema named by `$schema` cannot be used" in found[0]["message"]
    assert "`127.0.0.1` is a loopback address" in found[0]["message"]
    assert schemas.total == 0 and connections == []

    site.config('[links]\nallow-hosts = ["127.0.0.1"]\n')  # allowed: fetched and applied
    found = json.loads(site.check("--network").stdout)
    assert [f["message"] for f in found] == ["Missing required key `author`"]
    assert dict(schemas.hits) == {"/post.json": 1}


def test_the_url_checker_is_the_only_http_client_in_the_package():
    """A fetch that bypasses netcheck bypasses the address rules too."""
    import ast

    src = Path(__file__).resolve().parents[2] / "src" / "contentlint"
    clients = {"urllib.request", "http.client", "httpx", "httpcore", "requests", "aiohttp", "urllib3"}
    found = []
    for path in sorted(src.rglob("*.py")):
        if path.relative_to(src).as_posix() == "net/check.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
            found += [f"{path.relative_to(src)}:{node.lineno} {n}" for n in names if n in clients]
    assert found == []


def test_results_cached_offline_are_not_reused_when_remote_schemas_may_be_fetched(site, schemas):
    """The result cache must not hand a --network run the result of an
    offline run, which could not apply the file's remote `$schema`."""
    site.config('[links]\nallow-hosts = ["127.0.0.1"]\n')
    site.post(f"title: ab\n$schema: {schemas.base}/post.json\n")
    assert codes(site.check()) == []  # offline: checked without its schema
    assert schemas.total == 0
    found = json.loads(site.check("--network").stdout)
    assert [f["message"] for f in found] == ["Missing required key `author`"]
    assert dict(schemas.hits) == {"/post.json": 1}
