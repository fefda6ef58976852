"""A YAML value that cannot be built (an impossible date, `!!int abc`) is one
FM002 finding on that value; the rest of the frontmatter is read as usual and
every other rule runs on the file, through `check` and `schema infer`."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from contentlint.cli.main import main
from contentlint.document.frontmatter import _Loader
from helpers.frontmatter import lint, position

IMPOSSIBLE = {
    "2024-02-30": "day is out of range for month",
    "2024-13-01": "month must be in 1..12",
    "2024-01-01 25:00:00": "hour must be in 0..23",
    "2024-01-01T10:00:00+25:00": "time zone offset",
    "0000-01-01": "year 0 is out of range",
}
# A body that gives findings of several families (HD001 skipped level, LK002
# insecure URL, TX005 no final newline) and a frontmatter title for HD002.
BODY = "\n# Welcome\n\n### Deep\n\n![Logo](http://www.python.org/logo.png)\n\nEnd"
ALL_OFFLINE = ["FM", "HD", "TX", "LK001", "LK002", "LK003"]


def _post(date: str) -> str:
    return f"---\ntitle: Hello\ndate: {date}\ntags: [a, b]\n---\n{BODY}"


def _check(tmp_path, text: str, *args: str):
    post = tmp_path / "post.md"
    post.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(post), "--isolated", "--no-cache", "--format", "json",
                                       "--select", ",".join(ALL_OFFLINE), *args])
    return result, json.loads(result.stdout)


@pytest.mark.parametrize("date", sorted(IMPOSSIBLE))
def test_impossible_date_is_one_finding_and_every_other_rule_runs(tmp_path, date):
    text = _post(date)
    result, found = _check(tmp_path, text)
    assert result.exit_code == 1, result.output
    assert not [f for f in found if f["code"].startswith("CL")], found
    bad = [f for f in found if f["code"] == "FM002"]
    line, column = position(text, date)
    assert [(f["line"], f["column"], f["end_column"]) for f in bad] == [(line, column, column + len(date))]
    assert bad[0]["message"].startswith(f"Invalid date `{date}`: ")
    assert IMPOSSIBLE[date] in bad[0]["message"]
    # Everything else is what the same file with a real date gets.
    _, reference = _check(tmp_path, _post("2024-02-28"))
    assert [f for f in found if f["code"] != "FM002"] == reference
    assert {"HD001", "HD002", "LK002", "TX005"} <= {f["code"] for f in reference}


def test_impossible_date_is_reported_once_under_a_schema(tmp_path):
    # The value is not also a schema error (FM101) or an ambiguous value (FM103).
    schema = tmp_path / "s.json"
    schema.write_text(json.dumps({"properties": {
        "date": {"type": "string", "format": "date"}, "count": {"type": "integer"}, "label": {"type": "string"}},
        "required": ["title", "summary"]}))
    text = "---\ntitle: Hello\ndate: 2024-02-30\ncount: !!int many\nlabel: 2024-13-01\n---\n\nText.\n"
    result, found = _check(tmp_path, text, "--schema", str(schema))
    assert [(f["code"], f["line"], f["column"]) for f in found] == [
        ("FM101", 1, 1), ("FM002", 3, 7), ("FM002", 4, 8), ("FM002", 5, 8)], found
    assert "Missing required key `summary`" in found[0]["message"]
    assert found[2]["message"] == "Invalid value `many`: not a valid `!!int`"


def test_any_exception_while_building_a_value_is_a_finding(monkeypatch):
    # Not only datetime's ValueError: whatever a constructor raises.
    def explode(loader, node):
        raise RuntimeError("boom")

    monkeypatch.setitem(_Loader.yaml_constructors, "tag:yaml.org,2002:bool", explode)
    found = lint("---\ntitle: Hello\ndraft: true\n---\n", config={"select": ["FM", "HD"]})
    assert [(c, line, col) for c, line, col, _ in found] == [("FM002", 3, 8)]


def test_schema_infer_leaves_out_a_file_with_an_impossible_date(tmp_path):
    (tmp_path / "good.md").write_text("---\ntitle: A\ndate: 2024-01-15\n---\n", encoding="utf-8")
    (tmp_path / "bad.md").write_text("---\ntitle: B\ndate: 2024-02-30\n---\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["schema", "infer", str(tmp_path), "--isolated"])
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    schema = json.loads(result.stdout)
    # A typo in one file does not loosen `date` for all.
    assert schema["properties"]["date"] == {"type": "string", "format": "date"}
    assert "1 file(s) with broken frontmatter were left out" in result.stderr
    assert "bad.md" in result.stderr


def test_schema_infer_says_why_when_every_file_was_left_out(tmp_path):
    (tmp_path / "bad.md").write_text("---\ntitle: B\ndate: 2024-13-01\n---\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["schema", "infer", str(tmp_path), "--isolated"])
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert "bad.md" in result.stderr and "FM002" in result.stderr


_TAGS = st.sampled_from(["", "", "", "!!int ", "!!float ", "!!bool ", "!!null ", "!!timestamp ", "!!str ", "!!binary "])
_DATES = st.builds(
    "{:04d}-{:02d}-{:02d}{}".format,
    st.integers(0, 9999), st.integers(0, 19), st.integers(0, 39),
    st.sampled_from(["", " 25:00:00", "T10:61:00Z", "T23:59:60", " 10:00:00 +25:00", "T10:00:00-03:30", " 1:2:3"]),
)
_WORDS = st.text(st.sampled_from("0123456789-:.+eE_xob TZyesnoYNtrufalsnin"), min_size=1, max_size=20)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(tag=_TAGS, value=st.one_of(_DATES, _WORDS))
def test_no_generated_scalar_crashes_a_rule(tag, value):
    text = f"---\ntitle: Hello\nk: {tag}{value.strip() or '0'}\n---\n{BODY}"
    found = lint(text, config={"select": ALL_OFFLINE})  # asserts no rule crashed (CL999)
    syntax = [(line, col, message) for code, line, col, message in found if code == "FM002"]
    assert len(syntax) <= 1
    if syntax and not syntax[0][2].startswith("Invalid YAML frontmatter"):
        # A value that cannot be built: reported on the value, and the rest
        # of the block is still read (the title makes the body's h1 a second one).
        assert syntax[0][:2] == (3, 4), syntax
        assert "HD002" in [code for code, *_ in found]
