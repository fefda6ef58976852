"""Anchors of pages that take text from other files as they are built.

- Jekyll: `{% include name %}` inserts `_includes/name`, `{% include_relative
  name %}` the file beside the page, before kramdown reads the page
  (jekyllrb.com/docs/includes/), so their headings get ids in the page's
  order (kramdown's `-1` suffixes count across them) and their HTML ids are
  the page's.
- MkDocs: pymdownx.snippets `--8<-- "file"` inserts the file (looked up under
  `base_path`, the project folder by default) before Python-Markdown reads it
  (facelessuser.github.io/pymdown-extensions/extensions/snippets/).
- MDX (Astro, Docusaurus): an imported `.md`/`.mdx` file renders where its
  component is used, its headings with ids of its own (docs.astro.build
  guides/markdown-content "Importing Markdown"; docusaurus.io
  docs/markdown-features/react "Importing Markdown").

What cannot be known offline (a file named by a variable, a section of a
snippet, a file not in the site) leaves the page's anchors unjudged."""
from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from contentlint.cli.main import main


def write(root: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    (root / "contentlint.toml").write_text('select = ["ST"]\n', encoding="utf-8")
    return root


def findings(root: Path) -> list[tuple[str, int, str]]:
    result = CliRunner().invoke(main, ["check", "--format", "json", "--no-cache", str(root)])
    assert result.exit_code in (0, 1), result.output
    return sorted((Path(f["path"]).resolve().relative_to(root.resolve()).as_posix(), f["line"], f["code"])
                  for f in json.loads(result.stdout))


JEKYLL = {
    "_config.yml": "permalink: pretty\n",
    "Gemfile": 'gem "jekyll"\n',
    "_includes/install.md": "## Install\n\nRun it.\n",
    "_includes/warning.html": '<div class="warning" id="out-of-date">Old page.</div>\n',
    "guides/_parts/setup.md": "## Setup\n",
}


def test_jekyll_includes_add_their_anchors_in_page_order(tmp_path):
    root = write(tmp_path, {**JEKYLL, "guides/index.md": (
        "---\ntitle: Guide\n---\n"
        "## Install\n\n"
        "{% include install.md %}\n\n"
        "{% include warning.html %}\n\n"
        "{% include_relative _parts/setup.md %}\n\n"
        "[a](#install) [b](#install-1) [c](#out-of-date) [d](#setup)\n\n"
        "[e](#install-2)\n")})
    # The second `## Install` (from the include) is `install-1`; there is no third.
    assert findings(root) == [("guides/index.md", 14, "ST002")]


def test_jekyll_include_not_knowable_is_not_judged(tmp_path):
    root = write(tmp_path, {**JEKYLL, "guides/index.md": (
        "---\ntitle: Guide\nnotice: install.md\n---\n"
        "{% include {{ page.notice }} %}\n\n"
        "[a](#anything)\n"), "other.md": "---\ntitle: O\n---\n[x](/guides/#anything) [y](/gone/)\n"})
    assert findings(root) == [("other.md", 4, "ST001")]


def test_mkdocs_snippet_with_a_literal_path(tmp_path):
    root = write(tmp_path, {
        "mkdocs.yml": "site_name: x\nmarkdown_extensions:\n  - pymdownx.snippets:\n      base_path: [docs/includes]\n",
        "docs/includes/abbreviations.md": "## Abbreviations\n",
        "docs/index.md": '# Home\n\n--8<-- "abbreviations.md"\n\n[a](#abbreviations) [b](#nope)\n',
        "docs/other.md": '# Other\n\n--8<-- "abbreviations.md:section"\n\n[a](#nope)\n',
    })
    # index.md's anchors are known now; other.md takes a section (not judged).
    assert findings(root) == [("docs/index.md", 5, "ST002")]


ASTRO = {
    "astro.config.mjs": "import starlight from '@astrojs/starlight';\nexport default { integrations: [starlight({ title: 'x' })] };\n",
    "src/content/docs/_shared/options.mdx": "## Options\n\n## Guide\n",
}


def test_mdx_imported_partial_brings_its_headings(tmp_path):
    root = write(tmp_path, {**ASTRO, "src/content/docs/guide.mdx": (
        "---\ntitle: Guide\n---\n"
        "import Options from './_shared/options.mdx';\n\n"
        "## Guide\n\n"
        "<Options />\n\n"
        # The partial makes its own ids: its `## Guide` is `guide` there too, not `guide-1`.
        "[a](#options) [b](#guide) [c](#guide-1)\n")})
    assert findings(root) == [("src/content/docs/guide.mdx", 10, "ST002")]


def test_mdx_import_through_an_alias_is_not_judged(tmp_path):
    root = write(tmp_path, {**ASTRO, "src/content/docs/guide.mdx": (
        "---\ntitle: Guide\n---\n"
        "import Options from '~/components/options.mdx';\n\n"
        "<Options />\n\n[a](#anything)\n")})
    assert findings(root) == []
