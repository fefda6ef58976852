"""The engine's side of the site phase: after the per-file phase, build the
index of each site the checked files belong to (from the facts each file
yielded, or cached facts, so unchanged files are not parsed again) and run the
site rules (ST) over the checked files. Site findings are never cached: they
depend on other files, so they are computed again every run, from facts.
"""
from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Mapping, Optional
from urllib.parse import urlsplit

from ..config.catalogue import get_rule
from ..config.frameworks import detect
from ..config.loader import Config
from ..document.document import Document, FileTooLarge, NotRegularFile, read_regular_file
from ..errors import ConfigError
from ..registry import Rule
from ..rules.site.common import AT_ROUTE_KEY, SiteRule, SiteSettings
from ..rules.site.redirect_missing import RedirectMissing
from ..site.facts import FACTS_VERSION, facts_of, route_key_span, scans_for
from ..site.frameworks.base import Framework, SiteConfig
from ..site.frameworks.registry import FRAMEWORKS
from ..site.index import Page, SiteIndex
from ..site.roots import FileSite, SiteAssets, site_assets, within
from ..site.skeleton import scan
from ..violations import FileResult, Finding, RunResult, Violation, unpack_facts
from .cache import FactCache
from .fixes import applicable, apply_fixes
from .lint import Settings, check_source
from .pool import collector_for_a_phase
from .writer import FileStamp, WriteError, write_atomic
from .files import SourceFile
from .directives import parse_directives

SITE_PREFIX = "ST"


@dataclass
class Site:
    root: Path
    name: str
    framework: Framework
    config: SiteConfig
    settings: SiteSettings  # the `[site]` table that applies


def site_codes(config: Config, relpath: str) -> list[type[SiteRule]]:
    return list(_site_rules(config.rules_for(relpath)))


@lru_cache(maxsize=64)
def _site_rules(rules: tuple[type[Rule], ...]) -> tuple[type[SiteRule], ...]:
    # Most files share one rule set: filtered once, not once per file.
    return tuple(r for r in rules if r.code.startswith(SITE_PREFIX) and issubclass(r, SiteRule))


# Names one of the detectors in config/frameworks.py needs before it can match:
# a folder holding none of them is no site's root, and is judged from one listing.
_MARKER_NAMES = frozenset({"docfx.json", ".openpublishing.publish.config.json", "config", "content",
                           "mkdocs.yml", "mkdocs.yaml", "_config.yml", "_config.yaml", "_config.toml"})
_MARKER_PREFIXES = ("astro.config.", "docusaurus.config.", "hugo.", "config.")

Listing = dict[str, Optional[frozenset[str]]]


def _names(folder: str, listing: Listing) -> Optional[frozenset[str]]:
    """The entry names of ``folder`` that the search for a site looks at (the
    markers and ``.git``), listed once per run (None: unreadable). Only those
    are kept: every name of every folder was 26 MB at the start of a
    100,000-file run, memory the process then kept."""
    if folder not in listing:
        try:
            with os.scandir(folder) as entries:
                listing[folder] = frozenset(e.name for e in entries if _kept_name(e.name))
        except OSError:
            listing[folder] = None
    return listing[folder]


def _is_marker(name: str) -> bool:
    """A name that may make its folder a site's root (a framework's config file or folder)."""
    return name in _MARKER_NAMES or name.startswith(_MARKER_PREFIXES)


def _kept_name(name: str) -> bool:
    return name == ".git" or _is_marker(name)


def _may_be_site(names: Optional[frozenset[str]]) -> bool:
    return names is None or any(_is_marker(n) for n in names)


def _detect_at(folder: Path, wanted: Optional[str], listing: Optional[Listing] = None) -> Optional[str]:
    if listing is not None and not _may_be_site(_names(str(folder), listing)):
        return None
    if wanted not in (None, "auto"):
        found, _ = detect(folder, wanted) if wanted in FRAMEWORKS else (None, [])
        return wanted if found is not None else None
    found, _ = detect(folder)
    if found is not None and found.framework in FRAMEWORKS:
        return found.framework
    return None


