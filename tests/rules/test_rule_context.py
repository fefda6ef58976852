"""The typed rule context: options are a frozen dataclass per rule, derived
declarations stay what the configuration and docs expect, and a rule cannot
change what the next file sees."""
from __future__ import annotations

import dataclasses
import json
import textwrap

import pytest
from click.testing import CliRunner

from contentlint.cli import main
from contentlint.config.catalogue import all_rules, get_rule
from contentlint.registry import FileContext, Option, RuleContext, RuleOptions, build_options, options_type


def test_every_rule_with_options_has_a_typed_options_class():
    for rule in all_rules():
        typed = options_type(rule)
        names = {f.name.replace("_", "-") for f in dataclasses.fields(typed)}
        assert names == {o.name for o in rule.options}, rule.code


def test_declarations_derived_from_the_dataclass_keep_names_types_and_choices():
    rule = get_rule("HD007")
    by_name = {o.name: o for o in rule.options}
    assert by_name["max-length"].type is int and by_name["max-length"].default == 80
    assert by_name["punctuation"].type is str
    level = next(r for r in all_rules() if r.name == "multiple-titles").options[0]
    assert level.choices == (1, 2, 3, 4, 5, 6)
    hosts = next(r for r in all_rules() if r.name == "url-insecure").options[0]
    assert hosts.type is list and hosts.default == []  # what docs and `rules --format json` show


def test_configured_values_arrive_typed_and_frozen():
    rule = next(r for r in all_rules() if r.name == "url-insecure")
    opts = build_options(rule, {"ignore-hosts": ["example.org"]})
    assert opts.ignore_hosts == ("example.org",)  # a tuple: no rule can append for the next file
    assert opts["ignore-hosts"] == ("example.org",)  # plugins read by configuration name
    with pytest.raises(dataclasses.FrozenInstanceError):
        opts.ignore_hosts = ()  # type: ignore[misc]
    ctx = RuleContext(opts, FileContext(root="/r", abs_path="/r/a.md"))
    with pytest.raises(dataclasses.FrozenInstanceError):
        ctx.options = opts  # type: ignore[misc]


def test_a_plugin_listing_option_objects_gets_a_typed_class():
    from contentlint.registry import Rule

    class Plugin(Rule):
        code, name, summary = "XY001", "xy-rule", "x"
        options = (Option("some-words", list, ["A"], "w"),)

    opts = build_options(Plugin, {})
    assert opts.some_words == ("A",) and opts["some-words"] == ("A",)
    with pytest.raises(KeyError):
        opts["no-such-option"]


def test_configured_option_changes_the_verdict_through_the_cli(tmp_path):
    (tmp_path / "a.md").write_text("# Title\n\n**Short bold line**\n\nText.\n", encoding="utf-8")
    (tmp_path / "contentlint.toml").write_text(
        '[rules.emphasis-as-heading]\nmax-length = 5\n', encoding="utf-8")
    runner = CliRunner()
    args = ["check", "--no-cache", "--select", "emphasis-as-heading", "--format", "json", str(tmp_path)]
    limited = json.loads(runner.invoke(main, args).output)
    (tmp_path / "contentlint.toml").write_text("", encoding="utf-8")
    default = json.loads(runner.invoke(main, args).output)
    assert [v["code"] for v in _violations(default)], "default max-length 80 flags the bold line"
    assert _violations(limited) == [], "max-length = 5 reaches the rule as ctx.options.max_length"


def _violations(report):
    return [v for v in report if v["code"] == "HD007"]


def test_a_misspelled_option_is_a_type_error(tmp_path):
    from mypy import api as mypy_api  # a test dependency: the typed context is only worth it if mypy runs
    rule = tmp_path / "my_rule.py"
    rule.write_text(textwrap.dedent('''
        from dataclasses import dataclass
        from typing import Any, Iterable
        from contentlint.registry import Rule, RuleContext, RuleOptions, option
        from contentlint.violations import Finding

        class MyRule(Rule):
            @dataclass(frozen=True)
            class Options(RuleOptions):
                max_length: int = option(80, "longest")

            def check(self, doc: Any, ctx: RuleContext[Options]) -> Iterable[Finding]:
                if ctx.options.max_lenght > 3:
                    yield Finding(0, 0, "x")
    '''), encoding="utf-8")
    out, _, status = mypy_api.run([str(rule), "--no-incremental", "--cache-dir", str(tmp_path / ".mypy"),
                                   "--follow-imports", "silent"])
    assert status == 1
    assert '"Options" has no attribute "max_lenght"' in out
