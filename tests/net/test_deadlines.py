"""A server that accepts and never answers cannot hold a run: each URL has a
total deadline across its retries and redirects (`links.url-deadline`), the
network phase has one too (`links.network-deadline`), and a URL that runs
out of time is an LK004 finding saying so.

The CLI runs in a child process under an outer timeout, so a regression
fails here instead of hanging the suite. Nothing is asserted about timing
beyond "it finished before the outer timeout"."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from .silent import SilentServer

# Without the deadlines these runs need 4 x 30 s (url-deadline case) or more.
OUTER_TIMEOUT = 60


def run_cli(root: Path, *args: str) -> tuple[int, list[dict], str]:
    env = dict(os.environ, NO_COLOR="1")
    proc = subprocess.run(
        [sys.executable, "-m", "contentlint", "check", "--format", "json", *args, "posts"],
        cwd=root, capture_output=True, text=True, timeout=OUTER_TIMEOUT, env=env,
    )
    findings = json.loads(proc.stdout) if proc.stdout.strip() else []
    return proc.returncode, findings, proc.stderr


def write_project(root: Path, links: str, posts: dict[str, str]) -> None:
    (root / "contentlint.toml").write_text(
        'select = ["LK004"]\nnetwork = true\n\n[links]\nallow-hosts = ["127.0.0.1"]\n' + links, encoding="utf-8"
    )
    for name, url in posts.items():
        path = root / "posts" / f"{name}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f'---\ntitle: {name}\nhero: "{url}"\n---\n\nText.\n', encoding="utf-8")


def test_a_url_gets_one_deadline_across_its_retries(tmp_path):
    with SilentServer() as silent:
        # Each request may wait 30 s and is retried 3 times: only the URL's
        # own deadline can end this run early.
        write_project(tmp_path, "timeout = 30\nconnect-timeout = 5\nretries = 3\nretry-backoff = 0.05\nurl-deadline = 1\n",
                      {"slow": silent.base + "/hero.jpg"})
        code, findings, stderr = run_cli(tmp_path)
        assert silent.accepted >= 1  # the server was really asked
    assert code == 1, stderr
    assert [(f["code"], f["line"]) for f in findings] == [("LK004", 3)]
    message = findings[0]["message"]
    assert f"`{silent.base}/hero.jpg` is unreachable: ran out of time" in message
    assert "no answer within the 1 s allowed per URL, `links.url-deadline`" in message


def test_the_network_phase_has_a_deadline_and_keeps_what_finished(tmp_path, server):
    with SilentServer() as silent:
        write_project(
            tmp_path, "timeout = 60\nurl-deadline = 60\nnetwork-deadline = 1\n",
            {"slow": silent.base + "/hero.jpg", "fine": server.base + "/img.jpg"},
        )
        code, findings, stderr = run_cli(tmp_path)
        assert code == 1, stderr
        assert [(Path(f["path"]).name, f["code"], f["line"]) for f in findings] == [("slow.md", "LK004", 3)]
        message = findings[0]["message"]
        assert "is unreachable: not checked in time" in message
        assert "the network phase stopped after 1 s, `links.network-deadline`" in message
        assert server.hits == {"/img.jpg": 1}

        # A URL the phase did not finish is not cached as a result: the next
        # run asks again, while the finished one comes from the cache.
        before = silent.accepted
        code, findings, stderr = run_cli(tmp_path)
        assert code == 1, stderr
        assert [f["code"] for f in findings] == ["LK004"]
        assert silent.accepted > before
        assert server.hits == {"/img.jpg": 1}


def test_a_slow_dns_answer_counts_against_the_url_deadline(project, monkeypatch):
    import asyncio

    from contentlint.net import check as netcheck
    async def resolver(host, port):
        await asyncio.sleep(20)  # far past the deadline; then a usable answer
        return ["127.0.0.1"]

    monkeypatch.setattr(netcheck, "system_resolver", resolver)
    project.config("url-deadline = 0.5\n")
    project.post("one", "https://slow-dns.example.test/hero.jpg")
    got = [(v.code, v.line, v.message) for v in project.lint().violations]
    assert [(c, line) for c, line, _ in got] == [("LK004", 3)]
    assert "ran out of time (no answer within the 0.5 s allowed per URL" in got[0][2]


def test_a_hanging_lookup_does_not_hold_the_run(project, monkeypatch):
    """getaddrinfo cannot be cancelled: the run must end while it still hangs
    (a lookup in asyncio's default executor is waited for at shutdown)."""
    import socket
    import threading
    import time

    release = threading.Event()
    seen = {}

    def hanging_getaddrinfo(*args, **kwargs):
        seen["released by the test"] = release.wait(30)
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", hanging_getaddrinfo)
    project.config("url-deadline = 0.5\n")
    project.post("one", "https://hangs.example.test/hero.jpg")
    result = project.lint()
    release.set()  # only once the run is over
    for _ in range(200):
        if seen:
            break
        time.sleep(0.05)
    assert seen == {"released by the test": True}
    assert [(v.code, "ran out of time" in v.message) for v in result.violations] == [("LK004", True)]
