"""Offline rules never touch the network: with socket creation and name
resolution blocked, LK001, LK002, LK003 and LK006 still report."""
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from contentlint.api import run_check
from contentlint.engine.lint import Settings

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "rules" / "links"


class NetworkUsed(AssertionError):
    pass


@pytest.fixture
def no_network(monkeypatch):
    def refuse(*args, **kwargs):
        raise NetworkUsed("an offline rule tried to use the network")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(socket, "gethostbyname", refuse)


def test_offline_rules_report_without_any_socket(no_network, tmp_path):
    for name in ("url-malformed.md", "url-insecure.md", "url-disallowed.md", "local-image-missing.md"):
        (tmp_path / name).write_bytes((FIXTURES / name).read_bytes())
    (tmp_path / "remote.md").write_text('---\nhero: "https://cdn.example.com/gone.jpg"\n---\n', encoding="utf-8")
    (tmp_path / "contentlint.toml").write_text('select = ["LK"]\n', encoding="utf-8")
    result, _ = run_check([str(tmp_path)], Settings(no_cache=True, jobs=1), config_path=str(tmp_path / "contentlint.toml"))
    codes = {v.code for v in result.violations}
    assert codes == {"LK001", "LK002", "LK003", "LK006"}
    assert not any(v.path.endswith("remote.md") for v in result.violations)
    assert result.internal_errors == 0


def test_importing_the_rules_does_not_import_the_http_client():
    code = "import contentlint.rules.links, contentlint.net.check, sys; print('httpx' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
