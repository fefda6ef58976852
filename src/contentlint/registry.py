"""Rule metadata, the registry, and its validation at import time."""
from __future__ import annotations

import dataclasses
import inspect
import os
import typing
from dataclasses import dataclass, field
from typing import Any, Callable, ClassVar, Generic, Iterable, Iterator, Mapping, Optional, TypeVar, Union

from .violations import Finding, Severity
from .patterns import lazy_regex

CODE_RE = lazy_regex(r"^(FM|TX|LK|HD|ST|CL)\d{3}$")
PLUGIN_CODE_RE = lazy_regex(r"^[A-Z]{2,4}\d{3}$")
NAME_RE = lazy_regex(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
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


class RuleOptions:
    """Base of a rule's typed options: a frozen dataclass whose snake_case
    fields are the kebab-case options of the configuration (``max_length`` is
    ``max-length``). Rules read ``ctx.options.max_length``, so a typo is a type
    error; item access by the configuration name stays for plugins."""

    def __getitem__(self, name: str) -> Any:
        try:
            return getattr(self, name.replace("-", "_"))
        except AttributeError:
            raise KeyError(name) from None


@dataclass(frozen=True)
class NoOptions(RuleOptions):
    """The options of a rule that has none."""


def option(default: Any, help: str, *, choices: Optional[tuple[Any, ...]] = None,
           kind: Optional[type[Option]] = None) -> Any:
    """A field of a rule's ``Options`` dataclass: its default, its help text
    (shown in the docs) and, optionally, the allowed values or an ``Option``
    subclass that describes a richer JSON Schema."""
    meta = {"help": help, "choices": choices, "kind": kind}
    return field(default=tuple(default) if isinstance(default, list) else default, metadata=meta)


_OPTION_TYPES = {"bool": bool, "int": int, "str": str}


def _option_type(annotation: Any) -> type:
    origin = typing.get_origin(annotation) or annotation
    if origin in (list, tuple) or origin is typing.Union:
        return list
    if isinstance(origin, type):
        return origin
    return _OPTION_TYPES.get(str(annotation), str)


def options_from_dataclass(cls: type[RuleOptions]) -> tuple[Option, ...]:
    """The ``Option`` declarations an ``Options`` dataclass stands for."""
    hints = typing.get_type_hints(cls)
    result = []
    for f in dataclasses.fields(cls):  # type: ignore[arg-type]  # an Options class is a dataclass by contract
        # the configuration and the docs speak of lists
        default = list(f.default) if isinstance(f.default, tuple) else f.default
        kind = f.metadata.get("kind") or Option
        result.append(kind(f.name.replace("_", "-"), _option_type(hints[f.name]), default,
                           f.metadata.get("help", ""), choices=f.metadata.get("choices")))
    return tuple(result)


_DYNAMIC: dict[type, type[RuleOptions]] = {}


def options_type(rule: type["Rule"]) -> type[RuleOptions]:
    """The typed options class of ``rule``. A rule (a plugin, say) that lists
    ``Option`` objects without an ``Options`` dataclass gets one made for it."""
    declared = rule.__dict__.get("Options") or getattr(rule, "Options", None)
    if declared is not None and declared is not NoOptions:
        return declared  # type: ignore[no-any-return]
    if not rule.options:
        return NoOptions
    made = _DYNAMIC.get(rule)
    if made is None:
        made = _DYNAMIC[rule] = dataclasses.make_dataclass(
            f"{rule.__name__}Options",
            [(o.name.replace("-", "_"), Any, field(default=None)) for o in rule.options],
            bases=(RuleOptions,), frozen=True,
        )
    return made


def build_options(rule: type["Rule"], values: Mapping[str, Any]) -> RuleOptions:
    """``rule``'s typed options from configured values (kebab-case keys) over its defaults."""
    merged = rule.default_options()
    merged.update(values)
    # Lists become tuples: options are shared by every file, so no rule may change them.
    return options_type(rule)(**{k.replace("-", "_"): tuple(v) if isinstance(v, list) else v
                                 for k, v in merged.items()})


def _ignore_dependency(path: Union[str, "os.PathLike[str]"]) -> None:
    """Outside a run nothing records which files a result depends on."""


S = TypeVar("S", bound="FamilySettings")


class FamilySettings:
    """Base of a family's typed settings (``LinkSettings``, ``HeadingSettings``,
    …): a frozen dataclass built once per configuration from its top-level
    keys, so a rule reads ``ctx.family(HeadingSettings).title_key`` and a
    typo is a type error. The keys themselves are still registered with
    ``register_setting`` (validation, docs/configuration.md)."""

    @classmethod
    def from_settings(cls: type[S], settings: Mapping[str, Any]) -> S:  # pragma: no cover - abstract
        """The family's settings from a configuration's validated family settings."""
        raise NotImplementedError


class Families:
    """One configuration's family settings: the validated table (plugins,
    cache keys, ``show-settings``) and each family's typed value, built the
    first time it is asked for."""

    def __init__(self, table: Mapping[str, Any]) -> None:
        self.table = table
        self._typed: dict[type[FamilySettings], FamilySettings] = {}

    def get(self, kind: type[S]) -> S:
        found = self._typed.get(kind)
        if isinstance(found, kind):
            return found
        made = self._typed[kind] = kind.from_settings(self.table)
        return made


def _no_families() -> Families:
    return Families({})


@dataclass(frozen=True)
class FileContext:
    """What the engine knows about the file being linted, shared by every rule
    in one lint pass: where the file is, the family settings of its
    configuration, the run's switches, and the network phase's results."""

    root: str  # the file's project root: schema globs and site paths are relative to it
    abs_path: str  # where the file is (text from stdin: where --stdin-filename puts it)
    families: Families = field(default_factory=_no_families)  # family settings (`title-key`, `[links]`, …)
    network: bool = False  # --network
    no_cache: bool = False  # --no-cache
    schema: Optional[str] = None  # --schema PATH|builtin:NAME for every file
    url_results: Optional[Mapping[str, Any]] = None  # network phase: URL -> outcome
    # Records another file this file's findings depend on (a schema, an image),
    # so the result cache can tell when a cached result went stale.
    depends_on: Callable[[Union[str, "os.PathLike[str]"]], None] = _ignore_dependency
    # The file's folder as local image paths see it (site/roots.py FileSite: its
    # real path, the folder no path may leave, the site's static folders and
    # aliases), worked out by the engine once per folder; None: the rule works it out.
    site: Any = None
    # A per-document memo: work one rule does that its family shares (the
    # resolved schema, say). New for every lint pass; never part of a result.
    memo: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    def family(self, kind: type[S]) -> S:
        """A family's typed settings in this file's configuration."""
        return self.families.get(kind)

    @property
    def settings(self) -> Mapping[str, Any]:
        """The family settings as configured (plugins' own keys); built-in
        families read theirs typed, through ``family``."""
        return self.families.table


O = TypeVar("O", bound=RuleOptions, covariant=True)


@dataclass(frozen=True)
class RuleContext(Generic[O]):
    """What a rule may know beyond the document: its typed options and the
    file's context. Frozen, so no rule can change what the next one sees."""

    options: O
    file: FileContext

    def family(self, kind: type[S]) -> S:
        """A family's typed settings: ``ctx.family(LinkSettings).allow_data``."""
        return self.file.families.get(kind)

    @property
    def settings(self) -> Mapping[str, Any]:
        return self.file.settings

    @property
    def memo(self) -> dict[str, Any]:
        return self.file.memo


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
    # The rule's typed options; ``options`` above is derived from it.
    Options: ClassVar[type[RuleOptions]] = NoOptions

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        declared = cls.__dict__.get("Options")
        if declared is not None:
            cls.options = options_from_dataclass(declared)

    def check(self, doc: Any, ctx: RuleContext[Any]) -> Iterable[Finding]:  # pragma: no cover - abstract
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
    # cleandoc only strips each line's indentation and expands tabs, so on a
    # docstring without tabs the headings are found in it as written: this
    # runs for every rule at every start, and cleandoc cost ~50 µs a rule.
    raw = cls.__doc__ or ""
    doc = raw if "\t" not in raw else cls.doc()
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

