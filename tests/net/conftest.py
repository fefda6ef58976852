import socket
from pathlib import Path

import pytest

from contentlint.api import run_check
from contentlint.engine.lint import Settings

from .server import CountingServer, standard_routes

BASE_CONFIG = """\
select = ["LK"]
network = true

[links]
timeout = 0.5
connect-timeout = 0.5
retry-backoff = 0.05
"""


@pytest.fixture
def server():
    with CountingServer(standard_routes(slow_seconds=2.0)) as srv:
        yield srv


class Project:
    def __init__(self, root: Path):
        self.root = root

    def config(self, extra: str = "", allow: bool = True) -> "Project":
        text = BASE_CONFIG + ('allow-hosts = ["127.0.0.1"]\n' if allow else "") + extra
        (self.root / "contentlint.toml").write_text(text, encoding="utf-8")
        return self

    def post(self, name: str, *urls: str, body: str = "") -> Path:
        lines = ["---", f"title: {name}"]
        if len(urls) == 1:
            lines.append(f'hero: "{urls[0]}"')
        elif urls:
            lines.append("image:")
            lines.extend(f'  - "{u}"' for u in urls)
        lines += ["---", "", body or "Text.", ""]
        path = self.root / "posts" / f"{name}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("\n".join(lines), encoding="utf-8")
        return path

    def lint(self, **kwargs):
        settings = Settings(**kwargs)
        result, _ = run_check([str(self.root / "posts")], settings, config_path=str(self.root / "contentlint.toml"))
        return result


@pytest.fixture
def project(tmp_path):
    return Project(tmp_path)


@pytest.fixture
def connections(monkeypatch):
    """Every TCP destination the process tries to connect to while the test runs."""
    seen = []
    real_connect = socket.socket.connect
    real_connect_ex = socket.socket.connect_ex

    def connect(self, address):
        seen.append(address)
        return real_connect(self, address)

    def connect_ex(self, address):
        seen.append(address)
        return real_connect_ex(self, address)

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket.socket, "connect_ex", connect_ex)
    return seen
