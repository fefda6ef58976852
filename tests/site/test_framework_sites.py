"""Hugo, Docusaurus and MkDocs sites through the real CLI: the routes table
(`contentlint site routes --format json`) of the fixture sites built from each
framework's documented examples, and properties of `check` on them (the
findings themselves are written in the fixtures, see test_site_rules.py)."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from contentlint.cli.main import main

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "site"

ROUTES = {
    "hugo": [
        ("content/_index.md", "/", "en"),
        ("content/about.fr.md", "/fr/about-us/", "fr"),
        ("content/about.md", "/about-us/", "en"),
        # `:year/:title` from the front matter's date and title (kept in the site facts).
        ("content/blog/hello.md", "/blog/2024/hello-world/", "en"),
        ("content/posts/my-first-post.fr.md", "/fr/posts/my-first-post/", "fr"),
        ("content/posts/my-first-post.md", "/posts/my-first-post/", "en"),
    ],
    "docusaurus": [
        ("blog/2021-08-26-welcome.md", "/blog/welcome", "en"),
        ("docs/guide.md", "/docs/guide", "en"),
        ("docs/intro.md", "/docs/intro", "en"),
        ("docs/tutorial-basics/01-create-a-page.md", "/docs/tutorial-basics/create-a-page", "en"),
        ("i18n/fr/docusaurus-plugin-content-docs/current/guide.md", "/fr/docs/guide", "fr"),
        ("i18n/fr/docusaurus-plugin-content-docs/current/intro.md", "/fr/docs/intro", "fr"),
        ("i18n/fr/docusaurus-plugin-content-docs/current/old.md", "/fr/docs/old", "fr"),
        ("src/pages/index.js", "/", "en"),
    ],
    "mkdocs": [
        ("docs/index.fr.md", "/docs/fr/", "fr"),
        ("docs/index.md", "/docs/", "en"),
        ("docs/old.fr.md", "/docs/fr/old/", "fr"),
        ("docs/user-guide/cli.md", "/docs/user-guide/cli/", "en"),
        ("docs/user-guide/configuration.md", "/docs/user-guide/configuration/", "en"),
        ("docs/user-guide/writing-your-docs.fr.md", "/docs/fr/user-guide/writing-your-docs/", "fr"),
        ("docs/user-guide/writing-your-docs.md", "/docs/user-guide/writing-your-docs/", "en"),
    ],
}


def copy_site(name: str, tmp_path: Path) -> Path:
    target = tmp_path / name
    shutil.copytree(FIXTURES / name, target)
    return target


def check(*args: str) -> list[dict]:
    result = CliRunner().invoke(main, ["check", "--format", "json", *args])
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)


def summary(findings: list[dict], root: Path) -> list[tuple[str, str, int, int, str]]:
    return sorted((Path(f["path"]).resolve().relative_to(root.resolve()).as_posix(), f["code"], f["line"],
                   f["column"], f["message"]) for f in findings)


@pytest.mark.parametrize("name", sorted(ROUTES))
def test_routes_json(name, tmp_path):
    root = copy_site(name, tmp_path)
    result = CliRunner().invoke(main, ["site", "routes", "--format", "json", "--no-cache", str(root)])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert sorted((r["file"], r["route"], r["locale"]) for r in rows) == ROUTES[name]


@pytest.mark.parametrize("name", sorted(ROUTES))
def test_a_warm_run_reports_what_a_cold_run_does(name, tmp_path):
    """The second run reads the site facts (routes included) from the cache."""
    root = copy_site(name, tmp_path)
    cold = summary(check(str(root)), root)
    assert cold  # each fixture has broken links
    assert summary(check(str(root)), root) == cold
    assert summary(check(str(root), "--no-cache"), root) == cold


def test_docusaurus_tries_the_docs_folder_before_the_linking_file(tmp_path):
    """`intro.md` in docs/tutorial-basics/ is docs/intro.md (Docusaurus'
    resolveMarkdownLinkPathname); once it is gone the link is reported."""
    root = copy_site("docusaurus", tmp_path)
    linking = "docs/tutorial-basics/01-create-a-page.md"
    assert not [f for f in summary(check(str(root)), root) if f[0] == linking]
    (root / "docs/intro.md").unlink()
    found = [f for f in summary(check(str(root)), root) if f[0] == linking]
    assert [(code, line) for _, code, line, _, _ in found] == [("ST001", 9)]
    assert "docs/tutorial-basics/intro.md" in found[0][4]


def test_mkdocs_resolves_relative_files_from_the_source_file(tmp_path):
    """`../img/logo.png` in docs/user-guide/x.md is docs/img/logo.png, not a
    path below the page's URL; a missing one is then judged against the URL."""
    root = copy_site("mkdocs", tmp_path)
    linking = "docs/user-guide/writing-your-docs.md"
    assert not [f for f in summary(check(str(root)), root) if f[0] == linking]
    (root / "docs/img/logo.png").unlink()
    found = [f for f in summary(check(str(root)), root) if f[0] == linking]
    assert [(code, line) for _, code, line, _, _ in found] == [("ST001", 7)]


