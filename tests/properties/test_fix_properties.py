"""For generated Markdown-with-frontmatter files: ``--fix`` is idempotent,
changes frontmatter data only when a frontmatter rule's fix claimed it, and
changes text only inside the spans of the fixes it applied. The fix loop is
replayed here pass by pass from the rules' own fixes and compared with what
the CLI wrote."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from hypothesis import event, given
from hypothesis import strategies as st

from contentlint.cli.main import main
from contentlint.config.loader import load_config
from contentlint.document.document import Document
from contentlint.engine.run import Settings, lint_document
from contentlint.engine.fixes import MAX_PASSES, applicable, apply_fixes
from contentlint.registry import get_rule
from prop_support import budget, documents, project_files


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    root = tmp_path_factory.mktemp("fix-properties")
    project_files(root)
    return root


def _replay(doc: Document, config, unsafe: bool):
    """The fix loop, pass by pass: (text before, text after, edits applied)."""
    settings = Settings(fix=True, unsafe_fixes=unsafe)
    passes, claimed, current = [], False, doc
    for _ in range(MAX_PASSES):
        violations, crashed = lint_document(current, config, "post.md", settings)
        assert crashed == 0, [v.message for v in violations if v.code == "CL999"]
        fixes = [v for v in violations if v.fix is not None and applicable(v.fix, unsafe=unsafe)]
        new_text, done = apply_fixes(current.text, [v.fix for v in fixes])
        if not fixes or new_text == current.text:
            return current, passes, claimed
        applied = {id(f) for f in done}
        claimed |= any(get_rule(v.code).changes_frontmatter for v in fixes if id(v.fix) in applied)
        passes.append((current.text, new_text, sorted((e for f in done for e in f.edits), key=lambda e: e.start)))
        current = current.with_text(new_text)
    raise AssertionError("fixes did not settle")


def _only_inside(before: str, after: str, edits) -> None:
    """``after`` is ``before`` with exactly these edits: everything between
    them is unchanged, character for character."""
    pos_before = pos_after = 0
    for edit in edits:
        kept = before[pos_before:edit.start]
        assert after[pos_after:pos_after + len(kept)] == kept
        pos_after += len(kept)
        assert after[pos_after:pos_after + len(edit.replacement)] == edit.replacement
        pos_after += len(edit.replacement)
        pos_before = edit.end
    assert after[pos_after:] == before[pos_before:]


def _data(text: str):
    block = Document("post.md", text).frontmatter
    return None if block is None else block.data


def _fix(post, unsafe: bool) -> list:
    args = ["check", str(post), "--fix", "--format", "json", "--no-cache"] + (["--unsafe-fixes"] if unsafe else [])
    result = CliRunner().invoke(main, args, catch_exceptions=False)
    findings = json.loads(result.stdout)
    assert result.exit_code in (0, 1), (result.stderr, findings)
    return findings


@budget(120)
@given(raw=documents(), unsafe=st.booleans())
def test_fix_is_idempotent_keeps_frontmatter_and_edits_only_fix_spans(folder, raw, unsafe):
    post = folder / "post.md"
    post.write_bytes(raw)
    config = load_config(start=folder)
    doc = Document.from_bytes("post.md", raw, abs_path=str(post))
    final, passes, claimed = _replay(doc, config, unsafe)
    event(f"fix passes: {len(passes)}")
    for before, after, edits in passes:
        _only_inside(before, after, edits)
    if _data(doc.text) is not None and not claimed:
        assert _data(final.text) == _data(doc.text)

    findings = _fix(post, unsafe)
    assert not [f for f in findings if f["code"] in ("CL904", "CL999")], findings
    written = post.read_bytes()
    assert written == final.encode()
    assert written.startswith(b"\xef\xbb\xbf") == raw.startswith(b"\xef\xbb\xbf")

    _fix(post, unsafe)
    assert post.read_bytes() == written, "a second --fix changed the file"
