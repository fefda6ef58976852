"""MDX has no indented code (micromark with ``codeIndented`` disabled): a
fence inside JSX may open and close at any indentation and an indented
heading is a heading. The fixtures in tests/fixtures/mdx-indent/ are cut from
astro-docs (src/content/docs/...):

- fence-closed-at-other-indent.mdx: pl/install-and-setup.mdx lines 127-145
  (fences opened at six spaces, closed at two), then its heading 256 with a
  colon added so a heading rule sees it;
- fence-closed-deeper.mdx: fr/guides/migrate-to-astro/from-create-react-app.mdx
  lines 197-266, shortened, its first fence opened at two spaces instead of
  four (as the other tabs of that page do) and closed at eight;
- tab-indented-fence.mdx: es/tutorial/6-islands/4.mdx lines 334-361,
  shortened (a fence indented one tab; the heading after it got a colon);
- indented-heading.mdx / nested-list.mdx: the shapes of the
  ``<Aside>``/``<Steps>`` blocks indented four spaces."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from contentlint.cli.main import main
from contentlint.document.document import Document
from contentlint.document.mdx_indent import parse_copy

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "mdx-indent"


def findings(path: Path, select: str) -> set[tuple[str, int]]:
    result = CliRunner().invoke(main, ["check", "--no-cache", "--format", "json", "--select", select, str(path)])
    assert result.exit_code in (0, 1), result.output
    return {(f["code"], f["line"]) for f in json.loads(result.stdout)}


def copy(name: str, tmp_path: Path, suffix: str = ".mdx") -> Path:
    target = tmp_path / (Path(name).stem + suffix)
    shutil.copyfile(FIXTURES / name, target)
    return target


def test_fence_in_jsx_closed_at_another_indentation_does_not_swallow_the_next_heading(tmp_path):
    page = copy("fence-closed-at-other-indent.mdx", tmp_path)
    assert findings(page, "HD004") == {("HD004", 23)}


def test_fence_closed_deeper_than_it_opened_ends_there(tmp_path):
    # The `# not a heading` line stays code; the heading after the tabs is seen.
    page = copy("fence-closed-deeper.mdx", tmp_path)
    assert findings(page, "HD004") == {("HD004", 21)}


def test_tab_indented_fence_closes_before_the_next_heading(tmp_path):
    page = copy("tab-indented-fence.mdx", tmp_path)
    assert findings(page, "HD004") == {("HD004", 15)}


def test_indented_heading_is_a_heading_in_mdx_and_code_in_markdown(tmp_path):
    assert findings(copy("indented-heading.mdx", tmp_path), "HD004") == {("HD004", 5)}
    assert findings(copy("indented-heading.mdx", tmp_path, ".md"), "HD004") == set()


def test_indented_nested_list_still_nests(tmp_path):
    # Each list item is an outline of its own: only the repeat inside the
    # Linux item is a duplicate, not the macOS item's heading.
    page = copy("nested-list.mdx", tmp_path)
    assert findings(page, "HD005") == {("HD005", 9)}


def test_offsets_are_the_files():
    text = (FIXTURES / "indented-heading.mdx").read_text(encoding="utf-8").replace("Setup:", "Sétup [x](./a.md):")
    doc = Document.from_bytes("page.mdx", text.encode("utf-8"))
    (heading,) = doc.markdown.headings
    assert text[heading.content_start : heading.content_end] == "Sétup [x](./a.md):"
    (link,) = doc.markdown.links
    assert text[link.start : link.end] == "[x](./a.md)"
    assert text[link.dest_start : link.dest_end] == "./a.md"


_LINE = st.sampled_from(
    ["", "    ", "<Tabs>", "  <Tab>", "    ```sh", "      ```", "  ```", "\t```js", "    ## Heading", "- item",
     "    - nested", "        text é", "> quote", ">     code", "plain [a](b)", "  \t  x", "    ~~~"]
)


@settings(max_examples=200, deadline=None)
@given(st.lists(_LINE, max_size=30), st.sampled_from(["\n", "\r\n"]))
def test_parse_copy_keeps_lines_and_maps_every_character_back(lines, newline):
    text = newline.join(lines) + newline
    copy_, shifts, _ = parse_copy(text)
    assert len(copy_) == len(text)
    for old, new in zip(text.splitlines(keepends=True), copy_.splitlines(keepends=True)):
        # Same text, same line break, only whitespace moved within the line.
        assert old.split() == new.split() and len(old) == len(new) and old[-1] == new[-1]
    if shifts is not None:
        for i, ch in enumerate(copy_):
            if not ch.isspace():
                assert text[shifts(i)] == ch


@settings(max_examples=200, deadline=None)
@given(st.lists(_LINE, max_size=30), st.sampled_from(["\n", "\r\n"]))
def test_the_first_view_seeds_the_copy_as_a_fresh_parse_would(lines, newline):
    # The document hands parse_copy the view of the file as CommonMark reads
    # it (its events and code blocks); the copy and the final view are those
    # a fresh parse of the file gives.
    from contentlint.document import native

    text = newline.join(lines) + newline
    doc = Document("page.mdx", text)
    source = doc.markdown_source
    fresh_text, fresh_shifts, fresh_stream = parse_copy(source)
    seeded_text, seeded_shifts, _ = parse_copy(source, native.build(source, doc.lines))
    assert seeded_text == fresh_text
    assert (seeded_shifts is None) == (fresh_shifts is None)
    if fresh_shifts is not None:
        assert seeded_shifts.edits == fresh_shifts.edits
    fresh = native.build(source, doc.lines, fresh_text if fresh_shifts else None, fresh_shifts, fresh_stream)
    view = doc.markdown
    assert (view.headings, view.paragraphs, view.blocks, view.links, view.code_spans, view.inline_html) == (
        fresh.headings, fresh.paragraphs, fresh.blocks, fresh.links, fresh.code_spans, fresh.inline_html)
