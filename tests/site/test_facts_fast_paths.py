"""The site facts' shortcuts (issue 18) give what the plain computation gives:
the route key's span read from the composed YAML equals the key index's
`locate`, the definition terms found with the paragraph filter equal those
of every paragraph, and the links read straight from the Markdown view
(other sites' links dropped before `classify`, reference definitions looked
up only for a wanted link) are the body links `document_urls` finds, filtered. Checked on generated frontmatter and text and on the shared
corpora."""
from __future__ import annotations

import os
import random
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings, strategies as st

from contentlint.document.document import Document
from contentlint.links.extract import document_urls
from contentlint.links.safety import UrlKind, classify
from contentlint.site import facts as facts_module
from contentlint.site.facts import facts_of, own_host

CORPORA = Path(os.environ.get("CONTENTLINT_CORPORA", "/work/shared/corpora"))
HOSTS = frozenset({"www.ruby-lang.org", "docs.astro.build"})


def route_key_span(doc: Document) -> list[int]:
    block, data = doc.frontmatter, doc.metadata
    if block is not None:
        for name in ("slug", "permalink", "url", "title"):
            if name in data:
                try:
                    start, end = block.locate((name,))
                except (ValueError, KeyError, TypeError, IndexError):
                    continue
                return [start, end]
    return [0, 0]


def definition_terms(doc: Document) -> list[str]:
    if "\n: " not in doc.text and "\n:\t" not in doc.text:
        return []
    terms: list[str] = []
    for paragraph in doc.markdown.paragraphs:
        if paragraph.line == paragraph.end_line:
            continue
        lines: list[list[Any]] = [[]]
        for part in doc.paragraph_parts(paragraph):
            if part.kind in ("softbreak", "hardbreak"):
                lines.append([])
            else:
                lines[-1].append(part)
        first = next((i for i, line in enumerate(lines) if i and line and line[0].kind == "text"
                      and line[0].content.startswith((": ", ":\t"))), 0)
        for line in lines[:first]:
            term = "".join(p.content for p in line if p.kind in ("text", "code_inline")).strip()
            if term:
                terms.append(term)
    return terms


@dataclass(frozen=True)
class BodyLinks:
    """document_urls' settings for body links only (no images, no frontmatter fields)."""

    fields: tuple[str, ...] = ()
    body_images: bool = False
    body_links: bool = True


def links(doc: Document, hosts: frozenset[str]) -> list[list[Any]]:
    out = []
    for use in document_urls(doc, BodyLinks()):
        kind = classify(use.url)
        if kind == UrlKind.REMOTE:
            if not own_host(use.url, hosts):
                continue
        elif kind not in (UrlKind.LOCAL_RELATIVE, UrlKind.LOCAL_ROOT) and not use.url.startswith("#"):
            continue
        out.append([use.url, use.start, use.end, 1 if use.exact else 0])
    return out


def assert_same(doc: Document, hosts: frozenset[str] = HOSTS) -> None:
    facts = facts_of(doc, hosts)
    assert facts_module.route_key_span(doc) == route_key_span(doc)
    assert facts["dt"] == definition_terms(doc)
    assert facts["l"] == links(doc, hosts)


KEYS = st.sampled_from(["title", "slug", "url", "permalink", "Title", '"title"', "'slug'", "? title", "x",
                        "&a title", "!!str url", "<<", "  title"])
VALUES = st.sampled_from(["A", '"quoted\ntitle: b"', "|\n  title: c", "{title: d}", "*a", "[1, 2]", "''", "x # c"])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(KEYS, VALUES), max_size=6), st.sampled_from(["---", "+++"]))
def test_route_key_span_from_generated_frontmatter(pairs, fence):
    body = "\n".join(f"{k}: {v}" if fence == "---" else f"{k.strip()} = \"{v}\"" for k, v in pairs)
    doc = Document("a.md", f"{fence}\n{body}\n{fence}\n\n# Page\n")
    assert facts_module.route_key_span(doc) == route_key_span(doc)


LINE = st.sampled_from(["Term", ": def", ":\tdef", "> : quoted", "\\: escaped", "&#58; entity", "&colon; x",
                        "- item", "  : indented", "*: em*", "[x](https://docs.astro.build/a)", "[y](/b)",
                        "[z](https://example.org/{{ x }})", "[w](https://www.ruby-lang.org/{{ y }})", "", "text",
                        "[r][ref]", "[R][REF] and [r2][ref]", "[ref]: /local/page/", "[ref]: https://example.org/x",
                        "[s][]", "[s]: https://www.ruby-lang.org/en/", "[t]", "[t]: <../a b.md#x>", "![i][ref]",
                        "[ref]: #here", "<https://www.ruby-lang.org/>", "<a@b.org>", "[u][t]", "    [v]: /code"])


@settings(max_examples=300, deadline=None)
@given(st.lists(LINE, max_size=12))
def test_definition_terms_and_links_from_generated_text(lines):
    assert_same(Document("a.md", "\n".join(lines) + "\n"))


def corpus_files() -> list[Path]:
    found: list[Path] = []
    for name, sub in (("ruby-lang", ""), ("astro-docs", "src/content/docs")):
        top = CORPORA / name / sub
        if top.is_dir():
            found.extend(p for p in top.rglob("*") if p.suffix in (".md", ".mdx"))
    return sorted(found)


@pytest.mark.skipif(not corpus_files(), reason="the shared corpora are not on this machine")
def test_facts_match_on_a_sample_of_the_corpora():
    files = corpus_files()
    sample = random.Random(18).sample(files, min(600, len(files)))
    # Every file with a definition list or an own-site link is in, whatever the sample.
    sample += [p for p in files if "\n: " in p.read_text(encoding="utf-8", errors="replace")]
    # And as many with reference definitions (looked up only for wanted links).
    with_definitions = [p for p in files if "]: " in p.read_text(encoding="utf-8", errors="replace")]
    sample += random.Random(19).sample(with_definitions, min(600, len(with_definitions)))
    for path in sample:
        assert_same(Document.from_bytes(str(path), path.read_bytes(), abs_path=str(path)))
