"""Lint one document: run the selected rules, apply fixes until settled, read and write the file."""
from __future__ import annotations

import os
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any, Optional

from ..config.loader import Config, ConfigError
from .cache import content_hash, dependencies_unchanged, from_previous
from .diff import unified_diff
from .suppressions import apply_directives
from .files import SourceFile
from ..document.document import Document, FileTooLarge, NotRegularFile, read_regular_file
from .network import collect_file_urls
from .fixes import MAX_PASSES, applicable, apply_fixes
from ..schema import store as schema_store
from ..registry import FileContext, Rule, RuleContext, RuleOptions, matches
from ..config.catalogue import all_rules, get_rule
from ..net.settings import network_on
from ..site.facts import facts_of
from ..site.roots import FileSite
from ..rules.site.common import SiteRule
from ..violations import FileResult, Finding, Severity, Violation
from .writer import FileStamp, WriteError, write_atomic


@dataclass
class Settings:
    """What the command line asks of one run (the click layer fills it)."""

    fix: bool = False
    unsafe_fixes: bool = False
    diff: bool = False
    stdin_filename: Optional[str] = None
    schema: Optional[str] = None  # --schema PATH|builtin:NAME for every file
    network: bool = False  # --network (URL reachability)
    no_cache: bool = False  # --no-cache
    jobs: Optional[int] = None  # worker processes; None: one per CPU
    verbose: bool = False
    url_results: Optional[dict[str, Any]] = None  # network phase: URL -> netcheck outcome (LK rules read it)
    # A site was recognised: collect each file's site facts (engine/site.py),
    # keeping links to these hosts (the sites' own domains) besides local ones.
    site_hosts: Optional[frozenset[str]] = None
    # Whether the facts are compressed while they wait for the site phase (engine/site.py facts_compressed).
    compress_facts: bool = True
    # The optional fact scans the sites read (site/facts.py scans_for); None: every scan.
    site_scans: Optional[frozenset[str]] = None
    # Each checked file's folder -> its site as local image paths see it (site/roots.py FileSite).
    file_sites: Optional[dict[str, FileSite]] = None


def _violation(doc: Document, rule: type[Rule], severity: Severity, finding: Finding) -> Violation:
    size = len(doc.text)
    start = max(0, min(finding.start, size))
    end = max(start, min(finding.end, size))
    line, col = doc.position(start)
    end_line, end_col = doc.position(end)
    return Violation(
        path=doc.path,
        code=rule.code,
        name=rule.name,
        severity=severity,
        message=finding.message,
        line=line,
        column=col,
        end_line=end_line,
        end_column=end_col,
        fix=finding.fix,
        source_line=doc.lines.line_text(line - 1),
        start=start,
        end=end,
    )


# A run has a handful of rule sets (one per configuration and per-file-ignores
# combination) and thousands of files: what depends only on the set is worked out once.
_JUDGED: dict[tuple[type[Rule], ...], tuple[type[Rule], ...]] = {}


def _judged(rules: tuple[type[Rule], ...]) -> tuple[type[Rule], ...]:
    """The rules whose unused suppressions this pass can judge. Site rules
    report in the site phase, after it: whether their suppressions are used
    is not known here."""
    found = _JUDGED.get(rules)
    if found is None:
        found = _JUDGED[rules] = tuple(r for r in rules if not issubclass(r, SiteRule))
    return found


Plan = tuple[tuple[type[Rule], RuleOptions, Severity], ...]
Steps = tuple[tuple[type[Rule], int, Severity], ...]
_SHARED: dict[int, tuple[Plan, tuple[RuleOptions, ...], Steps]] = {}


def _shared_options(plan: Plan) -> tuple[tuple[RuleOptions, ...], Steps]:
    """The plan's distinct options (equal ones once) and each rule with the
    index of its options there, site rules left out (nothing to do per file). Most rules have none: a file then gets a
    handful of contexts, not one per rule (each a frozen dataclass, whose
    making was 2 % of a run). Sharing is safe: a context is frozen."""
    found = _SHARED.get(id(plan))
    if found is not None and found[0] is plan:
        return found[1], found[2]
    distinct: list[RuleOptions] = []
    slots: dict[object, int] = {}
    steps = []
    for rule, options, severity in plan:
        if rule.check is SiteRule.check:
            continue  # a site rule reports in the site phase; its per-file check yields nothing
        try:
            key: object = (type(options), options)
            slot = slots.setdefault(key, len(distinct))
        except TypeError:  # options that cannot be hashed (a plugin's) are not shared
            slot = len(distinct)
        if slot == len(distinct):
            distinct.append(options)
        steps.append((rule, slot, severity))
    if len(_SHARED) > 64:  # plans live as long as their configuration; a long-lived process makes new ones
        _SHARED.clear()
    _SHARED[id(plan)] = (plan, tuple(distinct), tuple(steps))
    return tuple(distinct), tuple(steps)