def find_site(start: Path, config: Config, memo: dict[str, Optional[tuple[Path, str]]],
              listing: Optional[Listing] = None) -> Optional[tuple[Path, str]]:
    """The site holding ``start`` (a folder): `[site] root` when set, else the
    nearest folder at or above ``start`` whose framework files are there.
    ``memo`` keeps each folder's answer and ``listing`` each folder's names
    for the run, so a folder is listed once however many files it holds."""
    table = config.family(SiteSettings)
    wanted = table.framework
    if wanted == "none":
        return None
    if table.root is not None:
        root = (Path(config.root) / table.root).resolve()
        name = _detect_at(root, wanted) if wanted in (None, "auto") else wanted
        return (root, name) if name in FRAMEWORKS else None
    listing = {} if listing is None else listing
    bounds = _bounds(config)
    folder = start
    visited = []
    while True:
        if str(folder) in memo:
            found = memo[str(folder)]
            break
        visited.append(str(folder))
        name = _detect_at(folder, wanted, listing)
        if name is not None:
            found = (folder, name)
            break
        if folder.parent == folder or _stops_search(folder, bounds, listing):
            found = None
            break
        folder = folder.parent
    for path in visited:
        memo[path] = found
    return found


def _bounds(config: Config) -> tuple[Path, ...]:
    cwd = Path(os.path.abspath(os.getcwd()))
    return (cwd, Path(os.path.abspath(config.root))) if config.path is not None else (cwd,)


def _stops_search(folder: Path, bounds: tuple[Path, ...], listing: Listing) -> bool:
    """A site is never looked for above the project the user is in: the walk
    up stops at a repository's root, at the folder of the configuration file
    that governs the file, and at the current folder (nothing above them is
    read, and a stray `_config.yml` in a parent folder does not make a
    project part of someone else's site)."""
    if folder in bounds:
        return True
    names = _names(str(folder), listing)
    return (folder / ".git").exists() if names is None else ".git" in names


def load_site(root: Path, name: str, table: SiteSettings) -> Site:
    framework = FRAMEWORKS[name]
    cfg = framework.load_config(root)
    changes: dict[str, Any] = {}
    if table.base is not None:
        changes["base"] = "/" + table.base.strip("/") + ("/" if table.base.strip("/") else "")
    if table.default_locale is not None:
        changes["default_locale"] = table.default_locale
    if table.domains is not None:
        changes["domains"] = tuple(d.rstrip("/") for d in table.domains)
    if table.redirects is not None:
        changes["redirects"] = {**cfg.redirects, **table.redirects}
    if table.translations is not None:
        changes["options"] = {**cfg.options, "fallback": table.translations == "mirror"}
    if changes:
        cfg = SiteConfig(**{**cfg.__dict__, **changes})
    return Site(root, name, framework, cfg, table)


def load_site_for(found: tuple[Path, str], config: Config) -> Site:
    return load_site(found[0], found[1], config.family(SiteSettings))


class SiteMemo:
    """What the run learns about folders while it looks for sites: each
    folder's site and names, and each site loaded once."""

    def __init__(self) -> None:
        self.found: dict[str, Optional[tuple[Path, str]]] = {}
        self.listing: Listing = {}
        self.loaded: dict[tuple[str, str], Site] = {}

        self.by_folder: dict[tuple[str, int], Optional[Site]] = {}
        self.real: dict[str, str] = {}  # real paths of project roots ("": the current folder)
        self.assets: dict[str, SiteAssets] = {}

    def site(self, folder: str, config: Config) -> Optional[Site]:
        """The site of a folder (absolute), once per folder and configuration."""
        key = (folder, id(config))
        if key in self.by_folder:
            return self.by_folder[key]
        found = find_site(Path(folder), config, self.found, self.listing)
        site = None
        if found is not None:
            loaded = (str(found[0]), found[1])
            if loaded not in self.loaded:
                self.loaded[loaded] = load_site(found[0], found[1], config.family(SiteSettings))
            site = self.loaded[loaded]
        self.by_folder[key] = site
        return site


