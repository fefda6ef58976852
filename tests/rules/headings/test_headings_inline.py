"""Inline parts of headings placed in the source by the one native parse
(document/native.py), through the heading view that every heading rule uses."""
import pytest

from contentlint.document.document import Document


def heading(text: str, path: str = "page.md"):
    doc = Document.from_bytes(path, text.encode("utf-8"))
    (first,) = doc.headings
    return doc, first


def placed(text: str):
    """(type, source slice) of every inline part of the only heading in ``text``."""
    doc, h = heading(text)
    return [(p.kind, doc.text[p.start : p.end]) for p in h.parts]


def test_emphasis_markers_and_text_are_placed():
    assert placed("### **1. Focus:**\n") == [
        ("strong_open", "**"),
        ("text", "1. Focus:"),
        ("strong_close", "**"),
    ]


def test_columns_after_frontmatter_and_non_ascii_text():
    doc, h = heading("---\ntitle: Ünïcode\n---\n## **Überblick:**\n")
    parts = h.parts
    colon = parts[1].char_span(-1)
    assert doc.text[colon[0] : colon[1]] == ":"
    assert doc.position(colon[0]) == (4, 15)
    assert doc.position(parts[0].start) == (4, 4)


def test_entities_and_escapes_map_each_character_to_its_source():
    doc, h = heading("## A &amp; B&colon; \\. &#58;\n")
    (text,) = h.parts
    assert text.content == "A & B: . :"
    spans = [doc.text[s:e] for s, e in (text.char_span(i) for i in range(len(text.content)))]
    assert spans == ["A", " ", "&amp;", " ", "B", "&colon;", " ", "\\.", " ", "&#58;"]


def test_unknown_entity_stays_literal():
    doc, h = heading("## Fish &chips;\n")
    (text,) = h.parts
    assert doc.text[text.start : text.end] == "Fish &chips;"


@pytest.mark.parametrize(
    "source, expected",
    [
        ("## Use `a:b` now\n", [("text", "Use "), ("code_inline", "`a:b`"), ("text", " now")]),
        ("## ``a`b``\n", [("code_inline", "``a`b``")]),
        (
            '## See [the docs](https://x.y/(a) "T") ok\n',
            [("text", "See "), ("link_open", "["), ("text", "the docs"),
             ("link_close", '](https://x.y/(a) "T")'), ("text", " ok")],
        ),
        ("## <https://x.y>\n", [("link_open", "<"), ("text", "https://x.y"), ("link_close", ">")]),
        ("## ![a [b] c](i.png) x\n", [("image", "![a [b] c](i.png)"), ("text", " x")]),
        ("## a <Badge text=\"new\" /> b\n", [("text", "a "), ("html_inline", '<Badge text="new" />'), ("text", " b")]),
        ("## ~~old~~\n", [("s_open", "~~"), ("text", "old"), ("s_close", "~~")]),
    ],
)
def test_inline_constructs(source, expected):
    assert placed(source) == expected


def test_reference_links_are_placed_through_their_label():
    text = "## [Guide][g] and [docs][]\n\n[g]: /guide\n[docs]: /docs\n"
    assert placed(text) == [
        ("link_open", "["), ("text", "Guide"), ("link_close", "][g]"), ("text", " and "),
        ("link_open", "["), ("text", "docs"), ("link_close", "][]"),
    ]


def test_multi_line_setext_heading_inside_a_quote():
    text = "> **Two\n> lines:**\n> ---\n"
    doc, h = heading(text)
    parts = h.parts
    assert [p.kind for p in parts] == ["strong_open", "text", "softbreak", "text", "strong_close"]
    assert doc.text[parts[3].start : parts[3].end] == "lines:"
    assert doc.text[parts[4].start : parts[4].end] == "**"


def test_hard_break_with_backslash():
    doc, h = heading("a\\\nb\n===\n")
    assert [(p.kind, doc.text[p.start : p.end]) for p in h.parts] == [
        ("text", "a"), ("hardbreak", "\\\n"), ("text", "b"),
    ]


def test_heading_spans_point_at_the_hashes_or_the_setext_text():
    doc, h = heading("  ### Title ###\n")
    assert doc.text[slice(*h.span)] == "### Title"
    assert doc.text[h.marker_start : h.marker_end] == "###"
    doc, h = heading("Title\n=====\n")
    assert doc.text[slice(*h.span)] == "Title"
    assert doc.text[h.marker_start : h.marker_end] == "====="
