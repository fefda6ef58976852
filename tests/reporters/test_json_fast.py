"""The JSON report is written from one template per finding; its bytes are
exactly what json.dump(result.to_json(), indent=2, ensure_ascii=False) writes."""
from __future__ import annotations

import io
import json

from hypothesis import given, settings
from hypothesis import strategies as st

from contentlint.reporters import json_format
from contentlint.violations import Applicability, Edit, FileResult, Fix, RunResult, Severity, Violation

texts = st.text(st.characters(blacklist_categories=("Cs",)), max_size=12) | st.sampled_from(
    ['"quoted"', "back\\slash", "tab\tnew\nline", "\x00\x1f\x7f", "é—日本", "\u2028\u2029", ""])
fixes = st.none() | st.builds(lambda a, t: Fix(t, (Edit(0, 0, ""),), a), st.sampled_from(list(Applicability)), texts)
violations = st.builds(
    Violation, path=texts, code=st.sampled_from(["FM001", "TX004", "HD001"]), name=texts,
    severity=st.sampled_from(list(Severity)), message=texts, line=st.integers(1, 10**6),
    column=st.integers(1, 500), end_line=st.integers(1, 10**6), end_column=st.integers(1, 500), fix=fixes,
)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(violations, max_size=3), max_size=4))
def test_report_bytes_equal_json_dump(per_file):
    result = RunResult(files=[FileResult(path=f"f{i}.md", violations=vs) for i, vs in enumerate(per_file)])
    out = io.StringIO()
    json_format.report(result, out, {})
    expected = io.StringIO()
    json.dump(result.to_json(), expected, indent=2, ensure_ascii=False, allow_nan=False)
    expected.write("\n")
    assert out.getvalue() == expected.getvalue()
