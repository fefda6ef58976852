import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

SHARED = ROOT.parent / "shared"


@pytest.fixture(autouse=True)
def _no_github_env(monkeypatch):
    # A CI run under GitHub Actions must not switch the default format in tests.
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)


@pytest.fixture
def seed_post_text() -> str:
    return (ROOT / "examples" / "src" / "content" / "blog" / "seed-post.md").read_text(encoding="utf-8")
