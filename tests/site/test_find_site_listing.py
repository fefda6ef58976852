"""Site detection judges most folders from one listing (issue 18): a folder
holding none of the names a framework detector needs is no site's root. The
shortcut must agree with running the detectors on every folder."""
from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from hypothesis import given, settings, strategies as st

from contentlint.engine.site import _detect_at

FILES = {
    "astro.config.mjs": "export default {}\n", "docusaurus.config.js": "module.exports = {};\n",
    "mkdocs.yml": "site_name: x\n", "docfx.json": "{}\n", "hugo.toml": "title = 'x'\n",
    "config.toml": "baseURL = 'https://x.org/'\n", "config.yaml": "title: x\n", "_config.yml": "title: x\n",
    "Gemfile": "gem 'jekyll'\n", "README.md": "# x\n", "package.json": "{}\n", "index.html": "<p>x</p>\n",
}
FOLDERS = ["_posts", "content", "archetypes", "config/_default", "public", "static", "docs", "src/content"]


@settings(max_examples=150, deadline=None)
@given(st.sets(st.sampled_from(sorted(FILES))), st.sets(st.sampled_from(FOLDERS)),
       st.sampled_from([None, "auto", "astro", "jekyll", "hugo", "docusaurus", "mkdocs"]))
def test_the_listing_shortcut_agrees_with_the_detectors(files, folders, wanted):
    root = Path(tempfile.mkdtemp())
    try:
        for name in files:
            (root / name).write_text(FILES[name])
        for name in folders:
            (root / name).mkdir(parents=True, exist_ok=True)
        if "config/_default" in folders and "hugo.toml" in files:
            (root / "config" / "_default" / "hugo.toml").write_text("title = 'x'\n")
        assert _detect_at(root, wanted, {}) == _detect_at(root, wanted)
    finally:
        shutil.rmtree(root)
