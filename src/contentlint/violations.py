"""The data every stage passes along: edits, fixes, findings and run results."""
from __future__ import annotations

import enum
import json
import zlib
from dataclasses import dataclass, field
from typing import Any, Optional, Sequence


class Severity(str, enum.Enum):
    ERROR = "error"
    WARNING = "warning"


class Applicability(str, enum.Enum):
    SAFE = "safe"
    UNSAFE = "unsafe"
    DISPLAY_ONLY = "display-only"


class ExitCode(enum.IntEnum):
    CLEAN = 0
    VIOLATIONS = 1
    ERROR = 2


@dataclass(frozen=True)
class Edit:
    """Replace ``text[start:end]`` with ``replacement`` (character offsets)."""

    start: int
    end: int
    replacement: str


@dataclass(frozen=True)
class Fix:
    title: str
    edits: tuple[Edit, ...]
    applicability: Applicability = Applicability.SAFE

    @classmethod
    def safe(cls, title: str, *edits: Edit) -> "Fix":
        return cls(title, tuple(edits), Applicability.SAFE)

    @classmethod
    def unsafe(cls, title: str, *edits: Edit) -> "Fix":
        return cls(title, tuple(edits), Applicability.UNSAFE)

    @property
    def span(self) -> tuple[int, int]:
        return min(e.start for e in self.edits), max(e.end for e in self.edits)


@dataclass(frozen=True)
class Finding:
    """What a rule yields: a span in the document, a message, maybe a fix."""

    start: int
    end: int
    message: str
    fix: Optional[Fix] = None


# slots: a run over 100,000 files holds one FileResult per file in the main process
@dataclass(slots=True)
class Violation:
    """A finding placed in a file, with its rule, severity and 1-based position."""

    path: str
    code: str
    name: str
    severity: Severity
    message: str
    line: int
    column: int
    end_line: int
    end_column: int
    fix: Optional[Fix] = None
    source_line: str = ""
    start: int = 0
    end: int = 0

    def to_json(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "code": self.code,
            "name": self.name,
            "severity": self.severity.value,
            "message": self.message,
            "fix": None
            if self.fix is None
            else {"applicability": self.fix.applicability.value, "title": self.fix.title},
        }


@dataclass(slots=True)
class FileResult:
    path: str
    violations: list[Violation] = field(default_factory=list)
    fixes_applied: int = 0
    written: bool = False
    diff: str = ""
    fixed_text: Optional[str] = None
    dependencies: Sequence[str] = ()  # other files the findings depend on
    # What the network phase must check for this file (net.needs.UrlRequest); None when not collected.
    url_uses: Optional[list[Any]] = None
    # What the file tells the site index (site/facts.py), packed: the main process
    # holds every file's facts until the site phase, and as nested lists and dicts
    # they took 2.5 kB a file on ruby-lang against 0.34 kB as JSON, 0.17 kB as
    # JSON compressed (about 230 MB of a 100,000-file run). Read through ``facts``.
    packed_facts: Optional[bytes] = field(default=None, repr=False)

    @property
    def facts(self) -> Optional[dict[str, Any]]:
        """The file's site facts (a new dict at each read); None when not computed."""
        return None if self.packed_facts is None else unpack_facts(self.packed_facts)

    @facts.setter
    def facts(self, value: Optional[dict[str, Any]]) -> None:
        self.keep_facts(value)

    def keep_facts(self, value: Optional[dict[str, Any]], compress: bool = True) -> None:
        """Set the facts; ``compress`` for a run over many files (see ``pack_facts``)."""
        self.packed_facts = None if value is None else pack_facts(value, compress)


# A typical file's facts as packed: deflate finds the keys and the punctuation here
# instead of in each file (0.35 kB a file on ruby-lang becomes 0.17 kB). Only a
# hint: facts of any shape are packed and unpacked alike.
_FACTS_HINT = json.dumps({
    "v": 0, "fm": {"layout": "page", "title": "", "lang": "en", "date": "", "author": None},
    "h": [["", None]], "ids": [], "l": [["/", 0, 0, 1], ["#", 0, 0, 1]], "at": [0, 0], "ai": [], "inc": 0,
    "dt": [], "incl": [], "hi": [], "route": ["", "/", None, []], "hosts": []}, separators=(",", ":")).encode()
# A 1 kB window and little state: packing a 0.4 kB text costs 12 µs, not the
# 80 µs of zlib's defaults, which set up 256 kB of state for each call.
_WBITS, _MEMLEVEL = -10, 2
# The first byte of packed facts: how the rest is written.
_PLAIN, _DEFLATED = b"j", b"z"


def pack_facts(facts: dict[str, Any], compress: bool = True) -> bytes:
    """Facts are JSON data; any text, lone surrogates from undecodable bytes
    included, comes back unchanged. Compressed (deflated: half the size) they
    cost 30 µs a file to pack and 15 to unpack, most of the site phase's
    packing on a 5,000-page site; a run over fewer files than makes that memory
    matter keeps them as plain JSON (9 µs each way)."""
    text = json.dumps(facts, ensure_ascii=False, separators=(",", ":")).encode("utf-8", "surrogatepass")
    if not compress:
        return _PLAIN + text
    packer = zlib.compressobj(6, zlib.DEFLATED, _WBITS, _MEMLEVEL, zlib.Z_DEFAULT_STRATEGY, _FACTS_HINT)
    return _DEFLATED + packer.compress(text) + packer.flush()


def unpack_facts(packed: bytes) -> dict[str, Any]:
    body = memoryview(packed)[1:]
    raw = bytes(body) if packed[:1] == _PLAIN else zlib.decompressobj(_WBITS, _FACTS_HINT).decompress(body)
    facts: dict[str, Any] = json.loads(raw.decode("utf-8", "surrogatepass"))
    return facts


@dataclass
class RunResult:
    files: list[FileResult] = field(default_factory=list)
    elapsed: float = 0.0
    internal_errors: int = 0
    messages: list[str] = field(default_factory=list)
    baseline: Optional[object] = None  # baseline.Outcome with --baseline: what it hid, what is gone

    @property
    def violations(self) -> list[Violation]:
        return [v for f in self.files for v in f.violations]

    @property
    def files_checked(self) -> int:
        return len(self.files)

    @property
    def fixes_applied(self) -> int:
        return sum(f.fixes_applied for f in self.files)

    def exit_code(self, *, strict: bool = False, exit_zero: bool = False, diff: bool = False) -> ExitCode:
        if self.internal_errors:
            return ExitCode.ERROR
        if exit_zero:
            return ExitCode.CLEAN
        counted = {Severity.ERROR, Severity.WARNING} if strict else {Severity.ERROR}
        if any(v.severity in counted for v in self.violations):
            return ExitCode.VIOLATIONS
        if diff and any(f.diff for f in self.files):
            return ExitCode.VIOLATIONS
        return ExitCode.CLEAN

    def to_json(self) -> list[dict[str, Any]]:
        return [v.to_json() for v in self.violations]
