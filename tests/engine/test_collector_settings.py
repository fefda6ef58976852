"""The per-file phase tunes Python's cyclic collector (engine/pool.py); a
process that goes on after a run (an editor, a script using the API) gets
its own settings back, serial or with workers, and nothing left frozen."""
from __future__ import annotations

import gc

import pytest

from contentlint import lint_paths


@pytest.mark.parametrize("files", [3, 60])  # serial, then over worker processes
def test_collector_settings_are_put_back_after_a_run(tmp_path, files):
    for i in range(files):
        (tmp_path / f"p{i}.md").write_text(f"# Page {i}\n\nText.\n")
    before = gc.get_threshold()
    gc.set_threshold(555, 7, 9)
    try:
        result = lint_paths(tmp_path, config={})
        assert result.files_checked == files
        assert gc.get_threshold() == (555, 7, 9)
        assert gc.get_freeze_count() == 0
    finally:
        gc.set_threshold(*before)
