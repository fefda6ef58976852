"""Fast paths of the document layer give what the code they replaced gave
(issue 18): the former implementations are spelled out here as references."""
from __future__ import annotations

import os
import re

import pytest
from hypothesis import given, settings, strategies as st

from contentlint.document import frontmatter
from contentlint.document.document import FileTooLarge, read_regular_file
from contentlint.document.markdown import fill_output_tags
from contentlint.document.native import parser_text

_FORMER_OUTPUT_TAG = re.compile(r"(?<=\]\()\{\{[^{}\n]*\}\}|(?<=\]:)[ \t]*\{\{[^{}\n]*\}\}")


def _former_fill(match: re.Match[str]) -> str:
    found = match.group()
    lead = len(found) - len(found.lstrip(" \t"))
    return found[:lead] + re.sub(r"[ \t]", "-", found[lead:])


_TEMPLATE_PIECES = ["]", "(", ":", "{{", "}}", " ", "\t", "\n", "x", "{", "}", "[a]", "](", "]: "]


@given(st.lists(st.sampled_from(_TEMPLATE_PIECES), max_size=40).map("".join))
def test_output_tags_in_destinations_are_filled_as_before(source):
    former = _FORMER_OUTPUT_TAG.sub(_former_fill, source) if "{{" in source else source
    assert fill_output_tags(source) == former


@given(st.text(alphabet=st.sampled_from(["a", "é", "日", "😀", "\udc80", "\udcff", "\ud800", "\n"]), max_size=60))
def test_the_parser_gets_every_lone_surrogate_as_a_replacement_character(text):
    assert parser_text(text) == re.sub("[\ud800-\udfff]", "\ufffd", text)


def test_a_file_is_read_whole_at_every_size_near_the_read_sizes(tmp_path):
    for size in (0, 1, 4095, 65535, 65536, 65537, 200_001):
        path = tmp_path / f"f{size}.md"
        data = os.urandom(size)
        path.write_bytes(data)
        st_result, raw = read_regular_file(str(path), 1_000_000)
        assert raw == data and st_result.st_size == size


def test_a_file_over_the_limit_is_refused(tmp_path):
    path = tmp_path / "big.md"
    path.write_bytes(b"x" * 101)
    with pytest.raises(FileTooLarge):
        read_regular_file(str(path), 100)
    path.write_bytes(b"x" * 100)
    assert read_regular_file(str(path), 100)[1] == b"x" * 100


def _load(content: str, *, plain: bool) -> object:
    """What _load_yaml makes of ``content``, with or without the plain fast path."""
    former = frontmatter._construct
    if not plain:
        frontmatter._construct = lambda loader, node, text: loader.construct_document(node)
    try:
        data, _, problems = frontmatter._load_yaml(content, 0)
        return ("data", repr(data), problems)
    except frontmatter.FrontmatterSyntaxError as exc:
        return ("error", exc.offset, exc.message)
    finally:
        frontmatter._construct = former


_EDGE_BLOCKS = [
    "title: Hello\ntags: [a, 2, 2024-02-30]\nnested: {d: e, f: [1, {g: h}]}\n",
    "<<: {a: 1}\nb: 2\n",  # a merge key
    "=: x\n",  # the `value` key
    "? [a]\n: b\n",  # a key that is a sequence
    "a: !!binary aGVsbG8=\n",
    "a: !custom x\n",
    "a: 2024-02-30\nb:\n  c: 2024-13-01\n",  # unbuildable dates, in two places
    "a: &x 1\nb: *x\n",
    "- a\n- b: c\n",
    "just text",
    "a: !!set {x, y}\n",
    "a: !!omap [{x: 1}]\n",
    "1: a\n~: b\ntrue: c\n2001-01-01: d\n",
    "a: 1\na: 2\n",
    "a: [1, {b: !!int x}]\nc: !!float y\n",
    "a: {b: !bad x}\nc: !bad2 y\n",  # two errors: which one is reported depends on the order of building
]


@pytest.mark.parametrize("content", _EDGE_BLOCKS)
def test_plain_blocks_are_built_as_pyyaml_builds_them(content):
    assert _load(content, plain=True) == _load(content, plain=False)


_SCALARS = st.sampled_from(["x", "1", "1.5", "true", "~", "null", "2024-01-01", "2024-02-30", "'q'", '"d"',
                            "!!int z", "!!str 1", "yes", "0x1f", ".inf", "[]", "{}", "a b", "!t v"])
_KEYS = st.sampled_from(["a", "b", "1", "true", "~", "<<", "=", "2024-01-01", "a"])


def _yaml(depth: int) -> st.SearchStrategy[str]:
    if depth == 0:
        return _SCALARS
    inner = _yaml(depth - 1)
    flow_map = st.lists(st.tuples(_KEYS, inner), max_size=4).map(
        lambda pairs: "{" + ", ".join(f"{k}: {v}" for k, v in pairs) + "}")
    flow_seq = st.lists(inner, max_size=4).map(lambda items: "[" + ", ".join(items) + "]")
    return st.one_of(_SCALARS, flow_map, flow_seq)


@settings(max_examples=300)
@given(st.lists(st.tuples(_KEYS, _yaml(2)), min_size=1, max_size=6))
def test_generated_blocks_are_built_as_pyyaml_builds_them(pairs):
    content = "".join(f"{key}: {value}\n" for key, value in pairs)
    assert _load(content, plain=True) == _load(content, plain=False)
