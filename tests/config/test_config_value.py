"""`Config` is a value: built from a table, layered into new values, never changed in place."""
from __future__ import annotations

import dataclasses
import pickle
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from contentlint.config.catalogue import get_rule
from contentlint.config.loader import Config, ConfigError, load_config


def codes(config: Config) -> set[str]:
    return {r.code for r in config.enabled_rules}


def test_from_table_validates_like_a_configuration_file(tmp_path):
    config = Config.from_table({"select": ["HD003"], "rules": {"HD003": {"severity": "warning"}}}, root=tmp_path)
    assert codes(config) == {"HD003"} and config.root == tmp_path
    assert config.severity(get_rule("HD003")).value == "warning"
    with pytest.raises(ConfigError, match=r"^site.toml: unknown key `selct` \(did you mean `select`\?\)"):
        Config.from_table({"selct": ["HD"]}, source="site.toml")


def test_from_table_gives_what_the_same_file_gives(tmp_path):
    (tmp_path / "contentlint.toml").write_text('select = ["HD"]\nignore = ["HD003"]\nextend-exclude = ["drafts/"]\n')
    loaded = load_config(start=tmp_path)
    built = Config.from_table({"select": ["HD"], "ignore": ["HD003"], "extend-exclude": ["drafts/"]},
                              root=tmp_path.resolve(), path=loaded.path)
    assert built == loaded and built.fingerprint() == loaded.fingerprint()


def test_a_config_cannot_be_changed_in_place():
    config = Config(select=["HD"])
    with pytest.raises(dataclasses.FrozenInstanceError):
        config.select = ["TX"]  # type: ignore[misc]


def test_layering_makes_a_new_value_and_leaves_the_old_one_as_it_was():
    base = Config.from_table({"select": ["HD"]})
    before = codes(base)
    layered = base.with_table({"ignore": ["HD003"], "rules": {"HD004": {"punctuation": "!"}}}, "command line")
    assert codes(base) == before and "HD003" in before
    assert codes(layered) == before - {"HD003"}
    assert base.options(get_rule("HD004"))["punctuation"] != "!"
    assert layered.options(get_rule("HD004"))["punctuation"] == "!"


def test_replace_does_not_reuse_what_the_old_value_worked_out():
    config = Config(select=["HD003"])
    assert codes(config) == {"HD003"}
    assert codes(dataclasses.replace(config, select=["TX001"])) == {"TX001"}


def test_a_pickled_config_is_equal_and_works(tmp_path):
    config = Config.from_table({"select": ["HD004"], "rules": {"HD004": {"punctuation": "?"}}}, root=tmp_path)
    config.options(get_rule("HD004"))  # the memo holds read-only views, which do not pickle
    copy = pickle.loads(pickle.dumps(config))
    assert copy == config and codes(copy) == {"HD004"}
    assert copy.options(get_rule("HD004"))["punctuation"] == "?"


TABLE = {
    "include": ["*.md"],
    "exclude": ["archive/"],
    "extend-exclude": ["drafts/"],
    "respect-gitignore": False,
    "select": ["HD"],
    "extend-select": ["TX001"],
    "ignore": ["HD003"],
    "per-file-ignores": {"docs/*.md": ["HD001"]},
    "max-file-size": 1000,
    "rules": {"HD004": {"punctuation": "!", "severity": "warning"}},
    "title-key": "heading",
}


@settings(max_examples=30, deadline=None)
@given(st.permutations(sorted(TABLE)))
def test_the_order_of_keys_in_a_table_does_not_matter(order):
    # `exclude` replaces the defaults and `extend-exclude` adds to them, whichever comes first
    shuffled = {key: TABLE[key] for key in order}
    config = Config.from_table(shuffled, root=Path("/site"))
    assert config == Config.from_table(TABLE, root=Path("/site"))
    assert config.exclude == ["archive/", "drafts/"]
