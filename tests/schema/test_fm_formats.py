"""YAML, TOML and JSON frontmatter, with LF or CRLF and with or without a BOM,
give the same findings at the same lines and columns."""
from __future__ import annotations

import json

import pytest

from helpers.frontmatter import lint, where

SCHEMA = {
    "type": "object",
    "required": ["title", "description", "pubDate"],
    "additionalProperties": False,
    "properties": {
        "title": {"type": "string"},
        "description": {"type": "string"},
        "pubDate": {"type": "string", "format": "date"},
        "updated": {"type": "string", "format": "date-time"},
        "tags": {"type": "array", "items": {"type": "string"}},
        "layout": {"enum": ["post", "page"]},
    },
}

BROKEN = {
    "yaml": '---\ntitle: 42\npubDate: 21/03/2024\ntags: "one"\nlayout: Post\nextra: 1\n---\n\nBody\n',
    "toml": '+++\ntitle = 42\npubDate = "21/03/2024"\ntags = "one"\nlayout = "Post"\nextra = 1\n+++\n\nBody\n',
    "json": '{\n"title": 42,\n"pubDate": "21/03/2024",\n"tags": "one",\n"layout": "Post",\n"extra": 1\n}\n\nBody\n',
}
EXPECTED = [
    ("FM101", 1, 1),  # the top-level mapping lacks `description`
    ("FM101", 2, 1),
    ("FM101", 3, 1),
    ("FM101", 4, 1),
    ("FM101", 5, 1),
    ("FM101", 6, 1),
]
NATIVE_DATES = {
    "yaml": "---\ntitle: a\ndescription: b\npubDate: 2024-03-21\nupdated: 2024-03-21T10:00:00Z\n---\n",
    "toml": '+++\ntitle = "a"\ndescription = "b"\npubDate = 2024-03-21\nupdated = 2024-03-21T10:00:00Z\n+++\n',
    "json": '{"title": "a", "description": "b", "pubDate": "2024-03-21", "updated": "2024-03-21T10:00:00Z"}\n',
}
VARIANTS = {
    "lf": lambda t: t.encode("utf-8"),
    "crlf": lambda t: t.replace("\n", "\r\n").encode("utf-8"),
    "bom": lambda t: b"\xef\xbb\xbf" + t.encode("utf-8"),
    "bom-crlf": lambda t: b"\xef\xbb\xbf" + t.replace("\n", "\r\n").encode("utf-8"),
}


@pytest.fixture
def schema_path(tmp_path):
    path = tmp_path / "post.schema.json"
    path.write_text(json.dumps(SCHEMA), encoding="utf-8")
    return str(path)


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("fmt", BROKEN)
def test_same_findings_at_same_positions(fmt, variant, schema_path, tmp_path):
    found = lint(VARIANTS[variant](BROKEN[fmt]), root=tmp_path, schema=schema_path)
    assert where(found) == EXPECTED


def test_same_messages_in_every_format(schema_path, tmp_path):
    messages = {fmt: [m for *_, m in lint(text, root=tmp_path, schema=schema_path)] for fmt, text in BROKEN.items()}
    assert messages["yaml"] == messages["toml"] == messages["json"]
    assert messages["yaml"] == [
        "Missing required key `description`",
        "`title` must be text, got a whole number `42`",
        "`pubDate` must be a date (YYYY-MM-DD), got `21/03/2024`",
        "`tags` must be a list, got text `one`",
        "`layout` must be one of `post`, `page`, got `Post` (the case differs from `post`)",
        "Unexpected key `extra`; allowed keys: `description`, `layout`, `pubDate`, `tags`, `title`, `updated`",
    ]


@pytest.mark.parametrize("fmt", NATIVE_DATES)
def test_native_dates_satisfy_date_formats(fmt, schema_path, tmp_path):
    # YAML timestamps and TOML dates are ISO strings by the time the schema sees them.
    assert lint(NATIVE_DATES[fmt], root=tmp_path, schema=schema_path) == []


def test_quoted_and_unquoted_yaml_dates_are_equal(schema_path, tmp_path):
    quoted = NATIVE_DATES["yaml"].replace("2024-03-21\n", '"2024-03-21"\n')
    assert lint(quoted, root=tmp_path, schema=schema_path) == []


def test_non_ascii_keys_and_values_keep_columns(tmp_path):
    schema = tmp_path / "s.json"
    schema.write_text(json.dumps({"properties": {"ключ": {"type": "object", "properties": {"日付": {"format": "date"}}}}}))
    for text in ("---\nключ:\n  日付: \"🎉 nope\"\n---\n", "+++\n[\"ключ\"]\n\"日付\" = \"🎉 nope\"\n+++\n",
                 '{\n"ключ": {\n  "日付": "🎉 nope"}\n}\n'):
        found = lint(text, root=tmp_path, schema=str(schema))
        assert where(found) == [("FM101", 3, 3 if not text.startswith("+") else 1)], text
        assert "`ключ.日付` must be a date" in found[0][3]
