"""The site rules (ST) through the real CLI on small sites built as each
framework documents them (tests/fixtures/site/<framework>/): every finding is
written in the fixture as `<!-- expect: CODE -->` above its line."""
from __future__ import annotations

import json
import shutil
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

from contentlint.cli.main import main
from helpers.harness import expected_findings

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "site"
SITES = sorted(p for p in FIXTURES.iterdir() if p.is_dir())


def copy_site(name: str, tmp_path: Path) -> Path:
    target = tmp_path / name
    shutil.copytree(FIXTURES / name, target)
    return target


def check(*args: str) -> tuple[int, list[dict]]:
    result = CliRunner().invoke(main, ["check", "--format", "json", *args])
    assert result.exit_code in (0, 1), result.output
    return result.exit_code, json.loads(result.stdout)


def by_file(findings: list[dict], root: Path) -> dict[str, Counter]:
    out: dict[str, Counter] = {}
    for f in findings:
        rel = Path(f["path"]).resolve().relative_to(root.resolve()).as_posix()
        out.setdefault(rel, Counter())[(f["code"], f["line"])] += 1
    return out


@pytest.mark.parametrize("name", [p.name for p in SITES])
def test_site_fixture(name, tmp_path):
    root = copy_site(name, tmp_path)
    _, findings = check(str(root))
    expected = {}
    for page in sorted(root.rglob("*.md*")):
        wanted = expected_findings(page.read_text(encoding="utf-8"))
        if wanted:
            expected[page.relative_to(root).as_posix()] = wanted
    assert by_file(findings, root) == expected


def test_cross_locale_fix_rewrites_the_locale_segment(tmp_path):
    root = copy_site("starlight", tmp_path)
    page = root / "src/content/docs/ja/guides/routing.md"
    before = page.read_text(encoding="utf-8")
    code, findings = check(str(root), "--fix")
    assert page.read_text(encoding="utf-8") == before.replace("](/en/guides/setup/)", "](/ja/guides/setup/)")
    assert "ST003" not in {f["code"] for f in findings}
    # The rest is untouched: the English pages keep their findings.
    assert {f["code"] for f in findings} == {"ST001", "ST002", "ST004", "ST005"}


def test_anchor_fix_is_unsafe_and_names_the_close_heading(tmp_path):
    root = copy_site("starlight", tmp_path)
    index = root / "src/content/docs/en/index.md"
    check(str(root), "--fix")
    assert "#static-route)" in index.read_text(encoding="utf-8")
    check(str(root), "--fix", "--unsafe-fixes")
    assert "#static-routes)" in index.read_text(encoding="utf-8")


def test_a_one_file_run_sees_a_heading_renamed_in_another_page(tmp_path):
    """Site findings are not cached: the page linking to a heading reports the
    link as soon as the heading changes, even when only the linking page is
    checked (its own cached result is unchanged)."""
    root = copy_site("jekyll", tmp_path)
    linking = root / "en/news/_posts/2009-04-29-slap-chop.md"
    _, first = check(str(root))
    assert [f["line"] for f in first if f["path"].endswith("slap-chop.md")] == [16]
    about = root / "en/about/index.md"
    about.write_text(about.read_text(encoding="utf-8").replace("## The team", "## Our team"), encoding="utf-8")
    _, again = check(str(linking))
    assert [(f["line"], f["column"], f["code"]) for f in again] == [(12, 57, "ST002"), (16, 23, "ST002")]


