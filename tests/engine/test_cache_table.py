"""A cache file read one entry at a time says what the whole file says."""
import json

from hypothesis import given
from hypothesis import strategies as st

from contentlint.engine.cache_table import MISSING, Table, render

# Paths as a file system may hold them: quotes, backslashes, line breaks,
# colons, non-ASCII and undecodable bytes (surrogate escapes).
PATHS = st.text(alphabet=st.sampled_from(['/', 'a', '"', '\\', '\n', ':', ',', ' ', 'é', '\udcff', '}', '[']),
                min_size=1, max_size=12)
VALUES = st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=8),
                      lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=4), inner, max_size=3),
                      max_leaves=10)
ENTRIES = st.dictionaries(PATHS, VALUES, max_size=8)
HEADER = {"format": "4:test", "digest": "d"}


def _read(tmp_path, text, few):
    path = tmp_path / "cache.json"
    path.write_text(text, encoding="utf-8")
    return Table.read(path, few=few)


@given(entries=ENTRIES, asked=st.lists(PATHS, max_size=4))
def test_one_entry_at_a_time_equals_the_whole_file(tmp_path_factory, entries, asked):
    tmp_path = tmp_path_factory.mktemp("t")
    text = render(HEADER, entries)
    assert json.loads(text) == {**HEADER, "files": entries}  # still one JSON object
    few, whole = _read(tmp_path, text, True), _read(tmp_path, text, False)
    assert few.whole is None and few.header == whole.header == HEADER
    for path in list(entries) + asked:
        assert few.get(path) == whole.get(path) == entries.get(path, MISSING)


@given(entries=ENTRIES, fresh=ENTRIES)
def test_a_few_files_rewrite_only_their_own_lines(tmp_path_factory, entries, fresh):
    tmp_path = tmp_path_factory.mktemp("t")
    few = _read(tmp_path, render(HEADER, entries), True)
    merged = json.loads(few.merged(fresh, {}))
    assert merged == {**HEADER, "files": {**entries, **fresh}}
    again = _read(tmp_path, few.merged(fresh, {}), True)  # and it reads back one entry at a time
    for path, value in {**entries, **fresh}.items():
        assert again.get(path) == value


def test_other_shapes_read_as_an_empty_table(tmp_path):
    for text in ('{"key": 1, "files": []}', "[]", '{"format": "3:old", "files": {"/a": [1]}}'):
        for few in (True, False):
            table = _read(tmp_path, text, few)
            assert table.get("/a") in (MISSING, [1]) and table.header.get("format") != HEADER["format"]
