"""Encodings: every file is read as bytes; UTF-8 (with or without BOM) and
UTF-16/32 with a BOM are decoded and linted, anything undecodable is reported
where it is and kept byte for byte when fixes are written."""
from __future__ import annotations

import codecs

import pytest

import contentlint
from hostile_support import check

TEXT = "---\ntitle: Café\n---\n\n## Heading:\n\nText é"
FIXED = "---\ntitle: Café\n---\n\n## Heading\n\nText é\n"
SELECT = ("--select", "HD004,TX,FM002")

BOMS = {
    "utf-8": codecs.BOM_UTF8,
    "utf-16-le": codecs.BOM_UTF16_LE,
    "utf-16-be": codecs.BOM_UTF16_BE,
    "utf-32-le": codecs.BOM_UTF32_LE,
    "utf-32-be": codecs.BOM_UTF32_BE,
}


def positions(run) -> list[tuple]:
    return [(f["code"], f["line"], f["column"]) for f in run.findings]


@pytest.mark.parametrize("encoding", BOMS)
def test_unicode_with_a_bom_is_decoded_linted_and_written_back_in_kind(project, encoding):
    post = project.write("post.md", BOMS[encoding] + TEXT.encode(encoding))
    run = check("post.md", *SELECT)
    assert positions(run) == [("HD004", 5, 11), ("TX005", 7, 7)]
    assert check("post.md", "--fix", *SELECT).code == 0
    assert post.read_bytes() == BOMS[encoding] + FIXED.encode(encoding)


def test_utf16_without_a_bom_is_reported_as_binary_and_left_alone(project):
    raw = TEXT.encode("utf-16-le")
    post = project.write("post.md", raw)
    run = check("post.md", "--fix", *SELECT)
    assert positions(run) == [("CL902", 1, 1)]
    assert post.read_bytes() == raw


@pytest.mark.parametrize("tail", [b"\x41", b"\x00\xd8\n\x00"], ids=["odd-byte", "lone-surrogate"])
def test_broken_utf16_is_linted_but_never_rewritten(project, tail):
    """Broken UTF-16 decodes with U+FFFD; writing fixes would replace bytes no
    fix touched, so the file is left exactly as it was."""
    raw = codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le") + tail
    post = project.write("post.md", raw)
    run = check("post.md", "--fix", *SELECT)
    assert run.code == 2 and post.read_bytes() == raw
    assert run.only("CL904")["message"] == (
        "File is not valid UTF-16-LE; writing it back would change bytes no fix touched, so fixes were not written"
    )
    assert ("HD004", 5, 11) in positions(run)


def test_latin1_file_is_reported_once_and_kept_when_fixed(project):
    raw = TEXT.encode("latin-1")
    post = project.write("post.md", raw)
    run = check("post.md", *SELECT)
    assert positions(run) == [("FM002", 2, 11), ("TX002", 2, 11), ("HD004", 5, 11), ("TX005", 7, 7)]
    messages = [f["message"] for f in run.findings]
    assert messages[0] == "Frontmatter holds bytes that are not UTF-8 (`\\xe9`); not parsed"
    assert messages[1].startswith("File is not UTF-8; it looks like Windows-1252")
    assert messages[1].endswith("(2 bytes are not UTF-8, the first `\\xe9` at byte offset 14)")
    # No rule crashes on the undecodable frontmatter.
    everything = check("post.md")
    assert "CL999" not in everything.codes(), everything.findings
    assert check("post.md", "--fix", *SELECT).code == 1
    assert post.read_bytes() == FIXED.encode("latin-1")


def test_invalid_utf8_in_the_body_only(project):
    raw = b"---\ntitle: Post\n---\n\n## Heading:\n\nBad \xff\xfe bytes\n"
    post = project.write("post.md", raw)
    run = check("post.md", *SELECT)
    assert positions(run) == [("HD004", 5, 11), ("TX002", 7, 5)]
    assert run.findings[1]["message"].startswith("File is not UTF-8; it looks like")
    assert run.findings[1]["message"].endswith("(2 bytes are not UTF-8, the first `\\xff\\xfe` at byte offset 38)")
    check("post.md", "--fix", *SELECT)
    assert post.read_bytes() == raw.replace(b"Heading:", b"Heading")


def test_encoded_lone_surrogate_is_invalid_utf8(project):
    post = project.write("post.md", b"# Title\n\nA \xed\xb2\x80 B\n")
    run = check("post.md", *SELECT)
    assert positions(run) == [("TX002", 3, 3)]
    assert run.findings[0]["message"].startswith("File is not UTF-8; it looks like")
    assert run.findings[0]["message"].endswith("(3 bytes are not UTF-8, the first `\\xed\\xb2\\x80` at byte offset 11)")


def test_surrogate_escape_in_text_given_to_the_api():
    result = contentlint.lint_text("# Title\n\nA \udc80 B\n", config={"select": ["TX002"]})
    [found] = result.violations
    assert (found.code, found.line, found.column) == ("TX002", 3, 3)
    assert found.message.endswith("(1 byte is not UTF-8: `\\x80` at byte offset 11)")


@pytest.mark.parametrize("raw", [
    b"---\ntitle: x\n---\n\nText\x00 more\n",
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10",
    b"\x00" * 64,
], ids=["nul-in-text", "png-named-md", "only-nul"])
def test_binary_content_is_reported_and_never_written(project, raw):
    post = project.write("post.md", raw)
    run = check("post.md", "--fix")
    assert [(f["code"], f["line"], f["message"]) for f in run.findings] == [
        ("CL902", 1, "File contains NUL bytes; it looks binary and was not checked")
    ]
    assert post.read_bytes() == raw


def test_bom_in_the_middle_is_flagged_and_the_leading_one_kept(project):
    post = project.write("post.md", codecs.BOM_UTF8 + "# Title\n\nA\ufeffB\n".encode())
    run = check("post.md", "--select", "TX003")
    assert positions(run) == [("TX003", 3, 2)]
    check("post.md", "--fix", "--select", "TX003")
    assert post.read_bytes() == codecs.BOM_UTF8 + b"# Title\n\nAB\n"


def test_lone_surrogate_through_the_api_is_reported_not_raised():
    import contentlint

    result = contentlint.lint_text("x \ud800 y\n")
    assert [(v.code, v.line) for v in result.violations] == [("TX002", 1)]


def test_executable_frontmatter_block_is_not_read_as_markdown(tmp_path):
    from contentlint.document.document import Document

    doc = Document.from_bytes("post.md", b"---js\n{ title: 'x' }\n---\n\n## Body\n")
    assert [h.text for h in doc.headings] == ["Body"]
    assert doc.frontmatter_problem is not None and "`js`" in doc.frontmatter_problem.message
