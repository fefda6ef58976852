"""SiteIndex.resolve is memoised per link context and URL, and anchors per
(page, anchor): on generated sites of every framework, each link resolves
exactly as an index that never answered a question before resolves it,
whatever order the links are asked in, and after a page's facts change (a
fix) the answers follow the new facts."""
from __future__ import annotations

import copy
import posixpath
import random
from pathlib import Path
from typing import Any, Optional

from hypothesis import example, given, settings, strategies as st

from contentlint.engine.site import build_index, load_site
from contentlint.rules.site.common import SiteSettings
from contentlint.site.index import Resolution, SiteIndex

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "site"
SITES = {"starlight": "astro", "jekyll": "jekyll", "hugo": "hugo", "hugo-hooks": "hugo",
         "docusaurus": "docusaurus", "mkdocs": "mkdocs"}
WORDS = ["Setup", "Install", "Routing", "Setup", "FAQ", "Next steps", "Ünïcode ✓", "setup"]

_BUILT: dict[str, SiteIndex] = {}


def _fixture_index(name: str) -> SiteIndex:
    if name not in _BUILT:
        site = load_site(FIXTURES / name, SITES[name], SiteSettings())
        _BUILT[name] = build_index(site, {}, 1 << 20, None)
    return _BUILT[name]


# Stems the frameworks read: bundle and section indexes, translations by file name (Hugo).
stem = st.one_of(st.text("abcxyz", min_size=1, max_size=5), st.sampled_from(["index", "_index", "a.fr", "a.ja", "b.fr"]))
# A route set in the front matter puts pages of different folders in one route folder.
page_spec = st.tuples(st.integers(0, 50), stem, st.lists(st.sampled_from(WORDS), max_size=4),
                      st.sampled_from([None, "shared/place", "shared/other"]))
link_spec = st.tuples(st.integers(0, 200), st.integers(0, 200), st.sampled_from(
    ["route", "relative", "file", "same", "domain", "missing", "folder", "root-file", "bare"]), st.sampled_from(["", "#", "#x", "#h"]),
    st.booleans())


def _url(index: SiteIndex, source: Any, target: Any, form: str, fragment: str, slash: bool, heading: str) -> str:
    route = target.route or "/"
    frag = "#" + heading if fragment == "#h" else fragment
    if form == "route":
        url = route if slash else route.rstrip("/") or "/"
    elif form == "relative":
        here = source.route or "/"
        folder = here if here.endswith("/") else here.rsplit("/", 1)[0] + "/"
        url = posixpath.relpath(route, folder) + ("/" if slash and route.endswith("/") else "")
    elif form == "file":
        url = posixpath.relpath(target.relpath, posixpath.dirname(source.relpath) or ".")
    elif form == "same":
        url = ""
    elif form == "domain":
        domain = index.config.domains[0] if index.config.domains else "https://example.org"
        url = domain.rstrip("/") + route
    elif form == "root-file":  # Docusaurus reads `/x.md` from the linking file's content folders
        url = "/" + (target.relpath if slash else posixpath.basename(target.relpath))
    elif form == "bare":  # a link hook's content path (Hugo `.GetPage`)
        url = posixpath.splitext(posixpath.basename(target.relpath))[0]
    elif form == "folder":
        url = "../" if slash else "./"
    else:
        url = route.rstrip("/") + "-gone/"
    return url + frag


def _same(found: Resolution, expected: Resolution) -> tuple[Any, ...]:
    def shape(r: Resolution) -> tuple[Any, ...]:
        t = r.target
        return (r.status, r.fragment, r.path, r.suggestion, r.origin,
                None if t is None else (t.relpath, t.route, t.locale, t.fallback, t.origin))
    assert shape(found) == shape(expected)
    return shape(found)


