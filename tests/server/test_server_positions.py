"""Positions in the negotiated encoding, astral characters before findings,
and line breaks as LSP counts them."""
from __future__ import annotations

import pytest
from hypothesis import given, strategies as st
from lsprotocol import types

from contentlint.server.positions import Positions

from .lsp_session import LanguageClient, change_document, fixture, initialize, open_document, server_config

# an emoji and a CJK extension B ideograph (both outside the BMP), then mojibake
LINE = "Caf\u00e9 \U0001F600 \U00020000 say \u00e2\u20ac\u201d here"
TEXT = f"# Title\n\n{LINE}\n"
BEFORE = LINE[: LINE.index("\u00e2")]
FINDING = "\u00e2\u20ac\u201d"


def units(text: str, encoding: str) -> int:
    return {"utf-8": len(text.encode("utf-8")), "utf-16": len(text.encode("utf-16-le")) // 2,
            "utf-32": len(text)}[encoding]


@fixture(config=server_config())
async def client(lsp_client: LanguageClient):
    yield
    await lsp_client.shutdown_session()


@pytest.mark.asyncio
@pytest.mark.parametrize("offered, agreed", [
    (None, "utf-16"), (["utf-16"], "utf-16"), (["utf-8"], "utf-8"), (["utf-32"], "utf-32"),
    (["utf-32", "utf-8"], "utf-32"), (["latin-1", "utf-8"], "utf-8"),
])
async def test_finding_after_astral_characters_is_placed_in_the_agreed_encoding(client, tmp_path, offered, agreed):
    result = await initialize(client, [tmp_path], encodings=offered)
    assert result.capabilities.position_encoding == agreed
    diagnostics = await open_document(client, tmp_path / "post.md", TEXT)
    [mojibake] = [d for d in diagnostics if d.code == "TX001"]
    start = units(BEFORE, agreed)
    assert (mojibake.range.start.line, mojibake.range.start.character) == (2, start)
    assert (mojibake.range.end.line, mojibake.range.end.character) == (2, start + units(FINDING, agreed))


@pytest.mark.asyncio
@pytest.mark.parametrize("encoding", ["utf-8", "utf-16", "utf-32"])
async def test_incremental_edit_after_astral_characters_lands_where_the_client_meant(client, tmp_path, encoding):
    await initialize(client, [tmp_path], encodings=[encoding])
    post = tmp_path / "post.md"
    await open_document(client, post, TEXT)
    start = types.Position(line=2, character=units(BEFORE, encoding))
    end = types.Position(line=2, character=units(BEFORE + FINDING, encoding))
    after = await change_document(client, post, 2, [types.TextDocumentContentChangePartial(
        range=types.Range(start=start, end=end), text="\u2014")])
    # the repaired line is clean: nothing was left of the mojibake or added next to it
    assert [d.code for d in after] == []


@pytest.mark.asyncio
async def test_line_separator_in_a_paragraph_is_not_a_line_break(client, tmp_path):
    # U+2028 and form feeds end lines for str.splitlines, not for LSP clients
    text = "# Title\n\nOne\u2028two\x0cthree.\n\nSay \u00e2\u20ac\u201d here\n"
    await initialize(client, [tmp_path])
    post = tmp_path / "post.md"
    before = await open_document(client, post, text)
    [mojibake] = [d for d in before if d.code == "TX001"]
    assert (mojibake.range.start.line, mojibake.range.start.character) == (4, 4)
    after = await change_document(client, post, 2, [types.TextDocumentContentChangePartial(
        range=mojibake.range, text="\u2014")])
    # the edit replaced the mojibake, not text of another line; the invisible
    # characters' own findings (TX004) stay where they were
    assert [(d.code, d.range) for d in after] == [(d.code, d.range) for d in before if d.code != "TX001"]


@pytest.mark.asyncio
async def test_byte_order_mark_shifts_nothing(client, tmp_path):
    await initialize(client, [tmp_path])
    [mojibake] = [d for d in await open_document(client, tmp_path / "bom.md", "\ufeff" + TEXT)
                  if d.code == "TX001"]
    assert (mojibake.range.start.line, mojibake.range.start.character) == (2, units(BEFORE, "utf-16"))


texts = st.text(alphabet=["a", "\u00e9", "\U0001F600", "\U00020000", "\n", "\r", "\u2028", "\t"],
                max_size=40)


@given(texts, st.sampled_from(["utf-8", "utf-16", "utf-32"]))
def test_offset_and_position_are_inverse_and_count_the_encoding(text, encoding):
    at = Positions(text, encoding)
    for offset in range(len(text) + 1):
        if offset and text[offset - 1 : offset + 1] == "\r\n":
            continue  # between \r and \n there is no position
        position = at.position(offset)
        assert at.offset(position) == offset
        line_start = max(text.rfind("\n", 0, offset), text.rfind("\r", 0, offset)) + 1
        head = text[:offset].replace("\r\n", "\n")
        assert position.line == head.count("\n") + head.count("\r")  # U+2028 breaks no line
        assert position.character == units(text[line_start:offset], encoding)
