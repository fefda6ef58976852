import codecs

from contentlint.document.document import Document


def test_utf8_bom_is_noted_and_removed_from_text():
    doc = Document.from_bytes("a.md", codecs.BOM_UTF8 + b"---\ntitle: x\n---\nbody\n")
    assert doc.bom and doc.text.startswith("---")
    assert doc.frontmatter is not None and doc.metadata == {"title": "x"}
    assert doc.encode() == codecs.BOM_UTF8 + b"---\ntitle: x\n---\nbody\n"


def test_utf16_with_bom_is_decoded_and_round_trips():
    raw = codecs.BOM_UTF16_LE + "# Título\n".encode("utf-16-le")
    doc = Document.from_bytes("a.md", raw)
    assert doc.text == "# Título\n" and not doc.binary
    assert doc.encode() == raw


def test_invalid_utf8_is_kept_byte_for_byte():
    raw = b"caf\xe9 and \xff\xfe\n"
    doc = Document.from_bytes("a.md", raw)
    assert [(e.byte_offset, e.raw) for e in doc.decode_errors] == [(3, b"\xe9"), (9, b"\xff\xfe")]
    assert doc.encode() == raw


def test_nul_bytes_mark_a_binary_file():
    assert Document.from_bytes("x.md", b"\x89PNG\r\n\x1a\n\x00\x00").binary


def test_dominant_newline():
    assert Document.from_bytes("a.md", b"a\r\nb\r\nc\n").newline == "\r\n"
    assert Document.from_bytes("a.md", b"a\rb\r").newline == "\r"
    assert Document.from_bytes("a.md", b"no newline").newline == "\n"


def test_markdown_tokens_use_file_line_numbers():
    doc = Document.from_bytes("a.md", b"---\ntitle: x\n---\n\n## Heading\n")
    (heading,) = doc.headings
    assert heading.line == 4 and heading.level == 2
    assert doc.text[heading.content_start : heading.content_end] == "Heading"


def test_frontmatter_is_not_parsed_as_markdown():
    doc = Document.from_bytes("a.md", b"---\n# not a heading\ntitle: x\n---\n# Real\n")
    assert [h.text for h in doc.headings] == ["Real"]


def test_with_text_keeps_encoding_and_bom():
    doc = Document.from_bytes("a.md", codecs.BOM_UTF8 + b"x")
    again = doc.with_text("y\n")
    assert again.encode() == codecs.BOM_UTF8 + b"y\n"
