"""`contentlint init --from-markdownlint`: a markdownlint configuration becomes
the equivalent contentlint selection and options, through the CLI."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from contentlint.cli import main
from contentlint.cli.from_markdownlint import strip_jsonc
from contentlint.config.loader import load_config
from contentlint.config.markdownlint import EQUIVALENT, RULES
from properties.prop_support import budget

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

PARITY = Path(__file__).resolve().parents[1] / "fixtures" / "parity" / "parity.toml"
HEAD = "---\ntitle: Post\n---\n\n"


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def enabled(root: Path) -> set[str]:
    return {r.code for r in load_config(start=root).enabled_rules}


def test_jsonc_with_comments_options_severity_and_title_key(tmp_path, monkeypatch):
    (tmp_path / ".markdownlint.jsonc").write_text("""// team settings
{
  "default": true,
  "MD013": false, /* long lines are fine */
  "no-trailing-punctuation": { "punctuation": ".,;:" },
  "MD024": { "siblings_only": false },
  "MD003": { "style": "atx", "severity": "warning" },
  "first-line-heading": false,
  "MD025": { "front_matter_title": "^\\\\s*heading\\\\s*[:=]" },
  "MD033": { "allowed_elements": ["br"] },
  "made-up": true,
}
""", encoding="utf-8")
    result = run("init", str(tmp_path), "--from-markdownlint")
    assert result.exit_code == 0, result.output
    assert "MD026/no-trailing-punctuation      -> HD004 heading-trailing-punctuation (punctuation = \".,;:\")" in result.output
    assert "MD041/first-line-h1                off -> ignore HD008 first-heading-level" in result.output
    assert "no equivalent (configured): MD033/no-inline-html" in result.output
    assert "not markdownlint rules, skipped: `made-up`" in result.output
    config = load_config(start=tmp_path)
    assert "HD008" not in enabled(tmp_path) and {"HD004", "HD005", "HD009"} <= enabled(tmp_path)
    assert config.rule_settings["HD004"]["options"] == {"punctuation": ".,;:"}
    assert config.rule_settings["HD005"]["options"] == {"siblings-only": False}
    assert config.rule_settings["HD009"] == {"options": {"style": "atx"}, "severity": "warning"}
    assert config.settings["title-key"] == "heading"
    # and the check behaves as markdownlint did: `!` is allowed now, `:` is not
    (tmp_path / "post.md").write_text("---\nheading: Post\n---\n\n## Done!\n\n## Steps:\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    found = json.loads(run("check", "--no-cache", "--format", "json", "post.md").stdout)
    assert [(v["code"], v["line"]) for v in found] == [("HD004", 7)]


def test_cli2_yaml_config_key_default_false_and_ignores(tmp_path, monkeypatch):
    (tmp_path / ".markdownlint-cli2.yaml").write_text(
        "config:\n  default: false\n  MD026: warning\nignores:\n  - vendor/**\nnoProgress: true\n", encoding="utf-8")
    (tmp_path / "vendor").mkdir()
    (tmp_path / "vendor" / "x.md").write_text(HEAD + "## Theirs:\n", encoding="utf-8")
    (tmp_path / "post.md").write_text(HEAD + "### Skipped level:\n", encoding="utf-8")
    result = run("init", str(tmp_path), "--from-markdownlint")
    assert result.exit_code == 0, result.output
    assert "ignores -> extend-exclude" in result.output
    assert "markdownlint-cli2 settings with no equivalent: `noProgress`" in result.output
    on = enabled(tmp_path)
    # only MD026 was on in markdownlint; contentlint's own families keep their defaults
    assert not on & (set(EQUIVALENT.values()) - {"HD004"})
    assert "HD004" in on and {"TX001", "FM002", "LK001", "HD003"} <= on
    monkeypatch.chdir(tmp_path)
    found = json.loads(run("check", "--no-cache", "--format", "json", ".").stdout)
    assert [(v["path"], v["code"], v["severity"]) for v in found] == [("post.md", "HD004", "warning")]


@pytest.mark.parametrize("name", [".markdownlint.json", ".markdownlint.yaml", ".markdownlint.yml"])
def test_a_named_file_in_any_format_and_tags(tmp_path, name):
    source = tmp_path / "elsewhere" / name
    source.parent.mkdir()
    text = json.dumps({"headings": False}) if name.endswith(".json") else "headings: false\n"
    source.write_text(text, encoding="utf-8")
    site = tmp_path / "site"
    site.mkdir()
    result = run("init", str(site), f"--from-markdownlint={source}")
    assert result.exit_code == 0, result.output
    heading_equivalents = {c for md, c in EQUIVALENT.items() if "headings" in RULES[md][1]}
    assert heading_equivalents and not enabled(site) & heading_equivalents
    assert "TX005" in enabled(site)  # MD047 is tagged blank_lines, not headings


def test_extends_is_followed(tmp_path):
    (tmp_path / "base.json").write_text('{"MD026": {"punctuation": "!"}, "MD001": false}', encoding="utf-8")
    (tmp_path / ".markdownlint.json").write_text('{"extends": "base.json", "MD001": true}', encoding="utf-8")
    assert run("init", str(tmp_path), "--from-markdownlint").exit_code == 0
    config = load_config(start=tmp_path)
    assert config.rule_settings["HD004"]["options"] == {"punctuation": "!"} and "HD001" in enabled(tmp_path)


@pytest.mark.parametrize("files, message", [
    ({}, "no markdownlint configuration in"),
    ({".markdownlint.json": "{nope"}, ".markdownlint.json: not valid JSON"),
    ({".markdownlint.yaml": "- a list\n"}, "a markdownlint configuration is an object of rules"),
    ({".markdownlint-cli2.cjs": "module.exports = {}"}, "is JavaScript, which contentlint cannot read"),
])
def test_unreadable_markdownlint_configuration_exits_2(tmp_path, files, message):
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    result = run("init", str(tmp_path), "--from-markdownlint")
    assert result.exit_code == 2 and message in result.stderr
    assert not (tmp_path / "contentlint.toml").exists()


def test_mapping_agrees_with_the_parity_fixtures():
    cases = tomllib.loads(PARITY.read_text(encoding="utf-8"))["case"]
    pairs = {(c["markdownlint_rule"], c["contentlint_rule"]) for c in cases}
    assert pairs <= set(EQUIVALENT.items())


_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(alphabet='ab/*,]}"\\ \n'),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(alphabet="ab/*,"), inner, max_size=3),
    max_leaves=10,
)


@budget(200)
@given(_json)
def test_jsonc_reader_leaves_plain_json_alone(value):
    """`//`, `/*`, commas and brackets inside strings are data, not comments."""
    text = json.dumps(value)
    assert json.loads(strip_jsonc(text)) == value
    commented = "// note\n" + text.replace("[", "[ /* c */", 1) + " // end"
    assert json.loads(strip_jsonc(commented)) == value


def test_into_pyproject_and_never_over_an_existing_configuration(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "site"\n', encoding="utf-8")
    (tmp_path / ".markdownlint.json").write_text('{"MD026": {"punctuation": "!"}, "MD001": false}', encoding="utf-8")
    assert run("init", str(tmp_path), "--from-markdownlint").exit_code == 0
    data = tomllib.loads((tmp_path / "pyproject.toml").read_text(encoding="utf-8"))
    assert data["project"] == {"name": "site"}
    assert data["tool"]["contentlint"]["ignore"] == ["HD001"]
    assert data["tool"]["contentlint"]["rules"] == {"heading-trailing-punctuation": {"punctuation": "!"}}
    again = run("init", str(tmp_path), "--from-markdownlint")
    assert again.exit_code == 2 and "already holds a contentlint configuration" in again.stderr


def test_markdownlint_options_win_over_the_frameworks_in_one_table(tmp_path):
    import shutil

    site = tmp_path / "docusaurus"
    shutil.copytree(Path(__file__).resolve().parents[1] / "fixtures" / "frameworks" / "docusaurus", site)
    (site / ".markdownlint.json").write_text('{"MD026": {"punctuation": ".:"}}', encoding="utf-8")
    result = run("init", str(site), "--from-markdownlint", "--no-pyproject")
    assert result.exit_code == 0, result.output
    text = (site / "contentlint.toml").read_text(encoding="utf-8")
    assert text.count("[rules.heading-trailing-punctuation]") == 1
    assert load_config(start=site).rule_settings["HD004"]["options"] == {"punctuation": ".:"}
    assert "punctuation from .markdownlint.json, not Docusaurus's default" in result.output
