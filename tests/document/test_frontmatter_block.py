import pytest

from contentlint.document.frontmatter import split_frontmatter


@pytest.mark.parametrize(
    "text, fmt, data",
    [
        ("---\ntitle: a\n---\nbody", "yaml", {"title": "a"}),
        ("---\r\ntitle: a\r\n---\r\nbody", "yaml", {"title": "a"}),
        ("---\rtitle: a\r---\rbody", "yaml", {"title": "a"}),
        ("---\ntitle: a\n...\nbody", "yaml", {"title": "a"}),
        ("+++\ntitle = 'a'\n+++\nbody", "toml", {"title": "a"}),
        ('{\n  "title": "a"\n}\nbody', "json", {"title": "a"}),
        ("---\n---\nbody", "yaml", {}),
    ],
)
def test_formats_and_exact_spans(text, fmt, data):
    block, problem = split_frontmatter(text)
    assert problem is None
    assert block.format == fmt and block.data == data
    assert text[block.end :] == "body"


def test_unterminated_block_is_a_problem_not_silence():
    block, problem = split_frontmatter("---\ntitle: a\nbody\n")
    assert block is None and "never closed" in problem.message


def test_executable_frontmatter_is_refused():
    block, problem = split_frontmatter("---js\n{title: 'x'}\n---\n")
    assert block is None and "`js`" in problem.message


def test_liquid_and_mdx_openers_are_not_json_frontmatter():
    assert split_frontmatter("{% include x.html %}\n") == (None, None)
    assert split_frontmatter("{/* comment */}\n") == (None, None)


def test_thematic_break_variants_are_not_frontmatter():
    assert split_frontmatter("----\ntext\n") == (None, None)
    assert split_frontmatter("text\n---\n") == (None, None)


def test_yaml_error_position_is_in_file_coordinates():
    text = "---\ntitle: ok\nbad: [1, 2\n---\n"
    block, _ = split_frontmatter(text)
    assert block.data is None
    assert block.error.offset >= text.index("bad")


def test_python_tags_are_never_constructed():
    block, _ = split_frontmatter("---\nx: !!python/object/apply:os.system ['echo hacked']\n---\n")
    assert block.data is None and "tag" in block.error.message
