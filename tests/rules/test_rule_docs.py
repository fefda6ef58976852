"""A rule's docstring is its documentation: its examples run as tests, and
docs/rules.md is generated from it."""
import re
from pathlib import Path

import pytest

from contentlint.config.loader import Config
from contentlint.cli.rule_docs import rules_markdown
from contentlint.document.document import Document
from contentlint.engine.lint import lint_document
from contentlint.registry import Fixability, RegistryError, Rule, register
from contentlint.config.catalogue import all_rules

ROOT = Path(__file__).resolve().parents[2]
_BLOCK = re.compile(r"^## (Example|Use instead)\s*\n+```markdown\n(.*?)^```", re.S | re.M)


def examples(rule):
    found = {name: body for name, body in _BLOCK.findall(rule.doc())}
    return found.get("Example"), found.get("Use instead")


RULES_WITH_EXAMPLES = [r for r in all_rules() if examples(r)[0] is not None]


def codes_for(rule, text: str) -> list[str]:
    config = Config(root=ROOT, select=[rule.code])
    doc = Document.from_bytes("example.md", text.encode("utf-8"))
    violations, crashed = lint_document(doc, config, "example.md")
    assert not crashed
    return [v.code for v in violations]


@pytest.mark.parametrize("rule", RULES_WITH_EXAMPLES, ids=[r.code for r in RULES_WITH_EXAMPLES])
def test_documented_examples(rule):
    flagged, clean = examples(rule)
    flagged = flagged.replace("<no line break here>\n", "")
    assert rule.code in codes_for(rule, flagged), "the documented example must be flagged"
    assert clean is not None, "a runnable example needs a runnable `Use instead` beside it"
    assert rule.code not in codes_for(rule, clean), "the documented clean example must not be flagged"


def test_most_rules_carry_runnable_examples():
    runnable = {r.code for r in RULES_WITH_EXAMPLES}
    assert {"TX001", "TX005", "HD003", "FM002"} <= runnable


def test_docs_rules_md_is_up_to_date():
    current = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert current == rules_markdown(), "docs/rules.md is stale: run `python -m contentlint.cli.rule_docs > docs/rules.md`"


def test_registration_validates_metadata():
    class NoDocs(Rule):
        """Nothing useful."""

        code = "TX900"
        name = "no-docs"
        summary = "x"

    with pytest.raises(RegistryError, match="## Why"):
        register(NoDocs)

    class BadCode(Rule):
        """x

        ## Why
        ## Example
        ## Use instead
        ## Fix
        """

        code = "T1"
        name = "bad-code"
        summary = "x"

    with pytest.raises(RegistryError, match="two letters and three digits"):
        register(BadCode)


def test_codes_and_names_are_unique_and_well_formed():
    rules = all_rules()
    assert len({r.code for r in rules}) == len({r.name for r in rules}) == len(rules)
    assert all(r.fixable in vars(Fixability).values() for r in rules)


def test_fixability_is_declared_truthfully():
    """A rule declared not fixable never offers a fix on its own example."""
    for rule in RULES_WITH_EXAMPLES:
        flagged, _ = examples(rule)
        config = Config(root=ROOT, select=[rule.code])
        doc = Document.from_bytes("example.md", flagged.replace("<no line break here>\n", "").encode())
        fixes = [v.fix for v in lint_document(doc, config, "example.md")[0] if v.fix is not None]
        if rule.fixable == Fixability.NONE:
            assert not fixes, rule.code
        elif rule.fixable in (Fixability.SAFE, Fixability.UNSAFE, Fixability.SOMETIMES):
            assert fixes, f"{rule.code} declares a fix but offers none on its example"
