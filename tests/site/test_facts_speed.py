"""The site family's shortcuts (issue 15, speed) answer as the computations they
replace: facts collected with only the scans the site's framework reads give
every page the same anchors, verdicts and links as facts with every scan (on
both shared corpora); the cheap prefilters find what the plain patterns find;
plain JSON facts come back as compressed ones do; Jekyll's permalink templates
fill as the regular expression filled them; the fact cache does not serve
facts collected for another set of scans."""
from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import given, settings, strategies as st

from contentlint.cli import main
from contentlint.document.document import Document
from contentlint.engine import site as engine_site
from contentlint.engine.site import build_index, load_site
from contentlint.site import facts as facts_module
from contentlint.site.facts import ALL_SCANS, facts_of, scans_for
from contentlint.site.frameworks import jekyll
from contentlint.site.index import key as index_key
from contentlint.site.skeleton import scan
from contentlint.violations import pack_facts, unpack_facts
from helpers.strategies import FACTS

CORPORA = Path(os.environ.get("CONTENTLINT_CORPORA", "/work/shared/corpora"))
SITES = {"ruby-lang": ("ruby-lang", "jekyll"), "astro-docs": ("astro-docs", "astro")}


# --- facts with the framework's scans only -------------------------------------------


def _index_facts(site: Any, scans: Any) -> dict[str, dict[str, Any]]:
    skeleton = scan(site.name, site.config)
    hosts = engine_site.site_hosts([site])
    out = {}
    for rel in skeleton.markdown:
        path = os.path.normpath(os.path.join(str(site.root), rel))
        doc = Document.from_bytes(path, Path(path).read_bytes(), abs_path=path)
        if not doc.binary:
            out[path] = facts_of(doc, hosts, scans)
    return out


@pytest.mark.parametrize("name", sorted(SITES))
def test_the_frameworks_scans_give_every_page_what_every_scan_gives(name):
    """Each page's anchors, whether they are all known, and where each of its
    links leads, from an index of facts collected with only the site's scans
    and from one with every scan (the facts collected before)."""
    folder, framework = SITES[name]
    root = CORPORA / folder
    if not root.is_dir():
        pytest.skip("shared corpora not present")
    site = load_site(root, framework, engine_site.SiteSettings())
    scans = scans_for(site.config.options)
    assert scans < ALL_SCANS  # the test compares something
    indexes = [build_index(site, _index_facts(site, s), 1 << 22, None) for s in (scans, None)]
    few, every = indexes
    assert few.pages.keys() == every.pages.keys()
    compared = 0
    for rel, page in every.pages.items():
        other = few.pages[rel]
        if not page.markdown:
            continue
        assert few.anchors(other) == every.anchors(page), rel
        assert few.anchors_known(other) == every.anchors_known(page), rel
        mine = [(u, s, e, x, r.status, r.path, r.suggestion) for u, s, e, x, r in few.links_of(other)]
        theirs = [(u, s, e, x, r.status, r.path, r.suggestion) for u, s, e, x, r in every.links_of(page)]
        assert mine == theirs, rel
        compared += 1
    assert compared > 1000


def test_scans_follow_the_options():
    assert scans_for({}) == frozenset()
    assert scans_for({"kramdown_ial": True, "include_dirs": {"include": ("_includes",), "include_relative": None}}) \
        == {"hi", "liquid"}
    assert scans_for({"attr_list": True, "includes": True, "include_dirs": {"snippet": ()}}) == {"ai", "inc", "snippet"}
    assert scans_for({"definition_term_ids": True, "include_dirs": {"mdx": None}}) == {"dt", "mdx"}


_PIECES = st.sampled_from(["id=", "id =", "name=", "<a ", "<div ", 'id="x"', "name='y'", ">", "{", "}", "{:", "#",
                           "{: #top}", "{#z}", "{ #w .c }", "\n", "\n\n", "# ", "## ", "```\n", " ", "=", "a", "é"])


