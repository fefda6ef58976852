"""MDX and template files: ESM, expressions, JSX and Liquid/Hugo code blocks
neither break the heading view nor produce findings; lines and offsets stay
those of the file."""
from pathlib import Path

import pytest

from contentlint.config.loader import Config
from contentlint.document import markdown
from contentlint.document.document import Document
from helpers.harness import run_fixture
from helpers.lint import lint

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "rules" / "headings"
MDX = sorted(FIXTURES.glob("*.mdx"))


@pytest.mark.parametrize("path", MDX, ids=[p.name for p in MDX])
def test_mdx_fixture(path):
    run_fixture(path)


def codes(name: str, text: str) -> list[str]:
    return [v.code for v in lint(text, configured=Config(select=["HD"]), path=name)]


def test_the_same_text_read_as_commonmark_would_be_flagged():
    """The clean MDX fixture is clean because it is read as MDX, not by luck."""
    text = (FIXTURES / "mdx-clean.mdx").read_text(encoding="utf-8")
    assert codes("page.mdx", text) == []
    assert "HD002" in codes("page.md", text)  # the `# Example: …` shell comment


def test_blanking_keeps_every_line_and_offset():
    text = (FIXTURES / "mdx-clean.mdx").read_text(encoding="utf-8").replace("\n", "\r\n")
    doc = Document.from_bytes("page.mdx", text.encode("utf-8"))
    source = doc.markdown_source
    assert len(source) == len(doc.text)
    assert [i for i, c in enumerate(source) if c in "\r\n"] == [i for i, c in enumerate(doc.text) if c in "\r\n"]
    assert "import" not in source and "{/*" not in source and "<PackageManagerTabs>" not in source
    assert "## Upgrade Astro" in source and "npm install astro@latest" in source
    heading = next(h for h in doc.headings if h.text == "Next steps")
    assert doc.text[heading.content_start : heading.content_end] == "Next steps"


def test_the_heading_view_is_the_document_parse():
    doc = Document.from_bytes("page.mdx", b"import X from 'x'\n\n# Title\n\nText\n")
    assert doc.headings[0].text == "Title"
    assert doc.outline[0].heading is doc.headings[0], "a file is parsed once"


@pytest.mark.parametrize(
    "text",
    [
        "{\n# never closed\n",
        "<Component\n# never closed\n",
        "export const x = `\n# in a template literal\n`\n",
        "{% highlight ruby %}\n# never closed\n",
        "<A b={{c: '}'}}>\n\n## Real heading\n\n</A>\n",
    ],
)
def test_broken_mdx_does_not_crash(text):
    for name in ("page.mdx", "page.md"):
        codes(name, text)


def test_jsx_attribute_with_braces_and_quotes_is_one_tag():
    text = "# T\n\n<Card title=\"a > b\" data={{ x: '}' }}\n  icon=\"rocket\">\n\n## Inside\n\n</Card>\n"
    doc = Document.from_bytes("page.mdx", text.encode())
    assert [h.text for h in doc.headings] == ["T", "Inside"]
    assert "Card" not in doc.markdown_source
