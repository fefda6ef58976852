"""The language server: LSP handlers wired to the linter, actions and schema help."""
from __future__ import annotations

import asyncio
import logging
import traceback
from collections.abc import Sequence
from functools import wraps
from typing import Any, Callable, Optional, TypeVar, cast

from lsprotocol import types
from pygls.lsp.server import LanguageServer

from .. import __version__
from ..api import config_for
from ..schema.store import clear_caches
from . import actions, schema_help
from .linting import Linter, fixed_text, lint_path
from .positions import UTF16, Positions
from .texts import OpenDocument
from ..config.loader import Config
from ..document.document import Document

log = logging.getLogger(__name__)

# Files whose change can change findings: configuration and schemas.
WATCHED = ["**/contentlint.toml", "**/.contentlint.toml", "**/pyproject.toml", "**/*.json",
           "**/*.yaml", "**/*.yml"]


class ContentlintServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__("contentlint", __version__)
        self.documents: dict[str, OpenDocument] = {}
        self.linter = Linter(self._publish)

    @property
    def encoding(self) -> str:
        kind = self.workspace.position_encoding
        return str(getattr(kind, "value", kind) or UTF16)

    def _publish(self, uri: str, version: Optional[int], diagnostics: list[types.Diagnostic]) -> None:
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, version=version, diagnostics=diagnostics))

    def lint(self, doc: OpenDocument, *, debounce: bool = False) -> None:
        if doc.is_markdown:
            self.linter.schedule(doc, self.encoding, debounce=debounce)

    def relint_all(self) -> None:
        clear_caches()  # a schema file may have changed or appeared (hover, completion)
        self.linter.files_changed()  # and in the lint workers
        for doc in self.documents.values():
            self.lint(doc)

    def markdown(self, formats: object) -> bool:
        """Whether the client's list of formats (None when it sent none) has Markdown."""
        return isinstance(formats, Sequence) and types.MarkupKind.Markdown in formats

    def versioned_edits(self) -> bool:
        edit = self.client_capabilities.workspace and self.client_capabilities.workspace.workspace_edit
        return bool(edit and edit.document_changes)


server = ContentlintServer()


Handler = TypeVar("Handler", bound=Callable[..., Any])


def guarded(default: Any = None) -> Callable[[Handler], Handler]:
    """A handler that fails answers with ``default`` and logs, so one bad
    document or request never stops the server."""
    def wrap(fn: Handler) -> Handler:
        if asyncio.iscoroutinefunction(fn):
            @wraps(fn)
            async def run_async(*args: Any) -> Any:
                try:
                    return await fn(*args)
                except Exception:
                    log.error("%s failed:\n%s", fn.__name__, traceback.format_exc())
                    return default
            return cast(Handler, run_async)

        @wraps(fn)
        def run(*args: Any) -> Any:
            try:
                return fn(*args)
            except Exception:
                log.error("%s failed:\n%s", fn.__name__, traceback.format_exc())
                return default
        return cast(Handler, run)
    return wrap


@server.feature(types.INITIALIZED)
@guarded()
def initialized(ls: ContentlintServer, params: types.InitializedParams) -> None:
    ls.linter.warm_up()
    watch = ls.client_capabilities.workspace and ls.client_capabilities.workspace.did_change_watched_files
    if watch and watch.dynamic_registration:
        options = types.DidChangeWatchedFilesRegistrationOptions(
            watchers=[types.FileSystemWatcher(glob_pattern=g) for g in WATCHED])
        ls.client_register_capability(types.RegistrationParams(registrations=[types.Registration(
            id="contentlint-config-watch", method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
            register_options=options)]))


@server.feature(types.TEXT_DOCUMENT_DID_OPEN)
@guarded()
def did_open(ls: ContentlintServer, params: types.DidOpenTextDocumentParams) -> None:
    item = params.text_document
    doc = ls.documents[item.uri] = OpenDocument(item.uri, item.text, item.version, item.language_id)
    ls.lint(doc)


@server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
@guarded()
def did_change(ls: ContentlintServer, params: types.DidChangeTextDocumentParams) -> None:
    doc = ls.documents.get(params.text_document.uri)
    if doc is None:
        return
    for change in params.content_changes:
        doc.apply(change, ls.encoding)
    doc.version = params.text_document.version
    ls.lint(doc, debounce=True)


@server.feature(types.TEXT_DOCUMENT_DID_SAVE, types.SaveOptions(include_text=False))
@guarded()
def did_save(ls: ContentlintServer, params: types.DidSaveTextDocumentParams) -> None:
    doc = ls.documents.get(params.text_document.uri)
    if doc is not None and doc.is_markdown:
        ls.lint(doc)
    else:
        ls.relint_all()  # a configuration or schema file saved from the editor


