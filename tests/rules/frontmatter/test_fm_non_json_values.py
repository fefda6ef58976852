"""YAML values JSON cannot hold (`!!set`, `!!binary`, `.nan`, `.inf`) are
validated as what they are, not as a converted copy: a set is not a list,
bytes are not text, `.nan` is not a number. Reports stay strict JSON."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from contentlint.cli.main import main
from contentlint.schema.infer import infer
from contentlint.schema.store import to_instance
from helpers.frontmatter import lint

SCHEMA = {"properties": {
    "tags": {"type": "array", "items": {"type": "string"}},
    "weight": {"type": "number"},
    "summary": {"type": "string"},
    "limit": {"type": "number", "maximum": 10},
    "ids": {"type": "array", "items": {"type": "integer"}},
    "level": {"enum": ["low", "high"]},
}}
POST = """---
title: Hello
tags: !!set {b, a}
weight: .nan
summary: !!binary aGVsbG8=
limit: .inf
ids: [1, -.inf]
level: .NaN
---

Text.
"""


def _no_constant(name):
    raise AssertionError(f"{name} is not JSON")


def _schema(tmp_path):
    path = tmp_path / "s.json"
    path.write_text(json.dumps(SCHEMA))
    return str(path)


def test_values_json_cannot_hold_are_schema_errors_on_their_keys(tmp_path):
    found = lint(POST, root=tmp_path, schema=_schema(tmp_path), config={"select": ["FM101"]})
    assert [(line, col, message) for _, line, col, message in found] == [
        (3, 1, "`tags` must be a list, got a YAML set `{a, b}`"),
        (4, 1, "`weight` must be a number, got not-a-number `.nan`"),
        (5, 1, "`summary` must be text, got binary data `aGVsbG8=`"),
        (6, 1, "`limit` must be a number, got infinity `.inf`"),
        (7, 10, "`ids[1]` must be a whole number, got negative infinity `-.inf`"),
        (8, 1, "`level` must be one of `low`, `high`, got `.nan`"),
    ]


def test_a_set_is_no_list_even_without_a_type_for_its_items(tmp_path):
    schema = tmp_path / "s.json"
    schema.write_text('{"properties": {"tags": {"type": "array"}}}')
    found = lint("---\ntags: !!set\n  ? a\n  ? b\n---\n", root=tmp_path, schema=str(schema))
    assert [(c, line, col) for c, line, col, _ in found] == [("FM101", 2, 1)]


@pytest.mark.parametrize("fmt", ["json", "sarif", "gitlab"])
def test_reports_stay_strict_json(tmp_path, fmt):
    post = tmp_path / "post.md"
    post.write_text(POST, encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(post), "--isolated", "--no-cache", "--schema", _schema(tmp_path),
                                       "--format", fmt])
    assert result.exit_code == 1, result.output
    data = json.loads(result.stdout, parse_constant=_no_constant)
    text = json.dumps(data)
    assert "got not-a-number `.nan`" in text and "got a YAML set" in text


def test_schema_infer_never_types_what_json_cannot_hold(tmp_path):
    # The inferred schema validates the files it came from: `tags` holds a
    # list in one file and a set in the other, so it gets no type.
    (tmp_path / "a.md").write_text("---\ntags: [x]\nweight: 1.5\n---\n", encoding="utf-8")
    (tmp_path / "b.md").write_text("---\ntags: !!set {x}\nweight: .nan\n---\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["schema", "infer", str(tmp_path), "--isolated"])
    assert result.exit_code == 0, result.output
    schema = json.loads(result.stdout, parse_constant=_no_constant)
    assert schema["properties"]["tags"] == {"items": {"type": "string"}}
    assert schema["properties"]["weight"] == {}
    (tmp_path / "s.json").write_text(result.stdout)
    for name in ("a.md", "b.md"):
        text = (tmp_path / name).read_text()
        assert lint(text, root=tmp_path, schema=str(tmp_path / "s.json")) == []


_ODD = st.one_of(
    st.sampled_from([".nan", ".inf", "-.inf", ".NaN", "!!binary aGk=", "!!set {a, b}", "!!set {}"]),
    st.text("ab1", min_size=1, max_size=3),
    st.integers(-5, 5).map(str),
)


@settings(max_examples=60, deadline=None)
@given(values=st.lists(st.one_of(_ODD, st.lists(_ODD, max_size=3).map(lambda xs: "[" + ", ".join(
    x for x in xs if not x.startswith("!!")) + "]")), min_size=1, max_size=4))
def test_inferred_schema_validates_its_sources(values):
    # Round trip under any mix of JSON and non-JSON values at the same keys.
    docs = [f"---\nk: {value}\n---\n" for value in values]
    schema = infer([to_instance({"k": _load(d)}) for d in docs])
    json.dumps(schema, allow_nan=False)
    from contentlint.schema.compile import Access, compile_schema, Fetcher

    compiled = compile_schema("inferred", "file:///inferred.json", schema, Fetcher(Access()), False)
    for doc in docs:
        assert compiled.is_valid(to_instance({"k": _load(doc)})), (doc, schema)


def _load(doc: str):
    from contentlint.document.document import Document

    return Document.from_bytes("p.md", doc.encode()).metadata["k"]