def _registered(code: str) -> type[Rule]:
    rule = get_rule(code)
    assert rule is not None, code  # a finding's rule, or one of the engine's own: always registered
    return rule


def engine_violation(doc: Document, code: str, message: str, offset: int = 0) -> Violation:
    rule = _registered(code)
    return _violation(doc, rule, rule.severity, Finding(offset, offset, message))


# Other files a file's findings depend on (a schema, a local image, a folder
# listing), recorded by rules through ``ctx.file.depends_on(path)`` so the
# result cache can tell when a cached result went stale.
_DEPENDENCIES: ContextVar[Optional[set[str]]] = ContextVar("contentlint_dependencies", default=None)


# Dependency stamps seen in this run, started by ``new_run``: a context
# variable, so runs on two threads of one long-lived process each see their
# own (one clearing or filling it never hands the other a stale stamp).
_RUN_STAMPS: ContextVar[Optional[dict[str, Optional[str]]]] = ContextVar("contentlint_run_stamps", default=None)


def new_run() -> None:
    """Start a run: forget what an earlier run saw on disk (file stamps,
    which schema files exist); files may have changed since."""
    _RUN_STAMPS.set({})
    schema_store.new_run()


def _run_stamps() -> dict[str, Optional[str]]:
    stamps = _RUN_STAMPS.get()
    return stamps if stamps is not None else {}  # outside a run nothing is remembered


def _record_dependency(path: "str | os.PathLike[str]") -> None:
    deps = _DEPENDENCIES.get()
    if deps is not None:
        deps.add(os.fspath(path))


def file_context(config: Config, doc: Document, abs_path: str, settings: Optional[Settings]) -> FileContext:
    """What the rules may know about ``doc``, a file at ``abs_path`` under ``config``."""
    run = settings or Settings()
    return FileContext(
        root=str(config.root),
        families=config.families,
        abs_path=abs_path,
        network=run.network,
        no_cache=run.no_cache,
        schema=run.schema,
        url_results=run.url_results,
        depends_on=_record_dependency,
        site=run.file_sites.get(os.path.dirname(os.path.abspath(abs_path))) if run.file_sites else None,
    )


def lint_document(doc: Document, config: Config, relpath: str, settings: Optional[Settings] = None) -> tuple[list[Violation], int]:
    """Findings for one document, after directives; and the number of rules that crashed."""
    if doc.binary:
        return [engine_violation(doc, "CL902", "File contains NUL bytes; it looks binary and was not checked")], 0
    violations: list[Violation] = []
    crashed = 0
    crashed_codes: set[str] = set()
    # text from stdin is placed where --stdin-filename says, so schema globs
    # and relative images resolve as for that file
    file = file_context(config, doc, doc.abs_path or os.path.join(config.root, relpath), settings)
    rules = config.rules_for(relpath)
    distinct, steps = _shared_options(config.rule_plan(rules))
    contexts = [RuleContext(options, file) for options in distinct]
    for rule, slot, severity in steps:
        ctx = contexts[slot]
        try:
            for finding in rule().check(doc, ctx):
                violations.append(_violation(doc, rule, severity, finding))
        except ConfigError:
            raise  # e.g. an invalid schema: a configuration error stops the run (exit 2)
        except Exception as exc:  # a crashing rule becomes a finding; the run goes on
            crashed += 1
            crashed_codes.add(rule.code)
            violations.append(
                engine_violation(doc, "CL999", f"Rule {rule.code} `{rule.name}` crashed: {type(exc).__name__}: {exc}")
            )
    violations = apply_directives(doc, violations, _judged(rules), crashed_codes, config, relpath, settings, _violation)
    violations.sort(key=lambda v: (v.line, v.column, v.code))
    return violations, crashed


@dataclass(frozen=True)
class FixOutcome:
    """Where the fix loop ended: the last text it reached, that text's
    findings, how many fixes it applied, whether a fix that is allowed to
    change the frontmatter data did, whether the fixes settled, and how many
    rules crashed on the last pass."""

    final: Document
    violations: list[Violation]
    applied: int
    frontmatter_claimed: bool
    settled: bool
    crashed: int


