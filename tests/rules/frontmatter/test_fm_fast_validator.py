"""The compiled yes/no validator (schema/fast.py) answers exactly what
jsonschema's is_valid answers: a "valid" from it that jsonschema would not
give would hide every error of that document."""
from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from contentlint.schema.fast import compile_fast
from contentlint.schema.formats import format_checker
from contentlint.schema.store import NonJson, to_instance

DRAFTS = [jsonschema.Draft7Validator, jsonschema.Draft201909Validator, jsonschema.Draft202012Validator]
KEYS = ["title", "date", "tags", "draft", "n", "a-b", "x1"]

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-3, 3), st.sampled_from([0.0, 1.0, 2.5, -1.5, 1e300]),
    st.sampled_from(["", "a", "ab", "Draft", "draft", "2024-01-31", "2024-02-30", "2024-01-31T10:00:00Z",
                     "https://x.org/a", "not a uri", "a@b.c", "[", "é", "title"]),
    st.just(NonJson("a YAML set", "{a}")), st.just(NonJson("not-a-number", ".nan")),
)
instances = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(st.sampled_from(KEYS), inner, max_size=4)),
    max_leaves=12,
)
enum_values = st.one_of(scalars.filter(lambda v: not isinstance(v, NonJson)), st.lists(st.integers(0, 2), max_size=2))


def _schemas(draft: type) -> st.SearchStrategy:
    types = st.sampled_from(["string", "integer", "number", "boolean", "null", "array", "object"])
    leaf = st.one_of(
        st.booleans(),
        st.fixed_dictionaries({"type": st.one_of(types, st.lists(types, min_size=1, max_size=3, unique=True))}),
        st.fixed_dictionaries({"enum": st.lists(enum_values, min_size=1, max_size=4)}),
        st.fixed_dictionaries({"const": enum_values}),
        st.fixed_dictionaries({"minLength": st.integers(0, 3)}),
        st.fixed_dictionaries({"maxLength": st.integers(0, 3)}),
        st.fixed_dictionaries({"pattern": st.sampled_from(["^a", "b$", "^\\d{4}-", "[A-Z]"])}),
        st.fixed_dictionaries({"format": st.sampled_from(["date", "date-time", "uri", "email", "uuid"])}),
        st.fixed_dictionaries({"minimum": st.integers(-1, 2)}),
        st.fixed_dictionaries({"maximum": st.sampled_from([0, 1.5, 2])}),
        st.fixed_dictionaries({"exclusiveMinimum": st.integers(-1, 2)}),
        st.fixed_dictionaries({"exclusiveMaximum": st.integers(-1, 2)}),
        st.fixed_dictionaries({"minItems": st.integers(0, 2), "maxItems": st.integers(1, 3)}),
        st.fixed_dictionaries({"uniqueItems": st.booleans()}),
        st.fixed_dictionaries({"required": st.lists(st.sampled_from(KEYS), max_size=3, unique=True)}),
        st.fixed_dictionaries({"minProperties": st.integers(0, 2), "maxProperties": st.integers(1, 3)}),
        st.fixed_dictionaries({"description": st.just("annotation"), "x-unknown": st.integers()}),
    )

    def compound(inner, refs=True):
        props = st.dictionaries(st.sampled_from(KEYS), inner, max_size=3)
        return st.one_of(
            st.fixed_dictionaries({"properties": props},
                                  optional={"additionalProperties": st.one_of(st.booleans(), inner),
                                            "patternProperties": st.dictionaries(st.sampled_from(["^x", "-"]), inner, max_size=2),
                                            "required": st.lists(st.sampled_from(KEYS), max_size=2, unique=True),
                                            "type": st.just("object")}),
            st.fixed_dictionaries({"items": inner}),
            st.fixed_dictionaries({"anyOf": st.lists(inner, min_size=1, max_size=3)}),
            st.fixed_dictionaries({"oneOf": st.lists(inner, min_size=1, max_size=3)}),
            st.fixed_dictionaries({"allOf": st.lists(inner, min_size=1, max_size=3)}),
            st.fixed_dictionaries({"not": inner}),
            st.fixed_dictionaries({"if": inner}, optional={"then": inner, "else": inner}),
            *([st.fixed_dictionaries({"$ref": st.just("#/$defs/thing")}, optional={"type": types})] if refs else []),
            *([st.fixed_dictionaries({"prefixItems": st.lists(inner, max_size=2)}, optional={"items": inner})]
              if draft is jsonschema.Draft202012Validator else []),
        )

    # `$ref`s point at a subschema without references of its own: a
    # reference cycle on one instance never ends, in jsonschema either.
    target = st.recursive(leaf, lambda inner: compound(inner, refs=False), max_leaves=4)
    body = st.recursive(leaf, compound, max_leaves=6)
    return st.fixed_dictionaries({"$defs": st.fixed_dictionaries({"thing": target})}, optional={
        "properties": st.dictionaries(st.sampled_from(KEYS), body, max_size=3),
        "anyOf": st.lists(body, min_size=1, max_size=2),
        "additionalProperties": body,
    })