def sites_of(pairs: list[tuple[SourceFile, Config]], memo: Optional[SiteMemo] = None) -> dict[int, Site]:
    """The site of each checked file (by index in ``pairs``) that has a site rule enabled."""
    memo = SiteMemo() if memo is None else memo
    out: dict[int, Site] = {}
    for i, (source, config) in enumerate(pairs):
        if source.outside is not None or not site_codes(config, source.relpath):
            continue
        site = memo.site(os.path.dirname(os.path.abspath(source.abs_path)), config)
        if site is not None:
            out[i] = site
    return out


def file_sites(pairs: list[tuple[SourceFile, Config]], memo: SiteMemo) -> dict[str, FileSite]:
    """For each folder holding a checked file: its real path, the folder no
    local image path may leave and its site's asset roots (LK003), worked
    out once per folder instead of once per file."""
    out: dict[str, FileSite] = {}
    for source, config in pairs:
        folder = os.path.dirname(os.path.abspath(source.abs_path))
        if folder not in out:
            out[folder] = file_site(folder, config, memo, source.outside is None)
    return out


def file_site(folder: str, config: Config, memo: SiteMemo, in_site: bool = True) -> FileSite:
    """LK003's view of one folder (absolute): see ``file_sites``."""
    root = str(config.root)
    if root not in memo.real:
        memo.real[root] = os.path.realpath(root)
    if "" not in memo.real:
        memo.real[""] = os.path.realpath(os.getcwd())
    # Bundlers resolve a post's relative paths from its real location.
    folder_real = os.path.realpath(folder)
    site = memo.site(folder, config) if in_site else None
    assets = None
    if site is not None:
        key = str(site.root)
        if key not in memo.assets:
            memo.assets[key] = site_assets(site.name, site.config)
        assets = memo.assets[key]
    boundary = next((b for b in (memo.real[root], memo.real[""]) if within(folder_real, b)), None)
    if boundary is None:
        boundary = os.path.realpath(site.root) if site is not None else _repository(Path(folder_real), memo)
    return FileSite(folder_real, boundary, assets)


def _repository(folder: Path, memo: SiteMemo) -> str:
    """The repository holding a folder outside the project, else the folder itself."""
    for candidate in (folder, *folder.parents):
        names = _names(str(candidate), memo.listing)
        if names is not None and ".git" in names:
            return str(candidate)
    return str(folder)


def site_hosts(sites: Iterable[Site]) -> frozenset[str]:
    """The hosts of the sites' own URLs: links to them are kept in the facts."""
    return frozenset(urlsplit(d).netloc.lower() for s in sites for d in s.config.domains if urlsplit(d).netloc)


# From how many files with a site on the facts wait compressed for the site phase:
# they are half the size then (0.17 kB a file on ruby-lang, 0.31 on astro-docs,
# against 0.34 and 0.69 as plain JSON), but packing and unpacking them cost
# about as much as collecting them. Below, the difference is 4 MB at most.
COMPRESS_FACTS_FROM = 10_000


def facts_compressed(files: int) -> bool:
    """Whether a run with ``files`` files in sites keeps their facts compressed."""
    return files >= COMPRESS_FACTS_FROM


def site_scans(sites: Iterable[Site]) -> frozenset[str]:
    """The optional fact scans any of the sites reads (site/facts.py): the
    facts of a run over several sites serve each of them."""
    return frozenset().union(*(scans_for(s.config.options) for s in sites))


def _read_facts(abs_path: str, max_size: int, hosts: frozenset[str],
                scans: frozenset[str]) -> Optional[dict[str, Any]]:
    try:
        _, raw = read_regular_file(abs_path, max_size)
    except (OSError, NotRegularFile, FileTooLarge):
        return None
    doc = Document.from_bytes(abs_path, raw, abs_path=abs_path)
    if doc.binary:
        return None
    return facts_of(doc, hosts, scans)


