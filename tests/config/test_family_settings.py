"""Family settings reach rules and the engine as typed values, one per
configuration: what the table says, the registered defaults where it says
nothing, the same object for every file of that configuration."""
from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from contentlint.api import lint_paths
from contentlint.config.loader import Config
from contentlint.net.settings import LinkSettings
from contentlint.registry import FamilySettings
from contentlint.rules.headings._common import HeadingSettings
from contentlint.rules.site.common import SiteSettings
from contentlint.schema.discovery import SchemaSettings

TABLE = {
    "title-key": "name", "title-fallback": True,
    "links": {"static-folders": ["assets"], "extend-fields": ["poster"], "cache-max-age": "2h"},
    "schemas": {"docs/**": "builtin:hugo-page", "*.md": "schema.json"},
    "require-frontmatter": ["docs/**"], "remote-schemas": "always", "network": True,
    "site": {"framework": "hugo", "base": "/docs", "domains": ["https://example.org/"]},
}


def test_each_family_reads_its_keys_from_the_configuration(tmp_path: Path) -> None:
    config = Config.from_table(TABLE, root=tmp_path)
    assert config.family(HeadingSettings) == HeadingSettings(title_key="name", title_fallback=True)
    links = config.family(LinkSettings)
    assert links.static_folders == ("assets",) and links.fields[-1] == "poster" and links.cache_max_age == 7200
    assert config.family(SchemaSettings) == SchemaSettings(
        globs=(("docs/**", "builtin:hugo-page"), ("*.md", "schema.json")),
        require_frontmatter=("docs/**",), remote="always", network=True)
    site = config.family(SiteSettings)
    assert (site.framework, site.base, site.domains, site.root) == ("hugo", "/docs", ("https://example.org/",), None)


@pytest.mark.parametrize("kind", [HeadingSettings, LinkSettings, SchemaSettings, SiteSettings])
def test_an_empty_configuration_gives_each_family_its_defaults(tmp_path: Path, kind: type[FamilySettings]) -> None:
    assert Config.from_table({}, root=tmp_path).family(kind) == kind()


def test_typed_settings_are_built_once_per_configuration(tmp_path: Path) -> None:
    config = Config.from_table(TABLE, root=tmp_path)
    assert config.family(LinkSettings) is config.family(LinkSettings)
    layered = config.with_table({"title-key": "heading"}, "command line")
    assert layered.family(HeadingSettings).title_key == "heading"
    assert config.family(HeadingSettings).title_key == "name"  # the value it was layered over is unchanged
    copy = pickle.loads(pickle.dumps(config))  # what a worker process receives
    assert copy.family(SchemaSettings) == config.family(SchemaSettings)


def test_a_configured_title_key_reaches_the_heading_rules(tmp_path: Path) -> None:
    (tmp_path / "contentlint.toml").write_text('select = ["HD012"]\ntitle-key = "name"\n', encoding="utf-8")
    (tmp_path / "post.md").write_text("---\nname: Hello\ntitle: Other\n---\n\n# Hello\n\nText.\n", encoding="utf-8")
    assert [v.code for v in lint_paths(tmp_path).violations] == ["HD012"]
    (tmp_path / "contentlint.toml").write_text('select = ["HD012"]\n', encoding="utf-8")
    assert [v.code for v in lint_paths(tmp_path).violations] == []
