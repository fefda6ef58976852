"""Reporters on hand-built results, compared with golden files."""
import io
import json
from pathlib import Path

import pytest

from contentlint.reporters import get_reporter
from contentlint.reporters.github import escape_data, escape_property
from contentlint.violations import Edit, FileResult, Fix, RunResult, Severity, Violation

GOLDEN = Path(__file__).parent / "golden"


def sample() -> RunResult:
    v1 = Violation(
        path="content/post.md", code="HD003", name="heading-emphasis", severity=Severity.ERROR,
        message="Heading is wrapped in `**`", line=9, column=4, end_line=9, end_column=16,
        fix=Fix.safe("Remove the `**` around the heading", Edit(0, 2, ""), Edit(10, 12, "")),
        source_line="## **Key Points**",
    )
    v2 = Violation(
        path="content/post.md", code="TX005", name="missing-final-newline", severity=Severity.WARNING,
        message="File does not end with a newline, 50%: a,b", line=12, column=5, end_line=12, end_column=5,
        source_line="text",
    )
    return RunResult(files=[FileResult("content/post.md", [v1, v2]), FileResult("content/ok.md")], elapsed=0.25)


def render(fmt: str, **options) -> str:
    out = io.StringIO()
    get_reporter(fmt)(sample(), out, {"color": False, **options})
    return out.getvalue()


@pytest.mark.parametrize("fmt, name", [("console", "console.txt"), ("json", "report.json"), ("github", "github.txt")])
def test_golden(fmt, name):
    assert render(fmt) == (GOLDEN / name).read_text(encoding="utf-8")


def test_github_escaping():
    assert escape_data("50% done\r\nnext") == "50%25 done%0D%0Anext"
    assert escape_property("a:b,c%") == "a%3Ab%2Cc%25"


def test_console_marks_the_span_under_the_source_line():
    lines = render("console").splitlines()
    i = lines.index("     9 │ ## **Key Points**")
    assert lines[i + 1] == "       │    ^^^^^^^^^^^^"


def test_sarif_has_rule_descriptors_with_help():
    log = json.loads(render("sarif"))
    driver = log["runs"][0]["tool"]["driver"]
    rules = {r["id"]: r for r in driver["rules"]}
    assert "## Why" in rules["HD003"]["help"]["markdown"]
    result = log["runs"][0]["results"][0]
    assert driver["rules"][result["ruleIndex"]]["id"] == result["ruleId"] == "HD003"
    assert result["locations"][0]["physicalLocation"]["region"] == {"startLine": 9, "startColumn": 4, "endLine": 9, "endColumn": 16}
    assert log["runs"][0]["results"][1]["level"] == "warning"


def test_sarif_validates_against_the_2_1_0_schema():
    import jsonschema

    schema_path = Path(__file__).resolve().parents[1] / "data" / "sarif-schema-2.1.0.json"
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    jsonschema.Draft7Validator(schema, format_checker=jsonschema.FormatChecker()).validate(json.loads(render("sarif")))
