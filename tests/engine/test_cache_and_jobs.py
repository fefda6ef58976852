"""Result cache, worker processes and shards: same findings, less work."""
import json
import os
import shutil
import time
from pathlib import Path

import pytest

from contentlint.engine import run as engine
from contentlint.api import run_check
from contentlint.engine.cache import CACHE_DIR, CACHE_FILE
from contentlint.config.loader import load_config
from contentlint.engine.files import discover, select_shard
from contentlint.document.document import Document
from contentlint.engine.lint import Settings

ROOT = Path(__file__).resolve().parents[2]


def site(tmp_path, n=60):
    content = tmp_path / "content"
    content.mkdir()
    for i in range(n):
        body = "## **Bold**\n" if i % 3 == 0 else "## Fine\n"
        if i % 5 == 0:
            body += "It was â€” late.\n"
        post = content / f"post-{i:03}.md"
        post.write_text(f"---\ntitle: Post {i}\n---\n\n{body}", encoding="utf-8")
        # older than the cache's "racy" window, as files are between real runs
        os.utime(post, (time.time() - 60, time.time() - 60))
    (tmp_path / "contentlint.toml").write_text('select = ["TX", "HD003"]\n')
    return content


def findings(content, **kw):
    settings = Settings(**kw)
    result, _ = run_check([str(content)], settings)
    return [v.to_json() for v in result.violations], result


def test_jobs_1_and_2_give_identical_output(tmp_path, monkeypatch):
    content = site(tmp_path)
    monkeypatch.chdir(tmp_path)
    serial, _ = findings(content, jobs=1, no_cache=True)
    parallel, _ = findings(content, jobs=2, no_cache=True)
    assert serial == parallel and len(serial) > 20


def test_warm_run_reads_and_parses_nothing(tmp_path, monkeypatch):
    content = site(tmp_path, n=10)
    monkeypatch.chdir(tmp_path)
    cold, _ = findings(content, jobs=1)
    assert (tmp_path / CACHE_DIR / CACHE_FILE).exists()

    def no_reads(*a, **k):
        raise AssertionError("a warm run must not check any file")

    monkeypatch.setattr(engine, "check_source", no_reads)
    monkeypatch.setattr("contentlint.engine.pool.check_source", no_reads)
    warm, _ = findings(content, jobs=1)
    assert warm == cold


def test_touched_but_unchanged_file_is_read_not_parsed(tmp_path, monkeypatch):
    content = site(tmp_path, n=3)
    monkeypatch.chdir(tmp_path)
    cold, _ = findings(content, jobs=1)
    post = content / "post-000.md"
    os.utime(post, ns=(post.stat().st_atime_ns, post.stat().st_mtime_ns + 10_000_000))

    def no_parse(*a, **k):
        raise AssertionError("same content hash: no parse")

    monkeypatch.setattr(Document, "from_bytes", no_parse)
    warm, _ = findings(content, jobs=1)
    assert warm == cold


def test_changed_file_and_changed_config_are_rechecked(tmp_path, monkeypatch):
    content = site(tmp_path, n=3)
    monkeypatch.chdir(tmp_path)
    findings(content, jobs=1)
    (content / "post-001.md").write_text("## **Now bold**\n")
    warm, _ = findings(content, jobs=1)
    assert any(f["path"].endswith("post-001.md") and f["code"] == "HD003" for f in warm)
    (tmp_path / "contentlint.toml").write_text('select = ["TX"]\n')
    after, _ = findings(content, jobs=1)
    assert not any(f["code"] == "HD003" for f in after)


def test_corrupt_cache_is_discarded_with_a_warning(tmp_path, monkeypatch):
    content = site(tmp_path, n=3)
    monkeypatch.chdir(tmp_path)
    cold, _ = findings(content, jobs=1)
    (tmp_path / CACHE_DIR / CACHE_FILE).write_text("{not json")
    again, result = findings(content, jobs=1)
    assert again == cold
    assert any("discarded" in m for m in result.messages)
    json.loads((tmp_path / CACHE_DIR / CACHE_FILE).read_text())


def test_no_cache_writes_nothing(tmp_path, monkeypatch):
    content = site(tmp_path, n=3)
    monkeypatch.chdir(tmp_path)
    findings(content, jobs=1, no_cache=True)
    assert not (tmp_path / CACHE_DIR).exists()


def test_shards_partition_the_files(tmp_path):
    content = site(tmp_path, n=40)
    config = load_config(start=tmp_path)
    sources = discover([str(content)], config)
    shards = [select_shard(sources, k, 3) for k in (1, 2, 3)]
    names = [s.abs_path for shard in shards for s in shard]
    assert sorted(names) == sorted(s.abs_path for s in sources)
    assert len(set(names)) == len(names) and all(shards)


def test_clean_removes_the_cache(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from contentlint.cli.main import main

    content = site(tmp_path, n=2)
    monkeypatch.chdir(tmp_path)
    findings(content, jobs=1)
    result = CliRunner().invoke(main, ["clean"])
    assert result.exit_code == 0 and not (tmp_path / CACHE_DIR).exists()


def test_cached_results_follow_the_files_they_depend_on(tmp_path, monkeypatch):
    """A missing local image that appears, or an edited schema, invalidates
    the cached result of the post that names it."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "contentlint.toml").write_text('select = ["LK003", "FM101"]\n')
    content = tmp_path / "content"
    content.mkdir()
    schema = tmp_path / "post.schema.json"
    schema.write_text('{"type": "object", "required": ["title"]}')
    (content / "post.md").write_text("---\n$schema: ../post.schema.json\ntitle: x\n---\n\n![A](img/a.png)\n")
    first, _ = findings(content, jobs=1)
    assert [f["code"] for f in first] == ["LK003"]
    (content / "img").mkdir()
    (content / "img" / "a.png").write_bytes(b"\x89PNG")
    second, _ = findings(content, jobs=1)
    assert second == []
    schema.write_text('{"type": "object", "required": ["title", "date"]}')
    third, _ = findings(content, jobs=1)
    assert [f["code"] for f in third] == ["FM101"]
