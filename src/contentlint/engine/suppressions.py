"""Apply the inline directives to a document's findings, and report the
directives that name unknown rules or suppressed nothing (CL907, like ruff's
RUF100), with a fix that removes them."""
from __future__ import annotations

from typing import Callable, Iterable, Iterator, Optional

from .directives import Directive, Suppressions, names, parse_directives
from ..config.catalogue import all_rules, get_rule, is_selector
from ..config.loader import Config
from ..document.document import Document
from ..net.needs import NeedsUrls
from ..patterns import glob_match
from ..registry import Rule, matches
from ..violations import Edit, Finding, Fix, Severity, Violation

CODE = "CL907"

# How the engine makes a rule's finding a Violation of the document.
Place = Callable[[Document, type[Rule], Severity, Finding], Violation]


def apply_directives(doc: Document, violations: list[Violation], ran: Iterable[type[Rule]], crashed: set[str],
                     config: Config, relpath: str, settings: object, place: Place) -> list[Violation]:
    """``violations`` without the suppressed ones, plus CL907 findings.
    ``ran``: the rules that ran on the document; ``crashed``: codes of those
    that crashed (their findings are incomplete, so they are not judged);
    ``place(doc, rule, severity, finding)`` makes a finding a Violation."""
    sup = parse_directives(doc)
    if not sup:
        return violations
    kept = []
    for v in violations:
        rule = get_rule(v.code)
        hits = [] if v.code == "CL999" or rule is None else sup.suppressing(rule, v.line - 1)
        for directive, index in hits:
            directive.used.add(index)
        if not hits:
            kept.append(v)
    if _reported(config, relpath):
        online = getattr(settings, "url_results", None) is not None
        judged = [r for r in ran if r.code not in crashed and (online or not _needs_network(r))]
        kept.extend(_hygiene(doc, sup, judged, config, place))
    return kept


def _needs_network(rule: type[Rule]) -> bool:
    """Whether some of the rule's findings come from the network phase:
    offline, or before URL results exist, a directive for it may suppress
    nothing today and something tomorrow, so it is not judged."""
    return issubclass(rule, NeedsUrls) or bool(getattr(rule, "uses_network", False))


def _reported(config: Config, relpath: str) -> bool:
    rule = _engine_rule()
    ignored = list(config.ignore)
    if config.per_file_ignores:
        for pattern, selectors in config.per_file_ignores.items():
            if glob_match(pattern, relpath):
                ignored.extend(selectors)
    return not any(matches(s, rule) is not None for s in ignored)


def _hygiene(doc: Document, sup: Suppressions, judged: list[type[Rule]], config: Config,
             place: Place) -> Iterator[Violation]:
    # markdownlint's comments may still serve markdownlint itself: not judged
    ours = [d for d in sup.directives if d.tool == "contentlint" and d.action not in ("capture", "restore")]
    unknown = {id(d): [i for i, s in enumerate(d.selectors) if not is_selector(s.text)] for d in ours}
    unused = {id(d): _unused_disables(d, judged) for d in ours if d.action.startswith("disable")}
    # An `enable` is needed when something stays disabled before it once the
    # unused disables are gone; judged after them, so that a pair goes together.
    skip = frozenset((key, i) for key, indexes in unused.items() for i in indexes)
    for d in ours:
        if not d.action.startswith("disable"):
            unused[id(d)] = _unused_enables(sup, d, judged, skip)
    for d in ours:
        drop = [i for i in unused[id(d)] if i not in unknown[id(d)]]
        if unknown[id(d)] or drop:
            yield _finding(doc, d, drop, unknown[id(d)], config, place)


def _judged(d: Directive, judged: list[type[Rule]]) -> list[tuple[int, list[type[Rule]]]]:
    """Each selector (-1: the directive without names) with the rules that ran
    that it names; a selector naming only rules that are off is not judged."""
    indexes = range(len(d.selectors)) if d.selectors else [-1]
    pairs = [(i, [r for r in judged if i == -1 or names(d, d.selectors[i].text, r)]) for i in indexes]
    return [(i, named) for i, named in pairs if named]


def _unused_disables(d: Directive, judged: list[type[Rule]]) -> list[int]:
    return [i for i, _ in _judged(d, judged) if i not in d.used]


