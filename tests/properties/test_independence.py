"""The findings for a file do not depend on which other files are checked
with it, in which order, or on the number of worker processes."""
from __future__ import annotations

import json
import shutil

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from contentlint.engine import pool as parallel
from contentlint.cli.main import main
from prop_support import budget, documents, project_files


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    root = tmp_path_factory.mktemp("independence")
    project_files(root)
    return root


def _by_file(paths: list[str], jobs: int) -> dict[str, list]:
    args = ["check", *paths, "--format", "json", "--no-cache", "--jobs", str(jobs)]
    result = CliRunner().invoke(main, args, catch_exceptions=False)
    assert result.exit_code in (0, 1), result.stderr
    found: dict[str, list] = {p: [] for p in paths}
    for f in json.loads(result.stdout):
        found[f["path"]].append(f)
    return found


@budget(30)
@given(files=st.lists(documents(), min_size=2, max_size=6))
def test_findings_per_file_ignore_order_company_and_workers(folder, files):
    posts = folder / "posts"
    shutil.rmtree(posts, ignore_errors=True)
    posts.mkdir()
    paths = []
    for i, raw in enumerate(files):
        path = posts / f"p{i}.md"
        path.write_bytes(raw)
        paths.append(str(path))

    alone = {p: _by_file([p], jobs=1)[p] for p in paths}
    together = _by_file(paths, jobs=1)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(parallel, "PARALLEL_THRESHOLD", 0)  # workers even for a handful of files
        reversed_in_workers = _by_file(paths[::-1], jobs=2)
    assert together == alone
    assert reversed_in_workers == alone