def _old_ids(doc: Document) -> list[str]:
    """The page's ids as facts_of found them before the one-character prefilters."""
    code, text, ids = doc.code_lines(), doc.text, []
    if "id=" in text or "name=" in text or "id =" in text:
        for m in facts_module._ID_ATTR.finditer(text):
            if doc.lines.line_of(m.start()) not in code:
                value = m.group(1) if m.group(1) is not None else m.group(2)
                if value:
                    ids.append(value)
    if "{:" in text:
        for m in facts_module._BLOCK_IAL.finditer(text):
            if doc.lines.line_of(m.start()) not in code:
                ids.extend(facts_module._IAL_ID.findall(m.group(1)))
    return ids


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=40).map("".join))
def test_the_prefilters_find_what_the_patterns_find(text):
    doc = Document("page.md", text)
    facts = facts_of(doc)
    assert facts["ids"] == _old_ids(doc)
    assert [h for h in facts["h"]] == [
        list(_old_split(facts_module.heading_text(h))) for h in doc.headings]
    assert facts["hi"] == _old_heading_ial_ids(doc)


def _old_split(text: str) -> tuple[str, Any]:
    m = facts_module._EXPLICIT_ID.search(text)
    return (text, None) if m is None else (text[: m.start()], m.group(1))


def _old_heading_ial_ids(doc: Document) -> list[list[Any]]:
    if "{:" not in doc.text:
        return []
    found = []
    for number, heading in enumerate(doc.headings):
        if heading.end_line >= len(doc.lines):
            continue
        m = facts_module._BLOCK_IAL.fullmatch(doc.lines.line_text(heading.end_line))
        ids = facts_module._IAL_ID.findall(m.group(1)) if m is not None else []
        if ids:
            found.append([number, ids[-1]])
    return found


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["http://", "https://", "//", "/", "#", "../", "www.ruby-lang.org", "WWW.Ruby-Lang.ORG",
                                 "docs.astro.build", "@", ":8080", "x", "é", "?", "mailto:", "{{", "~"]),
                max_size=8).map("".join))
def test_the_memoised_link_filter_answers_as_the_filter(url):
    hosts = frozenset({"www.ruby-lang.org", "docs.astro.build"})
    for _ in range(2):  # the second answer comes from the memo
        assert facts_module._wanted(url, hosts) == facts_module._wanted.__wrapped__(url, hosts)


# --- packing ---------------------------------------------------------------------------


@given(FACTS)
def test_plain_facts_come_back_as_compressed_ones(facts):
    """Same values and same types (lists stay lists, bools stay bools): the JSON
    text of what comes back is the same either way."""
    plain, packed = unpack_facts(pack_facts(facts, compress=False)), unpack_facts(pack_facts(facts, compress=True))
    assert plain == packed == facts
    assert json.dumps(plain) == json.dumps(packed) == json.dumps(facts)


def _small_jekyll_site(root: Path) -> Path:
    root.mkdir()
    (root / "_config.yml").write_text("title: A site\nurl: https://example.org\n", encoding="utf-8")
    (root / "_posts").mkdir()
    (root / "_posts" / "2020-01-02-hello.md").write_text(
        "---\ntitle: Hello\n---\n\n## Part one\n\nSee [two](/b/#part-two), [gone](/gone/) and "
        "[self](https://example.org/2020/01/02/hello.html#part-1).\n", encoding="utf-8")
    (root / "b.md").write_text("---\ntitle: B\npermalink: /b/\n---\n\n## Part 2\n\n[Hello](/2020/01/02/hello.html#part-one)"
                               " [bad](/2020/01/02/hello.html#nope)\n", encoding="utf-8")
    return root


def test_a_run_reports_the_same_with_compressed_and_plain_facts(tmp_path, monkeypatch):
    """Runs of fewer than COMPRESS_FACTS_FROM files in sites keep their facts
    as plain JSON; a run over more compresses them: the report is the same."""
    site = _small_jekyll_site(tmp_path / "site")
    reports = []
    for threshold in (10**9, 0):
        monkeypatch.setattr(engine_site, "COMPRESS_FACTS_FROM", threshold)
        for jobs in ("1", "2"):
            out = CliRunner().invoke(main, ["check", "--no-cache", "--isolated", "--jobs", jobs, "--format", "json",
                                            str(site)])
            assert out.exit_code == 1, out.output
            reports.append(out.output)
    assert {f["code"] for f in json.loads(reports[0])} >= {"ST001", "ST002"}
    assert len(set(reports)) == 1


# --- Jekyll's permalinks --------------------------------------------------------------


def _old_fill(template: str, values: dict[str, str]) -> str:
    filled = re.sub(r":([a-z_]+)", lambda m: values.get(m.group(1), m.group()), template)
    return "/" + "/".join(p for p in filled.split("/") if p) + ("/" if filled.endswith("/") else "")


