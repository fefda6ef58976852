"""Registration finds a rule's required docstring sections in the docstring
as written (inspect.cleandoc only for one with tabs); its verdict is the one
the cleaned docstring gives, for docstrings of any indentation."""
from __future__ import annotations

import inspect

from hypothesis import given, strategies as st

from contentlint.registry import REQUIRED_SECTIONS, Option, RegistryError, Rule, validate_rule

# A tab that expands to one space makes a heading appear only once cleaned.
TABBED = st.builds(lambda pad, word: pad + "##\t" + word, st.sampled_from(["", "a", "aaaaa", "a" * 13, " " * 5]),
                   st.sampled_from(["Why", "Example", "Use instead", "Fix", "Options"]))
LINE = st.one_of(TABBED, st.sampled_from([*REQUIRED_SECTIONS, "## Options", "##\tWhy", "## Fix\t", "text", "#", ""]),
                 st.text(alphabet="# \tWhyFixOptions", max_size=12))
INDENT = st.sampled_from(["", " ", "    ", "\t", "  \t", "\t "])


@given(st.lists(st.tuples(INDENT, LINE), max_size=12), st.booleans())
def test_the_section_check_agrees_with_the_cleaned_docstring(lines, with_options):
    doc = "\n".join(indent + text for indent, text in lines)
    cls = type("Generated", (Rule,), {"__doc__": doc, "code": "TX901", "name": "generated", "summary": "x",
                                      "options": (Option("max", int, 1, "x"),) if with_options else ()})
    cleaned = inspect.cleandoc(doc)
    missing = [s for s in REQUIRED_SECTIONS if s not in cleaned] + (
        ["## Options"] if with_options and "## Options" not in cleaned else [])
    try:
        validate_rule(cls)
        raised = None
    except RegistryError as err:
        raised = str(err)
    if missing:
        assert raised is not None and raised.endswith(f"docstring lacks {', '.join(missing)}")
    else:
        assert raised is None
