"""Every fixture under tests/fixtures/rules/<family>/ through the one harness."""
from pathlib import Path

import pytest

from helpers.harness import run_fixture

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "rules"
CASES = sorted(p for p in FIXTURES.glob("*/*.md") if not p.name.endswith(".fixed.md"))


@pytest.mark.parametrize("path", CASES, ids=[f"{p.parent.name}/{p.name}" for p in CASES])
def test_fixture(path):
    run_fixture(path)


def test_every_family_has_fixtures():
    assert {p.parent.name for p in CASES} >= {"text", "headings"}