def build_index(site: Site, fresh: Mapping[str, "dict[str, Any] | bytes"], max_size: int, cache_root: Optional[Path],
                hosts: Optional[frozenset[str]] = None) -> SiteIndex:
    """The index of ``site``: facts from this run (``fresh``, by absolute
    path, maybe packed: each is unpacked as its page is added, so the index
    holds the only copy), else the fact cache (in the project root's cache
    folder, like the result cache: never inside a site that is only read),
    else read and parsed now (then cached)."""
    hosts = site_hosts([site]) if hosts is None else hosts
    skeleton = scan(site.name, site.config)
    index = SiteIndex(site.framework, site.config, skeleton)
    # The hosts the facts kept links to are part of each entry (a run over two sites keeps
    # the links to both sites' hosts).
    # Which optional facts were looked for is part of the cache's version: a site whose
    # config now reads another (MkDocs' attr_list turned on) collects its facts again.
    scans = scans_for(site.config.options)
    version = f"{FACTS_VERSION}:{','.join(sorted(scans))}"
    cache = FactCache.open(cache_root, version, str(site.root)) if cache_root is not None else None
    hosts_key = sorted(hosts)
    routes_key = _routes_key(site)
    kept = set()
    prefix = str(site.root) + os.sep
    for rel in skeleton.markdown:
        abs_path = prefix + rel.replace("/", os.sep)
        if rel.startswith("../"):  # a content folder beside the root: the path this run's facts are under
            abs_path = os.path.normpath(abs_path)
        given = fresh.get(abs_path)
        facts = unpack_facts(given) if isinstance(given, bytes) else given
        st = None
        if facts is None or cache is not None:
            try:
                st = os.stat(abs_path)
            except OSError:
                continue
        if facts is None and cache is not None and st is not None:
            facts = cache.get(abs_path, st)
            if facts is not None and facts.get("hosts") != hosts_key:
                facts = None
        if facts is None:
            facts = _read_facts(abs_path, max_size, hosts, scans)
            if facts is None:
                continue
        known = facts.get("route")
        if isinstance(known, list) and len(known) == 4 and known[0] == routes_key:
            index.add_known(rel, facts, known[1], known[2], tuple(known[3]))
        else:
            page = index.add(rel, facts.get("fm") or {}, True, facts)
            # Routes depend on the page's front matter and the site's config: kept with the facts
            # under the config's key, so a warm run does not compute 5,000 routes again.
            known = [routes_key, page.route, page.locale, list(page.aliases)]
            if isinstance(given, bytes):  # unpacked here: this dict is the page's own
                facts["route"], facts["hosts"] = known, hosts_key
            else:
                facts = {**facts, "route": known, "hosts": hosts_key}
                page.facts = facts
        if cache is not None and st is not None:
            cache.put(abs_path, st, facts)
            kept.add(abs_path)
    for rel, frontmatter in skeleton.pages.items():
        index.add(rel, frontmatter, False)
    index.finish()
    if cache is not None:
        cache.save(kept, prefix)
    return index


def _routes_key(site: Site) -> str:
    cfg = site.config
    payload = [site.name, cfg.content_dir, cfg.base, cfg.trailing_slash, cfg.default_locale, list(cfg.locales),
               sorted(cfg.options.items(), key=lambda kv: kv[0])]
    return hashlib.blake2b(json.dumps(payload, default=_plain).encode(), digest_size=8).hexdigest()


def _plain(value: Any) -> Any:
    """JSON for the options' sets (Hugo's bundle folders), in one order: `str()` of a
    set follows string hashing, which differs between processes."""
    if isinstance(value, (set, frozenset)):
        return sorted(map(str, value))
    return str(value)


def _violation(doc: Document, rule: type[Rule], config: Config, finding: Finding) -> Violation:
    size = len(doc.text)
    start = max(0, min(finding.start, size))
    end = max(start, min(finding.end, size))
    line, col = doc.position(start)
    end_line, end_col = doc.position(end)
    return Violation(doc.path, rule.code, rule.name, config.severity(rule), finding.message, line, col, end_line,
                     end_col, finding.fix, doc.lines.line_text(line - 1), start, end)


