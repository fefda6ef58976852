"""LK003 resolves images as each framework serves them (issue 15): the site
root and static folders come from the site model (Astro `public/` and the
`tsconfig.json` aliases, Hugo `static/` and `assets/`, Jekyll's root,
Docusaurus `static/`, MkDocs' `docs_dir`), `links.static-folders` wins when
set, and the site is never looked for above the project's bounds."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from contentlint.cli.main import main


def lk003(*args: str) -> list[tuple[str, int, str]]:
    result = CliRunner().invoke(main, ["check", *args, "--no-cache", "--format", "json", "--select", "LK003"])
    assert result.exit_code in (0, 1), result.output
    return [(Path(f["path"]).name, f["line"], f["message"]) for f in json.loads(result.stdout)]


def write(path: Path, text: str = "") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def astro_site(root: Path, tsconfig: str = '{\n  // the starter\'s alias\n  "compilerOptions": {"baseUrl": ".", '
               '"paths": {"~/*": ["./src/*"],},},\n}\n') -> Path:
    write(root / "astro.config.mjs", "export default { integrations: [starlight({ title: 'Docs' })] }\n")
    write(root / "tsconfig.json", tsconfig)
    write(root / "src" / "assets" / "houston.webp")
    write(root / "public" / "og.png")
    return root / "src" / "content" / "docs"


def test_astro_hero_alias_is_looked_up_in_the_folder_tsconfig_names(tmp_path, monkeypatch):
    docs = astro_site(tmp_path)
    write(docs / "index.mdx", "---\ntitle: Home\nhero:\n  title: Home\n  image:\n    file: ~/assets/houston.webp\n"
                              "---\n\n![gone](~/assets/gone.webp)\n\n![og](/og.png)\n\n![no](/missing.png)\n")
    monkeypatch.chdir(tmp_path)
    assert lk003("src/content/docs") == [
        ("index.mdx", 9, "Image `~/assets/gone.webp` does not exist (no `src/assets/gone.webp`)"),
        ("index.mdx", 13, "Image `/missing.png` is not in `public/`"),
    ]


def test_astro_alias_in_the_wrong_case_is_fixed_with_the_alias_kept(tmp_path, monkeypatch):
    docs = astro_site(tmp_path)
    page = write(docs / "a.md", '---\ntitle: A\nhero:\n  image:\n    file: "~/assets/Houston.webp"\n---\n')
    monkeypatch.chdir(tmp_path)
    assert [m for _, _, m in lk003("src/content/docs")] == [
        "Image `~/assets/Houston.webp` differs in letter case from the file `src/assets/houston.webp` "
        "(works on macOS and Windows, breaks on Linux)"]
    CliRunner().invoke(main, ["check", "src/content/docs", "--no-cache", "--select", "LK003", "--fix"])
    assert 'file: "~/assets/houston.webp"\n' in page.read_text()


@pytest.mark.parametrize("tsconfig", [
    "{}", "not json at all {", '{"compilerOptions": {"paths": {"~/*": ["../../outside/*"]}}}',
    '{"compilerOptions": {"paths": {"~/*": ["/abs/*"]}}}', '{"compilerOptions": {"paths": "x"}}'])
def test_an_alias_the_site_does_not_declare_inside_it_is_not_looked_up(tmp_path, monkeypatch, tsconfig):
    docs = astro_site(tmp_path / "site", tsconfig)
    write(tmp_path / "outside" / "gone.webp")
    write(docs / "a.md", "---\ntitle: A\n---\n\n![x](~/gone.webp)\n")
    monkeypatch.chdir(tmp_path / "site")
    assert lk003("src/content/docs") == []


def test_hugo_root_paths_are_served_from_static_assets_and_bundles(tmp_path, monkeypatch):
    write(tmp_path / "hugo.toml", 'baseURL = "https://example.org/"\n')
    write(tmp_path / "static" / "images" / "a.png")
    write(tmp_path / "assets" / "images" / "b.png")
    write(tmp_path / "content" / "post.md",
          "---\ntitle: P\n---\n\n![a](/images/a.png)\n![b](/images/b.png)\n![c](/images/c.png)\n")
    monkeypatch.chdir(tmp_path)
    assert lk003("content") == [("post.md", 7, "Image `/images/c.png` is not in `static/` or `content/` or `assets/`")]


def test_jekyll_root_paths_are_served_from_the_site_root(tmp_path, monkeypatch):
    site = tmp_path / "site"
    write(site / "_config.yml", "title: x\n")
    (site / "_posts").mkdir()
    write(site / "assets" / "logo.png")
    write(site / "en" / "index.md", "---\ntitle: Home\n---\n\n![ok](/assets/logo.png)\n\n![no](/assets/gone.png)\n")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    assert lk003(str(site / "en")) == [("index.md", 7, "Image `/assets/gone.png` is not in `./`")]


def test_docusaurus_root_paths_are_served_from_static(tmp_path, monkeypatch):
    write(tmp_path / "docusaurus.config.js", "module.exports = { title: 'x', url: 'https://x.org', baseUrl: '/' };\n")
    write(tmp_path / "static" / "img" / "logo.svg")
    write(tmp_path / "docs" / "intro.md", "# Intro\n\n![ok](/img/logo.svg)\n\n![no](/img/gone.svg)\n")
    monkeypatch.chdir(tmp_path)
    assert lk003("docs") == [("intro.md", 5, "Image `/img/gone.svg` is not in `static/`")]


def test_mkdocs_root_paths_are_served_from_docs_dir(tmp_path, monkeypatch):
    write(tmp_path / "mkdocs.yml", "site_name: x\ndocs_dir: pages\n")
    write(tmp_path / "pages" / "img" / "a.png")
    write(tmp_path / "pages" / "guide" / "index.md", "# Guide\n\n![ok](/img/a.png)\n\n![rel](../img/a.png)\n\n"
                                                     "![no](/img/b.png)\n")
    monkeypatch.chdir(tmp_path)
    assert lk003("pages") == [("index.md", 7, "Image `/img/b.png` is not in `pages/`")]


def test_configured_static_folders_win_over_the_framework(tmp_path, monkeypatch):
    docs = astro_site(tmp_path)
    write(tmp_path / "contentlint.toml", '[links]\nstatic-folders = ["served"]\n')
    write(tmp_path / "served" / "x.png")
    write(docs / "a.md", "---\ntitle: A\n---\n\n![x](/x.png)\n\n![og](/og.png)\n")
    monkeypatch.chdir(tmp_path)
    assert lk003("src/content/docs") == [("a.md", 7, "Image `/og.png` is not in `served/`")]


def test_no_site_is_looked_for_above_the_repository_of_a_folder_named_from_elsewhere(tmp_path, monkeypatch):
    """An Astro site above the repository holding the post is someone else's:
    the post's images are bounded by its repository, and nothing above it is
    looked up (before, the walk up to `/` made `outer/` the site and found
    `../secret.png` there)."""
    outer = tmp_path / "outer"
    write(outer / "astro.config.mjs", "export default {}\n")
    write(outer / "public" / "x.png")
    write(outer / "secret.png")
    repo = outer / "repo"
    (repo / ".git").mkdir(parents=True)
    write(repo / "post.md", "# Post\n\n![s](../secret.png)\n\n![x](/x.png)\n")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    assert lk003(str(repo)) == [("post.md", 3, "Image `../secret.png` points outside the site; not looked up")]


def test_text_from_stdin_is_bounded_by_the_project_root(tmp_path, monkeypatch):
    """Linting text through --stdin-filename resolves like the file would, without the site phase."""
    write(tmp_path / "public" / "ok.png")
    write(tmp_path / "outside.png")
    (tmp_path / "proj" / "public").mkdir(parents=True)
    write(tmp_path / "proj" / "public" / "ok.png")
    monkeypatch.chdir(tmp_path / "proj")
    result = CliRunner().invoke(main, ["check", "-", "--stdin-filename", "a.md", "--no-cache", "--format", "json",
                                       "--select", "LK003"], input="# A\n\n![ok](/ok.png)\n\n![o](../outside.png)\n")
    assert [f["message"] for f in json.loads(result.stdout)] == [
        "Image `../outside.png` points outside the site; not looked up"]


def test_text_from_stdin_resolves_through_the_site_of_its_stdin_filename(tmp_path, monkeypatch):
    astro_site(tmp_path)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["check", "-", "--stdin-filename", "src/content/docs/a.mdx", "--no-cache",
                                       "--format", "json", "--select", "LK003"],
                                input="# A\n\n![h](~/assets/houston.webp)\n\n![g](~/assets/gone.webp)\n")
    assert [f["message"] for f in json.loads(result.stdout)] == [
        "Image `~/assets/gone.webp` does not exist (no `src/assets/gone.webp`)"]


def test_mdx_image_imports_are_looked_up_relative_and_through_aliases(tmp_path, monkeypatch):
    docs = astro_site(tmp_path)
    write(docs / "guide" / "a.mdx",
          "---\ntitle: A\n---\n\nimport ok from '../../../assets/houston.webp';\n"
          "import gone from \"../../../assets/gone.png\";\nimport viaAlias from '~/assets/nope.svg'\n"
          "import fromPackage from 'some-package/logo.png'\n\n# A\n\n```js\nimport x from './in-code.png'\n```\n")
    monkeypatch.chdir(tmp_path)
    assert lk003("src/content/docs") == [
        ("a.mdx", 6, "Image `../../../assets/gone.png` does not exist (no `src/assets/gone.png`)"),
        ("a.mdx", 7, "Image `~/assets/nope.svg` does not exist (no `src/assets/nope.svg`)"),
    ]


def test_docusaurus_site_alias_is_the_site_root(tmp_path, monkeypatch):
    write(tmp_path / "docusaurus.config.js", "module.exports = { title: 'x', url: 'https://x.org', baseUrl: '/' };\n")
    write(tmp_path / "static" / "img" / "logo.svg")
    write(tmp_path / "docs" / "intro.mdx", "import logo from '@site/static/img/logo.svg';\n"
                                           "import gone from '@site/static/img/gone.svg';\n\n# Intro\n")
    monkeypatch.chdir(tmp_path)
    assert lk003("docs") == [("intro.mdx", 2, "Image `@site/static/img/gone.svg` does not exist "
                                              "(no `static/img/gone.svg`)")]
