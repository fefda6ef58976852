"""Each file is checked with the nearest configuration above it, as ruff does:
a repository with several sites gives every file the same verdict whatever
the paths named, their order, or how pre-commit batches them."""
import json
import random
from pathlib import Path

import pytest
from click.testing import CliRunner

from contentlint.cli.main import main
from helpers.lint import check as run_check

POST = (
    "---\ntitle: A post\nhero: /img/hero.png\n---\n\n## Heading:\n\nIt was â€” late.\n\n"
    "## **Bold**\n\nA [link](http://example.com/page).\n"
)


def check(cwd_relative_paths, *args: str, cwd: Path) -> tuple[int, list]:
    code, findings = run_check(*args, *cwd_relative_paths, cwd=cwd)
    return code, findings


@pytest.fixture
def repo(tmp_path, monkeypatch):
    """Two sites in one repository, each with its own configuration, and a
    top-level configuration neither of them uses."""
    root = tmp_path / "repo"
    (root / "hugo" / "content" / "posts").mkdir(parents=True)
    (root / "hugo" / "static" / "img").mkdir(parents=True)
    (root / "hugo" / "static" / "img" / "hero.png").write_bytes(b"\x89PNG")
    (root / "astro" / "src" / "content" / "blog").mkdir(parents=True)
    (root / "astro" / "public").mkdir(parents=True)  # no hero.png here
    (root / "shared.toml").write_text('[rules.heading-trailing-punctuation]\npunctuation = ":;"\n', encoding="utf-8")
    (root / "contentlint.toml").write_text('select = ["TX"]\n', encoding="utf-8")
    # hugo: headings and local images, static files in static/, drafts excluded
    (root / "hugo" / "contentlint.toml").write_text(
        'extends = "../shared.toml"\nselect = ["HD", "LK003"]\nextend-exclude = ["drafts/"]\n'
        '[links]\nstatic-folders = ["static"]\n', encoding="utf-8")
    # astro (in pyproject.toml): text and local images, emphasis headings off
    # for the blog, a schema by glob relative to astro/
    (root / "astro" / "pyproject.toml").write_text(
        '[project]\nname = "site"\n[tool.contentlint]\nselect = ["TX", "LK003", "FM101", "HD003"]\n'
        '[tool.contentlint.per-file-ignores]\n"src/content/blog/b*.md" = ["HD003"]\n'
        '[tool.contentlint.schemas]\n"src/content/**" = "post.schema.json"\n', encoding="utf-8")
    (root / "astro" / "post.schema.json").write_text(
        '{"type": "object", "required": ["title", "date"]}', encoding="utf-8")
    for i in range(3):
        (root / "hugo" / "content" / "posts" / f"p{i}.md").write_text(POST, encoding="utf-8")
        (root / "astro" / "src" / "content" / "blog" / f"a{i}.md").write_text(POST, encoding="utf-8")
        (root / "astro" / "src" / "content" / "blog" / f"b{i}.md").write_text(POST, encoding="utf-8")
    (root / "hugo" / "content" / "drafts").mkdir()
    (root / "hugo" / "content" / "drafts" / "d.md").write_text(POST, encoding="utf-8")
    monkeypatch.chdir(root)
    return root


def codes(findings, prefix):
    return sorted({f["code"] for f in findings if f["path"].startswith(prefix)})


def sort_key(finding):
    return finding["path"].split("/")


@pytest.mark.parametrize("cache", [[], ["--no-cache"]])
def test_each_site_gets_its_own_configuration_in_any_order(repo, cache):
    hugo = check(["hugo"], *cache, cwd=repo)
    astro = check(["astro"], *cache, cwd=repo)
    both = check(["hugo", "astro"], *cache, cwd=repo)
    reversed_ = check(["astro", "hugo"], *cache, cwd=repo)
    assert codes(hugo[1], "hugo/") == ["HD003", "HD004"]  # hero.png is in hugo/static/
    assert codes(astro[1], "astro/") == ["FM101", "HD003", "LK003", "TX001"]
    union = sorted(hugo[1] + astro[1], key=sort_key)
    assert both == reversed_ == (1, union)
    assert [f["path"] for f in both[1]] == sorted((f["path"] for f in both[1]), key=lambda p: p.split("/"))
    assert not any("drafts" in f["path"] for f in both[1])
    # per-file-ignores and schema globs are relative to the file's own project root
    assert {f["path"] for f in astro[1] if f["code"] == "HD003"} == {f"astro/src/content/blog/a{i}.md" for i in range(3)}
    # `extends` shares rule options: `:` still counts, `?` would not
    assert all(f["code"] != "HD004" or "`:`" in f["message"] for f in hugo[1])


