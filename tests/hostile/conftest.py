"""Fixtures of the hostile-input suite; the helpers live in hostile_support.py."""
from __future__ import annotations

import pytest

from hostile_support import Project


@pytest.fixture
def project(tmp_path, monkeypatch) -> Project:
    root = tmp_path / "site"
    root.mkdir()
    monkeypatch.chdir(root)
    return Project(root)
