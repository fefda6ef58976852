"""What the main process keeps while a large tree is checked (issue 18: 100,000
files within 150 MB with --jobs 2). It holds every file's result and site facts
until the site phase and the report; what it keeps per file is bounded here on
a small generated site, with the findings unchanged."""
from __future__ import annotations

import json
import tracemalloc
import weakref
from pathlib import Path
from typing import Any

from click.testing import CliRunner
from hypothesis import given

from contentlint.cli import main
from contentlint.engine import run as engine_run
from contentlint.engine import site as engine_site
from contentlint.site.facts import facts_of
from contentlint.document.document import Document
from contentlint.violations import FileResult
from helpers.strategies import FACTS


def _page(i: int) -> str:
    headings = "".join(f"\n## Section {k} of page {i}\n\nSee [the next](/pages/page-{(i + k) % 50}/#section-{k}).\n"
                       for k in range(8))
    return (f"---\ntitle: Page {i}\nlayout: page\nlang: en\npermalink: /pages/page-{i}/\n---\n\n"
            f"# Page {i}\n{headings}\n[Missing](/nowhere-{i}/) and [home](/).\n")


def _jekyll_site(root: Path, pages: int) -> Path:
    root.mkdir(parents=True)
    (root / "_config.yml").write_text("title: A site\n", encoding="utf-8")
    (root / "_posts").mkdir()  # with _config.yml: a Jekyll site, so the site phase runs
    (root / "pages").mkdir()
    for i in range(pages):
        (root / "pages" / f"page-{i:03}.md").write_text(_page(i), encoding="utf-8")
    return root


def _check(root: Path, jobs: int) -> list[dict[str, Any]]:
    out = CliRunner().invoke(main, ["check", "--no-cache", "--isolated", "--jobs", str(jobs), "--format", "json",
                                    str(root)])
    assert out.exit_code == 1, out.output
    findings: list[dict[str, Any]] = json.loads(out.output)
    return findings


def test_the_main_process_keeps_little_per_file_after_the_per_file_phase(tmp_path, monkeypatch):
    """Each file's result waits in the main process for the site phase and the
    report, with the file's own entry of the file list: its site facts were
    kept as nested lists and dicts (2.5 kB a file on ruby-lang, 250 MB of a
    100,000-file run), a worker's result brought its own copies of the path,
    and the file list held three copies of each path."""
    small = _jekyll_site(tmp_path / "warm-up", 60)
    big = _jekyll_site(tmp_path / "site", 150)
    kept: list[float] = []
    real = engine_run.check_all

    def measured(pairs, settings, progress=None):
        out = real(pairs, settings, progress)
        if tracemalloc.is_tracing():
            kept.append(tracemalloc.get_traced_memory()[0] / len(pairs))
        return out

    monkeypatch.setattr(engine_run, "check_all", measured)
    _check(small, 2)  # the first run imports the process pool's modules
    tracemalloc.start()
    try:
        findings = _check(big, 2)  # from discovery to the end of the per-file phase
    finally:
        tracemalloc.stop()
    assert {f["code"] for f in findings} >= {"ST001"}  # the site phase ran on these facts
    # 8.1 kB a file before, 1.9 kB now (these pages have several findings each).
    assert kept[-1] < 3500, f"{kept[-1]:.0f} bytes kept per file"


def test_facts_come_back_as_they_were_collected(tmp_path):
    path = tmp_path / "page.md"
    path.write_text(_page(3) + '\n<a id="here"></a>\n', encoding="utf-8")
    doc = Document.from_bytes(str(path), path.read_bytes(), abs_path=str(path))
    facts = facts_of(doc, frozenset({"example.org"}))
    result = FileResult(path=str(path))
    result.facts = facts
    assert result.facts == facts
    result.facts = None
    assert result.facts is None


@given(FACTS)
def test_facts_of_any_shape_are_kept_unchanged(facts):
    result = FileResult(path="page.md")
    result.facts = facts
    assert result.facts == facts


def test_one_site_index_at_a_time(tmp_path, monkeypatch):
    """The site phase built a site's index while the previous site's (every
    page's facts) was still alive: two sites' worth of memory at the peak."""
    for name in ("one", "two", "three"):
        _jekyll_site(tmp_path / name, 5)
    alive: list[weakref.ref[Any]] = []
    overlaps: list[int] = []
    real = engine_site.build_index

    def tracked(*args, **kwargs):
        overlaps.append(sum(ref() is not None for ref in alive))
        index = real(*args, **kwargs)
        alive.append(weakref.ref(index))
        return index

    monkeypatch.setattr(engine_site, "build_index", tracked)
    findings = _check(tmp_path, 1)
    assert len(overlaps) == 3
    assert overlaps == [0, 0, 0]
    assert {f["path"].split("/")[-3] for f in findings if f["code"] == "ST001"} == {"one", "two", "three"}
