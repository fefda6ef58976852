"""Machine formats for CI, from real runs, validated against their schemas:
JUnit XML (tests/integrations/data/junit.xsd), GitLab Code Quality
(data/gitlab-code-quality.schema.json) and GitHub workflow commands."""
from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest
import xmlschema
from click.testing import CliRunner

from contentlint.cli.main import main
from contentlint.reporters.gitlab import repo_path

DATA = Path(__file__).parent / "data"
GOOD = "---\ntitle: Good\n---\n\nIntro.\n\n## Section\n\nText.\n"
BAD = "---\ntitle: Bad <&> \"post\"\n---\n\nIntro.\n\n## **Key Points**\n\nCafÃ© au lait.\n"


@pytest.fixture
def site(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    content = tmp_path / "content"
    content.mkdir()
    (content / "bad.md").write_text(BAD, encoding="utf-8")
    (content / "good.md").write_text(GOOD, encoding="utf-8")
    (content / "binary.md").write_bytes(b"---\ntitle: x\n---\n\x00\x01\x02")
    return tmp_path


def run(*args: str):
    return CliRunner().invoke(main, ["check", "--isolated", *args])


def test_junit_has_a_testcase_per_file_and_a_failure_per_finding(site):
    result = run("--format", "junit", "content")
    assert result.exit_code == 1
    xmlschema.XMLSchema(str(DATA / "junit.xsd")).validate(result.output)
    root = ET.fromstring(result.output)
    suite = root.find("testsuite")
    cases = {case.get("name"): case for case in suite.findall("testcase")}
    assert sorted(cases) == ["content/bad.md", "content/binary.md", "content/good.md"]
    assert suite.get("tests") == "3" and suite.get("failures") == "1" and suite.get("errors") == "1"

    failures = cases["content/bad.md"].findall("failure")
    assert [f.get("type") for f in failures] == ["HD003", "TX001"]
    assert failures[0].get("message") == "HD003 heading-emphasis: Heading is wrapped in `**`"
    assert failures[0].text.splitlines()[0] == "content/bad.md:7:4: HD003 heading-emphasis (error)"
    assert "## **Key Points**" in failures[0].text
    assert list(cases["content/good.md"]) == []
    assert [e.get("type") for e in cases["content/binary.md"].findall("error")] == ["CL902"]


def test_junit_output_file_is_well_formed_with_control_characters_in_content(site):
    (site / "content" / "bad.md").write_text("---\ntitle: x\n---\n\nBell \x07 here <b>&</b>\n", encoding="utf-8")
    result = run("--format", "junit", "--output-file", "report.xml", "--select", "TX004", "content/bad.md")
    assert result.exit_code in (0, 1)
    text = (site / "report.xml").read_text(encoding="utf-8")
    xmlschema.XMLSchema(str(DATA / "junit.xsd")).validate(text)
    failure = ET.fromstring(text).find("testsuite/testcase/failure")
    assert failure is not None and failure.get("type") == "TX004"
    assert "\x07" not in text and "\\x07" in failure.text


def test_junit_for_a_clean_run_has_no_failures(site):
    result = run("--format", "junit", "content/good.md")
    assert result.exit_code == 0
    xmlschema.XMLSchema(str(DATA / "junit.xsd")).validate(result.output)
    suite = ET.fromstring(result.output).find("testsuite")
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors")) == ("1", "0", "0")


def gitlab_report(*args: str) -> list[dict]:
    result = run("--format", "gitlab", *args)
    assert result.exit_code in (0, 1), result.output
    issues = json.loads(result.output)
    schema = json.loads((DATA / "gitlab-code-quality.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(issues)
    return issues


def test_gitlab_report_validates_and_carries_the_documented_fields(site):
    issues = gitlab_report("content")
    by_check = {i["check_name"]: i for i in issues}
    heading = by_check["HD003"]
    assert heading["description"] == "HD003 heading-emphasis: Heading is wrapped in `**`"
    assert heading["severity"] == "major"
    assert heading["location"] == {"path": "content/bad.md", "lines": {"begin": 7, "end": 7}}
    assert by_check["CL902"]["location"]["path"] == "content/binary.md"
    assert len({i["fingerprint"] for i in issues}) == len(issues)


def test_gitlab_fingerprints_survive_moved_lines_but_not_changed_ones(site):
    before = {i["check_name"]: i for i in gitlab_report("content/bad.md")}
    moved = BAD.replace("Intro.\n", "Intro.\n\nA new paragraph.\n\nAnother one.\n")
    (site / "content" / "bad.md").write_text(moved, encoding="utf-8")
    after = {i["check_name"]: i for i in gitlab_report("content/bad.md")}
    assert after["HD003"]["location"]["lines"]["begin"] == before["HD003"]["location"]["lines"]["begin"] + 4
    assert after["HD003"]["fingerprint"] == before["HD003"]["fingerprint"]
    assert after["TX001"]["fingerprint"] == before["TX001"]["fingerprint"]

    (site / "content" / "bad.md").write_text(moved.replace("Key Points", "Main Points"), encoding="utf-8")
    changed = {i["check_name"]: i for i in gitlab_report("content/bad.md")}
    assert changed["HD003"]["fingerprint"] != before["HD003"]["fingerprint"]
    assert changed["TX001"]["fingerprint"] == before["TX001"]["fingerprint"]


def test_gitlab_identical_findings_get_distinct_fingerprints(site):
    (site / "content" / "twice.md").write_text("---\ntitle: T\n---\n\n## **A**\n\nx\n\n## **A**\n\ny\n", encoding="utf-8")
    issues = [i for i in gitlab_report("--select", "HD003", "content/twice.md")]
    assert [i["location"]["lines"]["begin"] for i in issues] == [5, 9]
    assert issues[0]["fingerprint"] != issues[1]["fingerprint"]


def test_gitlab_paths_are_relative_without_dot_slash(site):
    assert repo_path("./content/a.md") == "content/a.md"
    assert repo_path(str(site / "content" / "a.md")) == "content/a.md"
    issues = gitlab_report(str(site / "content" / "bad.md"))
    assert {i["location"]["path"] for i in issues} == {"content/bad.md"}


def test_github_commands_escape_data_and_properties(site):
    odd = site / "content" / "50%, a:b.md"
    odd.write_text(BAD.replace("CafÃ©", "CafÃ© 100%"), encoding="utf-8")
    result = run("--format", "github", "--select", "TX001,HD003", str(odd.relative_to(site)))
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[0] == (
        "::error file=content/50%25%2C a%3Ab.md,line=7,col=4,endLine=7,endColumn=18,"
        "title=HD003 heading-emphasis::Heading is wrapped in `**`"
    )
    assert lines[1].startswith("::error file=content/50%25%2C a%3Ab.md,line=9,col=4,")
    assert "title=TX001 mojibake::" in lines[1]


def test_github_format_under_github_actions_unless_another_is_asked(site, monkeypatch):
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    assert run("content/bad.md").output.startswith("::error file=content/bad.md,line=7,col=4,")
    assert json.loads(run("--format", "json", "content/bad.md").output)[0]["code"] == "HD003"
    monkeypatch.setenv("GITHUB_ACTIONS", "false")
    assert not run("content/bad.md").output.startswith("::")
