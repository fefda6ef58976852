"""A long-lived process (an application calling ``lint_paths`` again and
again, an editor, a watch loop) judges every run by the schema files as they
are when that run starts: a schema created, changed, re-pointed or deleted
between two calls is seen by the second, and what one run compiled is not
kept for ever."""
from __future__ import annotations

import gc
import json
import os
import threading
from pathlib import Path

import pytest

from contentlint.api import lint_paths
from contentlint.schema import store as schema_store
from contentlint.schema.compile import Schema

POST = "---\ntitle: A post\n---\n\nText.\n"


def _write(path: Path, data: object) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return path


def _requires(*keys: str) -> dict[str, object]:
    return {"type": "object", "required": list(keys)}


def _missing(root: Path) -> list[str]:
    """The keys FM101 says are missing, over the whole project."""
    result = lint_paths(root)
    return sorted(v.message.split("`")[1] for v in result.violations
                  if v.code == "FM101" and v.message.startswith("Missing"))


@pytest.fixture
def astro(tmp_path: Path) -> Path:
    _write(tmp_path / "contentlint.toml", 'select = ["FM101"]\n')
    _write(tmp_path / "src" / "content" / "blog" / "post.md", POST)
    return tmp_path


def _astro_schema(root: Path) -> Path:
    return root / ".astro" / "collections" / "blog.schema.json"


def test_an_astro_schema_written_between_two_calls_is_used_by_the_second(astro: Path) -> None:
    assert _missing(astro) == []
    _write(_astro_schema(astro), _requires("title", "pubDate"))  # `astro sync` ran
    assert _missing(astro) == ["pubDate"]


def test_an_astro_schema_removed_between_two_calls_is_not_used_by_the_second(astro: Path) -> None:
    _write(_astro_schema(astro), _requires("title", "pubDate"))
    assert _missing(astro) == ["pubDate"]
    _astro_schema(astro).unlink()
    assert _missing(astro) == []


def test_an_astro_schema_changed_between_two_calls_is_read_again(astro: Path) -> None:
    _write(_astro_schema(astro), _requires("title", "pubDate"))
    assert _missing(astro) == ["pubDate"]
    _write(_astro_schema(astro), _requires("title", "author"))
    assert _missing(astro) == ["author"]


def test_a_schema_file_re_pointed_between_two_calls_is_followed(tmp_path: Path) -> None:
    # `schema.json` is a link to the version in use; a deploy swaps the link.
    _write(tmp_path / "v1.json", _requires("pubDate"))
    _write(tmp_path / "v2.json", _requires("author"))
    _write(tmp_path / "contentlint.toml", 'select = ["FM101"]\n[schemas]\n"*.md" = "schema.json"\n')
    _write(tmp_path / "post.md", POST)
    (tmp_path / "schema.json").symlink_to(tmp_path / "v1.json")
    assert _missing(tmp_path) == ["pubDate"]
    (tmp_path / "schema.json").unlink()
    (tmp_path / "schema.json").symlink_to(tmp_path / "v2.json")
    assert _missing(tmp_path) == ["author"]


def test_a_referenced_schema_file_changed_between_two_calls_is_read_again(tmp_path: Path) -> None:
    # The top-level schema stays as it was; only the file its `$ref` names changes.
    _write(tmp_path / "schema.json", {"$ref": "parts/post.json"})
    _write(tmp_path / "parts" / "post.json", _requires("pubDate"))
    _write(tmp_path / "contentlint.toml", 'select = ["FM101"]\n[schemas]\n"*.md" = "schema.json"\n')
    _write(tmp_path / "post.md", POST)
    assert _missing(tmp_path) == ["pubDate"]
    _write(tmp_path / "parts" / "post.json", _requires("author", "pubDate"))
    assert _missing(tmp_path) == ["author", "pubDate"]


def _live_schemas() -> int:
    gc.collect()
    return sum(1 for o in gc.get_objects() if isinstance(o, Schema))


def test_a_long_lived_process_does_not_keep_every_schema_version_it_compiled(astro: Path) -> None:
    # Each call compiles the schema as it is then; the versions before are
    # garbage once a later run started, however many edits there were.
    schema = _astro_schema(astro)
    before = _live_schemas()
    for n in range(12):
        _write(schema, _requires("title", f"key{n}"))
        os.utime(schema, ns=(n * 1_000_000_000, n * 1_000_000_000))  # a new stamp each time
        assert _missing(astro) == [f"key{n}"]
    assert _live_schemas() - before <= 1


def test_a_run_never_sees_what_a_concurrent_run_learned_about_schema_files(tmp_path: Path, monkeypatch) -> None:
    # Run A (a thread) looks for Astro's schema before `astro sync` wrote it
    # and is held between looking and remembering; the schema appears and
    # run B starts; A remembers "absent"; B must still find the schema.
    schema = _astro_schema(tmp_path)
    looked, b_started = threading.Event(), threading.Event()
    real_is_file = Path.is_file

    def is_file(self: Path) -> bool:
        found = real_is_file(self)
        if threading.current_thread().name == "run A" and self == schema:
            looked.set()
            assert b_started.wait(10)
        return found

    monkeypatch.setattr(Path, "is_file", is_file)
    seen_by_a: list[bool] = []

    def run_a() -> None:
        schema_store.new_run()
        seen_by_a.append(schema_store.schema_file_exists(schema))

    a = threading.Thread(target=run_a, name="run A")
    a.start()
    assert looked.wait(10)
    _write(schema, _requires("title"))
    schema_store.new_run()  # run B
    b_started.set()
    a.join(10)
    assert seen_by_a == [False]
    assert schema_store.schema_file_exists(schema), "run B saw run A's view of the schema files"