@pytest.mark.parametrize("draft", DRAFTS, ids=lambda d: d.__name__)
@pytest.mark.parametrize("lenient", [False, True])
def test_compiled_answer_equals_jsonschemas(draft, lenient):
    checker = format_checker(lenient)

    @settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(_schemas(draft), st.lists(instances, min_size=1, max_size=6))
    def compare(schema, docs):
        fast = compile_fast(draft, schema, checker)
        assert fast is not None, schema  # every keyword drawn here is compiled
        reference = draft(schema, format_checker=checker)
        for doc in docs:
            assert fast(doc) == reference.is_valid(doc), (json.dumps(schema, default=str), doc)

    compare()


@pytest.mark.parametrize("schema", [
    {"multipleOf": 2}, {"contains": {"type": "string"}}, {"unevaluatedProperties": False},
    {"properties": {"a": {"$ref": "other.json"}}}, {"$defs": {"a": {"$id": "x", "type": "string"}}, "$ref": "#/$defs/a"},
    {"propertyNames": {"pattern": "^a"}}, {"dependentRequired": {"a": ["b"]}}, {"$dynamicRef": "#x"},
])
def test_schemas_with_other_keywords_are_left_to_jsonschema(schema):
    assert compile_fast(jsonschema.Draft202012Validator, schema, format_checker(False)) is None


def test_draft7_ref_hides_its_siblings_as_jsonschema_does():
    schema = {"definitions": {"s": {"type": "string"}}, "properties": {"a": {"$ref": "#/definitions/s", "minLength": 5}}}
    fast = compile_fast(jsonschema.Draft7Validator, schema, format_checker(False))
    assert fast({"a": "ab"}) is True
    assert compile_fast(jsonschema.Draft202012Validator, schema, format_checker(False))({"a": "ab"}) is False


CORPORA = Path(__file__).resolve().parents[3].parent / "shared" / "corpora"


@pytest.mark.skipif(not CORPORA.is_dir(), reason="shared corpora not present")
@pytest.mark.parametrize("name", ["astro-docs", "ruby-lang"])
def test_corpus_schemas_are_compiled_and_agree_on_edited_documents(name):
    """The shared corpora's schemas get a compiled check, and it agrees with
    jsonschema on real frontmatter values moved between keys."""
    from contentlint.schema.store import load

    schema = load(str(CORPORA / f"{name}.schema.json"), base=CORPORA)
    assert schema.fast is not None
    docs = [{}, {"layout": "news_post"}, {"layout": "page", "title": ""}, {"title": "x", "sidebar": {"order": "1"}},
            {"layout": None, "lang": "zh_TW"}, {"layout": "news_post", "title": "t", "lang": "en", "author": "a"},
            to_instance({"title": "T", "description": "d", "i18nReady": True, "tableOfContents": {"minHeadingLevel": 2}})]
    for doc in docs:
        assert schema.fast(doc) == schema.validator.is_valid(doc), doc


TYPE_NAMES = ["string", "integer", "number", "boolean", "null", "array", "object"]
EVERY_KIND = [None, True, False, 0, 1, -2, 0.0, 1.0, 2.5, float("inf"), "", "1", "true", [], [1], {}, {"a": 1},
              NonJson("a YAML set", "{a}"), NonJson("not-a-number", ".nan")]


@pytest.mark.parametrize("draft", DRAFTS, ids=lambda d: d.__name__)
def test_every_type_and_pair_of_types_agrees_with_jsonschema_on_every_kind_of_value(draft):
    """`type` is decided by isinstance where jsonschema's own test is one
    (a bool is no integer, 1.0 is one): each type name alone, in a list with
    another, and beside another keyword, against every kind of value."""
    shapes = [name for name in TYPE_NAMES] + [[a, b] for a in TYPE_NAMES for b in TYPE_NAMES if a != b]
    for shape in shapes:
        for schema in ({"type": shape}, {"type": shape, "minLength": 1}, {"properties": {"k": {"type": shape}}}):
            fast = compile_fast(draft, schema, None)
            reference = draft(schema)
            for value in EVERY_KIND:
                doc = {"k": value} if "properties" in schema else value
                assert fast(doc) == reference.is_valid(doc), (schema, value)
