"""Worker processes start from the parent's state: the parent checks the
first file before forking (its imports, compiled schemas and per-folder
schema answers are then shared), and a forked worker carries on the
parent's run. Whatever each worker inherits, the report is the one a single
process gives: cold, warm, and with files whose schema differs by folder,
by their own `$schema` key, or by none at all."""
from __future__ import annotations

import json
import os
import time
from pathlib import Path

from click.testing import CliRunner

from contentlint.cli.main import main
from contentlint.engine.pool import PARALLEL_THRESHOLD


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    old = time.time() - 60  # outside the cache's racy window, as between real runs
    os.utime(path, (old, old))


def _project(root: Path) -> None:
    _write(root / ".astro" / "collections" / "blog.schema.json",
           json.dumps({"type": "object", "required": ["title", "date"],
                       "properties": {"title": {"type": "string"}, "date": {"type": "string", "format": "date"}}}))
    _write(root / "schemas" / "note.json", json.dumps({"type": "object", "required": ["topic"]}))
    n = 0
    for collection in ("blog", "docs"):
        for folder in ("", "2023/", "2024/deep/"):
            for k in range(PARALLEL_THRESHOLD // 4):
                n += 1
                lines = [f"title: Post {n}"]
                if n % 3:
                    lines.append(f"date: 2024-0{1 + n % 9}-{10 + n % 19}")
                if n % 7 == 0:
                    lines.append("$schema: ../../../schemas/note.json" if not folder else "$schema: missing.json")
                if n % 5 == 0:
                    lines.append("draft: yes")
                body = "# Heading\n\nText with a [link](./nowhere.md).\n" if n % 2 else "## Skipped level\n"
                _write(root / "src" / "content" / collection / f"{folder}p{k:03}.md",
                       "---\n" + "\n".join(lines) + "\n---\n\n" + body)
    _write(root / "notes" / "loose.md", "No frontmatter here.\n\n# A\n\n### Skipped level\n")  # checked first


def _report(root: Path, *args: str) -> list[dict]:
    result = CliRunner().invoke(main, ["check", str(root / "src"), str(root / "notes"), "--format", "json", *args])
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.output)


def test_parallel_reports_equal_the_single_process_report_cold_and_warm(tmp_path, monkeypatch):
    _project(tmp_path)
    monkeypatch.chdir(tmp_path)
    serial = _report(tmp_path, "--no-cache", "--jobs", "1")
    assert {"FM101", "FM103", "HD002"} <= {v["code"] for v in serial} and len(serial) > PARALLEL_THRESHOLD  # a report worth comparing
    assert _report(tmp_path, "--no-cache", "--jobs", "2") == serial
    assert _report(tmp_path, "--jobs", "2") == serial  # fills the cache
    assert _report(tmp_path, "--jobs", "2") == serial  # from it
    _write(tmp_path / "schemas" / "note.json", json.dumps({"type": "object", "required": ["subject"]}))
    changed = _report(tmp_path, "--no-cache", "--jobs", "1")
    assert changed != serial
    assert _report(tmp_path, "--jobs", "2") == changed  # a schema changed: the files naming it are checked again