def test_check_dot_reads_nested_configurations(repo):
    (repo / "top.md").write_text(POST, encoding="utf-8")
    everything = check(["."], cwd=repo)
    assert everything == check(["astro", "top.md", "hugo"], cwd=repo)
    assert codes(everything[1], "top.md") == ["TX001"]
    assert codes(everything[1], "hugo/") == ["HD003", "HD004"]
    assert codes(everything[1], "astro/") == ["FM101", "HD003", "LK003", "TX001"]


def test_pre_commit_batches_in_any_order_give_the_same_findings(repo):
    files = sorted(str(p.relative_to(repo)) for p in repo.rglob("*.md") if "drafts" not in p.parts)
    whole = check(files, "--no-cache", cwd=repo)
    shuffled = files[:]
    random.Random(7).shuffle(shuffled)
    assert check(shuffled, cwd=repo) == whole
    batches = [shuffled[i::3] for i in range(3)]
    found = [f for batch in batches for f in check(batch, cwd=repo)[1]]
    assert sorted(found, key=sort_key) == whole[1]
    # explicit files in a folder the site excludes are still checked, with hugo's configuration
    draft = check(["hugo/content/drafts/d.md"], cwd=repo)
    assert codes(draft[1], "hugo/") == ["HD003", "HD004"]


def test_config_option_forces_one_file_for_all(repo):
    forced = check(["astro", "hugo"], "--config", "hugo/contentlint.toml", cwd=repo)
    # hugo's selection, and its static folder (hugo/static holds the hero) for astro's posts too
    assert codes(forced[1], "astro/") == ["HD003", "HD004"]
    assert forced == check(["hugo", "astro"], "--config", "hugo/contentlint.toml", cwd=repo)


def test_isolated_ignores_every_configuration_file(repo):
    isolated = check(["astro", "hugo"], "--isolated", cwd=repo)
    assert isolated == check(["astro", "hugo"], "--isolated", "--no-cache", cwd=repo)
    assert codes(isolated[1], "astro/") == codes(isolated[1], "hugo/")
    assert "TX001" in codes(isolated[1], "hugo/") and "HD004" in codes(isolated[1], "astro/")


def test_command_line_selection_applies_on_top_of_each_file(repo):
    both = check(["astro", "hugo"], "--ignore", "HD003", cwd=repo)
    assert codes(both[1], "hugo/") == ["HD004"]
    assert codes(both[1], "astro/") == ["FM101", "LK003", "TX001"]


def test_stdin_takes_the_configuration_of_its_file_name(repo):
    result = CliRunner().invoke(main, ["check", "-", "--stdin-filename", "astro/src/content/blog/b9.md",
                                       "--format", "json"], input=POST.encode(), catch_exceptions=False)
    found = {f["code"] for f in json.loads(result.stdout)}
    assert found == {"FM101", "LK003", "TX001"}  # HD003 ignored for blog/b*.md, relative to astro/


def test_include_exclude_and_gitignore_follow_each_site(tmp_path, monkeypatch):
    root = tmp_path / "repo"
    (root / "docs" / "notes").mkdir(parents=True)
    (root / "blog").mkdir()
    (root / ".gitignore").write_text("*.draft.md\n", encoding="utf-8")
    (root / "contentlint.toml").write_text('select = ["TX005"]\nexclude = ["notes/"]\n', encoding="utf-8")
    (root / "docs" / "contentlint.toml").write_text('select = ["TX005"]\nrespect-gitignore = false\n', encoding="utf-8")
    (root / "blog" / "contentlint.toml").write_text('select = ["TX005"]\ninclude = ["*.markdown"]\n', encoding="utf-8")
    for name in ("docs/a.draft.md", "docs/notes/n.md", "blog/b.md", "blog/c.markdown", "top.draft.md", "top.md"):
        (root / name).write_text("No final newline", encoding="utf-8")
    monkeypatch.chdir(root)
    found = {f["path"] for f in check(["."], cwd=root)[1]}
    # docs/ ignores no .gitignore and excludes nothing; blog/ includes only
    # *.markdown; the top level honours .gitignore
    assert found == {"docs/a.draft.md", "docs/notes/n.md", "blog/c.markdown", "top.md"}
    assert found == {f["path"] for f in check(["top.md", "blog", "docs"], cwd=root)[1]}
