"""Hover and completion of frontmatter keys and values from the file's schema."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from lsprotocol import types

from .lsp_session import LanguageClient, fixture, initialize, open_document, server_config

pytestmark = pytest.mark.asyncio

SCHEMA = {
    "type": "object",
    "properties": {
        "title": {"title": "Title", "description": "The page heading", "type": "string"},
        "status": {"title": "Status", "description": "Where the post is in its life",
                   "enum": ["draft", "in review", "published"]},
        "draft": {"type": "boolean"},
        "author": {
            "type": "object",
            "properties": {
                "name": {"title": "Author name", "type": "string"},
                "role": {"enum": ["editor", "writer"]},
            },
        },
        "tags": {"type": "array", "items": {"enum": ["news", "howto"]}},
    },
}


@fixture(config=server_config())
async def client(lsp_client: LanguageClient):
    yield
    await lsp_client.shutdown_session()


@pytest.fixture
def site(tmp_path) -> Path:
    (tmp_path / "schemas").mkdir()
    (tmp_path / "schemas" / "post.json").write_text(json.dumps(SCHEMA), encoding="utf-8")
    (tmp_path / "contentlint.toml").write_text('[schemas]\n"posts/**" = "schemas/post.json"\n', encoding="utf-8")
    (tmp_path / "posts").mkdir()
    return tmp_path


def at(line: int, character: int) -> types.Position:
    return types.Position(line=line, character=character)


async def hover(client, path: Path, position: types.Position):
    return await client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=path.as_uri()), position=position))


async def complete(client, path: Path, position: types.Position) -> list[str]:
    result = await client.text_document_completion_async(types.CompletionParams(
        text_document=types.TextDocumentIdentifier(uri=path.as_uri()), position=position))
    items = result.items if isinstance(result, types.CompletionList) else result or []
    return sorted(item.label for item in items)


async def test_hover_on_a_key_shows_title_description_and_type(client, site):
    post = site / "posts" / "p.md"
    text = "---\ntitle: \U0001F600 Hi\nstatus: draft\nauthor:\n  name: Ann\n---\n\nBody.\n"
    await initialize(client, [site])
    await open_document(client, post, text)

    shown = await hover(client, post, at(2, 3))
    assert shown.contents.kind == types.MarkupKind.Markdown
    assert shown.contents.value.startswith("**Status** (`status`)")
    assert "Where the post is in its life" in shown.contents.value
    assert '`"in review"`' in shown.contents.value

    nested = await hover(client, post, at(4, 3))
    assert nested.contents.value.startswith("**Author name** (`name`)") and "type: `string`" in nested.contents.value
    assert await hover(client, post, at(1, 9)) is None, "a value is not a key"
    assert await hover(client, post, at(7, 1)) is None, "the body has no schema"


async def test_hover_and_completion_without_a_schema_offer_nothing(client, tmp_path):
    post = tmp_path / "p.md"
    await initialize(client, [tmp_path])
    await open_document(client, post, "---\ntitle: Hi\n\n---\n")
    assert await hover(client, post, at(1, 2)) is None
    assert await complete(client, post, at(2, 0)) == []


async def test_completion_offers_missing_keys_and_enum_values(client, site):
    post = site / "posts" / "p.md"
    await initialize(client, [site])
    # a key being typed (the line does not parse yet): the schema's keys not already written
    await open_document(client, post, "---\ntitle: Hi\nsta\nauthor:\n  name: Ann\n---\n\nBody.\n")
    assert await complete(client, post, at(2, 3)) == ["draft", "status", "tags"]
    # in the body: nothing
    assert await complete(client, post, at(7, 2)) == []

    # nested under `author:` (indented): that object's keys
    nested = site / "posts" / "nested.md"
    await open_document(client, nested, "---\ntitle: Hi\nauthor:\n  name: Ann\n  \n---\n")
    assert await complete(client, nested, at(4, 2)) == ["role"]


async def test_completion_of_values_quotes_them_as_yaml_needs(client, site):
    post = site / "posts" / "p.md"
    text = "---\nstatus: \ndraft: \ntags:\n  - \nauthor:\n  role: \n---\n"
    await initialize(client, [site])
    await open_document(client, post, text)
    assert await complete(client, post, at(1, 8)) == ["draft", "in review", "published"]
    assert await complete(client, post, at(2, 7)) == ["false", "true"]
    assert await complete(client, post, at(4, 4)) == ["howto", "news"]
    assert await complete(client, post, at(6, 8)) == ["editor", "writer"]


async def test_completion_in_toml_frontmatter(client, site):
    post = site / "posts" / "p.md"
    await initialize(client, [site])
    await open_document(client, post, "+++\ntitle = \"Hi\"\nstatus = \n+++\n")
    assert await complete(client, post, at(2, 9)) == ['"draft"', '"in review"', '"published"']
    other = site / "posts" / "other.md"
    await open_document(client, other, "+++\ntitle = \"Hi\"\nstatus = \"draft\"\n\n+++\n")
    assert await complete(client, other, at(3, 0)) == ["author", "draft", "tags"]
