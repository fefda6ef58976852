"""`contentlint init` on a small skeleton of each framework (tests/fixtures/frameworks)."""
from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from contentlint.cli.main import main
from contentlint.config.loader import load_config
from contentlint.engine.files import discover

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

SKELETONS = Path(__file__).resolve().parents[1] / "fixtures" / "frameworks"


def skeleton(tmp_path: Path, name: str) -> Path:
    target = tmp_path / name
    shutil.copytree(SKELETONS / name, target)
    return target


def invoke(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def checked_files(root: Path) -> list[str]:
    config = load_config(start=root)
    return sorted(s.relpath for s in discover([str(root)], config))


EXPECTED = {
    "astro": {
        "detected": "Detected Astro: `astro.config.mjs` exists.",
        "files": ["src/content/blog/first-post.md", "src/content/blog/second-post.mdx",
                  "src/content/docs/intro.md", "src/pages/about.md"],
        "schemas": {"src/content/blog/**": "builtin:astro-blog"},
        "static": ["public"],
        "written": "contentlint.toml",
    },
    "hugo": {
        "detected": "Detected Hugo: `hugo.toml` exists.",
        "files": ["content/_index.md", "content/docs/install.md", "content/posts/hello.md", "content/posts/second.md"],
        "schemas": {"content/**": "builtin:hugo-page"},
        "static": ["static"],
        "written": "contentlint.toml",
    },
    "jekyll": {
        "detected": "Detected Jekyll: `_config.yml` exists; with a `_posts/` folder.",
        "files": ["_drafts/idea.md", "_posts/2024-01-10-welcome.md", "_posts/2024-02-20-update.markdown", "about.md"],
        "schemas": {"_posts/**": "builtin:jekyll-post", "_drafts/**": "builtin:jekyll-post"},
        "static": ["."],
        "written": "contentlint.toml",
    },
    "docusaurus": {
        "detected": "Detected Docusaurus: `docusaurus.config.js` exists.",
        "files": ["blog/2024-01-01-hello.md", "docs/guides/setup.mdx", "docs/intro.md", "src/pages/markdown-page.md"],
        "schemas": {"docs/**": "builtin:docusaurus-doc"},
        "static": ["static"],
        "written": "contentlint.toml",
    },
    "mkdocs": {
        "detected": "Detected MkDocs: `mkdocs.yml` exists; `docs_dir: documentation` in `mkdocs.yml`.",
        "files": ["documentation/guide/usage.md", "documentation/index.md"],
        "schemas": {"documentation/**": "builtin:mkdocs-page"},
        "static": ["documentation"],
        "written": "pyproject.toml",
    },
}


@pytest.mark.parametrize("framework", sorted(EXPECTED))
def test_init_detects_each_framework_and_writes_a_working_config(tmp_path, monkeypatch, framework):
    root = skeleton(tmp_path, framework)
    expected = EXPECTED[framework]
    monkeypatch.chdir(root)
    result = invoke("init")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0] == expected["detected"]
    assert f"Wrote {expected['written']}." in result.output
    assert "title key:      title" in result.output

    config = load_config(start=root)
    assert config.path == root / expected["written"]
    assert config.settings["schemas"] == expected["schemas"]
    assert config.settings["links"]["static-folders"] == expected["static"]
    assert config.settings["title-key"] == "title"
    assert checked_files(root) == expected["files"]

    check = invoke("check", "--format", "json")
    assert check.exit_code == 0, check.output
    assert json.loads(check.output) == []


def test_schemas_and_static_folders_are_used_by_check(tmp_path, monkeypatch):
    root = skeleton(tmp_path, "astro")
    monkeypatch.chdir(root)
    assert invoke("init").exit_code == 0
    post = root / "src/content/blog/broken.md"
    post.write_text("---\ntitle: Broken\npubDate: 2024-05-01\nheroImage: /images/missing.png\n---\n\nText.\n", encoding="utf-8")
    (root / "src/content/docs/bare.md").write_text("No frontmatter.\n", encoding="utf-8")
    findings = json.loads(invoke("check", "--format", "json").output)
    codes = {(f["path"], f["code"]) for f in findings}
    assert ("src/content/blog/broken.md", "LK003") in codes, findings  # /images/… looked up in public/
    schema = [f for f in findings if f["path"] == "src/content/blog/broken.md" and f["code"].startswith("FM")]
    assert any("description" in f["message"] for f in schema), findings  # builtin:astro-blog requires it
    assert any(f["path"] == "src/content/docs/bare.md" and f["code"].startswith("FM") for f in findings), findings


def test_pyproject_table_is_appended_keeping_the_file(tmp_path, monkeypatch):
    root = skeleton(tmp_path, "mkdocs")
    original = (root / "pyproject.toml").read_text(encoding="utf-8")
    monkeypatch.chdir(root)
    assert invoke("init").exit_code == 0
    updated = (root / "pyproject.toml").read_text(encoding="utf-8")
    assert updated.startswith(original.rstrip() + "\n\n[tool.contentlint]\n# contentlint configuration for this MkDocs site")
    data = tomllib.loads(updated)
    assert data["project"] == {"name": "mkdocs-skeleton", "version": "0.1.0"}
    assert data["tool"]["black"] == {"line-length": 100}
    assert data["tool"]["contentlint"]["include"] == ["documentation/**/*.md", "documentation/**/*.markdown"]
    assert "# keep this comment" in updated
    assert not (root / "contentlint.toml").exists()


