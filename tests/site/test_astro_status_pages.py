"""Astro's error pages: `src/pages/404.astro` (or `404.md`, and Starlight's
`404` entry) build to `404.html` at the top of the output, whatever
`build.format` is (Astro docs, basics/astro-pages "Custom 404 Error Page":
"This will build to a 404.html page"; source: core/build/common.ts
STATUS_CODE_PAGES = {'/404', '/500'}). Only the top-level ones: a
`[lang]/404.astro` builds to `<lang>/404/index.html` like any page."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from contentlint.cli.main import main
from contentlint.site.frameworks.astro import Astro
from contentlint.site.frameworks.base import PageInput

CONFIG = """import { defineConfig } from 'astro/config';
export default defineConfig({ site: 'https://example.com', base: '/docs', trailingSlash: 'always' });
"""


def site(tmp_path: Path) -> Path:
    (tmp_path / "astro.config.mjs").write_text(CONFIG, encoding="utf-8")
    (tmp_path / "contentlint.toml").write_text('select = ["ST"]\n', encoding="utf-8")
    pages = tmp_path / "src/pages"
    (pages / "guides").mkdir(parents=True)
    (pages / "guides/start.md").write_text("# Start\n", encoding="utf-8")
    # Served at /docs/404.html: `guides/start/` is /docs/guides/start/ from there.
    (pages / "404.md").write_text("# Not found\n\nTry [the start page](guides/start/).\n", encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("rel, route", [
    ("src/pages/404.astro", "/docs/404.html"),
    ("src/pages/404.md", "/docs/404.html"),
    ("src/pages/500.astro", "/docs/500.html"),
    ("src/pages/404/index.astro", "/docs/404.html"),
    ("src/pages/en/404.astro", "/docs/en/404/"),
    ("src/pages/[lang]/404.astro", "/docs/[lang]/404/"),
    ("src/pages/4040.astro", "/docs/4040/"),
])
def test_status_pages_build_to_html_files(tmp_path, rel, route):
    (tmp_path / "astro.config.mjs").write_text(CONFIG, encoding="utf-8")
    cfg = Astro().load_config(tmp_path)
    assert Astro().route(PageInput(rel, {}, rel.endswith(".md")), cfg) == route


def test_starlight_404_entry_is_the_404_page(tmp_path):
    (tmp_path / "astro.config.mjs").write_text("starlight({ title: 'x' })", encoding="utf-8")
    cfg = Astro().load_config(tmp_path)
    assert Astro().route(PageInput("src/content/docs/404.md", {}, True), cfg) == "/404.html"
    assert Astro().route(PageInput("src/content/docs/guides/404.md", {}, True), cfg) == "/guides/404/"


def test_relative_link_on_the_404_page_resolves_from_the_site_root(tmp_path):
    root = site(tmp_path)
    runner = CliRunner()
    routes = runner.invoke(main, ["site", "routes", "--format", "json", "--no-cache", str(root)])
    assert routes.exit_code == 0, routes.output
    assert {r["file"]: r["route"] for r in json.loads(routes.stdout)}["src/pages/404.md"] == "/docs/404.html"
    result = runner.invoke(main, ["check", "--format", "json", "--no-cache", str(root)])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == []
    # A link that is broken from there still is.
    (root / "src/pages/404.md").write_text("# Not found\n\n[x](guides/gone/)\n", encoding="utf-8")
    result = runner.invoke(main, ["check", "--format", "json", "--no-cache", str(root)])
    assert [(f["code"], f["line"]) for f in json.loads(result.stdout)] == [("ST001", 3)]
