"""Per-file fast paths of the document layer (issue 18, sixth wave) give what
the code they replaced gave: the former implementations are spelled out here
as references and compared on generated input."""
from __future__ import annotations

import re

import yaml
from hypothesis import example, given, strategies as st

from contentlint.document import frontmatter, markdown
from contentlint.document.lines import LineIndex


def _former_line_end(index: LineIndex, line: int) -> int:
    if line + 1 < len(index.starts):
        end = index.starts[line + 1]
        if end >= 2 and index.text[end - 2 : end] == "\r\n":
            return end - 2
        return end - 1
    return len(index.text)


@given(st.lists(st.sampled_from(["a", "é", " ", "\n", "\r", "\r\n", "\u2028", "\n\n"]), max_size=80).map("".join))
def test_line_ends_are_those_read_from_the_text(text):
    index = LineIndex(text)
    for line in range(-1, len(index)):
        assert index.line_end(line) == _former_line_end(index, line)


_SCALARS = st.one_of(
    st.sampled_from(["yes", "No", "true", "~", "null", "", "0x1F", "0o17", "1_000", "1e3", ".5", ".inf", "-.NaN",
                     "2024-01-01", "2024-02-30", "2024-01-01 10:00:00", "12:30:00", "<<", "=", "title", "1.0"]),
    st.text(alphabet=st.sampled_from(list("0123456789-+.:eExXoO_ TtYyNn~")), max_size=12),
)


@given(st.lists(_SCALARS, max_size=12), st.booleans())
def test_remembered_tags_are_the_resolvers_cold_and_warm(values, quoted):
    reference = yaml.SafeLoader("")
    for _ in range(2):  # the second round reads what the first remembered
        loader = frontmatter._Loader("")
        try:
            for value in values:
                implicit = (not quoted, quoted)
                assert loader.resolve(yaml.ScalarNode, value, implicit) == reference.resolve(
                    yaml.ScalarNode, value, implicit)
        finally:
            loader.dispose()
    reference.dispose()


@given(st.lists(st.tuples(st.sampled_from(["title", "date", "n", "flag", "x y"]), _SCALARS), max_size=8))
def test_frontmatter_data_is_the_safe_loaders(pairs):
    content = "".join(f"{key}: {value!r}\n" if value.strip() != value or ":" in value or value.startswith(("-", "<", "="))
                      else f"{key}: {value}\n" for key, value in pairs)
    try:
        expected = yaml.load(content, Loader=yaml.SafeLoader)
    except (yaml.YAMLError, ValueError):
        return  # not plain YAML, or a value PyYAML cannot build: other tests cover those
    for _ in range(2):
        data, _node, problems = frontmatter._load_yaml(content, 0)
        assert problems == ()
        assert data == ({} if expected is None else expected)


_FORMER_TEMPLATE_OPEN = re.compile(
    r"^[ \t]*(?:\{%-?\s*(highlight|comment)\b[^\n]*?-?%\}|\{\{[<%]\s*(highlight)\b[^\n]*?[>%]\}\})",
    re.MULTILINE,
)


def _former_template_spans(source: str, body_start: int) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    pos = body_start
    while True:
        m = _FORMER_TEMPLATE_OPEN.search(source, pos)
        if m is None:
            return spans
        kind = "hugo" if m.group(2) else m.group(1)
        close = markdown._TEMPLATE_CLOSE[kind].search(source, m.end())
        if close is None:
            pos = m.end()
            continue
        spans.append((m.start(), close.end()))
        pos = close.end()


_TEMPLATE_PARTS = ["{%", "{{", "{{<", "{{%", "{", "%}", ">}}", "%}}", "}}", " highlight ", "highlight", " comment ",
                   "endhighlight", "endcomment", "/highlight", "-", " ", "\t", "\n", "\r", "\r\n", "x", "ruby"]


@given(st.lists(st.sampled_from(_TEMPLATE_PARTS), max_size=40).map("".join), st.integers(0, 30))
@example(" {% highlight ruby %}\nx\n{% endhighlight %}\n", 1)  # the body starts after the line does
@example("x {% highlight %}\n{% endhighlight %}\n\t{{< highlight go >}}\ny\n{{< /highlight >}}\n", 0)
def test_template_blocks_are_found_as_the_line_anchored_pattern_found_them(source, body_start):
    body_start = min(body_start, len(source))
    assert markdown.template_spans(source, body_start) == _former_template_spans(source, body_start)