def test_no_pyproject_writes_contentlint_toml_and_crlf_files_stay_crlf(tmp_path, monkeypatch):
    root = skeleton(tmp_path, "mkdocs")
    monkeypatch.chdir(root)
    assert invoke("init", "--no-pyproject").exit_code == 0
    assert (root / "contentlint.toml").is_file()
    assert "contentlint" not in (root / "pyproject.toml").read_text(encoding="utf-8")

    other = skeleton(tmp_path / "crlf", "mkdocs")
    crlf = (other / "pyproject.toml").read_bytes().replace(b"\n", b"\r\n")
    (other / "pyproject.toml").write_bytes(crlf)
    assert invoke("init", str(other)).exit_code == 0
    written = (other / "pyproject.toml").read_bytes()
    assert written.startswith(crlf.rstrip()) and b"\n" not in written.replace(b"\r\n", b"")


def test_existing_config_is_never_overwritten_without_force(tmp_path, monkeypatch):
    root = skeleton(tmp_path, "hugo")
    monkeypatch.chdir(root)
    (root / "contentlint.toml").write_text('select = ["HD"]\n', encoding="utf-8")
    result = invoke("init")
    assert result.exit_code == 2
    assert "contentlint.toml already holds a contentlint configuration; use --force" in result.output
    assert (root / "contentlint.toml").read_text(encoding="utf-8") == 'select = ["HD"]\n'

    forced = invoke("init", "--force")
    assert forced.exit_code == 0 and "Replaced the configuration in contentlint.toml." in forced.output
    assert load_config(start=root).settings["schemas"] == {"content/**": "builtin:hugo-page"}


def test_existing_pyproject_table_refuses_then_is_replaced_once_with_force(tmp_path, monkeypatch):
    root = skeleton(tmp_path, "mkdocs")
    monkeypatch.chdir(root)
    with open(root / "pyproject.toml", "a", encoding="utf-8") as fh:
        fh.write('\n[tool.contentlint]\nselect = ["TX"]\n\n[tool.contentlint.rules.mojibake]\nseverity = "warning"\n\n[tool.other]\nkept = true\n')
    before = (root / "pyproject.toml").read_text(encoding="utf-8")
    assert invoke("init").exit_code == 2
    assert (root / "pyproject.toml").read_text(encoding="utf-8") == before

    assert invoke("init", "--force").exit_code == 0
    text = (root / "pyproject.toml").read_text(encoding="utf-8")
    data = tomllib.loads(text)
    assert text.count("[tool.contentlint]") == 1 and "select" not in data["tool"]["contentlint"]
    assert data["tool"]["other"] == {"kept": True} and data["tool"]["black"] == {"line-length": 100}
    assert invoke("init", "--force").exit_code == 0
    assert (root / "pyproject.toml").read_text(encoding="utf-8") == text


def test_dry_run_prints_the_config_and_writes_nothing(tmp_path):
    root = skeleton(tmp_path, "docusaurus")
    result = CliRunner().invoke(main, ["init", "--dry-run", str(root)])
    assert result.exit_code == 0
    assert result.stdout.startswith("# contentlint configuration for this Docusaurus site")
    assert tomllib.loads(result.stdout)["schemas"] == {"docs/**": "builtin:docusaurus-doc"}
    assert "Detected Docusaurus" in result.stderr
    assert not (root / "contentlint.toml").exists()


def test_hugo_is_recognised_by_its_settings_or_folders(tmp_path):
    root = tmp_path / "by-config"
    (root / "content").mkdir(parents=True)
    (root / "config.toml").write_text('baseURL = "https://x.org/"\ntheme = "ananke"\n', encoding="utf-8")
    result = invoke("init", "--dry-run", str(root))
    assert "Detected Hugo: `config.toml` has Hugo settings (`baseURL`, `theme`)." in result.stderr

    plain = tmp_path / "by-folders"
    (plain / "content").mkdir(parents=True)
    (plain / "archetypes").mkdir()
    assert "Detected Hugo: `content/` and `archetypes/` folders exist." in invoke("init", "--dry-run", str(plain)).stderr

    other = tmp_path / "not-hugo"
    other.mkdir()
    (other / "config.toml").write_text('[server]\nport = 8080\n', encoding="utf-8")
    assert "No site framework detected" in invoke("init", "--dry-run", str(other)).stderr


def test_jekyll_needs_posts_or_a_jekyll_gemfile(tmp_path):
    root = tmp_path / "site"
    root.mkdir()
    (root / "_config.yml").write_text("title: x\n", encoding="utf-8")
    assert "No site framework detected" in invoke("init", "--dry-run", str(root)).stderr
    (root / "Gemfile").write_text('gem "jekyll"\n', encoding="utf-8")
    assert "Detected Jekyll: `_config.yml` exists; and the `Gemfile` names jekyll." in invoke("init", "--dry-run", str(root)).stderr


