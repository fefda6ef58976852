"""A crashing rule, a rule that calls sys.exit, and malformed documents never
stop the server: each becomes a diagnostic and the next request is answered."""
from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
import pytest_asyncio
from lsprotocol import types

from .lsp_session import change_document, initialize, open_document, server_config

pytestmark = pytest.mark.asyncio

RULE = '''
    import os
    import sys

    from contentlint.registry import Rule

    class Fragile(Rule):
        """Crashes on demand.

        ## Why
        Tests.

        ## Example
        ```markdown
        x
        ```

        ## Use instead
        ```markdown
        x
        ```

        ## Fix
        None.
        """
        code = "XY900"
        name = "fragile"
        summary = "Crashes on demand"

        def check(self, doc, ctx):
            if "CRASH" in doc.text:
                raise ZeroDivisionError("boom")
            if "EXIT" in doc.text:
                sys.exit(3)  # a plugin that exits must not take the editor's server with it
            if "DIE" in doc.text:
                print("noise on stdout")
                sys.stdout.flush()
                os._exit(9)  # a process ending under the rule: a crash in C looks the same
            if "PRINT" in doc.text:
                print("Content-Length: 5\\r\\n\\r\\nnoise")  # stdout is the LSP channel
            return ()
'''


def plugin_site(root: Path) -> Path:
    """A minimal installed distribution registering the rule (see tests/integrations/test_plugins.py)."""
    site = root / "site-packages"
    site.mkdir()
    (site / "fragile_rule.py").write_text(textwrap.dedent(RULE), encoding="utf-8")
    info = site / "fragile_rule-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: fragile-rule\nVersion: 1.0\n", encoding="utf-8")
    (info / "entry_points.txt").write_text("[contentlint.rules]\nfragile = fragile_rule:Fragile\n", encoding="utf-8")
    return site


@pytest.fixture(scope="module")
def plugin_path(tmp_path_factory) -> Path:
    return plugin_site(tmp_path_factory.mktemp("plugin"))


@pytest_asyncio.fixture
async def client(plugin_path):
    # pytest_lsp.fixture takes its server command when the module is
    # imported; the plugin's folder exists only once the test runs
    lsp_client = await server_config(extra_path=[plugin_path]).start()
    yield lsp_client
    await lsp_client.shutdown_session()
    await lsp_client.stop()


async def alive(client, path: Path, version: int) -> list:
    """The server still lints: a fresh edit gets fresh diagnostics."""
    return await change_document(client, path, version, [
        types.TextDocumentContentChangeWholeDocument(text="# Fine\n\nNo final newline.")])


async def test_a_crashing_rule_is_a_finding_and_the_others_still_run(client, tmp_path):
    await initialize(client, [tmp_path])
    post = tmp_path / "post.md"
    diagnostics = await open_document(client, post, "# Title\n\nCRASH here")
    crash = next(d for d in diagnostics if d.code == "CL999")
    assert "XY900" in crash.message and "ZeroDivisionError: boom" in crash.message
    assert any(d.code == "TX005" for d in diagnostics), "the other rules' findings are still shown"
    assert [d.code for d in await alive(client, post, 2)] == ["TX005"]


async def test_a_rule_calling_sys_exit_does_not_stop_the_server(client, tmp_path):
    await initialize(client, [tmp_path])
    post = tmp_path / "post.md"
    [failure] = await open_document(client, post, "# Title\n\nEXIT now\n")
    assert failure.severity == types.DiagnosticSeverity.Error and "SystemExit" in failure.message
    assert [d.code for d in await alive(client, post, 2)] == ["TX005"]


async def test_a_rule_that_kills_its_process_takes_only_a_worker(client, tmp_path):
    await initialize(client, [tmp_path])
    post = tmp_path / "post.md"
    [failure] = await open_document(client, post, "# Title\n\nDIE now\n")
    assert "worker process died" in failure.message
    assert [d.code for d in await alive(client, post, 2)] == ["TX005"]


async def test_a_rule_printing_to_stdout_does_not_corrupt_the_protocol(client, tmp_path):
    await initialize(client, [tmp_path])
    post = tmp_path / "post.md"
    assert [d.code for d in await open_document(client, post, "# Title\n\nPRINT this")] == ["TX005"]
    assert [d.code for d in await alive(client, post, 2)] == ["TX005"]


MALFORMED = {
    "nul bytes": "# Title\n\nA \x00 NUL\n",
    "lone surrogate": "# Title\n\nHalf a pair: \ud83d here\n",
    "unterminated frontmatter": "---\ntitle: [unclosed\n\n# Body\n",
    "deep yaml": "---\na: " + "[" * 5000 + "\n---\n",
    "only a bom": "\ufeff",
    "empty": "",
}


@pytest.mark.parametrize("name", sorted(MALFORMED))
async def test_malformed_documents_get_diagnostics_not_a_dead_server(client, tmp_path, name):
    await initialize(client, [tmp_path])
    post = tmp_path / "post.md"
    diagnostics = await open_document(client, post, MALFORMED[name])
    assert all(d.range.start.line <= d.range.end.line for d in diagnostics)
    # requests on the malformed text are answered too
    position = types.Position(line=1, character=3)
    await client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=post.as_uri()), position=position))
    await client.text_document_completion_async(types.CompletionParams(
        text_document=types.TextDocumentIdentifier(uri=post.as_uri()), position=position))
    await client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=post.as_uri()),
        range=types.Range(start=position, end=position),
        context=types.CodeActionContext(diagnostics=list(diagnostics))))
    assert [d.code for d in await alive(client, post, 2)] == ["TX005"]


async def test_requests_for_documents_never_opened_are_answered_empty(client, tmp_path):
    await initialize(client, [tmp_path])
    unknown = types.TextDocumentIdentifier(uri=(tmp_path / "nowhere.md").as_uri())
    position = types.Position(line=0, character=0)
    assert await client.text_document_hover_async(types.HoverParams(text_document=unknown, position=position)) is None
    assert await client.text_document_code_action_async(types.CodeActionParams(
        text_document=unknown, range=types.Range(start=position, end=position),
        context=types.CodeActionContext(diagnostics=[]))) in (None, [], ())