def _site(name: str, extra: list[tuple[int, str, list[str], Optional[str]]]) -> SiteIndex:
    """The fixture's index with generated pages added beside its own Markdown pages."""
    index = copy.deepcopy(_fixture_index(name))
    markdown = sorted(p.relpath for p in index.pages.values() if p.markdown)
    for n, (where, stem, headings, route) in enumerate(extra):
        folder = posixpath.dirname(markdown[where % len(markdown)])
        rel = posixpath.join(folder, f"{stem}.md" if stem in ("index", "_index") or "." in stem else f"{stem}{n}.md")
        if rel not in index.pages:
            front = {} if route is None else {"slug": route, "permalink": f"/{route}/"}
            index.add(rel, front, True, {"h": [[h, None] for h in headings], "l": [], "ids": []})
    return index


@settings(max_examples=60, deadline=None)
# Two pages of different folders (en, ja) at one route: a file link is read from each page's own folder.
@example(name="starlight", extra=[(0, "p", [], "shared/place"), (7, "q", [], "shared/place")],
         links=[(0, 1, "file", "", False)], order=random.Random(0))
@given(name=st.sampled_from(sorted(SITES)), extra=st.lists(page_spec, max_size=6),
       links=st.lists(link_spec, min_size=1, max_size=12), order=st.randoms(use_true_random=False))
def test_memoised_resolution_equals_a_fresh_index(name: str, extra: list[Any], links: list[Any],
                                                   order: random.Random) -> None:
    pristine = _site(name, extra)
    index = copy.deepcopy(pristine)
    pages = sorted((p for p in index.pages.values() if p.markdown), key=lambda p: p.relpath)
    targets = sorted(index.pages.values(), key=lambda p: p.relpath)
    queries = []
    for s, t, form, fragment, slash in links:
        source, target = pages[s % len(pages)], targets[t % len(targets)]
        heading = next((h for h, _ in (target.facts or {}).get("h", [])), "setup").lower().replace(" ", "-")
        queries.append((source.relpath, _url(index, source, target, form, fragment, slash, heading)))
    # Each URL asked from every page, twice, in a shuffled order: a memo filled from one page
    # answers another only where the answer is the same.
    asked = [(p.relpath, url) for _, url in queries for p in pages] * 2
    order.shuffle(asked)
    references: dict[int, SiteIndex] = {}

    def expected(relpath: str, url: str, base: SiteIndex) -> Resolution:
        if id(base) not in references:
            references[id(base)] = copy.deepcopy(base)
        fresh = references[id(base)]
        fresh._anchor_memo.clear()  # every answer worked out from the pages, none remembered
        return fresh.resolve_unmemoised(fresh.pages[relpath], url)

    for relpath, url in asked:
        _same(index.resolve(index.pages[relpath], url), expected(relpath, url, pristine))

    # The rules' view: each page's links in order, resolved once.
    page = pages[0]
    page.facts = {**(page.facts or {}), "l": [[url, 0, 1, 1] for _, url in queries]}
    pristine.pages[page.relpath].facts = copy.deepcopy(page.facts)
    references.clear()
    for (url, _, _, _, found), (_, wanted) in zip(index.links_of(page), queries):
        assert url == wanted
        _same(found, expected(page.relpath, url, pristine))

    # A fix rewrites a page: links into it follow its new headings.
    target = targets[links[0][1] % len(targets)]
    if target.markdown and target.facts is not None:
        new_facts = {**target.facts, "h": [["Renamed heading", None]]}
        index.refresh(target, new_facts)
        pristine.pages[target.relpath].facts = copy.deepcopy(new_facts)
        references.clear()
        for relpath, url in asked:
            _same(index.resolve(index.pages[relpath], url), expected(relpath, url, pristine))


def test_refresh_makes_a_fixed_anchor_resolve() -> None:
    """The fix path: a link to a missing anchor is judged again after the target gains the heading."""
    index = _site("starlight", [])
    page = next(p for p in index.pages.values() if p.markdown and p.route and p.facts is not None)
    first: Optional[Resolution] = index.resolve(page, "#brand-new")
    assert first is not None and first.status == "anchor"
    index.refresh(page, {**(page.facts or {}), "h": [*(page.facts or {}).get("h", []), ["Brand new", None]]})
    assert index.resolve(page, "#brand-new").status == "ok"
