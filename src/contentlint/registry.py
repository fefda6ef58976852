"""Rule metadata, the registry, and its validation at import time."""
from __future__ import annotations

import inspect
import re
from dataclasses import dataclass, field
from typing import Any, ClassVar, Iterable, Iterator, Optional

from .violations import Finding, Severity

CODE_RE = re.compile(r"^(FM|TX|LK|HD|ST|CL)\d{3}$")
PLUGIN_CODE_RE = re.compile(r"^[A-Z]{2,4}\d{3}$")
NAME_RE = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
REQUIRED_SECTIONS = ("## Why", "## Example", "## Use instead", "## Fix")
FAMILIES = {"FM": "frontmatter", "TX": "text", "LK": "links", "HD": "headings", "ST": "site", "CL": "engine"}


class Fixability:
    NONE = "none"
    SAFE = "safe"
    UNSAFE = "unsafe"
    DISPLAY_ONLY = "display-only"
    SOMETIMES = "sometimes"  # safe or unsafe depending on the case


@dataclass(frozen=True)
class Option:
    """A typed rule option. ``type`` is one of bool, int, str, list (of str)."""

    name: str
    type: type
    default: Any
    help: str
    choices: Optional[tuple[Any, ...]] = None

    def json_schema(self) -> dict[str, Any]:
        if self.choices:
            return {"enum": list(self.choices)}
        schemas: dict[type, dict[str, Any]] = {
            bool: {"type": "boolean"},
            int: {"type": "integer"},
            str: {"type": "string"},
            list: {"type": "array", "items": {"type": "string"}},
        }
        return schemas[self.type]


@dataclass
class RuleContext:
    """What a rule may know beyond the document: its options and shared,
    engine-prepared settings (project root, schemas, static folders…)."""

    options: dict[str, Any] = field(default_factory=dict)
    shared: dict[str, Any] = field(default_factory=dict)

    def __getitem__(self, name: str) -> Any:
        return self.options[name]


class Rule:
    code: ClassVar[str]
    name: ClassVar[str]
    summary: ClassVar[str]
    severity: ClassVar[Severity] = Severity.ERROR
    fixable: ClassVar[str] = Fixability.NONE
    options: ClassVar[tuple[Option, ...]] = ()
    default_enabled: ClassVar[bool] = True
    distribution: ClassVar[str] = "contentlint"
    # Whether this rule's fixes may change parsed frontmatter data on purpose;
    # any other change to the data makes the engine refuse to write (DESIGN.md §3).
    changes_frontmatter: ClassVar[bool] = False

    def check(self, doc: Any, ctx: RuleContext) -> Iterable[Finding]:  # pragma: no cover - abstract
        raise NotImplementedError

    @classmethod
    def family(cls) -> str:
        return FAMILIES.get(cls.code[:2], "plugin")

    @classmethod
    def doc(cls) -> str:
        return inspect.cleandoc(cls.__doc__ or "")

    @classmethod
    def default_options(cls) -> dict[str, Any]:
        return {o.name: o.default for o in cls.options}


class RegistryError(Exception):
    pass


_RULES: dict[str, type[Rule]] = {}
_BY_NAME: dict[str, type[Rule]] = {}
# Top-level configuration keys a family adds (``register_setting``), with their JSON Schema and default.
_EXTRA_SETTINGS: dict[str, tuple[dict[str, Any], Any]] = {}


def register_setting(key: str, schema: dict[str, Any], default: Any) -> None:
    _EXTRA_SETTINGS[key] = (schema, default)


def extra_settings() -> dict[str, tuple[dict[str, Any], Any]]:
    """The family settings registered so far: key -> (JSON Schema, default)."""
    return dict(_EXTRA_SETTINGS)


def registered() -> dict[str, type[Rule]]:
    """The rules registered so far, by code (the catalogue loads the families first)."""
    return _RULES


def by_name(name: str) -> Optional[type[Rule]]:
    return _BY_NAME.get(name)


def clash_of(cls: type[Rule]) -> Optional[str]:
    for key, table in ((cls.code, _RULES), (cls.name, _BY_NAME)):
        other = table.get(key)
        if other is not None and other is not cls:
            return (
                f"rule {key} is defined twice: by {other.distribution} ({other.__module__}) "
                f"and by {cls.distribution} ({cls.__module__}); uninstall one of them"
            )
    return None


def validate_rule(cls: type[Rule], *, plugin: bool = False) -> None:
    code_re = PLUGIN_CODE_RE if plugin else CODE_RE
    where = f"{cls.__module__}.{cls.__qualname__}"
    for attr in ("code", "name", "summary"):
        if not isinstance(getattr(cls, attr, None), str):
            raise RegistryError(f"{where}: missing `{attr}`")
    if not code_re.match(cls.code):
        shape = "two to four capital letters" if plugin else "two letters"
        raise RegistryError(f"{where}: code `{cls.code}` is not {shape} and three digits")
    if not NAME_RE.match(cls.name):
        raise RegistryError(f"{where}: name `{cls.name}` is not kebab-case")
    doc = cls.doc()
    missing = [s for s in REQUIRED_SECTIONS if s not in doc]
    if cls.options and "## Options" not in doc:
        missing.append("## Options")
    if missing:
        raise RegistryError(f"{where}: docstring lacks {', '.join(missing)}")
    if cls.fixable not in vars(Fixability).values():
        raise RegistryError(f"{where}: fixable `{cls.fixable}` is not a Fixability value")
    for opt in cls.options:
        if not NAME_RE.match(opt.name):
            raise RegistryError(f"{where}: option `{opt.name}` is not kebab-case")


def register(cls: type[Rule]) -> type[Rule]:
    validate_rule(cls)
    add(cls)
    return cls


def add(cls: type[Rule]) -> None:
    clash = clash_of(cls)
    if clash is not None:
        raise RegistryError(clash)
    _RULES[cls.code] = cls
    _BY_NAME[cls.name] = cls


def matches(selector: str, rule: type[Rule]) -> Optional[int]:
    """Specificity with which ``selector`` (code, prefix, name or ALL) names
    ``rule``: higher is more specific; None when it does not match."""
    if selector.upper() == "ALL":
        return 0
    if selector == rule.name:
        return 100
    sel = selector.upper()
    if rule.code.startswith(sel):
        return len(sel)
    return None


def iter_selectors(values: Iterable[str]) -> Iterator[str]:
    for value in values:
        for part in str(value).split(","):
            if part.strip():
                yield part.strip()

