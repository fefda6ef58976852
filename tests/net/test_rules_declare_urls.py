"""The network phase checks what the enabled rules ask for (`NeedsUrls`),
not a list of rule codes: a plugin rule gets its URLs checked like LK004."""
from __future__ import annotations

import pytest

from contentlint.config.catalogue import all_rules
from contentlint.net.needs import NeedsUrls, UrlRequest
from contentlint.registry import Rule, registered
from contentlint.rules.links.common import outcome, url_uses
from contentlint.violations import Finding
from helpers.lint import lint


class AnswerStatus(Rule, NeedsUrls):
    """Reports the HTTP status every remote URL answered with (a plugin's network rule)."""

    code = "XYZ001"
    name = "answer-status"
    summary = "Remote URL status"
    distribution = "a-plugin"

    @classmethod
    def url_requests(cls, use, url, host, options):
        yield UrlRequest(url, use.image, any_answer=True)  # even a 200 is news to this rule

    def check(self, doc, ctx):
        for use in url_uses(doc, ctx):
            result = outcome(ctx, use.url)
            if result is not None:
                yield Finding(use.start, use.end, f"answered HTTP {result.status}")


@pytest.fixture
def plugin_rule(monkeypatch):
    all_rules()  # the catalogue is loaded before the plugin joins it
    monkeypatch.setitem(registered(), AnswerStatus.code, AnswerStatus)


def configure(project, selection: str) -> None:
    project.config()
    toml = project.root / "contentlint.toml"
    toml.write_text(selection + "\n" + toml.read_text().replace('select = ["LK"]\n', ""))


def test_a_plugin_rule_that_needs_urls_gets_them_checked(project, server, plugin_rule):
    configure(project, 'select = ["XYZ001"]')
    project.post("one", server.base + "/img.jpg")
    result = project.lint(no_cache=True)
    assert [(v.code, v.line, v.message) for v in result.violations] == [("XYZ001", 3, "answered HTTP 200")]
    assert server.hits["/img.jpg"] == 1


def test_no_rule_that_needs_urls_means_no_request(project, server):
    configure(project, 'select = ["LK"]\nignore = ["LK002", "LK004", "LK005", "LK006", "LK007"]')
    project.post("one", server.base + "/missing.jpg")
    result = project.lint(no_cache=True)
    assert [v.code for v in result.violations] == [] and server.hits["/missing.jpg"] == 0


def test_offline_a_directive_for_a_rule_that_needs_urls_is_not_called_unused(plugin_rule):
    # without URL results the rule says nothing yet: its suppression may be needed online
    text = "---\ntitle: A\n---\n\n<!-- contentlint-disable-next-line XYZ001 -->\n![x](https://example.com/x.png)\n"
    assert [v.code for v in lint(text, select=["XYZ001"])] == []
