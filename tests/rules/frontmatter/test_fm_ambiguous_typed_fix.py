"""FM103's unsafe fix writes the type the schema gives (`draft: yes` →
`draft: true` under a boolean), and quotes only where text is wanted or no
schema says: a fix never makes a schema error the next run reports."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from contentlint.cli.main import main
from helpers.frontmatter import fix, lint

SCHEMA = {"properties": {
    "draft": {"type": "boolean"},
    "country": {"type": "string"},
    "count": {"type": "integer"},
    "duration": {"type": "number"},
    "zip": {"type": "string"},
    "nine": {"type": "integer"},
    "big": {"type": "number"},
    "free": {},
}}
BEFORE = """---
title: Hi
draft: yes
country: NO
count: 1e3
duration: 1:30
zip: 02134
nine: 09
big: 1e30
free: on
---

Text.
"""
AFTER = """---
title: Hi
draft: true
country: "NO"
count: 1000
duration: 90
zip: "02134"
nine: 9
big: 1.0e+30
free: "on"
---

Text.
"""


def _run(*args):
    return CliRunner().invoke(main, [*args, "--isolated", "--no-cache", "--select", "FM"])


def test_fix_writes_the_schema_type_and_the_next_run_is_clean(tmp_path):
    schema = tmp_path / "post.schema.json"
    schema.write_text(json.dumps(SCHEMA))
    post = tmp_path / "post.md"
    post.write_text(BEFORE, encoding="utf-8")
    fixed = _run("check", str(post), "--schema", str(schema), "--fix", "--unsafe-fixes")
    assert "Traceback" not in fixed.output
    assert post.read_text(encoding="utf-8") == AFTER
    again = _run("check", str(post), "--schema", str(schema), "--format", "json")
    assert again.exit_code == 0 and json.loads(again.stdout) == [], again.output


def test_without_a_schema_the_fix_quotes(tmp_path):
    assert fix("---\ndraft: yes\ncount: 1e3\n---\n", unsafe=True) == '---\ndraft: "yes"\ncount: "1e3"\n---\n'


def test_no_fix_when_the_schema_accepts_both_numbers(tmp_path):
    # `010` is 8 to YAML 1.1 and 10 to YAML 1.2: the schema cannot say which.
    schema = tmp_path / "s.json"
    schema.write_text('{"properties": {"version": {"type": "integer"}}}')
    text = "---\nversion: 010\n---\n"
    assert [c for c, *_ in lint(text, schema=str(schema))] == ["FM103"]
    assert fix(text, unsafe=True, schema=str(schema)) == text


_AMBIGUOUS = st.sampled_from(["yes", "No", "ON", "off", "1e3", "2E-3", "1:30", "12:30:15", "02134", "09", "010", "-07"])
_TYPES = st.sampled_from([
    {"type": "boolean"}, {"type": "string"}, {"type": "integer"}, {"type": "number"}, {},
    {"type": ["string", "boolean"]}, {"enum": ["yes", "no"]}, {"anyOf": [{"type": "boolean"}, {"type": "integer"}]},
])


@settings(max_examples=120, deadline=None)
@given(value=_AMBIGUOUS, wanted=_TYPES, nested=st.booleans())
def test_the_fix_never_adds_a_schema_error(tmp_path_factory, value, wanted, nested):
    folder = tmp_path_factory.mktemp("s")
    schema = folder / "s.json"
    if nested:
        schema.write_text(json.dumps({"properties": {"meta": {"properties": {"k": {"type": "array", "items": wanted}}}}}))
        text = f"---\nmeta:\n  k: [{value}]\n---\n"
    else:
        schema.write_text(json.dumps({"properties": {"k": wanted}}))
        text = f"---\nk: {value}\n---\n"
    before = [m for c, _, _, m in lint(text, schema=str(schema)) if c == "FM101"]
    fixed = fix(text, unsafe=True, schema=str(schema))
    after = [m for c, _, _, m in lint(fixed, schema=str(schema)) if c == "FM101"]
    if not before:
        assert after == [], (text, fixed)
    else:
        assert len(after) <= len(before), (text, fixed)
