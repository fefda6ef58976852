"""Network checks against a real HTTP server on 127.0.0.1 (allowed through
`allow-hosts`): each case asserts the finding and the requests the server saw,
with the URL used by two files (one request) and a re-run served by the cache
(no request)."""
import pytest

from .server import BIG

CASES = [
    # path, expected findings (code, words in the message), requests per path
    ("/img.jpg", [], {"/img.jpg": 1}),
    ("/missing.jpg", [("LK004", "HTTP 404 Not Found")], {"/missing.jpg": 1}),
    ("/flaky.jpg", [], {"/flaky.jpg": 2}),
    ("/busy.jpg", [], {"/busy.jpg": 2}),
    ("/slow.jpg", [("LK004", "timed out")], {"/slow.jpg": 3}),
    ("/r1.jpg", [("LK007", "redirects permanently (301) to `{base}/final.jpg`")],
     {"/r1.jpg": 1, "/r2.jpg": 1, "/final.jpg": 1}),
    ("/to-metadata.jpg", [("LK006", "redirects to `http://169.254.169.254/latest/meta-data/`")],
     {"/to-metadata.jpg": 1}),
    ("/page.html", [("LK005", "serves `text/html`, not an image")], {"/page.html": 1}),
    ("/nohead.jpg", [], {"/nohead.jpg": 2}),
]


def findings(result):
    return sorted((v.path.replace("\\", "/").split("/")[-1], v.code, v.line, v.message) for v in result.violations)


@pytest.mark.parametrize("path,expected,requests", CASES, ids=[c[0] for c in CASES])
def test_url_cases(project, server, path, expected, requests):
    url = server.base + path
    project.config()
    project.post("one", url)
    project.post("two", url)

    first = project.lint()
    got = findings(first)
    assert [(name, code, line) for name, code, line, _ in got] == sorted(
        (name, code, 3) for name in ("one.md", "two.md") for code, _ in expected
    )
    for (_, _, _, message), (_, words) in zip(got, sorted(expected * 2)):
        assert words.format(base=server.base) in message
    assert dict(server.hits) == requests  # once per run although two files use it

    second = project.lint()
    assert findings(second) == got
    assert dict(server.hits) == requests  # served from the cache: no request at all

    project.lint(no_cache=True)
    assert server.total > sum(requests.values())  # --no-cache asks again


def test_head_refused_falls_back_to_get_without_reading_the_body(project, server):
    project.config()
    project.post("one", server.base + "/big.jpg")
    assert findings(project.lint()) == []
    assert server.methods == [("HEAD", "/big.jpg"), ("GET", "/big.jpg")]
    assert server.body_bytes_sent < BIG  # the client hung up after the headers


def test_disallowed_addresses_are_never_requested(project, server, connections):
    project.config(allow=False)
    urls = [server.base + "/img.jpg", "http://10.0.0.1/a.jpg", "http://169.254.169.254/latest/meta-data/",
            f"http://[::1]:{server.port}/img.jpg"]
    project.post("one", *urls)
    result = project.lint()
    got = [(code, message) for _, code, _, message in findings(result)]
    assert [code for code, _ in got] == ["LK006"] * 4
    assert any("`169.254.169.254` is a link-local address" in m or "link-local" in m for _, m in got)
    assert server.total == 0
    assert connections == []


def test_hostname_resolving_to_a_private_address_is_refused(project, server, connections, monkeypatch):
    from contentlint.net import check as netcheck
    asked = []

    async def resolver(host, port):
        asked.append(host)
        return ["10.1.2.3"]

    monkeypatch.setattr(netcheck, "system_resolver", resolver)
    project.config(allow=False)
    project.post("one", "https://intranet.example.test/hero.jpg")
    got = findings(project.lint())
    assert [(c, l) for _, c, l, _ in got] == [("LK006", 3)]
    assert "`intranet.example.test` resolves to `10.1.2.3`, a private address" in got[0][3]
    assert asked == ["intranet.example.test"]
    assert connections == []


