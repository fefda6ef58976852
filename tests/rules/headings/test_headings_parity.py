"""contentlint's verdict on every example of markdownlint's published
documentation for MD001, MD018, MD024, MD025, MD026, MD036 and MD041
(tests/fixtures/parity/parity.toml): the same lines as markdownlint, or, where
the case declares a deliberate difference, contentlint's own lines, with the
difference explained in docs/headings.md."""
import sys
from pathlib import Path

import pytest

from contentlint.config.loader import Config
from contentlint.document.document import Document
from contentlint.engine.lint import lint_document

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[3]
PARITY = ROOT / "tests" / "fixtures" / "parity"
CASES = tomllib.loads((PARITY / "parity.toml").read_text(encoding="utf-8"))["case"]
DIFFERENT = [c for c in CASES if "differs" in c]


def case_id(case) -> str:
    return f"{case['markdownlint_rule']}-{case['file']}-{case.get('options', '')}"


def flagged_lines(case) -> list[int]:
    code = case["contentlint_rule"]
    options = {code: {"options": dict(case["options"])}} if case.get("options") else {}
    config = Config(root=PARITY, select=[code], rule_settings=options)
    path = PARITY / case["file"]
    doc = Document.from_bytes(path.name, path.read_bytes())
    violations, crashed = lint_document(doc, config, path.name)
    assert not crashed
    return sorted(v.line for v in violations if v.code == case["contentlint_rule"])


@pytest.mark.parametrize("case", CASES, ids=map(case_id, CASES))
def test_contentlint_verdict(case):
    expected = case["contentlint"] if "differs" in case else case["markdownlint"]
    assert flagged_lines(case) == expected


@pytest.mark.parametrize("case", DIFFERENT, ids=map(case_id, DIFFERENT))
def test_every_difference_is_real_and_explained(case):
    # A declared difference that no longer holds would hide a change of verdict.
    assert case["contentlint"] != case["markdownlint"]
    assert case["differs"].strip(), f"{case['file']}: a difference needs its reason"
    docs = (ROOT / "docs" / "headings.md").read_text(encoding="utf-8")
    assert case["file"] in docs, f"docs/headings.md does not explain {case['file']}"


def test_only_declared_differences_carry_their_own_verdict():
    # `contentlint` without `differs` would be a second expectation that could
    # silently drift from markdownlint's.
    assert [c["file"] for c in CASES if "contentlint" in c] == [c["file"] for c in DIFFERENT]


def test_the_set_covers_the_rules_the_issue_names():
    assert {c["markdownlint_rule"] for c in CASES} == {"MD001", "MD018", "MD024", "MD025", "MD026", "MD036", "MD041"}
    assert all((PARITY / c["file"]).is_file() for c in CASES)
