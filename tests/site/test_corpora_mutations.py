"""Mutation tests on copies of the shared corpora (their English and Japanese
pages with the site skeleton): rename a page, delete a heading, change a
page's slug or permalink, move a page between locales. Every link the change
breaks is reported at its line and column, and no other finding changes.
Skipped when /work/shared/corpora is absent."""
from __future__ import annotations

import json
import shutil
from collections import Counter
from pathlib import Path
from typing import Callable, Iterator

import pytest
from click.testing import CliRunner

from contentlint.api import site_index
from contentlint.cli.main import main
from contentlint.document.document import Document
from contentlint.site.facts import heading_text, split_explicit_id
from contentlint.site.index import Page, SiteIndex

CORPORA = Path("/work/shared/corpora")
pytestmark = pytest.mark.skipif(not CORPORA.is_dir(), reason="the shared corpora are not on this machine")

Finding = tuple[str, int, int, str]  # file relative to the site, line, column, code


def _copy(name: str, parts: list[str], target: Path) -> Path:
    source = CORPORA / name
    for part in parts:
        src = source / part
        if src.is_dir():
            shutil.copytree(src, target / part)
        elif src.exists():
            (target / part).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, target / part)
    (target / "contentlint.toml").write_text('select = ["ST"]\n', encoding="utf-8")  # the cache stays in the copy
    return target


SITES = {
    "astro-docs": ["astro.config.ts", "src/content/docs/en", "src/content/docs/ja", "src/pages", "public"],
    "ruby-lang": ["_config.yml", "Gemfile", "_data", "index.html", "en", "ja", "images"],
}


def findings(root: Path) -> set[Finding]:
    result = CliRunner().invoke(main, ["check", "--format", "json", str(root)])
    assert result.exit_code in (0, 1), result.output
    return {(Path(f["path"]).resolve().relative_to(root.resolve()).as_posix(), f["line"], f["column"], f["code"])
            for f in json.loads(result.stdout)}


class Corpus:
    def __init__(self, root: Path):
        self.root = root
        self.before = findings(root)
        _, self.index = site_index([str(root)])
        self._docs: dict[str, Document] = {}

    def doc(self, rel: str) -> Document:
        if rel not in self._docs:
            self._docs[rel] = Document.from_bytes(rel, (self.root / rel).read_bytes())
        return self._docs[rel]

    def links(self) -> Iterator[tuple[Page, int, object]]:
        index: SiteIndex = self.index
        for page in index.pages.values():
            for url, start, _end, _exact in (page.facts or {}).get("l", []):
                yield page, start, index.resolve(page, url)

    def at(self, page: Page, start: int, code: str) -> Finding:
        line, column = self.doc(page.relpath).position(start)
        return (page.relpath, line, column, code)

    def links_to(self, rel: str, *, through_fallback: bool = True, fragment: str | None = None) -> set[Finding]:
        code = "ST001" if fragment is None else "ST002"
        out = set()
        for page, start, found in self.links():
            target = found.target  # type: ignore[attr-defined]
            if found.status not in ("ok", "anchor") or target is None or target.relpath != rel:  # type: ignore[attr-defined]
                continue
            if target.fallback and not through_fallback:
                continue
            if fragment is not None and (found.status != "ok" or found.fragment != fragment):  # type: ignore[attr-defined]
                continue
            out.add(self.at(page, start, code))
        return out

    def most_linked(self, locale: str, keep: Callable[[Page], bool] = lambda p: True) -> str:
        counts: Counter = Counter()
        for page, _, found in self.links():
            target = found.target  # type: ignore[attr-defined]
            if found.status == "ok" and target is not None and target.relpath != page.relpath and \
                    target.locale == locale and target.markdown and keep(target):
                counts[target.relpath] += 1
        return counts.most_common(1)[0][0]

    def check_change(self, expected_new: set[Finding], touched: set[str]) -> None:
        after = findings(self.root)
        expected_new = {f for f in expected_new if f[0] not in touched}
        assert expected_new, "the mutation must break some link"
        new = {f for f in after - self.before if f[0] not in touched}
        assert new == expected_new
        gone = {f for f in self.before - after if f[0] not in touched}
        assert {f[:3] for f in gone} <= {f[:3] for f in expected_new}, "only findings at the broken links may change"


