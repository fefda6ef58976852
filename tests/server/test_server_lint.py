"""`contentlint server` end to end: a real client drives the real server
process. Diagnostics, quick fixes and configuration edits."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from lsprotocol import types

from .lsp_session import (
    LanguageClient, apply_edits, change_document, fixture, initialize, open_document, published,
    server_config, until, workspace_edits,
)

pytestmark = pytest.mark.asyncio

ROOT = Path(__file__).resolve().parents[2]
# The seed post of the project (also /work/shared/examples/seed-post.md).
SEED = ROOT / "examples" / "src" / "content" / "blog" / "seed-post.md"
DOCS_URL = "https://github.com/contentlint/contentlint/blob/main/docs/rules.md"


@fixture(config=server_config())
async def client(lsp_client: LanguageClient):
    yield
    await lsp_client.shutdown_session()


@pytest.fixture
def site(tmp_path) -> Path:
    post = tmp_path / "src" / "content" / "blog" / "seed-post.md"
    post.parent.mkdir(parents=True)
    shutil.copyfile(SEED, post)
    (tmp_path / "contentlint.toml").write_text("", encoding="utf-8")
    return tmp_path


def cli_findings(site: Path, post: Path) -> list[dict]:
    run = subprocess.run([sys.executable, "-m", "contentlint", "check", "--format", "json", str(post)],
                         cwd=site, capture_output=True, text=True)
    return json.loads(run.stdout)


def spans(diagnostics) -> set:
    return {(d.code, d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character)
            for d in diagnostics}


async def test_seed_post_diagnostics_are_the_cli_findings_at_their_ranges(client, site):
    post = site / "src" / "content" / "blog" / "seed-post.md"
    await initialize(client, [site])
    diagnostics = await open_document(client, post, post.read_text(encoding="utf-8"))

    # the seed post is ASCII but for `â€”`, all in the BMP: UTF-16 columns are the CLI's
    expected = {(f["code"], f["line"] - 1, f["column"] - 1, f["end_line"] - 1, f["end_column"] - 1)
                for f in cli_findings(site, post)}
    assert expected and spans(diagnostics) == expected
    mojibake = next(d for d in diagnostics if d.code == "TX001")
    assert (mojibake.range.start.line, mojibake.range.start.character, mojibake.range.end.character) == (11, 30, 33)
    assert mojibake.severity == types.DiagnosticSeverity.Error
    assert mojibake.source == "contentlint"
    assert mojibake.message.endswith("(mojibake)") and "`â€”`" in mojibake.message
    assert mojibake.code_description.href == f"{DOCS_URL}#tx001-mojibake"


async def test_quick_fix_applied_by_the_client_removes_the_finding(client, site):
    post = site / "src" / "content" / "blog" / "seed-post.md"
    text = post.read_text(encoding="utf-8")
    await initialize(client, [site])
    diagnostics = await open_document(client, post, text)
    mojibake = next(d for d in diagnostics if d.code == "TX001")

    actions = await client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=post.as_uri()), range=mojibake.range,
        context=types.CodeActionContext(diagnostics=[mojibake])))
    fixes = [a for a in actions if a.kind == types.CodeActionKind.QuickFix and a.is_preferred]
    assert [a.title for a in fixes] == ["Replace `â€”` with `—` (TX001)"]
    assert fixes[0].edit.document_changes[0].text_document.version == 1

    fixed = apply_edits(text, workspace_edits(fixes[0], post.as_uri()))
    assert "March 21, 2024** — On" in fixed
    after = await change_document(client, post, 2, [types.TextDocumentContentChangeWholeDocument(text=fixed)])
    assert not any(d.code == "TX001" for d in after)
    assert spans(after) == spans(d for d in diagnostics if d.code != "TX001")


async def test_unsafe_fix_is_titled_unsafe_and_not_preferred(client, site):
    post = site / "src" / "content" / "blog" / "seed-post.md"
    await initialize(client, [site])
    diagnostics = await open_document(client, post, post.read_text(encoding="utf-8"))
    repeat = next(d for d in diagnostics if d.code == "HD012")  # heading repeats the title: unsafe removal
    actions = await client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=post.as_uri()), range=repeat.range,
        context=types.CodeActionContext(diagnostics=[repeat])))
    unsafe = [a for a in actions if "HD012" in a.title and "unsafe" in a.title]
    assert len(unsafe) == 1 and not unsafe[0].is_preferred


async def test_fix_all_gives_the_text_check_fix_writes(client, site, tmp_path_factory):
    post = site / "src" / "content" / "blog" / "seed-post.md"
    text = post.read_text(encoding="utf-8")
    await initialize(client, [site])
    await open_document(client, post, text)
    whole = types.Range(start=types.Position(line=0, character=0), end=types.Position(line=0, character=0))
    actions = await client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=post.as_uri()), range=whole,
        context=types.CodeActionContext(diagnostics=[], only=["source.fixAll.contentlint"])))
    assert [a.kind for a in actions] == ["source.fixAll.contentlint"]
    fixed = apply_edits(text, workspace_edits(actions[0], post.as_uri()))

    copy = tmp_path_factory.mktemp("cli") / "site"
    shutil.copytree(site, copy)
    copied = copy / "src" / "content" / "blog" / "seed-post.md"
    subprocess.run([sys.executable, "-m", "contentlint", "check", "--fix", str(copied)], cwd=copy, capture_output=True)
    assert fixed == copied.read_text(encoding="utf-8") != text

    after = await change_document(client, post, 2, [types.TextDocumentContentChangeWholeDocument(text=fixed)])
    assert {d.code for d in after} == {f["code"] for f in cli_findings(copy, copied)} == {"HD012"}


async def test_disable_for_this_line_silences_only_that_finding(client, site):
    post = site / "src" / "content" / "blog" / "seed-post.md"
    text = post.read_text(encoding="utf-8")
    await initialize(client, [site])
    diagnostics = await open_document(client, post, text)
    target = next(d for d in diagnostics if d.code == "HD004")  # `## **Key Highlights:**`
    actions = await client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=post.as_uri()), range=target.range,
        context=types.CodeActionContext(diagnostics=[target])))
    disable = next(a for a in actions if a.title == "Disable HD004 `heading-trailing-punctuation` for this line")
    edited = apply_edits(text, workspace_edits(disable, post.as_uri()))
    assert edited.splitlines()[target.range.start.line] == "<!-- contentlint-disable-next-line HD004 -->"

    after = await change_document(client, post, 2, [types.TextDocumentContentChangeWholeDocument(text=edited)])
    moved = {(c, l + 1 if l >= target.range.start.line else l, s, el + 1 if el >= target.range.start.line else el, e)
             for c, l, s, el, e in spans(diagnostics)}
    line = target.range.start.line + 1
    assert spans(after) == {s for s in moved if not (s[0] == "HD004" and s[1] == line)}


SCHEMA = {
    "type": "object",
    "properties": {
        "title": {"title": "Title", "description": "The page heading", "type": "string"},
        "status": {"title": "Status", "description": "Where the post is", "enum": ["draft", "published"]},
    },
    "additionalProperties": False,
}


@pytest.fixture
def schema_site(tmp_path) -> Path:
    (tmp_path / "post.schema.json").write_text(json.dumps(SCHEMA), encoding="utf-8")
    (tmp_path / "contentlint.toml").write_text('[schemas]\n"*.md" = "post.schema.json"\n', encoding="utf-8")
    return tmp_path


POST = "---\ntitle: Hello\nstatus: done\n---\n\nBody text.\n"


async def test_frontmatter_finding_can_be_disabled_for_its_line(client, schema_site):
    post = schema_site / "post.md"
    await initialize(client, [schema_site])
    diagnostics = await open_document(client, post, POST)
    [bad] = [d for d in diagnostics if d.code.startswith("FM")]
    assert bad.range.start.line == 2
    actions = await client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=post.as_uri()), range=bad.range,
        context=types.CodeActionContext(diagnostics=[bad])))
    disable = next(a for a in actions if a.title.startswith(f"Disable {bad.code} "))
    edited = apply_edits(POST, workspace_edits(disable, post.as_uri()))
    assert edited.splitlines()[2] == f"# <!-- contentlint-disable-next-line {bad.code} -->"
    after = await change_document(client, post, 2, [types.TextDocumentContentChangeWholeDocument(text=edited)])
    assert not any(d.code.startswith("FM") for d in after)


async def test_editing_config_or_schema_files_relints_open_documents(client, schema_site):
    post = schema_site / "post.md"
    await initialize(client, [schema_site])
    await until(lambda: any(r.method == types.WORKSPACE_DID_CHANGE_WATCHED_FILES for r in client.registrations))
    before = await open_document(client, post, POST)
    assert [d.code for d in before if d.code.startswith("FM")] == ["FM101"]

    # the schema learns `done`: the finding goes (the file changed on disk, as after a save)
    schema = dict(SCHEMA, properties=dict(SCHEMA["properties"], status={"enum": ["draft", "done"]}))
    (schema_site / "post.schema.json").write_text(json.dumps(schema), encoding="utf-8")
    since = len(client.published)
    client.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams(changes=[types.FileEvent(
        uri=(schema_site / "post.schema.json").as_uri(), type=types.FileChangeType.Changed)]))
    after_schema = await published(client, post.as_uri(), since)
    assert not any(d.code.startswith("FM") for d in after_schema)

    # the configuration, saved from the editor, now ignores the missing final
    # newline's family... selects only headings: every text finding goes
    config = schema_site / "contentlint.toml"
    config.write_text('select = ["HD"]\n', encoding="utf-8")
    since = len(client.published)
    client.text_document_did_save(types.DidSaveTextDocumentParams(
        text_document=types.TextDocumentIdentifier(uri=config.as_uri())))
    after_config = await published(client, post.as_uri(), since)
    assert all(d.code.startswith("HD") for d in after_config)

    # a broken configuration is shown, not swallowed
    config.write_text('select = "HD"\nbogus = 1\n', encoding="utf-8")
    since = len(client.published)
    client.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams(changes=[types.FileEvent(
        uri=config.as_uri(), type=types.FileChangeType.Changed)]))
    broken = await published(client, post.as_uri(), since)
    assert len(broken) == 1 and "bogus" in broken[0].message and str(config) in broken[0].message


async def test_each_workspace_folder_gets_its_own_configuration(client, tmp_path):
    strict, loose = tmp_path / "strict", tmp_path / "loose"
    for folder, config in ((strict, ""), (loose, 'ignore = ["TX005"]\n')):
        folder.mkdir()
        (folder / "contentlint.toml").write_text(config, encoding="utf-8")
    await initialize(client, [strict, loose])
    text = "# Title\n\nNo final newline."
    assert [d.code for d in await open_document(client, strict / "a.md", text)] == ["TX005"]
    assert [d.code for d in await open_document(client, loose / "b.md", text)] == []


async def test_closing_a_document_clears_its_diagnostics(client, site):
    post = site / "src" / "content" / "blog" / "seed-post.md"
    await initialize(client, [site])
    assert await open_document(client, post, post.read_text(encoding="utf-8"))
    since = len(client.published)
    client.text_document_did_close(types.DidCloseTextDocumentParams(
        text_document=types.TextDocumentIdentifier(uri=post.as_uri())))
    assert list(await published(client, post.as_uri(), since)) == []



async def test_a_flood_of_findings_is_cut_at_a_thousand_and_counted(client, tmp_path):
    await initialize(client, [tmp_path])
    text = "# Title\n\n" + "Say \u00e2\u20ac\u201d here.\n\n" * 1200
    diagnostics = await open_document(client, tmp_path / "flood.md", text)
    assert len(diagnostics) == 1001
    assert [d.range.start.line for d in diagnostics[:1000]] == list(range(2, 2002, 2))
    last = diagnostics[-1]
    assert last.severity == types.DiagnosticSeverity.Information
    assert last.message == "200 more findings not shown; `contentlint check` lists them all"


async def test_mdx_gets_fixes_but_no_html_comment_directive(client, tmp_path):
    post = tmp_path / "page.mdx"
    text = "# Title\n\nSay \u00e2\u20ac\u201d here.\n"
    await initialize(client, [tmp_path])
    [mojibake] = [d for d in await open_document(client, post, text, language="mdx") if d.code == "TX001"]
    actions = await client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=post.as_uri()), range=mojibake.range,
        context=types.CodeActionContext(diagnostics=[mojibake])))
    titles = [a.title for a in actions]
    assert "Replace `â€”` with `—` (TX001)" in titles
    assert not any(t.startswith("Disable") for t in titles), "MDX has no HTML comments"


async def test_a_schema_appearing_later_is_picked_up(client, tmp_path):
    # `astro sync` writes .astro/collections/<name>.schema.json after the post was opened
    post = tmp_path / "src" / "content" / "blog" / "post.md"
    post.parent.mkdir(parents=True)
    (tmp_path / "contentlint.toml").write_text("", encoding="utf-8")
    await initialize(client, [tmp_path])
    assert not any(d.code.startswith("FM") for d in await open_document(client, post, POST))

    schema = tmp_path / ".astro" / "collections" / "blog.schema.json"
    schema.parent.mkdir(parents=True)
    schema.write_text(json.dumps(SCHEMA), encoding="utf-8")
    since = len(client.published)
    client.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams(changes=[types.FileEvent(
        uri=schema.as_uri(), type=types.FileChangeType.Created)]))
    after = await published(client, post.as_uri(), since)
    assert [d.code for d in after if d.code.startswith("FM")] == ["FM101"]


async def test_a_saved_file_is_answered_from_the_result_cache(client, site):
    """Text equal to the file on disk is linted as `contentlint check` lints
    the path, so the project's result cache answers it; an unsaved edit is
    linted from the text. The cached finding is marked so that it can only
    have come from the cache."""
    post = site / "src" / "content" / "blog" / "seed-post.md"
    text = post.read_text(encoding="utf-8")
    subprocess.run([sys.executable, "-m", "contentlint", "check", str(post)], cwd=site, capture_output=True)
    cache = next((site / ".contentlint_cache").glob("results-*.json"))
    stored = cache.read_text(encoding="utf-8")
    assert "Mojibake `" in stored
    cache.write_text(stored.replace("Mojibake `", "Cached mojibake `"), encoding="utf-8")

    await initialize(client, [site])
    diagnostics = await open_document(client, post, text)
    assert any(d.code == "TX001" and d.message.startswith("Cached mojibake") for d in diagnostics)

    edited = await change_document(client, post, 2, [types.TextDocumentContentChangeWholeDocument(text=text + "\n")])
    assert any(d.code == "TX001" and d.message.startswith("Mojibake") for d in edited)
