"""The ruff-style formats (concise, json-lines, --statistics) and the full
report's layout at a fixed width: snippet windows, word wrapping, severity words."""
from __future__ import annotations

import io
import json

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from contentlint.reporters import get_reporter
from contentlint.reporters.snippet import ELLIPSIS, pieces, window
from contentlint.reporters.statistics import report as statistics
from contentlint.violations import FileResult, RunResult, Severity, Violation

from test_reporters import render, sample


def test_concise_is_one_line_per_finding_with_the_severity_word():
    assert render("concise").splitlines() == [
        "content/post.md:9:4: error HD003 heading-emphasis Heading is wrapped in `**`",
        "content/post.md:12:5: warning TX005 missing-final-newline File does not end with a newline, 50%: a,b",
    ]


def test_json_lines_holds_the_json_report_one_object_a_line():
    lines = render("json-lines").splitlines()
    assert [json.loads(line) for line in lines] == json.loads(render("json"))
    assert len(lines) == 2


def test_console_is_an_alias_of_full():
    assert render("console") == render("full")


def _stats(fmt: str) -> str:
    out = io.StringIO()
    statistics(sample(), out, {"format": fmt})
    return out.getvalue()


def test_statistics_as_json_is_an_object_of_counts():
    data = json.loads(_stats("json"))
    assert data["total"] == 2 and data["errors"] == 1 and data["warnings"] == 1 and data["fixable"] == 1
    assert [(r["code"], r["count"], r["fixable"]) for r in data["rules"]] == [("HD003", 1, 1), ("TX005", 1, 0)]
    assert json.loads(_stats("json-lines")) == data and len(_stats("json-lines").splitlines()) == 1


def test_statistics_as_text_is_only_the_counts():
    assert _stats("full").splitlines() == ["     1  HD003  heading-emphasis  [*]", "     1  TX005  missing-final-newline"]


def _long_result() -> RunResult:
    words = " ".join(f"word{i}" for i in range(200))
    source = f"{words} It was â€” late {words}"
    column = source.index("â€”") + 1
    message = ("Mojibake `â€”` (UTF-8 read as Windows-1252) somewhere in a very long paragraph "
               "that needs a message long enough to wrap twice at eighty columns; should be `—`")
    v = Violation(path="content/long.md", code="TX001", name="mojibake", severity=Severity.WARNING,
                  message=message, line=3, column=column, end_line=3, end_column=column + 3, source_line=source)
    return RunResult(files=[FileResult("content/long.md", [v])])


def _full(result: RunResult, width: int) -> str:
    out = io.StringIO()
    get_reporter("full")(result, out, {"color": False, "width": width})
    return out.getvalue()


def test_full_report_fits_80_columns_without_breaking_words():
    result = _long_result()
    text = _full(result, 80)
    lines = text.splitlines()
    assert all(cell_len(line) <= 80 for line in lines), [line for line in lines if cell_len(line) > 80]
    assert all(line == line.rstrip() for line in lines)
    # Every word of the message is whole on some line: nothing was cut mid-word.
    shown_words = set(" ".join(lines).split())
    assert set(result.violations[0].message.split()) <= shown_words
    # The severity is in words, not only in colour.
    assert "warning  TX001 mojibake" in text


def test_long_line_snippet_is_windowed_with_the_caret_under_the_span():
    text = _full(_long_result(), 80)
    lines = text.splitlines()
    source = next(i for i, line in enumerate(lines) if line.startswith("     3 │ "))
    shown, carets = lines[source], lines[source + 1]
    assert shown.startswith("     3 │ …") and shown.endswith(ELLIPSIS)
    start = carets.index("^")
    assert shown[start:start + carets.count("^")] == "â€”"


def test_the_file_is_named_once_above_its_findings():
    text = render("full")
    assert text.count("content/post.md") == 1
    assert text.splitlines()[0] == "content/post.md"


_chars = st.sampled_from(list("abc xyz\t") + ["日", "本", "é", "\x1b", "—"])


@settings(max_examples=300, deadline=None)
@given(st.text(_chars, max_size=150), st.text(_chars, min_size=0, max_size=40),
       st.text(_chars, max_size=150), st.integers(min_value=8, max_value=120))
def test_window_fits_and_keeps_the_caret_on_the_span(before, span, after, budget):
    b, s, a = pieces(before + span + after, len(before) + 1, len(before) + len(span) + 1, True)
    shown = window(b, s, a, budget)
    assert cell_len(shown.text) <= max(budget, 8)
    assert shown.caret_start + shown.caret_width <= max(budget, 8)  # the carets fit too
    # The cells under the carets are the span (or, when it is wider than the
    # window, its start).
    chars, used = [], 0
    for ch in shown.text:
        if used >= shown.caret_start:
            chars.append(ch)
        used += cell_len(ch)
    under = "".join(chars)
    if s:
        assert under.startswith(s) or (s.startswith(under.rstrip(ELLIPSIS)) and under.rstrip(ELLIPSIS))
    if cell_len(b + a) + max(1, cell_len(s)) <= max(budget, 8):
        assert shown.text == b + s + a
    else:
        assert ELLIPSIS in shown.text


def test_summary_per_rule_counts_break_between_rules_at_80_columns():
    names = ["missing-final-newline", "heading-trailing-punctuation", "emphasis-as-heading",
             "heading-increment", "control-character", "duplicate-heading", "heading-repeats-title"]
    violations = [
        Violation(path="a.md", code=f"HD{k:03d}", name=name, severity=Severity.ERROR, message="Something",
                  line=k + 1, column=1, end_line=k + 1, end_column=2, source_line="text")
        for k, name in enumerate(names)
    ]
    text = _full(RunResult(files=[FileResult("a.md", violations)]), 80)
    summary = text.split("Found ", 1)[1].splitlines()[1:]
    assert len(summary) > 1 and all(cell_len(line) <= 80 for line in summary)
    # Each `CODE name: count` stays on one line.
    for k, name in enumerate(names):
        assert any(f"HD{k:03d} {name}: 1" in line for line in summary)
