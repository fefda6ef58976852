"""Behaviour of each frontmatter rule beyond its fixture: the cases a fixture
cannot express (findings on line 1, JSON, TOML, options, fixes)."""
from __future__ import annotations

import json

import pytest

from contentlint.document.document import Document
from contentlint.document.keypos import locate, locate_value
from helpers.frontmatter import fix, lint, where


# FM001 frontmatter-missing

def test_displaced_block_is_flagged_on_its_opening_line():
    text = "\n\n---\ntitle: Hello\n---\n\nBody\n"
    found = lint(text)
    assert where(found) == [("FM001", 3, 1)]
    assert fix(text, unsafe=True) == "---\ntitle: Hello\n---\n\nBody\n"
    assert fix(text) == text  # unsafe: not applied by --fix alone


@pytest.mark.parametrize("text", ["\n---\nA setext heading\n---\n", "\n---\n\nText\n", "No frontmatter\n"])
def test_markdown_that_only_looks_displaced_is_not_flagged(text):
    assert lint(text) == []


def test_missing_block_with_a_schema_is_also_validated_as_empty(tmp_path):
    found = lint("# Hello\n", schema="builtin:astro-blog")
    assert where(found) == [("FM001", 1, 1)] + [("FM101", 1, 1)] * 3
    assert found[0][3] == "File has no frontmatter; its schema `builtin:astro-blog` expects one"


def test_require_frontmatter_globs(tmp_path):
    config = {"require-frontmatter": ["docs/**"]}
    assert where(lint("# Hi\n", path="docs/a.md", config=config)) == [("FM001", 1, 1)]
    assert lint("# Hi\n", path="blog/a.md", config=config) == []


# FM003 frontmatter-duplicate-key

def test_duplicate_keys_in_json_frontmatter():
    text = '{\n  "title": "a",\n  "nested": {"k": 1, "k": 2},\n  "title": "b"\n}\n'
    assert where(lint(text)) == [("FM003", 3, 22), ("FM003", 4, 3)]


def test_duplicate_toml_keys_are_syntax_errors():
    assert [c for c, *_ in lint('+++\ntitle = "a"\ntitle = "b"\n+++\n')] == ["FM002"]


# FM004 frontmatter-not-mapping

@pytest.mark.parametrize("text, words", [
    ("---\n- a\n- b\n---\n", "not a list"),
    ("---\njust some text\n---\n", "not a single text value `just some text`"),
    ("---\n42\n---\n", "not a single number `42`"),
])
def test_not_a_mapping(text, words):
    found = lint(text)
    assert where(found) == [("FM004", 2, 1)] and words in found[0][3]


def test_empty_block_is_an_empty_mapping():
    assert lint("---\n---\nBody\n") == []


# FM101 schema-violation fixes

@pytest.mark.parametrize("text, fixed", [
    ('---\nlayout: Post\n---\n', "---\nlayout: post\n---\n"),
    ("---\nlayout: 'Post'\n---\n", "---\nlayout: 'post'\n---\n"),
    ('+++\nlayout = "Post"\n+++\n', '+++\nlayout = "post"\n+++\n'),
    ("+++\nlayout = 'Post'\n+++\n", "+++\nlayout = 'post'\n+++\n"),
    ('{"layout": "Post"}\n', '{"layout": "post"}\n'),
    ('---\nlayout: PAGE\n---\n', "---\nlayout: PAGE\n---\n"),  # two candidates differ only in case: no fix
])
def test_enum_case_fix_keeps_the_quoting(tmp_path, text, fixed):
    schema = tmp_path / "s.json"
    schema.write_text(json.dumps({"properties": {"layout": {"enum": ["post", "page", "Page"]}}}))
    assert fix(text, unsafe=True, schema=str(schema)) == fixed


# FM102 frontmatter-key-order

ORDER = {"select": ["FM102"], "rules": {"FM102": {"order": ["title", "date", "tags"]}}}


def test_key_order_in_json_keeps_separators():
    text = '{\n  "tags": ["a"],\n  "other": 1,\n  "title": "T"\n}\nBody\n'
    assert where(lint(text, config=ORDER)) == [("FM102", 4, 3)]
    assert fix(text, config=ORDER) == '{\n  "title": "T",\n  "other": 1,\n  "tags": ["a"]\n}\nBody\n'


def test_key_order_in_toml_moves_only_top_level_keys():
    text = '+++\n# tags first\ntags = ["a",\n  "b"]\ndate = 2024-03-01\ntitle = "T"\n[params]\ntitle = "inner"\n+++\n'
    fixed = fix(text, config=ORDER)
    assert fixed == '+++\ntitle = "T"\ndate = 2024-03-01\n# tags first\ntags = ["a",\n  "b"]\n[params]\ntitle = "inner"\n+++\n'


def test_key_order_keeps_crlf():
    text = "---\r\ntags: [a]\r\ntitle: T\r\n---\r\n"
    assert fix(text, config=ORDER) == "---\r\ntitle: T\r\ntags: [a]\r\n---\r\n"


