"""Schema resolution is memoised per folder and run (and, under `--schema`,
once for the run): whatever order files come in, however their paths are
spelt, each gets the schema, origin, problem and recorded dependencies that
resolving it alone, with nothing remembered, gives."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Optional

from hypothesis import HealthCheck, given, settings, strategies as st

from contentlint.document.document import Document
from contentlint.registry import FileContext
from contentlint.schema import discovery, store
from helpers.frontmatter import make_config

FILES = [
    "src/content/blog/a.md",
    "src/content/blog/b.md",  # names its own schema
    "src/content/blog/2024/c.md",
    "src/content/docs/d.md",  # a collection without a schema file
    "src/content/docs/e.md",
    "notes/f.md",
    "notes/g.md",  # names a schema that does not exist
    "h.md",
]
TEXTS = {
    "src/content/blog/b.md": "---\n$schema: ../../../schemas/key.json\ntitle: B\n---\n",
    "notes/g.md": "---\n$schema: missing.json\n---\n",
}


def _write(path: Path, data: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")


def _project(root: Path) -> None:
    for name in ("cli", "key", "glob"):
        _write(root / "schemas" / f"{name}.json", {"type": "object", "required": [f"from_{name}"]})
    _write(root / ".astro" / "collections" / "blog.schema.json", {"type": "object", "required": ["title"]})
    for rel in FILES:
        _write(root / rel, TEXTS.get(rel, "---\ntitle: T\n---\n"))


def _spelt(root: Path, rel: str, how: int) -> str:
    """One file's absolute path, spelt one of the ways a caller may spell it."""
    folder, _, name = rel.rpartition("/")
    base = str(root) + ("/" + folder if folder else "")
    return [f"{base}/{name}", f"{base}//{name}", f"{base}/./{name}"][how]


def _answer(root: Path, abs_path: str, families: Any, schema: Optional[str]) -> tuple[Any, ...]:
    deps: set[str] = set()
    rel = Path(abs_path).resolve().relative_to(root.resolve()).as_posix()
    doc = Document.from_bytes(rel, (root / rel).read_bytes(), abs_path=abs_path)
    file = FileContext(root=str(root), abs_path=abs_path, families=families, no_cache=True, schema=schema,
                       depends_on=lambda p: deps.add(str(p)))
    found = discovery.resolve(doc, file)
    uri = found.schema.uri if found.schema is not None else None
    return found.origin, found.problem, uri, sorted(deps)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(order=st.permutations(range(len(FILES))), spellings=st.lists(st.integers(0, 2), min_size=len(FILES),
                                                                    max_size=len(FILES)),
       flag=st.booleans(), globs=st.booleans())
def test_memoised_resolution_equals_resolving_each_file_alone(tmp_path_factory, order, spellings, flag, globs):
    root = tmp_path_factory.getbasetemp() / "resolve-memo"
    if not root.exists():
        _project(root)
    table = {"schemas": {"notes/**": "schemas/glob.json"}} if globs else {}
    families = make_config(root, table).families
    schema = str(root / "schemas" / "cli.json") if flag else None
    paths = [_spelt(root, FILES[i], spellings[i]) for i in order]

    alone = []
    for path in paths:
        store.new_run()  # nothing remembered from the file before
        alone.append(_answer(root, path, families, schema))
    store.new_run()  # one run for every file: the memo answers the repeats
    together = [_answer(root, path, families, schema) for path in paths]
    assert together == alone
    assert any(uri for _, _, uri, _ in alone)  # the project does give schemas
