"""Rule metadata, the registry, and its validation at import time."""
from __future__ import annotations

import inspect
import re
from dataclasses import dataclass, field
from typing import Any, Callable, ClassVar, Iterable, Iterator, Optional

from .violations import Finding, Severity

CODE_RE = re.compile(r"^(FM|TX|LK|HD|CL)\d{3}$")
PLUGIN_CODE_RE = re.compile(r"^[A-Z]{2,4}\d{3}$")
NAME_RE = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
REQUIRED_SECTIONS = ("## Why", "## Example", "## Use instead", "## Fix")
FAMILIES = {"FM": "frontmatter", "TX": "text", "LK": "links", "HD": "headings", "CL": "engine"}


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
    choices: Optional[tuple] = None

    def json_schema(self) -> dict:
        if self.choices:
            return {"enum": list(self.choices)}
        return {
            bool: {"type": "boolean"},
            int: {"type": "integer"},
            str: {"type": "string"},
            list: {"type": "array", "items": {"type": "string"}},
        }[self.type]


@dataclass
class RuleContext:
    """What a rule may know beyond the document: its options and shared,
    engine-prepared settings (project root, schemas, static folders…)."""

    options: dict = field(default_factory=dict)
    shared: dict = field(default_factory=dict)

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

    def check(self, doc, ctx: RuleContext) -> Iterable[Finding]:  # pragma: no cover - abstract
        raise NotImplementedError

    @classmethod
    def family(cls) -> str:
        return FAMILIES.get(cls.code[:2], "plugin")

    @classmethod
    def doc(cls) -> str:
        return inspect.cleandoc(cls.__doc__ or "")

    @classmethod
    def default_options(cls) -> dict:
        return {o.name: o.default for o in cls.options}


class RegistryError(Exception):
    pass


_RULES: dict[str, type[Rule]] = {}
_BY_NAME: dict[str, type[Rule]] = {}


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
    _add(cls)
    return cls


def _add(cls: type[Rule]) -> None:
    clash = _clash(cls)
    if clash is not None:
        raise RegistryError(clash)
    _RULES[cls.code] = cls
    _BY_NAME[cls.name] = cls


_loaded = False
_plugin_errors: list[str] = []
_plugin_conflict: Optional[str] = None
RESERVED_PREFIXES = tuple(FAMILIES)


def load_rules() -> None:
    """Import the built-in families once, then third-party entry points."""
    global _loaded
    if not _loaded:
        _loaded = True
        from .rules import engine_findings  # noqa: F401 - registration
        from .rules import frontmatter, headings, links, text  # noqa: F401 - registration

        _load_plugins()
    if _plugin_conflict is not None:
        # Raised on every use, not only the first: a half-loaded registry must
        # never pass for a whole one.
        from .config.loader import ConfigError

        raise ConfigError(_plugin_conflict)


def _plugin_rules(ep, dist: str) -> list[type[Rule]]:
    """The rule classes an entry point names (a Rule subclass or a list of
    them), validated like built-ins. Raises on anything wrong."""
    obj = ep.load()
    rules = list(obj) if isinstance(obj, (list, tuple)) else [obj]
    for cls in rules:
        if not (isinstance(cls, type) and issubclass(cls, Rule)):
            raise RegistryError(f"`{ep.value}` gives {cls!r}, not a contentlint Rule subclass")
        cls.distribution = dist
        validate_rule(cls, plugin=True)
    return rules


def _clash(cls: type[Rule]) -> Optional[str]:
    for key, table in ((cls.code, _RULES), (cls.name, _BY_NAME)):
        other = table.get(key)
        if other is not None and other is not cls:
            return (
                f"rule {key} is defined twice: by {other.distribution} ({other.__module__}) "
                f"and by {cls.distribution} ({cls.__module__}); uninstall one of them"
            )
    return None


def _load_plugins() -> None:
    global _plugin_conflict
    from importlib.metadata import entry_points

    for ep in entry_points(group="contentlint.rules"):
        dist = ep.dist.name if getattr(ep, "dist", None) is not None else "an unknown distribution"
        try:
            rules = _plugin_rules(ep, dist)
        except Exception as exc:  # a broken plugin must not stop the built-in rules
            _plugin_errors.append(f"plugin `{ep.name}` from {dist} was not loaded: {type(exc).__name__}: {exc}")
            continue
        # A clash is a configuration error (two installed distributions claim one
        # code or name; the user must choose), so it is looked for first.
        conflicts = [c for c in map(_clash, rules) if c is not None]
        if conflicts:
            _plugin_conflict = conflicts[0]
            return
        reserved = [cls.code for cls in rules if cls.code.startswith(RESERVED_PREFIXES)]
        if reserved:
            _plugin_errors.append(
                f"plugin `{ep.name}` from {dist} was not loaded: code {reserved[0]} uses a prefix "
                f"reserved for built-in rules ({', '.join(RESERVED_PREFIXES)})"
            )
            continue
        for cls in rules:
            conflict = _clash(cls)  # two rules of one plugin
            if conflict is not None:
                _plugin_conflict = conflict
                return
            _add(cls)


def plugin_errors() -> list[str]:
    """Plugins that failed to load, one message each (the CLI prints them as warnings)."""
    load_rules()
    return list(_plugin_errors)


def all_rules() -> list[type[Rule]]:
    load_rules()
    return sorted(_RULES.values(), key=lambda r: r.code)


def get_rule(key: str) -> Optional[type[Rule]]:
    load_rules()
    return _RULES.get(key.upper()) or _BY_NAME.get(key.lower())


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


def is_selector(selector: str) -> bool:
    load_rules()
    return any(matches(selector, r) is not None for r in _RULES.values())


def iter_selectors(values: Iterable[str]) -> Iterator[str]:
    for value in values:
        for part in str(value).split(","):
            if part.strip():
                yield part.strip()


Callback = Callable[..., Any]
