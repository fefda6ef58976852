"""What the schema sees of a frontmatter value (store.to_instance) takes a
by-type shortcut for plain text, numbers, lists and mappings; it must give
exactly what the general conversion (store._plain) gives for every value
YAML, TOML or JSON can load, types included (True is not 1, 1.0 is not 1)."""
from __future__ import annotations

import datetime
from collections import OrderedDict

from hypothesis import given, settings, strategies as st

from contentlint.schema import store


class Text(str):
    pass


leaves = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=5),
    st.dates(), st.datetimes(), st.times(), st.binary(max_size=4), st.builds(Text, st.text(max_size=3)),
    st.frozensets(st.integers(0, 3), max_size=3), st.sets(st.text(max_size=2), max_size=3),
)
keys = st.one_of(st.text(max_size=4), st.integers(), st.booleans(), st.none(), st.dates(), st.floats(allow_nan=False),
                 st.just("$schema"))
values = st.recursive(
    leaves,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.tuples(inner, inner),
        st.dictionaries(keys, inner, max_size=4), st.dictionaries(st.text(max_size=3), inner, max_size=3).map(OrderedDict),
    ),
    max_leaves=16,
)


def _typed(value):
    """The value with every part's type spelt out, so == cannot confuse True with 1."""
    if isinstance(value, dict):
        return ("dict", type(value).__name__, [(_typed(k), _typed(v)) for k, v in value.items()])
    if isinstance(value, list):
        return ("list", [_typed(v) for v in value])
    return (type(value).__name__, repr(value))


def _general(data):
    if isinstance(data, dict) and "$schema" in data:
        data = {k: v for k, v in data.items() if k != "$schema"}
    return store._plain(data)


@settings(max_examples=500, deadline=None)
@given(values)
def test_shortcut_equals_the_general_conversion(data):
    assert _typed(store.to_instance(data)) == _typed(_general(data))