def test_connects_to_the_checked_address_only(project, server, monkeypatch):
    """The name is resolved once by the checker and the connection goes to
    that address (DNS rebinding cannot switch it); the Host header keeps the name."""
    from contentlint.net import check as netcheck
    asked = []

    async def resolver(host, port):
        asked.append(host)
        return ["127.0.0.1"]

    monkeypatch.setattr(netcheck, "system_resolver", resolver)
    project.config('allow-private = ["127.0.0.0/8"]\n[rules.LK002]\nignore-hosts = ["images.example.test"]\n', allow=False)
    host = f"images.example.test:{server.port}"
    project.post("one", f"http://{host}/img.jpg", f"http://{host}/final.jpg", f"http://{host}/nohead.jpg")
    assert findings(project.lint()) == []
    assert asked == ["images.example.test"]
    assert {h.get("Host") for h in server.headers} == {host}


def test_dns_failure_and_refused_connection(project, server, monkeypatch):
    import socket as socketmod

    from contentlint.net import check as netcheck
    async def resolver(host, port):
        raise netcheck.DnsError("Name or service not known")

    monkeypatch.setattr(netcheck, "system_resolver", resolver)
    probe = socketmod.socket()
    probe.bind(("127.0.0.1", 0))
    closed_port = probe.getsockname()[1]
    probe.close()
    project.config()
    project.post("one", "https://no-such-host.example.test/x.jpg")
    project.post("two", f"http://127.0.0.1:{closed_port}/x.jpg")
    got = findings(project.lint())
    assert [(n, c) for n, c, _, _ in got] == [("one.md", "LK004"), ("two.md", "LK004")]
    assert "DNS lookup failed" in got[0][3]
    assert "connection refused" in got[1][3]


def test_redirect_loop_stops_after_max_redirects(project, server):
    project.config("max-redirects = 3\n")
    project.post("one", server.base + "/loop.jpg")
    got = findings(project.lint())
    assert [c for _, c, _, _ in got] == ["LK004", "LK007"]
    assert "too many redirects" in got[0][3]
    assert server.hits["/loop.jpg"] == 4


def test_retry_after_longer_than_the_cap_is_not_waited_for(project, server):
    project.config("max-retry-after = 0.2\n")
    project.post("one", server.base + "/always-busy.jpg")
    got = findings(project.lint())
    assert [(c, "HTTP 429" in m) for _, c, _, m in got] == [("LK004", True)]
    assert server.hits["/always-busy.jpg"] == 1


def test_user_agent_and_secret_headers(project, server, monkeypatch):
    monkeypatch.setenv("CL_TEST_TOKEN", "Bearer s3cret")
    project.config('[links.headers."127.0.0.1"]\nAuthorization = "CL_TEST_TOKEN"\nX-Missing = "CL_TEST_UNSET"\n')
    monkeypatch.delenv("CL_TEST_UNSET", raising=False)
    project.post("one", server.base + "/missing.jpg")
    result = project.lint()
    sent = server.headers[0]
    assert sent["User-Agent"].startswith("contentlint/")
    assert sent["Authorization"] == "Bearer s3cret"
    assert "X-Missing" not in sent
    everything = " ".join(result.messages) + " ".join(v.message for v in result.violations)
    assert "s3cret" not in everything
    assert any("CL_TEST_UNSET" in m for m in result.messages)


def test_redirect_fix_rewrites_to_the_final_url(project, server):
    project.config()
    path = project.post("one", server.base + "/r1.jpg")
    result = project.lint(fix=True)  # unsafe: not applied by --fix alone
    assert server.base + "/r1.jpg" in path.read_text()
    assert [v.code for v in result.violations] == ["LK007"]
    result = project.lint(fix=True, unsafe_fixes=True)
    assert f'hero: "{server.base}/final.jpg"' in path.read_text()
    assert result.violations == []
    assert result.fixes_applied == 1


def test_temporary_redirect_is_not_reported(project, server):
    project.config()
    project.post("one", server.base + "/temporary.jpg")
    assert findings(project.lint()) == []
    assert dict(server.hits) == {"/temporary.jpg": 1, "/final.jpg": 1}


