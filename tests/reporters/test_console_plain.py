"""The console report without rich (a pipe, a file, no colour) is byte for
byte what rich writes: hand-built results with wide, combining and control
characters, long lines, fixes of every kind, at several widths."""
from __future__ import annotations

import io

from hypothesis import given, settings, strategies as st

from contentlint.reporters.console import report
from contentlint.reporters.console_rich import report as rich_report
from contentlint.reporters.console_text import plain
from contentlint.violations import Applicability, Edit, FileResult, Fix, RunResult, Severity, Violation

TEXT = st.text(st.sampled_from(list("ab #*`\t") + ["é", "漢", "😀", "\u0301", "\u200d", "\x07", "…", "\r"]),
               max_size=120)
FIXES = st.one_of(st.none(), st.builds(lambda a, title: Fix(title, (Edit(0, 0, ""),), a),
                                        st.sampled_from(list(Applicability)), TEXT))


@st.composite
def violations(draw: st.DrawFn, path: str) -> Violation:
    line, column = draw(st.integers(1, 20_000)), draw(st.integers(1, 200))
    end_line = draw(st.sampled_from([line, line + 1]))
    return Violation(path=path, code=draw(st.sampled_from(["HD003", "TX005", "LK101"])),
                     name=draw(st.sampled_from(["heading-emphasis", "a-rather-long-rule-name-here"])),
                     severity=draw(st.sampled_from(list(Severity))), message=draw(TEXT), line=line, column=column,
                     end_line=end_line, end_column=draw(st.integers(1, 300)), fix=draw(FIXES),
                     source_line=draw(TEXT))


@st.composite
def results(draw: st.DrawFn) -> RunResult:
    files = []
    for k in range(draw(st.integers(0, 3))):
        path = f"content/{draw(TEXT)}{k}.md"
        files.append(FileResult(path, draw(st.lists(violations(path), max_size=4)),
                                fixes_applied=draw(st.integers(0, 2)), written=draw(st.booleans())))
    return RunResult(files=files, elapsed=draw(st.floats(0, 100)))


def _rich(result: RunResult, options: dict, width: int) -> str:
    out = io.StringIO()
    rich_report(result, out, options, width)
    return out.getvalue()


@settings(max_examples=300, deadline=None)
@given(results(), st.sampled_from([20, 40, 80, 10_000]), st.booleans(), st.booleans())
def test_plain_text_is_what_rich_writes(result, width, quiet, show_fixes):
    options = {"color": False, "width": width, "quiet": quiet, "show_fixes": show_fixes}
    text = plain(result, io.StringIO(), options)
    if text is not None:
        assert text == _rich(result, options, width)


def test_a_pipe_gets_the_plain_report_unless_colour_is_forced(monkeypatch):
    """The common case (nothing to wrap, no colour) takes the plain path."""
    monkeypatch.delenv("COLUMNS", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.delenv("TTY_COMPATIBLE", raising=False)
    v = Violation(path="post.md", code="HD003", name="heading-emphasis", severity=Severity.ERROR,
                  message="Heading is wrapped in `**`", line=9, column=4, end_line=9, end_column=16,
                  source_line="## **Key Points** 漢字")
    result = RunResult(files=[FileResult("post.md", [v])], elapsed=0.5)
    assert plain(result, io.StringIO(), {}) == _rich(result, {}, 10_000)
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert plain(result, io.StringIO(), {}) is None
    out = io.StringIO()
    report(result, out, {})
    assert "\x1b[" in out.getvalue()
