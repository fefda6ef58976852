"""The one fixture harness for every rule (DESIGN.md §7).

A fixture is a Markdown file whose expected findings are written inside it:
``<!-- expect: CODE [CODE...] -->`` (or ``# expect: CODE`` inside YAML/TOML
frontmatter) on its own line refers to the next line that is not itself an
expectation. An optional ``NAME.toml`` beside it is the configuration (default:
every rule of the fixture's family); ``NAME.fixed.md`` is the golden after
``--fix`` and ``NAME.unsafe.fixed.md`` after ``--fix --unsafe-fixes``.
"""
from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

from contentlint.config.loader import Config
from contentlint.document.document import Document
from contentlint.engine.lint import Settings, check_document, lint_document
from contentlint.engine.fixes import applicable

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib

FAMILY_PREFIX = {"frontmatter": "FM", "text": "TX", "links": "LK", "headings": "HD"}
_EXPECT = re.compile(r"^[\s>]*(?:<!--\s*expect:\s*(?P<a>[A-Z0-9 ,]+?)\s*-->|#\s*expect:\s*(?P<b>[A-Z0-9 ,]+?))\s*$")


def fixture_config(path: Path) -> Config:
    toml = path.with_suffix(".toml")
    data = {"select": [FAMILY_PREFIX[path.parent.name]]}
    if toml.exists():
        data.update(tomllib.loads(toml.read_text(encoding="utf-8")))
    return Config.from_table(data, root=path.parent, source=str(toml))


def expected_findings(text: str) -> Counter:
    expected: Counter = Counter()
    pending: list[str] = []
    for number, line in enumerate(text.splitlines(), start=1):
        m = _EXPECT.match(line)
        if m:
            codes = (m.group("a") or m.group("b")).replace(",", " ").split()
            pending.extend(codes)
            continue
        for code in pending:
            expected[(code, number)] += 1
        pending = []
    assert not pending, "an expectation at the end of the fixture points at no line"
    return expected


def load(path: Path) -> Document:
    return Document.from_bytes(path.name, path.read_bytes())


def actual_findings(doc: Document, config: Config) -> Counter:
    violations, crashed = lint_document(doc, config, doc.path)
    assert not crashed, [v.message for v in violations if v.code == "CL999"]
    return Counter((v.code, v.line) for v in violations)


def fix_text(doc: Document, config: Config, *, unsafe: bool = False) -> str:
    result, crashed = check_document(doc, config, doc.path, Settings(fix=True, unsafe_fixes=unsafe))
    assert not crashed
    return result.fixed_text if result.fixed_text is not None else doc.text


def run_fixture(path: Path) -> None:
    config = fixture_config(path)
    doc = load(path)
    assert actual_findings(doc, config) == expected_findings(doc.text), f"findings differ in {path.name}"
    for suffix, unsafe in ((".fixed.md", False), (".unsafe.fixed.md", True)):
        golden = path.with_name(path.name[: -len(".md")] + suffix)
        if not golden.exists():
            continue
        fixed = fix_text(doc, config, unsafe=unsafe)
        assert fixed == golden.read_bytes().decode("utf-8"), f"{path.name} fixed differs from {golden.name}"
        again = doc.with_text(fixed)
        violations, _ = lint_document(again, config, again.path)
        left = [v for v in violations if v.fix is not None and applicable(v.fix, unsafe=unsafe)]
        assert not left, f"fixable findings remain after fixing {path.name}: {[(v.code, v.line) for v in left]}"
        assert fix_text(again, config, unsafe=unsafe) == fixed, f"fixing {path.name} twice changes it again"