def test_body_images_and_links(project, server):
    project.config("body-links = true\n")
    body = (
        f"![a]({server.base}/missing.jpg)\n\n"
        f'<img src="{server.base}/page.html">\n\n'
        f"[a page]({server.base}/page.html) and ![b][ref]\n\n"
        f"[ref]: {server.base}/r1.jpg\n"
    )
    project.post("one", body=body)
    got = [(c, l) for _, c, l, _ in findings(project.lint())]
    # the HTML page is fine as a link, not as an image
    assert got == [("LK004", 5), ("LK005", 7), ("LK007", 11)]


def test_network_off_makes_no_request(project, server, connections):
    project.config()
    (project.root / "contentlint.toml").write_text(
        (project.root / "contentlint.toml").read_text().replace("network = true", "network = false")
    )
    project.post("one", server.base + "/missing.jpg")
    assert findings(project.lint()) == []
    assert server.total == 0 and connections == []
    assert [v.code for v in project.lint(network=True).violations] == ["LK004"]


def test_many_files_in_parallel_share_one_request_per_url(project, server):
    project.config()
    for i in range(60):
        project.post(f"p{i:02}", server.base + "/missing.jpg", server.base + f"/img.jpg?{i % 3}")
    result = project.lint()
    assert [v.code for v in result.violations] == ["LK004"] * 60
    assert server.hits == {"/missing.jpg": 1, "/img.jpg": 3}


def test_cli_network_flag_reports_and_exits_1(project, server, monkeypatch):
    from click.testing import CliRunner

    from contentlint.cli.main import main

    project.config()
    cfg = project.root / "contentlint.toml"
    cfg.write_text(cfg.read_text().replace("network = true\n", ""))
    project.post("one", server.base + "/missing.jpg")
    monkeypatch.chdir(project.root)
    offline = CliRunner().invoke(main, ["check", "posts"])
    assert offline.exit_code == 0 and server.total == 0
    result = CliRunner().invoke(main, ["check", "--network", "-v", "posts"])
    assert result.exit_code == 1, result.output
    assert "LK004" in result.output and "HTTP 404 Not Found" in result.output
    assert "Checking URLs" not in result.output  # no progress bar without a terminal
    assert server.total == 1


def test_progress_bar_counts(server, capsys):
    from contentlint.net.check import check_urls
    from contentlint.net.settings import LinkSettings

    ls = LinkSettings.from_table({"allow-hosts": ["127.0.0.1"]})
    urls = [f"{server.base}/img.jpg?{i}" for i in range(12)] + [server.base + "/missing.jpg"]
    results, stats = check_urls(urls, ls, use_cache=False, progress=True)
    assert (stats.ok, stats.broken, stats.requested) == (12, 1, 13)
    assert "13 checked" in stats.summary()


def test_files_whose_network_rules_are_off_request_nothing(project, server):
    project.config()
    cfg = project.root / "contentlint.toml"
    cfg.write_text('per-file-ignores = { "posts/one.md" = ["LK004", "LK005", "LK006", "LK007"] }\n' + cfg.read_text())
    project.post("one", server.base + "/missing.jpg")
    assert findings(project.lint()) == []
    assert server.total == 0
    project.post("two", server.base + "/missing.jpg")
    assert [(n, c) for n, c, _, _ in findings(project.lint())] == [("two.md", "LK004")]
    assert server.total == 1


def test_falls_back_to_the_next_checked_address(project, server, monkeypatch, connections):
    from contentlint.net import check as netcheck
    async def resolver(host, port):
        return ["127.0.0.2", "127.0.0.1"]  # nothing listens on the first

    monkeypatch.setattr(netcheck, "system_resolver", resolver)
    project.config('allow-private = ["127.0.0.0/8"]\n[rules.LK002]\nignore-hosts = ["two.example.test"]\n', allow=False)
    project.post("one", f"http://two.example.test:{server.port}/img.jpg")
    assert findings(project.lint()) == []
    assert [a[0] for a in connections] == ["127.0.0.2", "127.0.0.1"]