@given(st.lists(st.sampled_from([":year", ":month", ":title", ":categories", ":output_ext", ":unknown", ":Title",
                                 "/", "//", "-", ":", "::", "x", "é", ".html", ":y_day"]), max_size=12).map("".join),
       st.dictionaries(st.sampled_from(["year", "month", "title", "categories", "output_ext", "y_day"]),
                       st.sampled_from(["", "2020", "a/b", ":title", "x y", "/"])))
def test_permalink_templates_fill_as_the_pattern_filled_them(template, values):
    assert jekyll.Jekyll._fill(template, values) == _old_fill(template, values)


# --- the fact cache ---------------------------------------------------------------------


def test_cached_facts_of_other_scans_are_not_used(tmp_path, monkeypatch):
    """Facts cached while the MkDocs site did not use attr_list hold no ids of
    attribute lists; once mkdocs.yml turns attr_list on, the page must be read
    again (its `{ #note }` is then an anchor), not served from the cache."""
    root = tmp_path / "site"
    (root / "docs").mkdir(parents=True)
    (root / "mkdocs.yml").write_text("site_name: S\n", encoding="utf-8")
    (root / "docs" / "index.md").write_text("# Home\n\nSee [the note](target.md#note).\n", encoding="utf-8")
    (root / "docs" / "target.md").write_text("# Target\n\n**Note**{ #note } text.\n", encoding="utf-8")
    for page in (root / "docs").iterdir():
        os.utime(page, (1_600_000_000, 1_600_000_000))  # not just written: the cache trusts its stat
    monkeypatch.chdir(tmp_path)

    def codes() -> list[str]:
        out = CliRunner().invoke(main, ["check", "--isolated", "--jobs", "1", "--format", "json", "site/docs/index.md"])
        return [f["code"] for f in json.loads(out.output)]

    assert "ST002" in codes()  # no attr_list: `{ #note }` is text, the anchor is missing
    (root / "mkdocs.yml").write_text("site_name: S\nmarkdown_extensions:\n  - attr_list\n", encoding="utf-8")
    assert "ST002" not in codes()


# --- the index ------------------------------------------------------------------------


def _old_locale_prefix(index: Any, locale: str) -> str:
    base = index_key(index.config.base).rstrip("/")
    folder = base + "/" + locale
    routes = [index_key(p.route) for p in index.pages.values()
              if p.locale == locale and p.route is not None and "[" not in p.route]
    at_root = bool(routes) and not any(r == folder or r.startswith(folder + "/") for r in routes)
    return base if at_root else folder


@pytest.mark.parametrize("name", sorted(SITES))
def test_packed_facts_build_the_index_unpacked_ones_build(name):
    """The site phase hands build_index each page's packed facts (unpacked as the
    page is added); the index is the one built from unpacked facts: the same
    pages, routes, locales and facts. Each locale's prefix, from the routes
    grouped once, is the one worked out from every page for each locale."""
    folder, framework = SITES[name]
    root = CORPORA / folder
    if not root.is_dir():
        pytest.skip("shared corpora not present")
    site = load_site(root, framework, engine_site.SiteSettings())
    facts = _index_facts(site, scans_for(site.config.options))
    sample = dict(list(facts.items())[::7])  # the others are read from the files
    packed = build_index(site, {p: pack_facts(f, compress=False) for p, f in sample.items()}, 1 << 22, None)
    plain = build_index(site, sample, 1 << 22, None)
    assert packed.pages.keys() == plain.pages.keys()
    for rel, page in plain.pages.items():
        other = packed.pages[rel]
        assert (other.route, other.locale, other.aliases, other.facts) == (page.route, page.locale, page.aliases,
                                                                          page.facts), rel
    locales = {p.locale for p in plain.pages.values() if p.locale is not None}
    assert len(locales) > 5
    for locale in sorted(locales):
        assert packed.locale_prefix(locale) == _old_locale_prefix(plain, locale)


def test_the_site_phase_puts_the_collector_back(tmp_path):
    """The site phase freezes what exists and runs the collector less often;
    a process that goes on (an editor, the Python API) gets both back."""
    import gc

    site = _small_jekyll_site(tmp_path / "site")
    before = gc.get_threshold()
    out = CliRunner().invoke(main, ["check", "--no-cache", "--isolated", "--jobs", "1", "--format", "json", str(site)])
    assert {f["code"] for f in json.loads(out.output)} >= {"ST001"}
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0


# --- findings at the route key ------------------------------------------------------------