def _fix_loop(doc: Document, config: Config, relpath: str, settings: Settings) -> FixOutcome:
    """Fix until nothing applies, or MAX_PASSES passes (then it did not settle)."""
    current = doc
    applied = 0
    fm_claimed = False
    for _ in range(MAX_PASSES):
        violations, crashed = lint_document(current, config, relpath, settings)
        fixes = [v for v in violations if v.fix is not None and applicable(v.fix, unsafe=settings.unsafe_fixes)]
        if crashed or not fixes:
            return FixOutcome(current, violations, applied, fm_claimed, True, crashed)
        new_text, done = apply_fixes(current.text, [v.fix for v in fixes if v.fix is not None])
        if new_text == current.text:
            return FixOutcome(current, violations, applied, fm_claimed, True, crashed)
        done_ids = {id(f) for f in done}
        fm_claimed |= any(_registered(v.code).changes_frontmatter and id(v.fix) in done_ids for v in fixes)
        applied += len(done)
        current = current.with_text(new_text)
    violations, crashed = lint_document(current, config, relpath, settings)
    return FixOutcome(current, violations, applied, fm_claimed, False, crashed)


def _frontmatter_data(doc: Document) -> Any:
    block = doc.frontmatter
    return None if block is None else block.data


# What a file's result describes, for the result cache: the bytes that were
# read, the bytes a fix wrote, or text that is on no disk (a --diff, or a
# finding that only this mode reports, such as fixes that did not settle).
READ = "read"


def check_document(doc: Document, config: Config, relpath: str, settings: Settings, stamp: Optional[FileStamp] = None) -> tuple[FileResult, int]:
    result, crashed, _ = _check_document(doc, config, relpath, settings, stamp)
    return result, crashed


def _check_document(doc: Document, config: Config, relpath: str, settings: Settings,
                    stamp: Optional[FileStamp] = None) -> tuple[FileResult, int, "str | bytes | None"]:
    """The file's result, the number of crashed rules, and what the result
    describes (``READ``, the bytes written, or None)."""
    result = FileResult(path=doc.path)
    if not (settings.fix or settings.diff) or doc.binary:
        result.violations, crashed = lint_document(doc, config, relpath, settings)
        return result, crashed, READ
    outcome = _fix_loop(doc, config, relpath, settings)
    final, violations, applied, crashed = outcome.final, outcome.violations, outcome.applied, outcome.crashed
    settled, fm_claimed = outcome.settled, outcome.frontmatter_claimed
    # Settling first: a cycle of fixes (A -> B -> A) ends on the original text.
    if settled and final.text == doc.text:
        result.violations = violations
        return result, crashed, READ
    if not settled:
        original, crashed = lint_document(doc, config, relpath, settings)
        original.append(engine_violation(doc, "CL904", f"Fixes did not settle after {MAX_PASSES} passes; nothing was written"))
        result.violations = original
        return result, crashed, None
    before = _frontmatter_data(doc)
    after = _frontmatter_data(final)
    if before is not None and (after is None or (not fm_claimed and after != before)):
        original, crashed = lint_document(doc, config, relpath, settings)
        original.append(engine_violation(doc, "CL999", "A fix would have changed the frontmatter data; nothing was written"))
        result.violations = original
        return result, crashed + 1, None
    result.fixes_applied = applied
    result.violations = violations
    # UTF-16/32 with broken units decode with U+FFFD: writing would change
    # bytes that no fix touched (and a patch would not match the file).
    lossy = stamp is not None and stamp.content is not None and doc.encode() != stamp.content
    if settings.diff and not lossy:
        # bytes as on disk, carried as text through surrogateescape (cli.py writes them back)
        result.diff = unified_diff(doc.path, doc.encode(), final.encode()).decode("utf-8", "surrogateescape")
        return result, crashed, None
    if doc.abs_path is None:
        result.fixed_text = final.text
        return result, crashed, None
    try:
        if lossy:
            raise WriteError(
                f"file is not valid {doc.encoding.upper()}; writing it back would change bytes no fix touched, "
                "so fixes were not written"
            )
        written = final.encode()
        write_atomic(doc.abs_path, written, expected=stamp)
        result.written = True
    except WriteError as exc:
        original, _ = lint_document(doc, config, relpath, settings)
        original.append(engine_violation(doc, "CL904", f"{str(exc)[0].upper()}{str(exc)[1:]}"))
        result.violations = original
        result.fixes_applied = 0
        return result, crashed + 1, None
    return result, crashed, written


def _engine_only(path: str, code: str, message: str) -> FileResult:
    doc = Document(path, "")
    return FileResult(path=path, violations=[engine_violation(doc, code, message)])


