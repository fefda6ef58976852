"""contentlint runs in CI on pull requests from strangers: YAML is only ever
loaded safely, configuration cannot run code, nothing goes to the network
without ``--network``, redirects and names cannot reach private addresses,
and nothing from a file can drive the reader's terminal or the CI log."""
from __future__ import annotations

import ast
import asyncio
import json
import os
import shutil
import socket
from xml.etree import ElementTree
from pathlib import Path

import pytest

from hostile_support import check
from contentlint.config.catalogue import all_rules

SRC = Path(__file__).resolve().parents[2] / "src" / "contentlint"
ROOT = SRC.parents[1]
UNSAFE_YAML = {"Loader", "FullLoader", "UnsafeLoader", "CLoader", "CFullLoader", "CUnsafeLoader"}
SAFE_YAML = {"SafeLoader", "CSafeLoader", "BaseLoader", "CBaseLoader"}


def _yaml_problems(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    problems = []
    for node in ast.walk(tree):
        where = f"{path.relative_to(ROOT)}:{getattr(node, 'lineno', '?')}"
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "yaml":
            if node.attr in UNSAFE_YAML or node.attr in ("unsafe_load", "unsafe_load_all", "full_load", "full_load_all"):
                problems.append(f"{where}: yaml.{node.attr}")
            if node.attr in ("add_constructor", "add_multi_constructor"):
                problems.append(f"{where}: yaml.{node.attr} can make a safe loader unsafe")
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in ("load", "load_all"):
            if not (isinstance(node.func.value, ast.Name) and node.func.value.id == "yaml"):
                continue
            loader = next((k.value for k in node.keywords if k.arg == "Loader"), node.args[1] if len(node.args) > 1 else None)
            names = {n.attr if isinstance(n, ast.Attribute) else getattr(n, "id", None) for n in ast.walk(loader)} if loader else set()
            if not names & SAFE_YAML or names & UNSAFE_YAML:
                problems.append(f"{where}: yaml.{node.func.attr} without a safe Loader")
    return problems


def test_yaml_is_only_loaded_with_a_safe_loader():
    files = sorted(SRC.rglob("*.py"))
    assert len(files) > 30
    assert [p for f in files for p in _yaml_problems(f)] == []


def test_the_yaml_check_catches_what_it_should(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text(
        "import yaml\n"
        "a = yaml.load(s)\n"
        "b = yaml.load(s, Loader=yaml.Loader)\n"
        "c = yaml.unsafe_load(s)\n"
        "d = yaml.load(s, Loader=yaml.SafeLoader)\n"
        "yaml.add_constructor('!x', f, Loader=yaml.SafeLoader)\n"
    )
    original_root = globals()["ROOT"]
    globals()["ROOT"] = tmp_path
    try:
        found = _yaml_problems(bad)
    finally:
        globals()["ROOT"] = original_root
    assert sorted(p.split(": ", 1)[0] for p in found) == ["bad.py:2", "bad.py:3", "bad.py:3", "bad.py:4", "bad.py:6"]


def test_no_code_loading_or_pickle_in_the_package():
    for path in SRC.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
                assert node.func.id not in ("eval", "exec", "compile", "__import__"), f"{path}:{node.lineno}"
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                names = [a.name for a in node.names] + [getattr(node, "module", None) or ""]
                assert not {"pickle", "marshal", "shelve", "dill", "cloudpickle"} & set(names), f"{path}:{node.lineno}"


MARKER = "contentlint-config-ran-code"


@pytest.mark.parametrize("name, text, message", [
    ("contentlint.toml", f"import os; os.system('touch {MARKER}')\n", "contentlint.toml"),
    ("contentlint.toml", 'extends = "evil.py"\n', "evil.py"),
    ("contentlint.toml", f'select = ["__import__(\'os\').system(\'touch {MARKER}\')"]\n', "not a rule code"),
    ("pyproject.toml", f'[tool.contentlint]\nmax-file-size = "{{{{ exec(\'touch {MARKER}\') }}}}"\n', "max-file-size"),
    ("contentlint.toml", f'[rules.HD004]\npunctuation = {{ __class__ = "os.system", arg = "touch {MARKER}" }}\n', "punctuation"),
], ids=["python-as-config", "extends-a-python-file", "code-as-selector", "template-as-value", "object-as-option"])
def test_configuration_cannot_run_code(project, name, text, message):
    (project.root / "contentlint.toml").unlink()
    (project.root / "evil.py").write_text(f"open('{MARKER}', 'w').write('ran')\n")
    (project.root / name).write_text(text)
    project.write("post.md", "# Post\n")
    run = check("post.md")
    assert run.code == 2 and message in run.stderr, run.stderr
    assert "Traceback" not in run.stderr
    assert not (project.root / MARKER).exists()


class NetworkUsed(AssertionError):
    pass


@pytest.fixture
def no_network(monkeypatch):
    attempts = []

    def refuse(*args, **kwargs):
        attempts.append(args)
        raise NetworkUsed(f"network used: {args!r}")

    for name in ("socket", "create_connection", "getaddrinfo", "gethostbyname", "gethostbyname_ex"):
        monkeypatch.setattr(socket, name, refuse)
    return attempts


def _link_bearing_tree(root: Path) -> None:
    shutil.copytree(ROOT / "examples", root / "examples")
    shutil.copytree(ROOT / "tests" / "fixtures" / "rules", root / "fixtures")
    links = root / "links"
    links.mkdir()
    for i in range(30):
        (links / f"post{i}.md").write_text(
            f"---\ntitle: Post {i}\n$schema: https://schemas.example.com/post.json\n"
            f"hero: https://cdn.example.com/{i}.jpg\nlink: http://example.com/{i}\n---\n\n"
            f"# Post {i}\n\n![img](https://images.example.com/{i}.png) [a](http://10.0.0.1/{i}) "
            f"<https://example.org/{i}> [ref][r]\n\n[r]: https://example.net/{i}\n\n"
            f'<img src="https://cdn.example.com/{i}.webp">\n',
            encoding="utf-8",
        )


def test_no_socket_is_opened_without_network_by_any_rule(project, no_network):
    _link_bearing_tree(project.root)
    every_rule = ",".join(r.code for r in all_rules() if not r.code.startswith("CL"))
    run = check(".", "--select", every_rule, "--jobs", "1")  # in this process, where sockets are blocked
    assert no_network == []
    assert run.code in (0, 1) and "CL999" not in run.codes()
    assert len({f["path"] for f in run.findings}) > 30
    assert {"LK002", "LK006"} <= set(run.codes())


def test_a_remote_schema_is_not_fetched_without_network(project, no_network):
    project.write("post.md", "---\ntitle: x\n---\n")
    run = check("post.md", "--schema", "https://schemas.example.com/post.json")
    assert no_network == []
    assert run.code == 2 and "--network" in run.stderr


def test_a_remote_ref_inside_a_local_schema_is_not_fetched_without_network(project, no_network):
    (project.root / "schema.json").write_text('{"$ref": "https://schemas.example.com/base.json"}')
    project.write("post.md", "---\ntitle: x\n---\n")
    run = check("post.md", "--schema", "schema.json")
    assert no_network == []
    assert run.code == 2 and "--network" in run.stderr and "Traceback" not in run.stderr


def test_redirect_to_a_name_resolving_into_a_private_range_is_refused(project, monkeypatch):
    """SSRF: a public-looking URL answers with a redirect to a name that the
    (stubbed) resolver maps into 10.0.0.0/8. The hop is refused before any
    connection; the checker only ever connects to the first server."""
    from net.server import CountingServer, Routes, image
    from contentlint.net import check as netcheck
    routes = Routes()
    routes.add("/hero.jpg", lambda m, n: (302, {"Location": "http://intranet.example.test/admin.jpg"}, b"", 0))
    routes.add("/ok.jpg", image)
    connections = []
    real_connect = socket.socket.connect
    monkeypatch.setattr(socket.socket, "connect", lambda self, a: (connections.append(a), real_connect(self, a))[1])

    async def resolver(host, port):
        return {"cdn.example.test": ["127.0.0.1"], "intranet.example.test": ["10.1.2.3"]}[host]

    monkeypatch.setattr(netcheck, "system_resolver", resolver)
    with CountingServer(routes) as server:
        project.config('network = true\n[links]\ntimeout = 1\nallow-private = ["127.0.0.0/8"]\n')
        project.write("post.md", f"---\ntitle: x\nhero: http://cdn.example.test:{server.port}/hero.jpg\n---\n")
        run = check("post.md", "--select", "LK004,LK006")
        assert server.total == 1, run.stderr + run.stdout
    lk006 = run.only("LK006")
    assert lk006["line"] == 3
    assert "intranet.example.test" in lk006["message"] and "10.1.2.3" in lk006["message"]
    assert {addr[0] for addr in connections} == {"127.0.0.1"}


ESCAPES = ["\x1b[2J", "\x1b]8;;http://evil.example\x07", "\x07", "\r", "\u202e", "\x9b31m"]
NASTY_POST = (
    "---\ntitle: Post \x1b[2J\n---\n\n"
    "## Heading \x1b[2J\x1b]8;;http://evil.example\x07click\x1b]8;;\x07:\n\n"
    "Text \x1b[31mred\x1b[0m and \u202eevil\r overwritten \x07 bell \x9b31m\n\n"
    "## Dup \x1b[2J\n\n## Dup \x1b[2J\n\n%0A::error::injected\n"
)


def _terminal_safe(output: str) -> None:
    for seq in ESCAPES:
        assert seq not in output, f"raw {seq!r} in output"
    assert not [c for c in output if ord(c) < 32 and c not in "\n\t"], "raw control character in output"


@pytest.fixture
def nasty(project):
    project.write("post.md", NASTY_POST)
    project.write("evil\x1b[2J\x07.md", "## H:\n")
    project.write("new\nline::warning file=x::pwned.md", "## H:\n")
    return project


def test_console_output_escapes_content_and_file_names(nasty):
    run = check(".", "--no-color", fmt="console")
    _terminal_safe(run.stdout + run.stderr)
    assert "\\x1b[2J" in run.stdout and "evil\\x1b[2J\\x07.md" in run.stdout
    assert "new\\x0aline::warning" in run.stdout


def test_console_output_with_fixes_shown_and_statistics(nasty):
    # --statistics prints only the counts, so the two flags are seen in two runs.
    run = check(".", "--show-fixes", fmt="console")
    stats = check(".", "--statistics", fmt="console")
    _terminal_safe(run.stdout + run.stderr + stats.stdout + stats.stderr)
    # The escaping must hold in the parts these flags add, so they must be there.
    assert "fix: Remove `U+001B`" in run.stdout and "    12  TX004  control-character  [*]" in stats.stdout


def test_github_annotations_cannot_be_injected(nasty):
    run = check(".", fmt="github")
    _terminal_safe(run.stdout)
    lines = run.stdout.splitlines()
    assert lines and all(line.startswith(("::error ", "::warning ")) for line in lines)
    files = {line.split("file=", 1)[1].split(",", 1)[0] for line in lines}
    assert files == {"post.md", "evil\\x1b[2J\\x07.md", "new\\x0aline%3A%3Awarning file=x%3A%3Apwned.md"}
    assert not any("::error::injected" in line.split("::", 2)[2][:20] for line in lines)


@pytest.mark.parametrize("fmt", ["json", "sarif", "junit", "gitlab"])
def test_machine_formats_carry_no_raw_control_characters(nasty, fmt):
    run = check(".", fmt=fmt)
    _terminal_safe(run.stdout)
    if fmt == "junit":
        failures = ElementTree.fromstring(run.stdout).iter("failure")
    else:
        failures = json.loads(run.stdout)
        failures = failures["runs"][0]["results"] if fmt == "sarif" else failures
    # Every finding is there: escaping must not drop the nasty ones.
    assert len(list(failures)) == len(check(".").findings) > 0