def test_generic_folder_gets_a_generic_starter(tmp_path, monkeypatch):
    (tmp_path / "notes.md").write_text("# Notes\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = invoke("init")
    assert result.exit_code == 0 and result.output.startswith("No site framework detected (looked for astro.config.*")
    config = load_config(start=tmp_path)
    assert config.include == ["*.md", "*.mdx", "*.markdown"] and config.settings["schemas"] == {}


def test_several_frameworks_the_first_wins_and_framework_chooses(tmp_path):
    root = skeleton(tmp_path, "astro")
    (root / "mkdocs.yml").write_text("site_name: docs\n", encoding="utf-8")
    (root / "docs").mkdir()
    auto = invoke("init", "--dry-run", str(root))
    assert auto.stderr.startswith("Detected Astro") and "also matched:   MkDocs (use --framework to choose)" in auto.stderr
    chosen = invoke("init", "--dry-run", "--framework", "mkdocs", str(root))
    assert chosen.stderr.startswith("Detected MkDocs") and tomllib.loads(chosen.stdout)["schemas"] == {"docs/**": "builtin:mkdocs-page"}
    missing = invoke("init", "--dry-run", "--framework", "hugo", str(root))
    assert missing.exit_code == 2 and "no hugo project files" in missing.stderr


def test_astro_sync_schemas_are_left_to_automatic_discovery(tmp_path):
    root = skeleton(tmp_path, "astro")
    (root / ".astro" / "collections").mkdir(parents=True)
    (root / ".astro" / "collections" / "blog.schema.json").write_text("{}", encoding="utf-8")
    result = invoke("init", "--dry-run", str(root))
    assert "src/content/blog/**: `.astro/collections/blog.schema.json` (from `astro sync`) is used automatically" in result.stderr
    assert "schemas" not in tomllib.loads(result.stdout)


def test_infer_schema_writes_and_maps_one_schema_per_collection(tmp_path, monkeypatch):
    root = skeleton(tmp_path, "astro")
    monkeypatch.chdir(root)
    result = invoke("init", "--infer-schema")
    assert result.exit_code == 0, result.output
    assert "inferred:       schemas/blog.schema.json from 2 file(s) in src/content/blog/" in result.output
    config = load_config(start=root)
    assert config.settings["schemas"] == {
        "src/content/blog/**": "schemas/blog.schema.json",
        "src/content/docs/**": "schemas/docs.schema.json",
    }
    blog = json.loads((root / "schemas" / "blog.schema.json").read_text(encoding="utf-8"))
    assert {"title", "description", "pubDate"} <= set(blog["required"])
    assert json.loads(invoke("check", "--format", "json").output) == []

    (root / "src/content/blog/third.md").write_text("---\ntitle: Third\npubDate: 2024-06-01\n---\n\nText.\n", encoding="utf-8")
    findings = json.loads(invoke("check", "--format", "json").output)
    assert any(f["path"] == "src/content/blog/third.md" and "description" in f["message"] for f in findings), findings


def test_infer_schema_for_hugo_sections_and_refusing_to_replace_schemas(tmp_path, monkeypatch):
    root = skeleton(tmp_path, "hugo")
    monkeypatch.chdir(root)
    assert invoke("init", "--infer-schema").exit_code == 0
    assert load_config(start=root).settings["schemas"] == {
        "content/docs/**": "schemas/docs.schema.json",
        "content/posts/**": "schemas/posts.schema.json",
        "content/**": "builtin:hugo-page",
    }
    assert json.loads(invoke("check", "--format", "json").output) == []
    (root / "contentlint.toml").unlink()
    again = invoke("init", "--infer-schema")
    assert again.exit_code == 2 and "schemas/docs.schema.json exists; use --force" in again.output


def test_astro_content_layer_glob_bases_are_content(tmp_path):
    root = tmp_path / "site"
    (root / "src" / "data" / "posts").mkdir(parents=True)
    (root / "astro.config.ts").write_text("export default {};\n", encoding="utf-8")
    (root / "src" / "content.config.ts").write_text(
        'const blog = defineCollection({ loader: glob({ pattern: "**/*.md", base: "./src/data/posts" }) });\n',
        encoding="utf-8",
    )
    result = invoke("init", "--dry-run", str(root))
    assert "`src/content.config.ts` loads a collection from `src/data/posts/`" in result.stderr
    config = tomllib.loads(result.stdout)
    assert config["include"] == ["src/data/posts/**/*.md", "src/data/posts/**/*.mdx"]
    assert config["schemas"] == {"src/data/posts/**": "builtin:astro-blog"}


def test_mkdocs_without_docs_dir_uses_docs(tmp_path):
    root = tmp_path / "site"
    (root / "docs").mkdir(parents=True)
    (root / "mkdocs.yml").write_text("site_name: x\nnav:\n  - index.md\n", encoding="utf-8")
    config = tomllib.loads(invoke("init", "--dry-run", str(root)).stdout)
    assert config["schemas"] == {"docs/**": "builtin:mkdocs-page"} and config["links"] == {"static-folders": ["docs"]}