def test_key_order_offers_no_fix_with_anchors_or_duplicates():
    for text in ("---\ntags: &t [a]\ntitle: T\nother: *t\n---\n", "---\ntags: [a]\ntitle: T\ntitle: U\n---\n"):
        assert "FM102" in [c for c, *_ in lint(text, config=ORDER)]
        assert fix(text, config=ORDER) == text


def test_key_order_defaults_to_the_schema_properties():
    text = "---\n$schema: builtin:astro-blog\ndescription: D\ntitle: T\npubDate: 2024-01-01\n---\n"
    assert where(lint(text, config={"select": ["FM102"]})) == [("FM102", 4, 1)]
    assert lint("---\ndescription: D\ntitle: T\n---\n", config={"select": ["FM102"]}) == []


def test_key_order_option_is_validated():
    from contentlint.config.loader import ConfigError

    with pytest.raises(ConfigError):
        lint("---\na: 1\n---\n", config={"rules": {"FM102": {"order": "alphabetical"}}})


# FM103 yaml-ambiguous-value

@pytest.mark.parametrize("value, words", [
    ("yes", "reads as `true` in YAML 1.1"),
    ("Off", "reads as `false` in YAML 1.1"),
    ("010", "octal number 8 in YAML 1.1 and as 10 in YAML 1.2"),
    ("0123456789", "text in YAML 1.1 and as the number 123456789"),
    ("1e3", "text in YAML 1.1 and as the number 1000 in YAML 1.2"),
    ("1.5e3", "the number 1500 in YAML 1.2"),
    ("12:30", "the number 750 (base 60)"),
])
def test_ambiguous_values(value, words):
    found = lint(f"---\nvalue: {value}\nlist:\n  - {value}\n---\n")
    assert where(found) == [("FM103", 2, 8), ("FM103", 4, 5)]
    assert words in found[0][3]


@pytest.mark.parametrize("value", ["true", "false", "10", "1.5", "1.5e+3", '"yes"', "'010'", "09:30", "0", "null", ".inf"])
def test_unambiguous_values(value):
    assert lint(f"---\nvalue: {value}\n---\n") == []


def test_unquoted_date_where_the_schema_wants_text(tmp_path):
    schema = tmp_path / "s.json"
    schema.write_text(json.dumps({"properties": {"version": {"type": "string"}, "pubDate": {"type": "string", "format": "date"}}}))
    found = lint("---\nversion: 2024-03-21\npubDate: 2024-03-21\n---\n", schema=str(schema))
    assert where(found) == [("FM103", 2, 10)]
    assert fix("---\nversion: 2024-03-21\n---\n", unsafe=True, schema=str(schema)) == '---\nversion: "2024-03-21"\n---\n'


def test_ambiguous_value_fix_is_unsafe():
    text = "---\ncountry: NO\n---\n"
    assert fix(text) == text
    assert fix(text, unsafe=True) == '---\ncountry: "NO"\n---\n'


# key positions

def test_toml_positions_follow_tables_and_arrays_of_tables():
    text = '+++\ntitle = "x"\n[[authors]]\nname = "A"\n[[authors]]\nname = "B"\n[params.social]\n"x.com" = { handle = "@a" }\n+++\n'
    block = Document("p.md", text).frontmatter
    assert text[slice(*locate(block, ("authors", 1, "name")))] == "name"
    assert Document("p.md", text).position(locate(block, ("authors", 1, "name"))[0]) == (6, 1)
    assert text[slice(*locate(block, ("params", "social", "x.com", "handle")))] == "handle"
    assert text[slice(*locate_value(block, ("params", "social", "x.com", "handle")))] == '"@a"'


def test_json_positions_of_nested_items():
    text = '{"a": {"b": [1, {"c": "d"}]}}\n'
    block = Document("p.md", text).frontmatter
    assert text[slice(*locate(block, ("a", "b", 1, "c")))] == '"c"'
    assert text[slice(*locate_value(block, ("a", "b", 1)))] == '{"c": "d"}'


def test_unknown_path_falls_back_to_the_deepest_ancestor():
    text = "---\nsidebar:\n  label: x\n---\n"
    block = Document("p.md", text).frontmatter
    assert text[slice(*locate(block, ("sidebar", "missing")))] == "sidebar"
    assert locate(block, ("nothing",)) == (0, 3)


def test_unevaluated_properties_name_each_unexpected_key(tmp_path):
    schema = tmp_path / "s.json"
    schema.write_text(json.dumps({"allOf": [{"properties": {"a": {}}}], "properties": {"b": {}},
                                  "unevaluatedProperties": False}))
    found = lint("---\na: 1\nb: 2\nc: 3\n---\n", schema=str(schema))
    assert found == [("FM101", 4, 1, "Unexpected key `c`; allowed keys: `a`, `b`")]
