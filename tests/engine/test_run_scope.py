"""Runs in one long-lived process (an editor, a watch loop, an application
calling `lint_paths` from threads) never share what they saw on disk: a run
that starts after an image appeared judges the post by the image that is
there, even while an older run is still going."""
from __future__ import annotations

import os
import threading

import contentlint.engine.cache as engine_cache
import contentlint.engine.lint as engine_lint
import contentlint.engine.run as engine_run
from contentlint.api import lint_paths

LONG_AGO = 1_000_000_000  # 2001: no stamp of these files is "too recent to trust"


def test_a_run_never_sees_the_file_stamps_of_another_run(tmp_path, monkeypatch):
    (tmp_path / "contentlint.toml").write_text('select = ["LK003"]\n')
    (tmp_path / "public").mkdir()
    (tmp_path / "post.md").write_text("---\ntitle: A post\nhero: /hero.png\n---\n\nText.\n")
    for path in (tmp_path / "public", tmp_path / "contentlint.toml"):
        os.utime(path, (LONG_AGO, LONG_AGO))
    assert [v.code for v in lint_paths(tmp_path).violations] == ["LK003"]  # cached, with its dependencies

    # Run A (a thread) looks at the post's dependencies before the image
    # exists and is held between seeing them and remembering what it saw;
    # the image appears and run B starts; then A remembers, and B looks
    # (and A goes on only when B is done).
    seen, b_started, remembered, b_done = (threading.Event() for _ in range(4))
    real_unchanged, real_new_run = engine_lint.dependencies_unchanged, engine_run.new_run

    def unchanged(entry, memo):
        if threading.current_thread().name == "run A":
            stamps = {path: engine_cache._stamp(path) for path, _ in entry[4]}
            seen.set()
            assert b_started.wait(10)
            memo.update(stamps)
            remembered.set()
            assert b_done.wait(10)  # A's cache is written after B read its own
        return real_unchanged(entry, memo)

    def new_run():
        real_new_run()
        if threading.current_thread().name != "run A":
            b_started.set()
            assert remembered.wait(10)

    monkeypatch.setattr(engine_lint, "dependencies_unchanged", unchanged)
    monkeypatch.setattr(engine_run, "new_run", new_run)

    a = threading.Thread(target=lambda: lint_paths(tmp_path), name="run A")
    a.start()
    assert seen.wait(10)
    (tmp_path / "public" / "hero.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    result = lint_paths(tmp_path)  # run B
    b_done.set()
    a.join(10)
    assert [v.code for v in result.violations] == [], "run B saw run A's view of the static folder"
