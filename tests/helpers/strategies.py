"""Hypothesis strategies shared by several test files."""
from __future__ import annotations

from hypothesis import strategies as st

# Any text: lone surrogates too (undecodable bytes read with surrogateescape).
TEXT = st.text(st.characters(blacklist_categories=()))
# JSON data of any shape (site facts are JSON data).
JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | TEXT,
                    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(TEXT, inner, max_size=4),
                    max_leaves=20)
# A file's facts: a JSON object.
FACTS = st.dictionaries(TEXT, JSON, max_size=12)
