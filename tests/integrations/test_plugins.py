"""Third-party rules through the `contentlint.rules` entry-point group.

The example distribution in tests/fixtures/plugin is installed for real (pip,
into a temporary folder put on PYTHONPATH); broken and clashing plugins are
small hand-written distributions (a module plus a ``.dist-info`` with
``entry_points.txt``), which is all importlib.metadata reads. Each scenario
runs contentlint in a subprocess, since the registry loads plugins once per
process.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PLUGIN = ROOT / "tests" / "fixtures" / "plugin"
POST = "---\ntitle: Post\n---\n\nIntro. TODO: finish this.\n\n```\nTODO in code is fine\n```\n\nCafÃ© au lait.\n"


@pytest.fixture(scope="module")
def installed_plugin(tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("plugin-site")
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-build-isolation",
         "--no-index", "--target", str(target), str(PLUGIN)],
        check=True, capture_output=True, text=True,
    )
    assert list(target.glob("contentlint_example_plugin-1.0.0.dist-info/entry_points.txt"))
    return target


def make_dist(site: Path, dist: str, module: str, source: str, entry: str) -> None:
    """A minimal installed distribution: ``module.py`` and its dist-info."""
    site.mkdir(parents=True, exist_ok=True)
    (site / f"{module}.py").write_text(textwrap.dedent(source), encoding="utf-8")
    info = site / f"{dist.replace('-', '_')}-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {dist}\nVersion: 1.0\n", encoding="utf-8")
    (info / "entry_points.txt").write_text(f"[contentlint.rules]\n{entry}\n", encoding="utf-8")


def rule_source(code: str, name: str) -> str:
    return f'''
        from contentlint.registry import Rule

        class Plugged(Rule):
            """Flags nothing.

            ## Why
            Tests.

            ## Example
            ```markdown
            x
            ```

            ## Use instead
            ```markdown
            x
            ```

            ## Fix
            None.
            """
            code = "{code}"
            name = "{name}"
            summary = "Flags nothing"

            def check(self, doc, ctx):
                return ()
    '''


def contentlint(cwd: Path, *args: str, path: list[Path]) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(str(p) for p in path)
    env.pop("GITHUB_ACTIONS", None)
    return subprocess.run([sys.executable, "-m", "contentlint", *args], cwd=cwd, env=env, capture_output=True, text=True)


@pytest.fixture
def site(tmp_path) -> Path:
    (tmp_path / "post.md").write_text(POST, encoding="utf-8")
    return tmp_path


def test_installed_plugin_rule_runs_with_the_built_ins(site, installed_plugin):
    run = contentlint(site, "check", "--isolated", "--format", "json", "post.md", path=[installed_plugin])
    findings = [(f["code"], f["line"], f["severity"], f["message"]) for f in json.loads(run.stdout)]
    assert ("XY001", 5, "warning", "Text contains the marker `TODO`") in findings
    assert any(code == "TX001" for code, *_ in findings), "built-in rules still run"
    assert sum(code == "XY001" for code, *_ in findings) == 1, "not inside the code block"
    assert run.stderr == ""


def test_plugin_rule_is_listed_with_its_distribution(site, installed_plugin):
    listed = json.loads(contentlint(site, "rules", "--format", "json", path=[installed_plugin]).stdout)
    entry = next(r for r in listed if r["code"] == "XY001")
    assert entry["distribution"] == "contentlint-example-plugin"
    assert entry["name"] == "todo-marker" and entry["family"] == "plugin" and entry["enabled"] is True
    assert entry["options"] == [{"name": "markers", "type": "list", "default": ["TODO", "FIXME"], "help": "Words that count as markers"}]
    assert next(r for r in listed if r["code"] == "TX001")["distribution"] == "contentlint"

    table = contentlint(site, "rules", path=[installed_plugin]).stdout.splitlines()
    assert table[0].split()[-1] == "distribution"
    row = next(line for line in table if line.startswith("XY001"))
    assert row.split() == ["XY001", "todo-marker", "plugin", "none", "yes", "contentlint-example-plugin"]
    doc = contentlint(site, "rule", "todo-marker", path=[installed_plugin])
    assert doc.returncode == 0 and doc.stdout.startswith("# XY001 `todo-marker`") and "## Why" in doc.stdout


def test_plugin_rule_is_selected_and_configured_like_built_ins(site, installed_plugin):
    (site / "contentlint.toml").write_text(
        'select = ["XY"]\n[rules.todo-marker]\nseverity = "error"\nmarkers = ["finish"]\n', encoding="utf-8"
    )
    run = contentlint(site, "check", "--format", "json", "post.md", path=[installed_plugin])
    assert run.returncode == 1
    assert [(f["code"], f["message"], f["severity"]) for f in json.loads(run.stdout)] == [
        ("XY001", "Text contains the marker `finish`", "error")
    ]
    ignored = contentlint(site, "check", "--format", "json", "--ignore", "todo-marker", "post.md", path=[installed_plugin])
    assert ignored.returncode == 0 and json.loads(ignored.stdout) == []

    (site / "contentlint.toml").write_text('[rules.XY001]\nmarker = ["x"]\n', encoding="utf-8")
    bad = contentlint(site, "check", "post.md", path=[installed_plugin])
    assert bad.returncode == 2 and "unknown key `rules.XY001.marker`" in bad.stderr


def test_inline_directives_apply_to_plugin_rules(site, installed_plugin):
    (site / "post.md").write_text(
        "---\ntitle: Post\n---\n\n<!-- contentlint-disable-next-line XY001 -->\nTODO here.\n\nFIXME there.\n", encoding="utf-8"
    )
    run = contentlint(site, "check", "--isolated", "--format", "json", "--select", "XY001", "post.md", path=[installed_plugin])
    assert [f["line"] for f in json.loads(run.stdout)] == [8]


def test_broken_plugins_are_reported_and_the_built_ins_still_run(site, installed_plugin, tmp_path):
    broken = tmp_path / "broken-site"
    make_dist(broken, "needs-numpy", "needs_numpy", "raise ImportError('No module named numpy')\n", "numpy_rules = needs_numpy:RULES")
    make_dist(broken, "bad-code", "bad_code", rule_source("X1", "bad-code"), "bad = bad_code:Plugged")
    make_dist(broken, "squatter", "squatter", rule_source("HD099", "squatting"), "squat = squatter:Plugged")
    make_dist(broken, "not-a-rule", "not_a_rule", "def helper():\n    pass\n", "helper = not_a_rule:helper")

    run = contentlint(site, "check", "--isolated", "--format", "json", "post.md", path=[broken, installed_plugin])
    assert run.returncode == 1
    codes = {f["code"] for f in json.loads(run.stdout)}
    assert {"TX001", "XY001"} <= codes and "HD099" not in codes
    warnings = [line for line in run.stderr.splitlines() if line.startswith("contentlint: warning: plugin")]
    assert len(warnings) == 4, run.stderr
    text = "\n".join(warnings)
    assert "`numpy_rules` from needs-numpy was not loaded: ImportError: No module named numpy" in text
    assert "`bad` from bad-code was not loaded" in text and "code `X1` is not two to four capital letters" in text
    assert "`squat` from squatter was not loaded: code HD099 uses a prefix reserved for built-in rules" in text
    assert "`helper` from not-a-rule was not loaded" in text and "not a contentlint Rule subclass" in text

    rules = contentlint(site, "rules", path=[broken])
    assert rules.returncode == 0 and "TX001" in rules.stdout and "needs-numpy" in rules.stderr


def test_two_distributions_claiming_one_code_is_a_configuration_error(site, tmp_path):
    plugins = tmp_path / "clash-site"
    make_dist(plugins, "alpha-rules", "alpha_rules", rule_source("QQ001", "alpha-check"), "alpha = alpha_rules:Plugged")
    make_dist(plugins, "beta-rules", "beta_rules", rule_source("QQ001", "beta-check"), "beta = beta_rules:Plugged")
    for args in (["check", "--isolated", "post.md"], ["rules"], ["rule", "QQ001"]):
        run = contentlint(site, *args, path=[plugins])
        assert run.returncode == 2, (args, run.stdout, run.stderr)
        assert "rule QQ001 is defined twice" in run.stderr
        assert "alpha-rules" in run.stderr and "beta-rules" in run.stderr
        assert "Traceback" not in run.stderr


def test_a_plugin_reusing_a_built_in_name_names_both_distributions(site, tmp_path):
    plugins = tmp_path / "name-site"
    make_dist(plugins, "copycat", "copycat", rule_source("QQ002", "mojibake"), "copy = copycat:Plugged")
    run = contentlint(site, "check", "--isolated", "post.md", path=[plugins])
    assert run.returncode == 2
    assert "rule mojibake is defined twice: by contentlint" in run.stderr and "by copycat" in run.stderr


def test_python_api_reports_plugin_problems_as_messages(site, tmp_path):
    broken = tmp_path / "api-site"
    make_dist(broken, "needs-numpy", "needs_numpy", "raise ImportError('No module named numpy')\n", "n = needs_numpy:RULES")
    probe = "import contentlint; r = contentlint.lint_text('x\\n', config={}); print(r.messages)"
    env = dict(os.environ, PYTHONPATH=str(broken))
    out = subprocess.run([sys.executable, "-c", probe], cwd=site, env=env, capture_output=True, text=True, check=True).stdout
    assert "warning: plugin `n` from needs-numpy was not loaded" in out