def _unused_enables(sup: Suppressions, d: Directive, judged: list[type[Rule]],
                    skip: frozenset[tuple[int, int]]) -> list[int]:
    return [i for i, named in _judged(d, judged) if not any(sup.before(r, d, skip)[0] for r in named)]


def _finding(doc: Document, d: Directive, unused: list[int], unknown: list[int], config: Config,
             place: Place) -> Violation:
    parts = []
    label = f"contentlint-{d.action}"
    if unused and unused != [-1]:
        parts.append("unused: " + ", ".join(f"`{d.selectors[i].text}`" for i in unused))
    for i in unknown:
        text = d.selectors[i].text
        hint = _did_you_mean(text)
        parts.append(f"unknown: `{text}`" + (f", did you mean `{hint}`?" if hint else ""))
    if unused == [-1]:
        message = f"Unused suppression `{label}`: it suppressed nothing"
    else:
        message = f"Unused suppression in `{label}` ({'; '.join(parts)})"
    dropped = set(unused) | set(unknown)
    if unused == [-1] or len(dropped) == len(d.selectors):
        edit, safe = _remove_directive(doc, d)
        fix_title = "Remove the directive"
    else:
        kept = [s.text for i, s in enumerate(d.selectors) if i not in dropped]
        separator = ", " if "," in doc.text[d.params[0]:d.params[1]] else " "
        removed = ", ".join(f"`{d.selectors[i].text}`" for i in sorted(dropped))
        fix_title, edit, safe = f"Remove {removed}", Edit(d.params[0], d.params[1], " " + separator.join(kept) + " "), True
    # An unknown name may be a rule of a plugin that is not installed here.
    fix = Fix.safe(fix_title, edit) if safe and not unknown else Fix.unsafe(fix_title, edit)
    rule = _engine_rule()
    return place(doc, rule, config.severity(rule), Finding(d.start, d.end, message, fix))


def _remove_directive(doc: Document, d: Directive) -> tuple[Edit, bool]:
    """The edit that removes the comment, and whether it is safe.

    A comment on a line of its own goes with its line when a blank line (or
    the start or end of the file) is beside it; between two lines of text it
    leaves a blank line, because the comment ended a block: `Text`, comment,
    `---` is a paragraph and a rule, and `Text` then `---` a setext heading.
    A comment inside a line of text is part of what rules read (a heading
    ending in a comment has no trailing punctuation), so removing it is unsafe."""
    lines = doc.lines
    text = doc.text
    first, last = d.line, lines.line_of(d.end)
    start, end = lines.line_start(first), lines.line_end(last)
    block = doc.frontmatter
    in_frontmatter = block is not None and block.start < start < block.end
    if in_frontmatter and text[start:d.start].strip() == "#" and not text[d.end:end].strip():
        # `# <!-- … -->` in YAML or TOML frontmatter (as the language server
        # writes it): a comment line, whose removal changes no data
        return Edit(start, lines.line_start(last + 1) if last + 1 < len(lines) else len(text), ""), True
    if text[start:d.start].strip() or text[d.end:end].strip():
        before = d.start
        while before > start and text[before - 1] in " \t":
            before -= 1
        return Edit(before, d.end, ""), False
    blank_before = first == 0 or not lines.line_text(first - 1).strip()
    blank_after = last + 1 >= len(lines) or not lines.line_text(last + 1).strip()
    if not (blank_before or blank_after):
        return Edit(start, end, ""), True
    if last + 1 < len(lines):
        return Edit(start, lines.line_start(last + 1), ""), True
    # the last line, without a line break of its own: take the one before it
    return Edit(lines.line_end(first - 1) if first > 0 else start, len(text), ""), True


def _did_you_mean(text: str) -> Optional[str]:
    choices = [r.code for r in all_rules()] + [r.name for r in all_rules()]
    import difflib  # lazy: start-up time (only an unknown code in a directive needs it)

    close = difflib.get_close_matches(text, choices, n=1, cutoff=0.6) or difflib.get_close_matches(
        text.upper(), choices, n=1, cutoff=0.6)
    return close[0] if close else None


def _engine_rule() -> type[Rule]:
    rule = get_rule(CODE)
    assert rule is not None, "the engine's own findings are always registered"
    return rule
