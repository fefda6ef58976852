"""Hugo multihost: a `baseURL` per language puts each language's pages at
the root of its own host (gohugo.io configuration/languages, "Multihost";
the configuration below is the one of gohugo.io functions/hugo/IsMultihost).
The same path is then a different page on each host: a full URL on one
language's host reaches that language's page, a site-absolute link reaches
the linking page's own host, and two translations at the same path are not
a duplicate route."""
from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from contentlint.cli.main import main
from contentlint.site.frameworks.hugo import Hugo

CONFIG = """defaultContentLanguage = 'de'
defaultContentLanguageInSubdir = true
[languages]
[languages.de]
baseURL = 'https://de.example.org/'
languageCode = 'de-DE'
languageName = 'Deutsch'
title = 'Projekt Dokumentation'
weight = 1
[languages.en]
baseURL = 'https://en.example.org/'
languageCode = 'en-US'
languageName = 'English'
title = 'Project Documentation'
weight = 2
"""


def page(title: str, body: str) -> str:
    return f"---\ntitle: {title}\n---\n{body}\n"


def site(tmp_path: Path) -> Path:
    (tmp_path / "hugo.toml").write_text(CONFIG, encoding="utf-8")
    (tmp_path / "contentlint.toml").write_text('select = ["ST"]\n', encoding="utf-8")
    content = tmp_path / "content"
    content.mkdir()
    (content / "about.de.md").write_text(page("Über", "## Team\n\n"
        "[a](https://en.example.org/about/#team)\n"      # line 6: en's page has `#the-team`
        "[b](/about/#team)\n"                            # de's own page
        "[c](https://de.example.org/about/#team)\n"
        "[d](https://en.example.org/only-en/)\n"
        "[e](/only-en/)\n"                               # line 10: not on the de host
        "[f](https://de.example.org/only-en/)\n"),      # line 11: nor here
        encoding="utf-8")
    (content / "about.en.md").write_text(page("About", "## The team\n\n"
        "[a](https://de.example.org/about/#team)\n"
        "[b](/about/#the-team)\n"
        "[c](/nur-de/)\n"),                              # line 8
        encoding="utf-8")
    (content / "only-en.en.md").write_text(page("Only", "x"), encoding="utf-8")
    (content / "nur-de.de.md").write_text(page("Nur", "x"), encoding="utf-8")
    return tmp_path


def test_every_language_host_is_the_site_s_own(tmp_path):
    cfg = Hugo().load_config(site(tmp_path))
    assert set(cfg.domains) == {"https://de.example.org", "https://en.example.org"}


def test_links_resolve_on_the_host_of_their_language(tmp_path):
    root = site(tmp_path)
    result = CliRunner().invoke(main, ["check", "--format", "json", "--no-cache", str(root)])
    assert result.exit_code == 1, result.output
    found = sorted((Path(f["path"]).name, f["line"], f["code"]) for f in json.loads(result.stdout))
    assert found == [
        ("about.de.md", 6, "ST002"),
        ("about.de.md", 10, "ST001"),
        ("about.de.md", 11, "ST001"),
        ("about.en.md", 8, "ST001"),
    ]
    messages = {f["line"]: f["message"] for f in json.loads(result.stdout) if f["path"].endswith("about.de.md")}
    assert "//en.example.org/about/" in messages[6] and "#the-team" in messages[6]


def test_routes_table_and_snapshot_name_each_language_s_host(tmp_path):
    root = site(tmp_path)
    listed = CliRunner().invoke(main, ["site", "routes", "--format", "json", str(root)])
    assert listed.exit_code == 0, listed.output
    routes = {Path(r["file"]).name: r["route"] for r in json.loads(listed.stdout)}
    assert routes["about.de.md"] == "//de.example.org/about/"
    assert routes["about.en.md"] == "//en.example.org/about/"


def test_a_page_gone_from_one_host_is_a_gone_route_though_another_host_has_that_path(tmp_path):
    root = site(tmp_path)
    snapshot = root / "routes.jsonl"
    wrote = CliRunner().invoke(main, ["site", "routes", str(root), "--snapshot", str(snapshot)])
    assert wrote.exit_code == 0, wrote.output
    (root / "contentlint.toml").write_text('select = ["ST006"]\n[site]\nsnapshot = "routes.jsonl"\n',
                                           encoding="utf-8")
    (root / "content" / "about.en.md").unlink()  # the de page keeps the path /about/ on its own host
    result = CliRunner().invoke(main, ["check", "--format", "json", "--no-cache", str(root)])
    assert result.exit_code == 1, result.output
    gone = [f["message"] for f in json.loads(result.stdout) if f["code"] == "ST006"]
    assert len(gone) == 1 and "//en.example.org/about/" in gone[0]