@server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
@guarded()
def did_close(ls: ContentlintServer, params: types.DidCloseTextDocumentParams) -> None:
    uri = params.text_document.uri
    doc = ls.documents.pop(uri, None)
    ls.linter.forget(uri)
    if doc is not None and doc.is_markdown:
        ls._publish(uri, None, [])


@server.feature(types.SHUTDOWN)
@guarded()
def shutdown(ls: ContentlintServer, params: None) -> None:
    ls.linter.executor.shutdown(wait=False, cancel_futures=True)


@server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
@guarded()
def did_change_watched(ls: ContentlintServer, params: types.DidChangeWatchedFilesParams) -> None:
    ls.relint_all()


@server.feature(types.WORKSPACE_DID_CHANGE_WORKSPACE_FOLDERS)
@guarded()
def did_change_folders(ls: ContentlintServer, params: types.DidChangeWorkspaceFoldersParams) -> None:
    ls.relint_all()  # each file's configuration is the nearest one above it, whatever the folders


def _overlaps(a: types.Range, b: types.Range) -> bool:
    def key(p: types.Position) -> tuple[int, int]:
        return p.line, p.character
    return key(a.start) <= key(b.end) and key(b.start) <= key(a.end)


@server.feature(types.TEXT_DOCUMENT_CODE_ACTION, types.CodeActionOptions(
    code_action_kinds=[types.CodeActionKind.QuickFix, actions.FIX_ALL]))
@guarded(default=[])
async def code_action(ls: ContentlintServer, params: types.CodeActionParams) -> list[types.CodeAction]:
    doc = ls.documents.get(params.text_document.uri)
    if doc is None or not doc.is_markdown:
        return []
    linted = ls.linter.current(doc)
    if linted is None:
        return []  # findings of an older text: their edits would land in the wrong place
    wanted = params.context.only
    out: list[types.CodeAction] = []
    versioned = ls.versioned_edits()
    if not wanted or any(k == types.CodeActionKind.QuickFix for k in wanted):
        shown = [d for d in linted.diagnostics if d.code is not None]  # not the "N more" note
        for v, diagnostic in zip(linted.violations, shown):
            if _overlaps(diagnostic.range, params.range):
                out += actions.quick_fixes(linted, v, diagnostic, doc.uri, doc.version, versioned)
    if not wanted or any(actions.FIX_ALL.startswith(k) for k in wanted):
        if any(v.fix is not None and v.fix.applicability.value == "safe" for v in linted.violations):
            fixed = await ls.linter.call(fixed_text, linted.text, linted.path, ls.linter.generation)
            if fixed is not None and doc.text == linted.text:
                out.append(actions.fix_all(linted, fixed, doc.uri, doc.version, versioned))
    return out


def _engine_view(ls: ContentlintServer, uri: str,
                 position: types.Position) -> Optional[tuple[Document, Config, str, int]]:
    doc = ls.documents.get(uri)
    if doc is None or not doc.is_markdown:
        return None
    shift = 1 if doc.text.startswith("\ufeff") else 0
    offset = Positions(doc.text, ls.encoding).offset(position) - shift
    path = lint_path(doc)
    return Document(path, doc.text[shift:]), config_for(path), path, offset


@server.feature(types.TEXT_DOCUMENT_HOVER)
@guarded()
def hover(ls: ContentlintServer, params: types.HoverParams) -> Optional[types.Hover]:
    view = _engine_view(ls, params.text_document.uri, params.position)
    if view is None:
        return None
    text = schema_help.hover(*view)
    if text is None:
        return None
    hover_caps = ls.client_capabilities.text_document and ls.client_capabilities.text_document.hover
    kind = types.MarkupKind.Markdown if ls.markdown(hover_caps and hover_caps.content_format) else types.MarkupKind.PlainText
    return types.Hover(contents=types.MarkupContent(kind=kind, value=text))


@server.feature(types.TEXT_DOCUMENT_COMPLETION, types.CompletionOptions(trigger_characters=[":", "=", "-"]))
@guarded(default=[])
def completion(ls: ContentlintServer, params: types.CompletionParams) -> list[types.CompletionItem]:
    view = _engine_view(ls, params.text_document.uri, params.position)
    if view is None:
        return []
    items = schema_help.completions(*view)
    caps = ls.client_capabilities.text_document and ls.client_capabilities.text_document.completion
    item_caps = caps and caps.completion_item
    if not ls.markdown(item_caps and item_caps.documentation_format):
        for item in items:
            if isinstance(item.documentation, types.MarkupContent):
                item.documentation = item.documentation.value
    return items


def main() -> None:
    logging.basicConfig(level=logging.WARNING, format="contentlint server: %(message)s")
    server.start_io()