def check_source(
    source: SourceFile, config: Config, settings: Settings, previous: Optional[list[Any]] = None
) -> tuple[FileResult, int, Optional[tuple[os.stat_result, str]]]:
    """Check one file. Returns its result, the number of crashed rules, and
    (stat, content hash) of the file on disk when the result describes it
    (for the result cache); ``previous`` is the file's cache entry made under
    this run's key."""
    ignored = _ignored_engine_codes(config)
    if source.outside is not None:
        if "CL905" in ignored:
            return FileResult(path=source.path), 0, None
        return _engine_only(
            source.path, "CL905", f"Symlink to `{source.outside}`, outside the checked folders; not followed"
        ), 0, None
    try:
        st, raw = read_regular_file(source.real_path or source.abs_path, config.max_file_size)
    except NotRegularFile as exc:
        if "CL906" in ignored:
            return FileResult(path=source.path), 0, None
        return _engine_only(source.path, "CL906", f"Not a regular file but {exc.kind}; not read"), 0, None
    except FileTooLarge as exc:
        if "CL903" in ignored:
            return FileResult(path=source.path), 0, None
        return _engine_only(
            source.path, "CL903",
            f"File is {exc.size:,} bytes, over max-file-size ({config.max_file_size:,}); not checked",
        ), 0, None
    except OSError as exc:
        if "CL901" in ignored:
            return FileResult(path=source.path), 0, None
        reason = "it is a directory" if isinstance(exc, IsADirectoryError) else exc.strerror or str(exc)
        return _engine_only(source.path, "CL901", f"Cannot read file: {reason}"), 0, None

    digest = content_hash(raw)
    if previous is not None and previous[2] == digest and dependencies_unchanged(previous, _run_stamps()):
        try:
            cached = from_previous(previous, source.path)
        except (TypeError, ValueError):
            cached = None  # a damaged cache entry: check the file
        if cached is not None and nothing_to_fix(cached, settings):
            return cached, 0, (st, digest)
    doc = Document.from_bytes(source.path, raw, abs_path=source.abs_path)
    stamp = FileStamp.of(st, raw if settings.fix or settings.diff else None)
    deps: set[str] = set()
    token = _DEPENDENCIES.set(deps)
    try:
        result, crashed, describes = _check_document(doc, config, source.relpath, settings, stamp)
    finally:
        _DEPENDENCIES.reset(token)
    if deps:
        result.dependencies = sorted(deps)
    if settings.site_hosts is not None and not doc.binary and not result.written and result.fixed_text is None:
        try:
            result.keep_facts(facts_of(doc, settings.site_hosts, settings.site_scans), settings.compress_facts)
        except Exception as exc:  # like a crashing rule: a finding on this file, the run goes on, nothing cached
            crashed += 1
            result.violations.append(engine_violation(
                doc, "CL999", f"Site facts could not be collected: {type(exc).__name__}: {exc}"))
    if settings.url_results is None and network_on(config.settings, settings):
        collect_file_urls(result, doc, config, source.relpath)
    if ignored:
        result.violations = [v for v in result.violations if v.code not in ignored]
    if crashed or describes is None:
        return result, crashed, None
    if isinstance(describes, bytes):
        # The written bytes: the stat is taken after the write, and the entry
        # records no mtime for so recent a file (cache.RACY_NS), so a later
        # edit is caught by the content hash.
        try:
            st, digest = os.stat(source.abs_path), content_hash(describes)
        except OSError:
            return result, crashed, None
    return result, crashed, (st, digest)


def nothing_to_fix(result: FileResult, settings: Settings) -> bool:
    """Whether the fix loop would leave this (cached) result unchanged: no
    fixing asked, or none of its findings has a fix this run applies."""
    if not (settings.fix or settings.diff):
        return True
    return not any(v.fix is not None and applicable(v.fix, unsafe=settings.unsafe_fixes) for v in result.violations)


def _ignored_engine_codes(config: Config) -> set[str]:
    if not config.ignore:
        return set()
    return {r.code for r in all_rules() if r.code.startswith("CL") and r.code != "CL999"
            and any(matches(s, r) is not None for s in config.ignore)}


def path_order(path: str) -> str:
    """Sort key of a shown path: by its components, as a folder walk lists them.
    One string with NUL, which sorts before any character a name may hold, for
    each separator orders as the list of components would, without a list and
    its strings per file alive during the sort (about 0.5 kB a file)."""
    return path.replace(os.sep, "\0").replace("/", "\0")
