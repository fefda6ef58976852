"""schema/certain.py says "valid" only where jsonschema says so, on the
configuration file's own schema and on small generated schemas; and it does
say "valid" for an ordinary configuration (else the jsonschema import it
saves would come back)."""
from __future__ import annotations

import jsonschema
from hypothesis import given, settings
from hypothesis import strategies as st

from contentlint.config.loader import _schema
from contentlint.schema.certain import certainly_valid

SCHEMA = _schema()

scalars = st.one_of(st.none(), st.booleans(), st.integers(-3, 3), st.floats(-3, 3, allow_nan=False),
                    st.sampled_from(["", "x", "HD", "error", "warning", "auto", "mirror", "ST001", "#", "a-b"]))
json_values = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=3),
    st.dictionaries(st.sampled_from(["severity", "max", "root", "x", "HD001", "heading-increment", "base"]),
                    inner, max_size=3)), max_leaves=8)
keys = st.sampled_from(sorted(SCHEMA["properties"]) + ["unknown"])
rules = st.dictionaries(st.sampled_from(["HD001", "heading-increment", "TX001", "LK002", "XX999"]),
                        st.dictionaries(st.sampled_from(["severity", "max", "level", "x"]), json_values, max_size=2),
                        max_size=2)
tables = st.dictionaries(keys, st.one_of(json_values, rules, st.lists(st.sampled_from(["HD", "TX", "x"]))),
                         max_size=4)


@settings(max_examples=400, deadline=None, derandomize=True, database=None)
@given(tables)
def test_valid_means_valid_on_the_configuration_schema(table):
    if certainly_valid(SCHEMA, table):
        assert jsonschema.Draft202012Validator(SCHEMA).is_valid(table), table


leaf_schemas = st.one_of(
    st.builds(lambda t: {"type": t}, st.sampled_from(["string", "integer", "number", "boolean", "null", "array",
                                                      "object", ["string", "null"], ["integer", "boolean"]])),
    st.builds(lambda e: {"enum": e}, st.lists(scalars, min_size=1, max_size=3)),
    st.builds(lambda c: {"const": c}, scalars),
    st.builds(lambda k, n: {k: n}, st.sampled_from(["minimum", "maximum", "exclusiveMinimum"]),
              st.one_of(st.integers(-2, 2), st.floats(-2, 2, allow_nan=False), st.booleans())),
    st.builds(lambda n: {"type": "string", "minLength": n}, st.integers(0, 2)),
    st.builds(lambda p: {"pattern": p}, st.sampled_from(["^x", "b$", "[0-9]", "^$"])),
    st.just({"description": "annotation only"}),
    st.just({"uniqueItems": True}),  # a keyword it does not know
)
schemas = st.recursive(leaf_schemas, lambda inner: st.one_of(
    st.builds(lambda p, a: {"type": "object", "properties": p, "additionalProperties": a},
              st.dictionaries(st.sampled_from(["severity", "max", "x"]), inner, max_size=2),
              st.one_of(st.booleans(), inner)),
    st.builds(lambda i: {"type": "array", "items": i}, inner),
    st.builds(lambda a: {"anyOf": a}, st.lists(inner, min_size=1, max_size=2)),
), max_leaves=6)


@settings(max_examples=600, deadline=None, derandomize=True, database=None)
@given(schemas, json_values)
def test_valid_means_valid_on_generated_schemas(schema, value):
    if certainly_valid(schema, value):
        assert jsonschema.Draft202012Validator(schema).is_valid(value), (schema, value)


def test_an_ordinary_configuration_is_answered_without_jsonschema():
    table = {
        "include": ["*.md", "*.mdx"], "exclude": ["drafts/"], "respect-gitignore": True,
        "select": ["FM", "TX", "LK", "HD"], "ignore": ["HD012"], "per-file-ignores": {"docs/*.md": ["TX004"]},
        "max-file-size": 1000000, "rules": {"HD001": {"severity": "warning"}},
        "site": {"framework": "jekyll", "domains": ["https://www.example.org"]},
    }
    assert jsonschema.Draft202012Validator(SCHEMA).is_valid(table)
    assert certainly_valid(SCHEMA, table)
    assert not certainly_valid(SCHEMA, {**table, "selct": ["HD"]})