def _site_findings(rules: Iterable[type[SiteRule]], page: Page, index: SiteIndex,
                   crashed: list[str]) -> list[tuple[type[Rule], Finding]]:
    """What the site rules find on ``page``; a crashing rule is a CL999 finding."""
    out: list[tuple[type[Rule], Finding]] = []
    linkless = not (page.facts or {}).get("l")
    for rule in rules:
        if linkless and rule.links_only:
            continue  # most pages of a site link nowhere inside it
        try:
            out.extend((rule, finding) for finding in rule().check_site(page, index))
        except Exception as exc:  # a crashing rule becomes a finding; the run goes on
            crashed.append(rule.code)
            out.append((_rule("CL999"), Finding(0, 0, f"Rule {rule.code} `{rule.name}` crashed: {type(exc).__name__}: {exc}")))
    return out


def _page_findings(doc: Document, found: list[tuple[type[Rule], Finding]], config: Config) -> list[Violation]:
    """The site findings as violations of ``doc``, after its suppression comments;
    those at the page's route key (AT_ROUTE_KEY) placed there."""
    at_key: Optional[list[int]] = None
    out = []
    for rule, finding in found:
        if finding.start == AT_ROUTE_KEY:
            at_key = route_key_span(doc) if at_key is None else at_key
            finding = replace(finding, start=at_key[0], end=at_key[1])
        out.append(_violation(doc, rule, config, finding))
    directives = parse_directives(doc)
    if directives:
        out = [v for v in out if v.code == "CL999" or not directives.suppressing(_rule(v.code), v.line - 1)]
    return out


def _rule(code: str) -> type[Rule]:
    rule = get_rule(code)
    assert rule is not None, code  # the engine's own and the site rules are always registered
    return rule


def site_phase(result: RunResult, pairs: list[tuple[SourceFile, Config]], sites: dict[int, Site],
               settings: Settings) -> None:
    """Add the site findings to the checked files' results (``result.files``
    is in the order of ``pairs``), and the snapshot's findings. With --fix,
    the site findings' fixes are written and the file is checked again."""
    if not sites:
        return
    # Every file's result lives until the report: frozen, the collector does
    # not scan it again while the index makes its tens of thousands of
    # containers (on ruby-lang its scans took a third of the site phase's CPU).
    with collector_for_a_phase():
        _site_phase(result, pairs, sites, settings)


def _site_phase(result: RunResult, pairs: list[tuple[SourceFile, Config]], sites: dict[int, Site],
                settings: Settings) -> None:
    use_cache = not settings.no_cache
    by_site: dict[str, list[int]] = {}
    for i, site in sites.items():
        by_site.setdefault(str(site.root), []).append(i)
    for indices in by_site.values():
        site = sites[indices[0]]
        fresh: dict[str, bytes] = {}
        for i in indices:
            packed = result.files[i].packed_facts
            if packed is not None:
                fresh[os.path.abspath(pairs[i][0].abs_path)] = packed
        first = pairs[indices[0]][1]
        index = build_index(site, fresh, first.max_file_size, Path(first.root) if use_cache else None,
                            settings.site_hosts)
        prefix = str(site.root).rstrip(os.sep) + os.sep
        for i in indices:
            source, config = pairs[i]
            # A content folder may sit beside the site's root (Docusaurus `path: '../docs'`):
            # its pages are listed as `../docs/...`.
            abs_path = os.path.abspath(source.abs_path)
            rel = (abs_path[len(prefix):] if abs_path.startswith(prefix)
                   else os.path.relpath(abs_path, site.root)).replace(os.sep, "/")
            page = index.pages.get(rel)
            if page is None:
                continue
            rules = [r for r in site_codes(config, source.relpath) if r is not RedirectMissing]
            if not rules:
                continue
            crashed: list[str] = []
            raw_found = _site_findings(rules, page, index, crashed)
            result.internal_errors += len(crashed)
            if not raw_found:
                continue  # most pages: the file is not read again (a warm run reads no page at all)
            read = _document(source, config)
            if read is None:
                continue
            doc, stamp = read
            found = _page_findings(doc, raw_found, config)
            if found and settings.fix and not settings.diff and not crashed:
                fixed = _write_fixes(doc, stamp, found, settings)
                if fixed:
                    again, n_crashed, _ = check_source(source, config, replace(settings, site_hosts=site_hosts([sites[i]])))
                    again.fixes_applied += result.files[i].fixes_applied + fixed
                    again.written = True
                    result.files[i] = again
                    result.internal_errors += n_crashed
                    index.refresh(page, again.facts)
                    read = _document(source, config)
                    if read is None:
                        continue
                    doc = read[0]
                    found = _page_findings(doc, _site_findings(rules, page, index, crashed), config)
            if found:
                file_result = result.files[i]
                file_result.violations = sorted(file_result.violations + found, key=lambda v: (v.line, v.column, v.code))
        snapshot = site.settings.snapshot
        if snapshot and any(r is RedirectMissing for r in site_codes(first, pairs[indices[0]][0].relpath)):
            _snapshot_findings(result, Path(first.root) / str(snapshot), index, first)
        # One site's index (every page's facts) at a time: the next site's is built
        # after this one is gone, not beside it.
        del index, fresh