def test_mkdocs_attr_list_ids_count_only_with_attr_list(tmp_path):
    root = copy_site("mkdocs", tmp_path)
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("  - attr_list\n", ""), encoding="utf-8")
    found = [f for f in summary(check(str(root)), root) if f[0] == "docs/index.md" and f[1] == "ST002"]
    assert [line for _, _, line, _, _ in found] == [8, 16]
    assert "#important" in found[0][4]


@pytest.mark.parametrize("name, page, link", [
    # The default language at the site root; French under /fr/.
    ("hugo", "content/posts/my-first-post.fr.md", "/fr/about-us/"),
    ("mkdocs", "docs/index.fr.md", "/docs/fr/user-guide/configuration/"),
    ("docusaurus", "i18n/fr/docusaurus-plugin-content-docs/current/intro.md",
     "/fr/docs/tutorial-basics/create-a-page"),
])
def test_locale_links_with_the_default_locale_at_the_root(name, page, link, tmp_path):
    """A link into the French site is fine while that page exists (translated,
    or served from the default language by the framework's fallback)."""
    root = copy_site(name, tmp_path)
    text = (root / page).read_text(encoding="utf-8")
    assert link in text
    findings = summary(check(str(root)), root)
    assert not [f for f in findings if f[0] == page and f[1] == "ST001"]
    broken = link.rstrip("/") + "-gone" + ("/" if link.endswith("/") else "")
    (root / page).write_text(text.replace(link, broken), encoding="utf-8")
    findings = summary(check(str(root)), root)
    assert [f[4].split(";")[0] for f in findings if f[0] == page and f[1] == "ST001"] == [
        f"Link `{broken}` leads to no page of the site"]


def test_the_routes_key_is_the_same_in_every_process(tmp_path):
    """Routes are cached with the facts under a key of the site's config; Hugo's
    config holds sets of folders, whose `str()` order changes with the string
    hash seed: the key must not, or a warm run computes every route again."""
    (tmp_path / "hugo.toml").write_text('baseURL = "https://example.org/"\n', encoding="utf-8")
    for name in ("alpha", "beta", "gamma", "delta", "epsilon"):
        (tmp_path / "content" / name).mkdir(parents=True)
        (tmp_path / "content" / name / "_index.md").write_text("# x\n", encoding="utf-8")
    script = ("import sys; from pathlib import Path; from contentlint.engine.site import load_site, _routes_key; "
              "from contentlint.rules.site.common import SiteSettings; "
              "print(_routes_key(load_site(Path(sys.argv[1]), 'hugo', SiteSettings())))")
    keys = set()
    for seed in ("1", "2", "3", "4"):
        done = subprocess.run([sys.executable, "-c", script, str(tmp_path)], capture_output=True, text=True,
                              env={**os.environ, "PYTHONHASHSEED": seed}, check=True)
        keys.add(done.stdout.strip())
    assert len(keys) == 1