def test_site_routes_lists_file_route_and_locale(tmp_path):
    root = copy_site("jekyll", tmp_path)
    result = CliRunner().invoke(main, ["site", "routes", str(root), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == [
        {"file": "index.html", "route": "/", "locale": None},
        {"file": "en/index.md", "route": "/en/", "locale": "en"},
        {"file": "en/about/index.md", "route": "/en/about/", "locale": "en"},
        {"file": "en/news/_posts/2009-04-29-slap-chop.md", "route": "/en/news/2009/04/29/slap-chop/", "locale": "en"},
        {"file": "ja/about/index.md", "route": "/ja/about/", "locale": "ja"},
        {"file": "ja/news/_posts/2010-01-01-nihongo.md", "route": "/ja/news/2010/01/01/nihongo/", "locale": "ja"},
    ]
    table = CliRunner().invoke(main, ["site", "routes", str(root)])
    assert "en/about/index.md" in table.stdout and "/en/about/" in table.stdout


def test_site_routes_outside_a_site_is_a_usage_error(tmp_path):
    result = CliRunner().invoke(main, ["site", "routes", str(tmp_path)])
    assert result.exit_code == 2
    assert "no site framework recognised" in result.stderr


def test_snapshot_reports_a_route_gone_without_redirect(tmp_path):
    root = copy_site("starlight", tmp_path)
    snapshot = root / "routes.jsonl"
    result = CliRunner().invoke(main, ["site", "routes", str(root), "--snapshot", str(snapshot)])
    assert result.exit_code == 0, result.output
    (root / "contentlint.toml").write_text('select = ["ST006"]\n[site]\nsnapshot = "routes.jsonl"\n'
                                          '[site.redirects]\n"/en/guides/routing/" = "/en/guides/routes/"\n')
    docs = root / "src/content/docs/en/guides"
    (docs / "routing.md").rename(docs / "routes.md")  # covered by [site.redirects]
    (docs / "setup.mdx").rename(docs / "installing.mdx")  # not covered
    (docs / "install.md").unlink()  # it had the same route as setup.mdx
    code, findings = check(str(root))
    lines = snapshot.read_text(encoding="utf-8").splitlines()
    gone = [i + 1 for i, line in enumerate(lines) if '"/en/guides/setup/"' in line]
    assert code == 1
    assert [(Path(f["path"]).name, f["line"], f["code"]) for f in findings] == [
        ("routes.jsonl", n, "ST006") for n in gone]
    assert "Route `/en/guides/setup/`" in findings[0]["message"]


def test_a_warm_one_file_run_parses_only_that_file(tmp_path, monkeypatch):
    """The index of the whole site is rebuilt from cached facts: a one-file run
    after a full run parses no unchanged file (not even the named one, whose
    result and facts are cached), only a page changed since."""
    import contentlint.engine.lint as lint
    import contentlint.engine.site as site

    root = copy_site("jekyll", tmp_path)
    calls: list[str] = []

    def counting(module):
        original = module.facts_of

        def facts_of(doc, *args):
            calls.append(Path(doc.path).resolve().relative_to(root.resolve()).as_posix())
            return original(doc, *args)
        monkeypatch.setattr(module, "facts_of", facts_of)

    counting(lint)
    counting(site)
    check(str(root), "--jobs", "1")
    assert sorted(calls) == sorted(p.relative_to(root).as_posix() for p in root.rglob("*.md"))  # each once
    calls.clear()
    about = root / "en/about/index.md"
    about.write_text(about.read_text(encoding="utf-8") + "\nMore.\n", encoding="utf-8")
    _, again = check(str(root / "ja/news/_posts/2010-01-01-nihongo.md"), "--jobs", "1")
    # Only the changed page is parsed: the named one has its cached result and facts.
    assert calls == ["en/about/index.md"]
    assert [f["code"] for f in again] == ["ST003"]


def test_a_site_finding_is_suppressed_by_a_directive_that_is_not_unused(tmp_path):
    root = copy_site("jekyll", tmp_path)
    about = root / "en/about/index.md"
    about.write_text(about.read_text(encoding="utf-8").replace(
        "<!-- expect: ST001 -->\nThe date is wrong", "<!-- contentlint-disable-next-line ST001 -->\nThe date is wrong"),
        encoding="utf-8")
    _, found = check(str(root), "--select", "ST,CL907")
    assert [(f["line"], f["code"]) for f in found if f["path"].endswith("about/index.md")] == [(18, "ST001")]
