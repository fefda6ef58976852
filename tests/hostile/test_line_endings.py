"""CRLF, CR-only and mixed line endings: every position is the one an editor
shows, and fixes keep each line's ending (a new line takes the file's
dominant style)."""
from __future__ import annotations

import pytest

from hostile_support import check

BODY = (
    "---\ntitle: Post\ndate: 2024-01-01\n---\n\n"
    "#Intro\n\n## Heading:\n\nText é and `code:`\n\n## Heading two:\n\nEnd"
)
FIXED = (
    "---\ntitle: Post\ndate: 2024-01-01\n---\n\n"
    "# Intro\n\n## Heading\n\nText é and `code:`\n\n## Heading two\n\nEnd\n"
)
SELECT = ("--select", "HD004,HD010,TX005")
EXPECTED = [
    ("HD010", 6, 1, 6, 7),
    ("HD004", 8, 11, 8, 12),
    ("HD004", 12, 15, 12, 16),
    ("TX005", 14, 4, 14, 4),
]
STYLES = {"lf": "\n", "crlf": "\r\n", "cr": "\r"}


def spans(run) -> list[tuple]:
    return [(f["code"], f["line"], f["column"], f["end_line"], f["end_column"]) for f in run.findings]


@pytest.mark.parametrize("style", STYLES)
def test_positions_and_fixes_in_each_style(project, style):
    nl = STYLES[style]
    post = project.write("post.md", BODY.replace("\n", nl))
    assert spans(check("post.md", *SELECT)) == EXPECTED
    assert check("post.md", "--fix", *SELECT).code == 0
    assert post.read_bytes() == FIXED.replace("\n", nl).encode()


def test_mixed_endings_are_each_kept(project):
    mixed = (
        "---\r\ntitle: Post\ndate: 2024-01-01\r\n---\r\n\r\n"
        "#Intro\r\n\n## Heading:\r\n\r\nText é and `code:`\n\r## Heading two:\r\n\r\nEnd"
    )
    post = project.write("post.md", mixed)
    assert spans(check("post.md", *SELECT)) == EXPECTED
    check("post.md", "--fix", *SELECT)
    assert post.read_bytes() == (
        "---\r\ntitle: Post\ndate: 2024-01-01\r\n---\r\n\r\n"
        "# Intro\r\n\n## Heading\r\n\r\nText é and `code:`\n\r## Heading two\r\n\r\nEnd\r\n"
    ).encode()


@pytest.mark.parametrize("style", STYLES)
def test_frontmatter_positions_in_each_style(project, style):
    nl = STYLES[style]
    project.write("dup.md", "---\ntitle: a\ntags: [x]\ntitle: b\n---\n\nText\n".replace("\n", nl))
    project.write("broken.md", "---\ntitle: a\ntags: [x\ndate: 2024\n---\n\nText\n".replace("\n", nl))
    project.write("list.md", "---\n\n- a\n---\n".replace("\n", nl))
    run = check(".", "--select", "FM002,FM003,FM004")
    assert [(f["path"], f["code"], f["line"]) for f in run.findings] == [
        ("broken.md", "FM002", 4),  # where the parser meets `date:` inside the open `[`
        ("dup.md", "FM003", 4),
        ("list.md", "FM004", 3),
    ]


@pytest.mark.parametrize("style", STYLES)
def test_fix_inserting_a_line_uses_the_files_style(project, style):
    nl = STYLES[style]
    # A setext heading rewritten as ATX (HD009) replaces two lines with one.
    post = project.write("post.md", "# Title\n\nSection\n-------\n\nText\n".replace("\n", nl))
    check("post.md", "--fix", "--select", "HD009")
    assert post.read_bytes() == "# Title\n\n## Section\n\nText\n".replace("\n", nl).encode()
