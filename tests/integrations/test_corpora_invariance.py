"""On real sites (the shared corpora), the findings do not depend on the
cache, the number of worker processes or the order of the paths named.

Two locale folders of each corpus keep the test quick; the whole corpora
were compared the same way when the cache and per-file configuration were
reworked (issue 11)."""
from __future__ import annotations

from pathlib import Path

import pytest

from helpers.lint import check as run_check

CORPORA = Path(__file__).resolve().parents[2].parent / "shared" / "corpora"
pytestmark = pytest.mark.skipif(
    not CORPORA.is_dir(), reason=f"the shared corpora are not on this machine ({CORPORA})"
)
FOLDERS = {
    "astro-docs": ["astro-docs/src/content/docs/de", "astro-docs/src/content/docs/it"],
    "ruby-lang": ["ruby-lang/bg", "ruby-lang/pl"],
}


def run(tmp_path: Path, name: str, folders: list[str], *args: str) -> tuple[int, list]:
    schema = CORPORA / f"{name}.schema.json"
    # --isolated: the project root (and so the cache) is the current folder,
    # never the read-only corpus
    code, findings = run_check("--isolated", "--schema", schema, *args, *(CORPORA / f for f in folders))
    return code, findings


@pytest.mark.parametrize("name", sorted(FOLDERS))
def test_cache_jobs_and_path_order_do_not_change_the_findings(tmp_path, monkeypatch, name):
    monkeypatch.chdir(tmp_path)
    forward, backward = FOLDERS[name], FOLDERS[name][::-1]
    expected = run(tmp_path, name, forward, "--no-cache", "--jobs", "1")
    assert expected[1], "the corpus should give some findings to compare"
    paths = [f["path"] for f in expected[1]]
    assert paths == sorted(paths, key=lambda p: p.split("/"))
    assert run(tmp_path, name, backward, "--no-cache", "--jobs", "2") == expected
    assert run(tmp_path, name, backward, "--jobs", "2") == expected  # fills the cache
    assert (tmp_path / ".contentlint_cache").is_dir()
    assert run(tmp_path, name, forward, "--jobs", "1") == expected  # from the cache
    assert run(tmp_path, name, backward, "--jobs", "2") == expected
    assert run(tmp_path, name, [forward[1]], "--jobs", "1")[1] == [
        f for f in expected[1] if f["path"].startswith(str(CORPORA / forward[1]) + "/")
    ]
