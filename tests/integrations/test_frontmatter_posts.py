"""contentlint.load / loads: python-frontmatter ``Post`` objects built from
contentlint's own parse."""
from __future__ import annotations

import subprocess
import sys

import frontmatter
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

import contentlint

SEED = "---\ntitle: Hello\ntags: [a, b]\ndate: 2024-05-01\n---\n\n# Hello\n\nBody text.\n"

keys = st.text(alphabet="abcdefghijklmnopqrstuvwxyz_", min_size=1, max_size=12)
# python-frontmatter passes the metadata as keyword arguments of Post(content, handler, **metadata),
# so it raises TypeError on these two keys: the oracle cannot answer for them (ours can: tested below).
oracle_keys = keys.filter(lambda k: k not in ("content", "handler"))
scalars = st.one_of(st.text(max_size=30), st.integers(), st.booleans(), st.none(),
                    st.floats(allow_nan=False, allow_infinity=False))
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(keys, inner, max_size=3),
                      max_leaves=8)
bodies = st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\r\x00\ufeff"),
                 max_size=80)


@settings(max_examples=150, deadline=None)
@given(metadata=st.dictionaries(oracle_keys, values, max_size=6), body=bodies)
def test_well_formed_yaml_reads_as_python_frontmatter_reads_it(metadata, body):
    text = "---\n" + yaml.safe_dump(metadata, allow_unicode=True) + "---\n" + body
    theirs = frontmatter.loads(text)
    ours = contentlint.loads(text)
    assert isinstance(ours, frontmatter.Post)
    assert ours.metadata == theirs.metadata  # (PyYAML itself does not round-trip every string: `\x85`)
    assert ours.content == theirs.content
    assert isinstance(ours.handler, frontmatter.YAMLHandler)


def test_keys_named_like_posts_arguments_are_metadata():
    text = "---\ncontent: a key\nhandler: another\n---\nBody\n"
    with pytest.raises(TypeError):
        frontmatter.loads(text)  # python-frontmatter's own loader cannot read this file
    post = contentlint.loads(text)
    assert post.metadata == {"content": "a key", "handler": "another"}
    assert post.content == "Body"


@pytest.mark.parametrize("text", [
    "\ufeff---\ntitle: Behind a BOM\n---\nBody\n",
    "---\rtitle: Old Mac line endings\r---\rBody\r",
])
def test_blocks_python_frontmatter_silently_drops_are_read(text):
    assert frontmatter.loads(text).metadata == {}  # the silent case this API exists for
    post = contentlint.loads(text)
    assert post["title"] in ("Behind a BOM", "Old Mac line endings")
    assert post.content == "Body"


def test_toml_and_json_frontmatter_need_no_extra_package():
    toml_post = contentlint.loads("+++\ntitle = \"T\"\ndraft = true\n+++\nBody\n")
    assert toml_post.metadata == {"title": "T", "draft": True} and toml_post.content == "Body"
    json_post = contentlint.loads('{"title": "J"}\nBody\n')
    assert json_post.metadata == {"title": "J"} and isinstance(json_post.handler, frontmatter.JSONHandler)


@pytest.mark.parametrize("text, where, words", [
    ("---\ntitle: x\n\nNever closed.\n", "post.md:1:1:", "never closed"),
    ("---\ntitle: Fine\nbroken: [1, 2\n---\nBody\n", "post.md:3:", "Invalid YAML"),
    ("---\n- a list\n---\nBody\n", "post.md:2:1:", "not a mapping"),
    ("---\n!!python/object:os.system x\n---\n", "post.md:2:", "never executed"),
])
def test_frontmatter_that_cannot_be_read_raises_with_file_and_line(text, where, words):
    with pytest.raises(contentlint.FrontmatterLoadError) as info:
        contentlint.loads(text, path="post.md")
    assert str(info.value).startswith(where) and words in str(info.value)
    assert isinstance(info.value, ValueError)


def test_load_reads_a_file_as_check_decodes_it_and_writes_nothing(tmp_path):
    post_file = tmp_path / "post.md"
    post_file.write_bytes(b"\xff\xfe" + SEED.encode("utf-16-le"))
    before = post_file.read_bytes()
    post = contentlint.load(post_file)
    assert post["title"] == "Hello" and post["tags"] == ["a", "b"]
    assert str(post["date"]) == "2024-05-01"
    assert post.content == "# Hello\n\nBody text."
    assert post_file.read_bytes() == before


def test_no_frontmatter_is_an_empty_mapping_and_the_whole_text():
    post = contentlint.loads("# Just a page\n\nText.\n")
    assert post.metadata == {} and post.content == "# Just a page\n\nText." and post.handler is None


def test_load_is_exported_lazily_with_the_api():
    probe = "import contentlint, sys; contentlint.load; print('frontmatter' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"  # python-frontmatter is imported when a Post is made, not before