def _document(source: SourceFile, config: Config) -> Optional[tuple[Document, FileStamp]]:
    try:
        st, raw = read_regular_file(source.real_path or source.abs_path, config.max_file_size)
    except (OSError, NotRegularFile, FileTooLarge):
        return None
    doc = Document.from_bytes(source.path, raw, abs_path=source.abs_path)
    return None if doc.binary else (doc, FileStamp.of(st, raw))


def _write_fixes(doc: Document, stamp: FileStamp, found: list[Violation], settings: Settings) -> int:
    """Write the applicable fixes of the site findings; the number written (0 when the file changed meanwhile)."""
    fixes = [v.fix for v in found if v.fix is not None and applicable(v.fix, unsafe=settings.unsafe_fixes)]
    if not fixes or doc.abs_path is None:
        return 0
    new_text, done = apply_fixes(doc.text, fixes)
    if new_text == doc.text or doc.encode() != stamp.content:
        return 0  # nothing to do, or a file that would not round-trip (see engine/lint.py)
    try:
        write_atomic(doc.abs_path, doc.encode(new_text), expected=stamp)
    except WriteError:
        return 0
    return len(done)


# --- the routes snapshot ------------------------------------------------------------


def snapshot_text(index: SiteIndex) -> str:
    """One JSON object per line (route, file, locale), so a finding can point at a route's line."""
    rows = sorted((index.shown_route(p) or "", p.relpath, p.locale) for p in index.pages.values()
                  if p.route is not None and "[" not in p.route)
    lines = [json.dumps({"route": r, "file": f, "locale": loc}, ensure_ascii=False) for r, f, loc in rows]
    return "\n".join(lines) + "\n"


def read_snapshot(text: str) -> list[tuple[int, int, dict[str, Any]]]:
    entries = []
    offset = 0
    for line in text.splitlines(keepends=True):
        stripped = line.strip()
        if stripped and not stripped.startswith("#"):
            try:
                entry = json.loads(stripped)
            except ValueError:
                entry = None
            if isinstance(entry, dict):
                start = offset + len(line) - len(line.lstrip())
                entries.append((start, start + len(stripped), entry))
        offset += len(line)
    return entries


def _snapshot_findings(result: RunResult, path: Path, index: SiteIndex, config: Config) -> None:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read the routes snapshot `{path}`: {exc}") from exc
    doc = Document(os.path.relpath(path), text)
    rule = RedirectMissing
    found = [_violation(doc, rule, config, f) for f in rule().check_routes(read_snapshot(text), index)]
    if found:
        result.files.append(FileResult(path=doc.path, violations=found))
