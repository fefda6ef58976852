"""Code actions: each finding's fix, all safe fixes at once, and the inline
directive that silences a rule on one line."""
from __future__ import annotations

from typing import Optional

from lsprotocol import types

from ..violations import Applicability, Edit, Violation
from .linting import Linted

FIX_ALL = "source.fixAll.contentlint"
_KIND = types.CodeActionKind.QuickFix


def _edit(uri: str, version: Optional[int], edits: list[types.TextEdit], versioned: bool) -> types.WorkspaceEdit:
    if versioned:
        doc = types.OptionalVersionedTextDocumentIdentifier(uri=uri, version=version)
        return types.WorkspaceEdit(document_changes=[types.TextDocumentEdit(text_document=doc, edits=edits)])
    return types.WorkspaceEdit(changes={uri: edits})


def _text_edits(linted: Linted, edits: tuple[Edit, ...]) -> list[types.TextEdit]:
    at, shift = linted.positions, linted.shift
    return [types.TextEdit(range=at.range(e.start + shift, e.end + shift), new_text=e.replacement) for e in edits]


def quick_fixes(linted: Linted, v: Violation, diagnostic: types.Diagnostic, uri: str,
                version: Optional[int], versioned: bool) -> list[types.CodeAction]:
    actions = []
    fix = v.fix
    if fix is not None and fix.edits and fix.applicability is not Applicability.DISPLAY_ONLY:
        safe = fix.applicability is Applicability.SAFE
        actions.append(types.CodeAction(
            title=f"{fix.title} ({v.code})" if safe else f"{fix.title} ({v.code}, unsafe fix: check the result)",
            kind=_KIND,
            diagnostics=[diagnostic],
            is_preferred=safe,
            edit=_edit(uri, version, _text_edits(linted, fix.edits), versioned),
        ))
    directive = disable_edit(linted, v)
    if directive is not None:
        actions.append(types.CodeAction(
            title=f"Disable {v.code} `{v.name}` for this line",
            kind=_KIND,
            diagnostics=[diagnostic],
            edit=_edit(uri, version, [directive], versioned),
        ))
    return actions


def disable_edit(linted: Linted, v: Violation) -> Optional[types.TextEdit]:
    """Insert ``<!-- contentlint-disable-next-line CODE -->`` above the
    finding's line; inside YAML or TOML frontmatter as a ``#`` comment, which
    the directive scanner reads all the same. None where a directive cannot
    work: inside code blocks (directives there are examples), on the line
    that opens the frontmatter, in JSON frontmatter, and in MDX, where an
    HTML comment is a syntax error."""
    if linted.path.lower().endswith(".mdx"):
        return None
    doc = linted.document
    line = v.line - 1
    if line in doc.code_lines():
        return None
    start = doc.lines.line_start(line)
    text = doc.lines.line_text(line)
    indent = text[: len(text) - len(text.lstrip(" \t"))]
    directive = f"<!-- contentlint-disable-next-line {v.code} -->"
    block = doc.frontmatter
    if block is not None and start < block.end:
        if block.format == "json" or start <= block.start:
            return None
        directive = f"# {directive}"
    at = linted.positions.position(start + linted.shift)
    return types.TextEdit(range=types.Range(start=at, end=at), new_text=f"{indent}{directive}{doc.newline}")


def fix_all(linted: Linted, fixed: str, uri: str, version: Optional[int], versioned: bool) -> types.CodeAction:
    """One edit from the first to the last changed character, so the
    editor keeps the cursor and folds of the untouched text."""
    old = linted.text
    new = old[: linted.shift] + fixed
    prefix = 0
    limit = min(len(old), len(new))
    while prefix < limit and old[prefix] == new[prefix]:
        prefix += 1
    suffix = 0
    while suffix < limit - prefix and old[-1 - suffix] == new[-1 - suffix]:
        suffix += 1
    # never split a \r\n: a position cannot point between its two characters
    if 0 < prefix < len(old) and old[prefix - 1] == "\r" and old[prefix] == "\n":
        prefix -= 1
    end = len(old) - suffix
    if 0 < end < len(old) and old[end - 1] == "\r" and old[end] == "\n":
        suffix -= 1
        end += 1
    edit = types.TextEdit(range=linted.positions.range(prefix, end), new_text=new[prefix: len(new) - suffix])
    return types.CodeAction(
        title="Fix all safe contentlint findings",
        kind=FIX_ALL,
        edit=_edit(uri, version, [edit], versioned),
    )