@pytest.mark.parametrize("front", [
    "permalink: /x/\ntitle: A",
    "title: A\nlayout: page\npermalink: /x/",
    "title: A\nurl: /elsewhere/\npermalink: '/x/'",
    "# a comment\ntitle: |\n  A\n  B\npermalink: /x/\npermalink: /x/",
])
def test_a_duplicate_route_is_reported_at_the_route_key(tmp_path, front):
    """The span of ST004 is worked out from the file when it is reported; it is
    the one the facts used to carry (the key's span, the last duplicate's)."""
    root = tmp_path / "site"
    root.mkdir()
    (root / "_config.yml").write_text("title: S\n", encoding="utf-8")
    (root / "_posts").mkdir()
    text = f"---\n{front}\n---\n\nText.\n"
    (root / "a.md").write_text(text, encoding="utf-8")
    (root / "b.md").write_text("---\npermalink: /x/\n---\n", encoding="utf-8")
    out = CliRunner().invoke(main, ["check", "--no-cache", "--isolated", "--jobs", "1", "--format", "json",
                                    "--select", "ST004", str(root / "a.md")])
    found = [f for f in json.loads(out.output) if f["code"] == "ST004"]
    assert len(found) == 1, out.output
    doc = Document("a.md", text)
    start, end = facts_module.route_key_span(doc)
    assert (start, end) == (text.rindex("permalink"), text.rindex("permalink") + len("permalink"))
    assert (found[0]["line"], found[0]["column"]) == doc.position(start)
    assert (found[0]["end_line"], found[0]["end_column"]) == doc.position(end)


# --- one reading of Jekyll's _config.yml ------------------------------------------------------


def test_jekylls_config_is_parsed_once_per_run(tmp_path, monkeypatch):
    """The framework detection (config/frameworks.py) and the site's config
    (site/frameworks/jekyll.py) each parsed `_config.yml`; now one reading
    serves both, and both still see its settings (the collection it names,
    its permalink style)."""
    import yaml

    root = tmp_path / "site"
    root.mkdir()
    (root / "_config.yml").write_text("title: Counted\npermalink: /:title/\ncollections:\n  recipes: {}\n",
                                      encoding="utf-8")
    (root / "_posts").mkdir()
    (root / "_recipes").mkdir()
    (root / "a.md").write_text("---\ntitle: A\n---\n\n[hi](/hi/) [dated](/2020/01/02/hi/)\n", encoding="utf-8")
    (root / "_posts" / "2020-01-02-hi.md").write_text("---\ntitle: Hi\n---\n", encoding="utf-8")
    parsed = []
    real = yaml.load

    def counting(stream, *args, **kwargs):
        if isinstance(stream, str) and "title: Counted" in stream:
            parsed.append(stream)
        return real(stream, *args, **kwargs)

    monkeypatch.setattr(yaml, "load", counting)
    out = CliRunner().invoke(main, ["check", "--no-cache", "--isolated", "--jobs", "1", "--format", "json", str(root)])
    findings = json.loads(out.output)
    # The config's permalink template: the post is at /hi/, not at its date.
    assert [f["message"].split("`")[1] for f in findings if f["code"] == "ST001"] == ["/2020/01/02/hi/"]
    assert len(parsed) == 1
    from contentlint.config.frameworks import detect

    found, _ = detect(root)
    assert found is not None and "recipes" in [c.name for c in found.collections]


# --- rules that find only at links -----------------------------------------------------------


@pytest.mark.parametrize("name", sorted(SITES))
def test_rules_marked_links_only_find_nothing_on_a_page_without_links(name):
    """The site phase skips a `links_only` rule on a page whose facts hold no
    link: asked anyway, on every such page of the corpora, it finds nothing."""
    from contentlint.config.catalogue import all_rules
    from contentlint.rules.site.common import SiteRule

    folder, framework = SITES[name]
    root = CORPORA / folder
    if not root.is_dir():
        pytest.skip("shared corpora not present")
    site = load_site(root, framework, engine_site.SiteSettings())
    index = build_index(site, {}, 1 << 22, None)
    rules = [r for r in all_rules() if isinstance(r, type) and issubclass(r, SiteRule) and r.links_only]
    assert {r.code for r in rules} == {"ST001", "ST002", "ST003"}
    linkless = [p for p in index.pages.values() if p.markdown and not (p.facts or {}).get("l")]
    assert len(linkless) > 500
    for page in linkless:
        for rule in rules:
            assert list(rule().check_site(page, index)) == [], (rule.code, page.relpath)
