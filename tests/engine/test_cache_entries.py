"""A result-cache entry is believed only when it has the exact shape the
cache writes; anything else read from disk (a cache restored from an
untrusted branch) means "check the file again", never a crash."""
from __future__ import annotations

import json

from hypothesis import given, settings, strategies as st

from contentlint.engine.cache import _well_formed

SCALARS = st.one_of(st.none(), st.booleans(), st.integers(-3, 3), st.floats(allow_nan=False), st.text(max_size=3))
VALUES = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=2), inner,
                                                                                            max_size=2), max_leaves=8)
FINDING = st.one_of(st.lists(SCALARS, min_size=12, max_size=12), VALUES)
DEP = st.one_of(st.tuples(st.text(max_size=3), SCALARS).map(list), VALUES)
ENTRY = st.one_of(
    st.tuples(st.one_of(st.integers(0, 9), SCALARS), st.one_of(st.integers(-1, 9), SCALARS),
              st.one_of(st.text(max_size=4), SCALARS), st.one_of(st.lists(FINDING, max_size=3), VALUES),
              st.one_of(st.lists(DEP, max_size=3), VALUES), st.one_of(st.text(max_size=4), SCALARS)).map(list),
    VALUES,
)


def _shape(entry: object) -> bool:
    """What the cache writes: [size, mtime_ns, hash, findings (12 fields each), [[path, stamp], ...], key]."""
    return (
        isinstance(entry, list) and len(entry) == 6 and type(entry[0]) is int and type(entry[1]) is int
        and isinstance(entry[2], str) and isinstance(entry[3], list)
        and all(isinstance(v, list) and len(v) == 12 for v in entry[3])
        and isinstance(entry[4], list)
        and all(isinstance(d, list) and len(d) == 2 and isinstance(d[0], str) for d in entry[4])
        and isinstance(entry[5], str)
    )


@settings(max_examples=500, deadline=None)
@given(ENTRY)
def test_an_entry_read_from_disk_is_believed_exactly_when_it_has_the_written_shape(entry):
    read = json.loads(json.dumps(entry))
    assert _well_formed(read) == _shape(read)
