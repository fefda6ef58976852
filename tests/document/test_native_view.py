"""The native Markdown view (pulldown-cmark through pyromark) against the
same view built from markdown-it-py, the reference: on every CommonMark spec
example (tests/data/commonmark/spec.txt, 0.31.2) and on a sample of the
shared corpora. Every accepted difference is listed in ACCEPTED with its
reason, and in docs/markdown-parser.md."""
from __future__ import annotations

import os
import random
import re
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from contentlint.document.document import Document
from contentlint.document.lines import LineIndex
from contentlint.document.native import build, paragraph_parts
from helpers.mdit_view import build as reference

DATA = Path(__file__).resolve().parents[1] / "data" / "commonmark"
SHARED = Path(__file__).resolve().parents[3] / "shared" / "corpora"
_NORMALIZE = MarkdownIt("commonmark").normalizeLink


def spec_examples() -> list[tuple[int, str]]:
    """(number, Markdown) of each example of the spec, `→` read as a tab."""
    examples = []
    lines = (DATA / "spec.txt").read_text(encoding="utf-8").split("\n")
    fence = "`" * 32 + " example"
    i = 0
    while i < len(lines):
        if lines[i] == fence:
            j = i + 1
            while lines[j] != ".":
                j += 1
            examples.append((len(examples) + 1, "\n".join(lines[i + 1 : j]).replace("→", "\t") + "\n"))
            i = j
        i += 1
    return examples


def shape(view, placed=None) -> dict:
    """What the two views must agree on. Containers are numbered in order of
    appearance; a heading the reference could not place in the source is
    compared without positions."""
    ids: dict[int, int] = {}

    def container(c: int) -> int:
        return -1 if c == -1 else ids.setdefault(c, len(ids))

    def parts(ps, spans: bool):
        return [(p.kind, p.content, p.markup, p.start, p.end, _chars(p)) if spans and p.kind not in ("softbreak", "hardbreak")
                else (p.kind, p.content, p.markup) for p in ps]

    headings = []
    for i, h in enumerate(view.headings):
        spans = placed is None or placed[i]
        row = (h.level, h.line, h.end_line, h.setext, h.text, h.nested, container(h.container), parts(h.parts, spans))
        if spans:
            row += (h.content_start, h.content_end, h.marker_start, h.marker_end, h.line_start, h.line_end)
        headings.append(row)
    return {
        "headings": headings,
        "paragraphs": [(p.line, p.end_line, p.depth, p.in_list, parts(paragraph_parts(view, p), False))
                       for p in view.paragraphs],
        # An HTML block's first line comes without its indentation from pulldown-cmark.
        "blocks": [(b.kind, b.line, b.depth, b.content.lstrip()) + ((b.end_line,) if b.kind not in ("list", "quote", "code") else ())
                   for b in view.blocks],
        "links": [(l.kind, l.url) for l in view.links],
    }


def _chars(part):
    if part.kind != "text":
        return None
    return tuple(part.char_span(i) for i in range(len(part.content)))


def native_shape(source: str, placed=None) -> dict:
    view = build(source, LineIndex(source))
    got = shape(view, placed)
    # markdown-it gives the destination normalized (percent-encoded) and drops
    # links whose scheme it refuses (javascript:, vbscript:, file:, most data:).
    got["links"] = [(k, _NORMALIZE(u)) for k, u in got["links"] if _MD_VALIDATE(_NORMALIZE(u))]
    return got


_MD_VALIDATE = MarkdownIt("commonmark").validateLink


def both(source: str) -> tuple[dict, dict]:
    """(native, reference) shapes; headings the reference cannot place are
    compared without positions on both sides."""
    ref = reference(source)
    return native_shape(source, ref.placed), shape(ref.view, ref.placed)


# Spec examples where the two parsers read the same Markdown differently.
ACCEPTED: dict[int, str] = {}


@pytest.mark.parametrize("number, source", spec_examples(), ids=lambda v: str(v) if isinstance(v, int) else "")
def test_native_view_equals_markdown_it_view_on_the_spec(number, source):
    native, markdown_it = both(source)
    if number in ACCEPTED:
        assert native != markdown_it, f"example {number} agrees now: drop it from ACCEPTED"
    else:
        assert native == markdown_it


def corpus_sample(per_corpus: int = 120) -> list:
    """A fixed sample of the shared corpora (and of /tmp/cpp-docs when there)."""
    roots = [SHARED / "astro-docs" / "src" / "content" / "docs", SHARED / "ruby-lang", Path("/tmp/cpp-docs")]
    found = []
    for root in roots:
        if not root.is_dir():
            continue
        files = sorted(
            os.path.join(folder, name)
            for folder, dirs, names in os.walk(root)
            if "/.git" not in folder
            for name in names
            if name.endswith((".md", ".mdx"))
        )
        found.extend(random.Random(18).sample(files, min(per_corpus, len(files))))
    return found


# Corpus files where the parsers differ, by path relative to the corpus, with the reason.
ACCEPTED_FILES: dict[str, str] = {
    "ko/guides/deploy/zerops.mdx": "a code span across lines in a list item: markdown-it keeps the "
    "continuation line's indentation beyond the item's, pulldown-cmark does not",
    "dotnet/how-to-convert-from-a-dotnet-collection-to-a-stl-clr-container.md": "the text of an "
    "autolink: markdown-it shows `%60` decoded as a backtick, pulldown-cmark as written",
}

SAMPLE = corpus_sample()


@pytest.mark.skipif(not SAMPLE, reason="the shared corpora (../shared/corpora) are not beside this checkout")
@pytest.mark.parametrize("path", SAMPLE, ids=lambda p: "/".join(Path(p).parts[-3:]))
def test_native_view_equals_markdown_it_view_on_the_corpora(path):
    doc = Document.from_bytes(path, Path(path).read_bytes())
    native, markdown_it = both(doc.markdown_source)
    key = next((k for k in ACCEPTED_FILES if path.endswith(k)), None)
    if key is not None:
        assert native != markdown_it, f"{key} agrees now: drop it from ACCEPTED_FILES"
    else:
        assert native == markdown_it


# Beyond the spec (GFM strikethrough and Unicode whitespace), each documented
# difference in docs/markdown-parser.md, shown to still be one.
DIFFERENCES = {
    "single-tilde strikethrough": "A ~struck~ word\n",
    "trailing no-break space in an ATX heading": "# Title\u00a0\n",
    "link with a refused scheme": "[x](javascript:alert(1))\n",
}


@pytest.mark.parametrize("name", DIFFERENCES)
def test_documented_differences_are_differences(name):
    source = DIFFERENCES[name]
    view = build(source, LineIndex(source))
    ref = reference(source).view
    if name == "link with a refused scheme":
        assert [l.url for l in view.links] == ["javascript:alert(1)"] and ref.links == ()
    else:
        assert shape(view) != shape(ref)
