"""docs/configuration.md: every configuration key, generated from the code."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib
from click.testing import CliRunner

from contentlint.cli import main
from contentlint.config.loader import _schema, load_config
from contentlint.cli.config_docs import UNDOCUMENTED, configuration_markdown, type_of
from contentlint.config.catalogue import all_rules
from contentlint.net.settings import LinkSettings

ROOT = Path(__file__).resolve().parents[2]
PAGE = configuration_markdown()
TOML = re.compile(r"^```toml\n(.*?)^```", re.S | re.M)


def test_docs_configuration_md_is_up_to_date():
    current = (ROOT / "docs" / "configuration.md").read_text(encoding="utf-8")
    assert current == PAGE, "docs/configuration.md is stale: run `python -m contentlint.cli.config_docs > docs/configuration.md`"


def test_the_generator_runs_as_the_page_says():
    run = subprocess.run([sys.executable, "-m", "contentlint.cli.config_docs"], capture_output=True, text=True, check=True)
    assert run.stdout == PAGE


def test_every_key_validation_accepts_is_on_the_page_with_words_of_its_own():
    schema = _schema()["properties"]
    headings = set(re.findall(r"^### `([^`]+)`", PAGE, re.M))
    assert set(schema) - {"links", "rules"} <= headings
    assert set(schema["links"]["properties"]) <= headings
    assert UNDOCUMENTED not in PAGE
    for rule in all_rules():
        for option in rule.options:
            assert f"| `{option.name}` | {type_of(option.json_schema())} |" in PAGE, (rule.code, option.name)


def test_every_example_loads_under_strict_validation(tmp_path):
    shared = tmp_path / "shared"
    shared.mkdir()
    (shared / "contentlint.toml").write_text("", encoding="utf-8")  # for the `extends` example
    site = tmp_path / "site"
    site.mkdir()
    blocks = TOML.findall(PAGE)
    assert len(blocks) > 40
    for block in blocks:
        path = site / "contentlint.toml"
        path.write_text(block, encoding="utf-8")
        load_config(config_path=str(path))


def _shown_default(key: str):
    section = PAGE.split(f"### `{key}`\n", 1)[1].split("\n###", 1)[0]
    return tomllib.loads("v = " + re.search(r"default: `(.*?)`\n", section).group(1))["v"]


def test_the_defaults_shown_are_what_an_empty_configuration_gets():
    config = load_config(isolated=True)
    assert _shown_default("include") == config.include
    assert _shown_default("exclude") == config.exclude
    assert _shown_default("max-file-size") == config.max_file_size
    assert _shown_default("respect-gitignore") is config.respect_gitignore
    assert _shown_default("title-key") == config.settings["title-key"]
    assert _shown_default("remote-schemas") == config.settings["remote-schemas"]
    links = LinkSettings.from_table({})
    assert tuple(_shown_default("fields")) == links.fields
    assert _shown_default("concurrency") == links.concurrency
    assert _shown_default("network-deadline") == links.network_deadline


def test_a_key_the_page_shows_is_one_the_cli_accepts(tmp_path):
    (tmp_path / "contentlint.toml").write_text('[rules.multiple-titles]\nlevel = 2\n', encoding="utf-8")
    (tmp_path / "post.md").write_text("# One\n\n## Two\n\n## Three\n", encoding="utf-8")
    ok = CliRunner().invoke(main, ["check", "--select", "HD002", str(tmp_path)])
    assert ok.exit_code == 1 and "HD002" in ok.output  # two level-2 titles
    (tmp_path / "contentlint.toml").write_text('[rules.multiple-titles]\nlevels = 2\n', encoding="utf-8")
    bad = CliRunner().invoke(main, ["check", str(tmp_path)])
    assert bad.exit_code == 2 and "levels" in bad.output
    assert "### HD002 `multiple-titles`" in PAGE and "| `level` |" in PAGE
