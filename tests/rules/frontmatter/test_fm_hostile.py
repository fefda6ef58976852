"""Hostile frontmatter ends as an FM002 finding: never a hang, a MemoryError,
a RecursionError or executed code."""
from __future__ import annotations

import pytest

from contentlint.document.frontmatter import MAX_DEPTH, MAX_NODES
from helpers.frontmatter import lint


def _billion_laughs() -> str:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    previous = "a"
    for name in "bcdefghij":
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 9) + "]")
        previous = name
    return "---\n" + "\n".join(lines) + "\n---\n"


HOSTILE = {
    "billion laughs": (_billion_laughs(), "expands to more than"),
    "recursive alias": ("---\na: &a [1, *a]\n---\n", "refers to itself"),
    "10,000-deep flow": ("---\nx: " + "[" * 10_000 + "]" * 10_000 + "\n---\n", "nesting depth"),
    "10,000-deep block": ("---\nx:\n" + "- " * 10_000 + "leaf\n---\n", "nesting depth"),
    "1,100-deep indented mappings": ("---\n" + "".join(" " * i + "k:\n" for i in range(1_100)) + "---\n", "nesting depth"),
    "deep below the parser's limit": ("---\nx: " + "[" * 200 + "]" * 200 + "\n---\n", f"more than {MAX_DEPTH} levels"),
    "10,000-deep JSON": ('{"x": ' + "[" * 10_000 + "]" * 10_000 + "}\n", "nested too deeply"),
    "deep JSON below the parser's limit": ('{"x": ' + "[" * 200 + "]" * 200 + "}\n", f"more than {MAX_DEPTH} levels"),
    "10,000-deep TOML": ("+++\nx = " + "[" * 10_000 + "]" * 10_000 + "\n+++\n", "nested too deeply"),
    "python object": ("---\nx: !!python/object/apply:os.system ['echo hacked']\n---\n", "tags are never executed"),
    "python name": ("---\nx: !!python/name:os.system\n---\n", "tags are never executed"),
}


@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_input_is_a_syntax_finding(name, tmp_path):
    text, words = HOSTILE[name]
    schema = tmp_path / "s.json"
    schema.write_text('{"properties": {"x": {"type": "string"}}}')
    found = lint(text, root=tmp_path, schema=str(schema), config={"select": ["FM"]})
    assert [c for c, *_ in found] == ["FM002"], found
    assert words in found[0][3]


def test_shared_aliases_within_bounds_still_load(tmp_path):
    text = "---\nbase: &b {a: 1, b: 2}\none: *b\ntwo: *b\n---\n"
    assert lint(text, root=tmp_path) == []


def test_alias_expansion_bound_counts_expanded_nodes():
    # Ten aliases to a list just under the bound would expand past it.
    items = ", ".join(["1"] * (MAX_NODES // 20))
    refs = "\n".join(f"k{i}: *big" for i in range(30))
    found = lint(f"---\nbig: &big [{items}]\n{refs}\n---\n")
    assert [c for c, *_ in found] == ["FM002"]
