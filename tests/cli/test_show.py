"""Settings you can see: `check --show-settings FILE`, `check --show-files`,
and "did you mean" for misspelt configuration keys, rule codes and names."""
from __future__ import annotations

import json
import os

import pytest
from click.testing import CliRunner

from contentlint.cli import main

POST = "---\ntitle: x\n---\n\n## **Bold:**\n"


def invoke(*args, cwd=None):
    runner = CliRunner()
    old = os.getcwd()
    if cwd is not None:
        os.chdir(cwd)
    try:
        return runner.invoke(main, list(args), catch_exceptions=False)
    finally:
        os.chdir(old)


@pytest.fixture
def sites(tmp_path):
    """A project whose config extends a shared base, with a nested site that has its own."""
    (tmp_path / "base.toml").write_text('select = ["HD", "TX"]\n[rules.HD004]\npunctuation = ":"\n')
    (tmp_path / "contentlint.toml").write_text(
        'extends = "base.toml"\nextend-exclude = ["drafts/"]\n[per-file-ignores]\n"notes/*.md" = ["HD003"]\n'
        '[rules.heading-emphasis]\nseverity = "warning"\n[links]\nstatic-folders = ["assets"]\n')
    (tmp_path / "assets").mkdir()
    for rel in ("posts/a.md", "notes/n.md", "drafts/d.md", "nested/b.md", "ignored.md", "posts/pic.png"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(POST)
    (tmp_path / "nested" / "contentlint.toml").write_text('select = ["TX005"]\n')
    (tmp_path / ".gitignore").write_text("ignored.md\n")
    return tmp_path


def show_settings(root, file, *extra):
    result = invoke("check", "--show-settings", file, "--format", "json", *extra, cwd=root)
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_show_settings_names_the_config_chain_rules_options_and_severities(sites):
    data = show_settings(sites, "posts/a.md")
    assert data["project_root"] == str(sites)
    assert data["configuration_files"] == [str(sites / "contentlint.toml"), str(sites / "base.toml")]
    rules = {r["code"]: r for r in data["rules"]}
    assert set(rules) == {r for r in rules if r.startswith(("HD", "TX"))} and "HD003" in rules
    assert rules["HD003"]["severity"] == "warning" and rules["HD004"]["options"]["punctuation"] == ":"
    assert data["static_folders"] == [{"folder": "assets", "exists": True}]
    assert data["schema"] == "no schema"


def test_show_settings_is_per_file(sites):
    notes = show_settings(sites, "notes/n.md")
    assert "HD003" in notes["rules_off_for_this_file"] and "HD003" not in {r["code"] for r in notes["rules"]}
    nested = show_settings(sites, "nested/b.md")
    assert nested["configuration_files"] == [str(sites / "nested" / "contentlint.toml")]
    assert [r["code"] for r in nested["rules"]] == ["TX005"]
    # The command line's selection is part of the resolved settings.
    cli = show_settings(sites, "posts/a.md", "--ignore", "TX")
    assert not any(r["code"].startswith("TX") for r in cli["rules"])


def test_show_settings_as_text(sites):
    result = invoke("check", "--show-settings", "posts/a.md", cwd=sites)
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert f"configuration: {sites / 'contentlint.toml'}" in lines
    assert f"  extends: {sites / 'base.toml'}" in lines
    assert any(line.split()[:3] == ["HD003", "heading-emphasis", "warning"] for line in lines)
    assert "static folders: assets" in lines


def test_show_files_lists_what_is_checked_and_why_the_rest_is_not(sites, tmp_path_factory):
    elsewhere = tmp_path_factory.mktemp("elsewhere") / "secret.md"
    elsewhere.write_text(POST)
    os.symlink(elsewhere, sites / "posts" / "outside.md")
    os.mkfifo(sites / "posts" / "pipe.md")
    (sites / "node_modules").mkdir()
    result = invoke("check", "--show-files", "--format", "json", cwd=sites)
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    checked = {c["path"]: c.get("note") for c in data["checked"]}
    assert set(checked) == {"posts/a.md", "posts/outside.md", "posts/pipe.md", "notes/n.md", "nested/b.md"}
    assert "outside the checked folders" in checked["posts/outside.md"]
    assert "not a regular file" in checked["posts/pipe.md"]
    reasons = {s["path"]: s["reason"] for s in data["skipped"]}
    assert "exclude" in reasons["drafts"]
    assert ".gitignore" in reasons["ignored.md"]
    assert "not Markdown" in reasons["posts/pic.png"]
    assert "always skipped" in reasons["node_modules"]
    text = invoke("check", "--show-files", cwd=sites).output
    assert "  posts/pic.png: not matched by `include` (not Markdown)" in text.splitlines()
    assert "5 file(s) would be checked." in text


@pytest.mark.parametrize("toml, hint", [
    ('selct = ["HD"]\n', "unknown key `selct` (did you mean `select`?)"),
    ('[rules.heading-emphasys]\nseverity = "warning"\n', "unknown key `rules.heading-emphasys` (did you mean `heading-emphasis`?)"),
    ('[rules.HD004]\npunctuaton = ":"\n', "unknown key `rules.HD004.punctuaton` (did you mean `punctuation`?)"),
    ('select = ["mojibak"]\n', "`select` names `mojibak`, which is not a rule code, prefix or name (did you mean `mojibake`?)"),
    ('ignore = ["HD0003"]\n', "(did you mean `HD003`?)"),
])
def test_config_typos_get_a_suggestion(tmp_path, toml, hint):
    (tmp_path / "contentlint.toml").write_text(toml)
    (tmp_path / "post.md").write_text(POST)
    result = invoke("check", ".", cwd=tmp_path)
    assert result.exit_code == 2
    assert hint in result.output


def test_command_line_selectors_and_rule_names_get_a_suggestion(tmp_path):
    (tmp_path / "post.md").write_text(POST)
    result = invoke("check", ".", "--isolated", "--select", "heading-emfasis", cwd=tmp_path)
    assert result.exit_code == 2 and "(did you mean `heading-emphasis`?)" in result.output
    rule = invoke("rule", "mojibak")
    assert rule.exit_code == 2 and "no rule named `mojibak` (did you mean `mojibake`?)" in rule.output
    far = invoke("rule", "zzzzzzzz")
    assert far.exit_code == 2 and "did you mean" not in far.output


def test_show_settings_names_the_detected_framework_when_there_is_no_config_file(tmp_path):
    (tmp_path / "astro.config.mjs").write_text("export default {}\n")
    (tmp_path / "src" / "content" / "blog").mkdir(parents=True)
    (tmp_path / "src" / "content" / "blog" / "a.md").write_text(POST)
    data = show_settings(tmp_path, "src/content/blog/a.md")
    assert data["configuration_files"] == [] and data["detected_framework"].startswith("Astro")
    assert show_settings(tmp_path, "src/content/blog/a.md", "--isolated")["detected_framework"] is None
