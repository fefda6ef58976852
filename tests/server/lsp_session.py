"""A real LSP client (pytest-lsp) driving ``contentlint server`` in a subprocess."""
from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path
from typing import Callable, Optional

import pytest_lsp
from lsprotocol import types
from pygls.protocol import default_converter
from pytest_lsp import ClientServerConfig, LanguageClient
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, register_lsp_features

SERVER = [sys.executable, "-m", "contentlint", "server"]
DEADLINE = 60  # seconds: only a guard against a hung test, not a measurement


def _record_diagnostics(client: LanguageClient, params: types.PublishDiagnosticsParams) -> None:
    client.diagnostics[params.uri] = params.diagnostics
    client.published.append(params)


def _accept_registration(client: LanguageClient, params: types.RegistrationParams) -> None:
    client.registrations.extend(params.registrations)


def make_client() -> LanguageClient:
    client = LanguageClient(converter_factory=default_converter)
    client.published = []
    client.registrations = []
    features = dict(DEFAULT_CLIENT_FEATURES)
    features[types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS] = _record_diagnostics
    features[types.CLIENT_REGISTER_CAPABILITY] = _accept_registration
    register_lsp_features(client, features)
    return client


def server_config(extra_path: Optional[list[Path]] = None) -> ClientServerConfig:
    env = dict(os.environ)
    if extra_path:
        env["PYTHONPATH"] = os.pathsep.join(str(p) for p in extra_path)
    return ClientServerConfig(server_command=SERVER, client_factory=make_client, server_env=env)


def capabilities(encodings: Optional[list[str]] = None) -> types.ClientCapabilities:
    return types.ClientCapabilities(
        general=types.GeneralClientCapabilities(position_encodings=encodings) if encodings else None,
        workspace=types.WorkspaceClientCapabilities(
            workspace_edit=types.WorkspaceEditClientCapabilities(document_changes=True),
            did_change_watched_files=types.DidChangeWatchedFilesClientCapabilities(dynamic_registration=True),
            workspace_folders=True,
        ),
        text_document=types.TextDocumentClientCapabilities(
            publish_diagnostics=types.PublishDiagnosticsClientCapabilities(
                version_support=True, code_description_support=True, data_support=True),
            hover=types.HoverClientCapabilities(content_format=[types.MarkupKind.Markdown]),
            completion=types.CompletionClientCapabilities(
                completion_item=types.ClientCompletionItemOptions(
                    documentation_format=[types.MarkupKind.Markdown])),
            code_action=types.CodeActionClientCapabilities(is_preferred_support=True),
        ),
    )


async def initialize(client: LanguageClient, folders: list[Path], encodings=None) -> types.InitializeResult:
    return await client.initialize_session(types.InitializeParams(
        capabilities=capabilities(encodings),
        root_uri=folders[0].as_uri() if folders else None,
        workspace_folders=[types.WorkspaceFolder(uri=f.as_uri(), name=f.name) for f in folders],
    ))


async def published(client: LanguageClient, uri: str, since: int,
                    accept: Callable[[types.PublishDiagnosticsParams], bool] = lambda p: True
                    ) -> list[types.Diagnostic]:
    """The first diagnostics for ``uri`` published after the ``since``-th
    notification that ``accept`` takes."""
    async def wait():
        seen = since
        while True:
            for params in client.published[seen:]:
                seen += 1
                if params.uri == uri and accept(params):
                    return params.diagnostics
            await asyncio.sleep(0.01)
    return await asyncio.wait_for(wait(), DEADLINE)


async def until(predicate: Callable[[], bool]) -> None:
    async def wait():
        while not predicate():
            await asyncio.sleep(0.01)
    await asyncio.wait_for(wait(), DEADLINE)


async def open_document(client: LanguageClient, path: Path, text: str, language: str = "markdown",
                        version: int = 1) -> list[types.Diagnostic]:
    since = len(client.published)
    client.text_document_did_open(types.DidOpenTextDocumentParams(text_document=types.TextDocumentItem(
        uri=path.as_uri(), language_id=language, version=version, text=text)))
    return await published(client, path.as_uri(), since, lambda p: p.version == version)


async def change_document(client: LanguageClient, path: Path, version: int,
                          changes: list) -> list[types.Diagnostic]:
    since = len(client.published)
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=path.as_uri(), version=version),
        content_changes=changes))
    return await published(client, path.as_uri(), since, lambda p: p.version == version)


def apply_edits(text: str, edits: list[types.TextEdit], encoding: str = "utf-16") -> str:
    """What an editor does with a WorkspaceEdit's edits (client side, written
    independently of the server's position code)."""
    lines = text.splitlines(keepends=True)  # test texts hold no U+2028 and the like

    def offset(p: types.Position) -> int:
        before = sum(len(line) for line in lines[: p.line])
        line = lines[p.line] if p.line < len(lines) else ""
        units, i = 0, 0
        while units < p.character and i < len(line):
            ch = line[i]
            units += {"utf-8": len(ch.encode("utf-8")), "utf-32": 1}.get(encoding, 2 if ord(ch) > 0xFFFF else 1)
            i += 1
        return before + i

    for edit in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True):
        text = text[: offset(edit.range.start)] + edit.new_text + text[offset(edit.range.end):]
        lines = text.splitlines(keepends=True)
    return text


def workspace_edits(action: types.CodeAction, uri: str) -> list[types.TextEdit]:
    edit = action.edit
    if edit.document_changes:
        return [e for change in edit.document_changes if change.text_document.uri == uri for e in change.edits]
    return list(edit.changes.get(uri, []))


fixture = pytest_lsp.fixture