@pytest.fixture(scope="module", params=sorted(SITES))
def corpus(request, tmp_path_factory) -> Iterator[Corpus]:
    root = _copy(request.param, SITES[request.param], tmp_path_factory.mktemp(request.param))
    yield Corpus(root)


def _counterparts(corpus: Corpus, rel: str) -> set[str]:
    page = corpus.index.pages[rel]
    out = set()
    for locale in corpus.index.config.locales:
        other = corpus.index.counterpart(page, locale)
        if other:
            out.update(p.relpath for p in corpus.index.real(other.rstrip("/") or "/") if p.relpath != rel)
    return out


def test_rename_a_page(corpus):
    rel = corpus.most_linked("en")
    path = corpus.root / rel
    renamed = path.with_name("renamed-" + path.name)
    touched = {rel, renamed.relative_to(corpus.root).as_posix()} | _counterparts(corpus, rel)
    expected = corpus.links_to(rel)
    path.rename(renamed)
    try:
        corpus.check_change(expected, touched)
    finally:
        renamed.rename(path)


def _heading_to_delete(corpus: Corpus) -> tuple[str, str, list[int]]:
    """(page, anchor, 0-based lines to blank) for the most linked-to heading
    whose id is unique on its page: an ATX heading, with its kramdown
    attribute list (`{: #id}` on the next line) when that names the id."""
    counts: Counter = Counter()
    for page, _, found in corpus.links():
        target = found.target  # type: ignore[attr-defined]
        if found.status == "ok" and target is not None and found.fragment and target.markdown:  # type: ignore[attr-defined]
            counts[(target.relpath, found.fragment)] += 1  # type: ignore[attr-defined]
    for (rel, anchor), _ in counts.most_common():
        doc = corpus.doc(rel)
        slug = corpus.index.framework.slugger()
        ids = []
        for h in doc.headings:
            text, explicit = split_explicit_id(heading_text(h))
            ids.append((explicit or slug(text), h))
        lines = doc.text.split("\n")
        hits = [h for s, h in ids if s == anchor]
        later = [s for s, _ in ids if s.startswith(anchor + "-")]
        written = [i for i, line in enumerate(lines) if f"#{anchor}" in line and "{:" in line]
        if anchor in (corpus.index.pages[rel].facts or {}).get("ids", []):
            if len(written) == 1 and lines[written[0] - 1].startswith("#") and not hits:
                return rel, anchor, [written[0] - 1, written[0]]
            continue
        if len(hits) == 1 and not later and not hits[0].setext and not hits[0].nested:
            return rel, anchor, [hits[0].line]
    raise AssertionError("no heading to delete")


def test_delete_a_heading(corpus):
    rel, anchor, blank = _heading_to_delete(corpus)
    path = corpus.root / rel
    original = path.read_bytes()
    lines = original.decode("utf-8").split("\n")
    for line in blank:
        lines[line] = ""  # no line moves
    expected = corpus.links_to(rel, fragment=anchor)
    path.write_text("\n".join(lines), encoding="utf-8")
    try:
        corpus.check_change(expected, set())
    finally:
        path.write_bytes(original)


def test_change_a_slug(corpus):
    rel = corpus.most_linked("en", keep=lambda p: "/_posts/" not in p.relpath)
    path = corpus.root / rel
    original = path.read_bytes()
    key = "slug: en/moved-by-slug" if corpus.index.framework.name == "astro" else "permalink: /en/moved-by-permalink/"
    text = original.decode("utf-8")
    assert text.startswith("---\n")
    expected = corpus.links_to(rel)
    path.write_text("---\n" + key + "\n" + text[4:], encoding="utf-8")
    try:
        corpus.check_change(expected, {rel} | _counterparts(corpus, rel))
    finally:
        path.write_bytes(original)


def test_move_a_page_to_another_locale(corpus):
    untranslated = lambda p: not _counterparts(corpus, p.relpath)  # noqa: E731
    rel = corpus.most_linked("en", keep=untranslated)
    path = corpus.root / rel
    moved_rel = "ja/" + rel[3:] if rel.startswith("en/") else rel.replace("/en/", "/ja/", 1)
    moved = corpus.root / moved_rel
    moved.parent.mkdir(parents=True, exist_ok=True)
    # Links through the Japanese fallback of the page now reach the page itself.
    expected = corpus.links_to(rel, through_fallback=False)
    path.rename(moved)
    try:
        corpus.check_change(expected, {rel, moved_rel})
    finally:
        moved.rename(path)
