"""Configuration: discovery, layering, strict validation and per-file resolution."""
from __future__ import annotations

import dataclasses
import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any, Callable, Iterable, Mapping, Optional

from ..errors import ConfigError
from ..patterns import glob_match as _glob_match
from ..registry import Families, Rule, RuleOptions, S, build_options, extra_settings, iter_selectors, matches, register_setting
from ..schema.certain import certainly_valid
from .frameworks import detected_settings
from .catalogue import all_rules, get_rule, is_selector
from ..violations import Severity

CONFIG_FILES = ("contentlint.toml", ".contentlint.toml", "pyproject.toml")
DEFAULT_INCLUDE = ["*.md", "*.mdx", "*.markdown"]
# Virtual environments and tool caches hold other projects' READMEs; `exclude`
# replaces this list, `extend-exclude` adds to it.
DEFAULT_EXCLUDE = [".venv/", "venv/", ".tox/", ".nox/", "__pycache__/", "site-packages/", ".pytest_cache/"]
ALWAYS_EXCLUDED_DIRS = {".git", "node_modules", ".hg", ".svn", ".contentlint_cache"}

__all__ = ["ConfigError", "register_setting"]  # kept importable from here


def did_you_mean(word: str, candidates: Iterable[object]) -> str:
    """`` (did you mean `x`?)`` for the closest candidate, ignoring case; empty
    when nothing is close."""
    by_lower = {str(c).lower(): str(c) for c in candidates}
    import difflib  # lazy: start-up time (only a misspelt name needs it)

    close = difflib.get_close_matches(word.lower(), list(by_lower), n=1)
    return f" (did you mean `{by_lower[close[0]]}`?)" if close else ""


def selector_names() -> list[str]:
    """What a selector can name: every rule code and name."""
    return [key for r in all_rules() for key in (r.code, r.name)]


class _Memo:
    """What a `Config` works out on first use (its enabled rules, each rule's
    options, plain and typed, and severity per rule set): the value never changes, so neither do these. Not pickled:
    a spawned worker works them out again (read-only views do not pickle)."""

    def __init__(self) -> None:
        self.enabled: Optional[tuple[type[Rule], ...]] = None
        self.options: dict[type[Rule], Mapping[str, Any]] = {}
        self.typed: dict[type[Rule], RuleOptions] = {}
        self.plans: dict[tuple[type[Rule], ...], tuple[tuple[type[Rule], RuleOptions, Severity], ...]] = {}
        self.families: Optional[Families] = None

    def __reduce__(self) -> tuple[type[_Memo], tuple[()]]:
        return (_Memo, ())


@dataclass(frozen=True)
class Config:
    """One project's configuration, as a value.

    Build it from a table with ``Config.from_table({"select": ["HD"]},
    root=Path("site"))`` (validated as strictly as a ``contentlint.toml``
    with those keys), from files with ``load_config`` or per file with a
    ``Resolver``. Layering makes a new value (``config.with_table(table,
    source)``): nothing changes a configuration in place, so what it works
    out once (enabled rules, rule options) stays true, and one value can be
    shared by every file, thread and worker of a run. Treat the lists and
    tables it holds as read-only."""

    path: Optional[Path] = None
    root: Path = field(default_factory=Path.cwd)
    include: list[str] = field(default_factory=lambda: list(DEFAULT_INCLUDE))
    exclude: list[str] = field(default_factory=lambda: list(DEFAULT_EXCLUDE))
    respect_gitignore: bool = True
    select: Optional[list[str]] = None
    extend_select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    per_file_ignores: dict[str, list[str]] = field(default_factory=dict)
    max_file_size: int = 10 * 1024 * 1024
    rule_settings: dict[str, dict[str, Any]] = field(default_factory=dict)  # code -> {severity?, options}
    settings: dict[str, Any] = field(default_factory=dict)  # family settings
    # init=False: `dataclasses.replace` gives the new value a memo of its own
    _memo: _Memo = field(default_factory=_Memo, init=False, repr=False, compare=False)

    @classmethod
    def from_table(cls, table: Mapping[str, Any], *, root: Optional[Path] = None, path: Optional[Path] = None,
                   source: Optional[str] = None) -> Config:
        """The configuration a table of configuration keys (as in
        ``contentlint.toml``; ``extends`` is not followed) gives over the
        defaults. ``root`` is the folder paths and patterns are relative to
        (default: the current folder), ``path`` the file the table came from,
        ``source`` how error messages name it. Raises ``ConfigError`` on an
        unknown key or a bad value."""
        where = source or (str(path) if path is not None else "configuration")
        validate_table(dict(table), where)
        base = cls(path=path, root=root if root is not None else Path.cwd())
        return base.with_table(table, where)

    def with_table(self, table: Mapping[str, Any], source: str) -> Config:
        """A new configuration: this one with ``table`` laid over it (the
        command line over a file, a file over its ``extends``). Lists named
        ``extend-*``, ``ignore``, ``per-file-ignores`` and ``rules`` add to
        what is there; the other keys replace it. Not validated here."""
        fields = _Fields.of(self)
        for key, apply in _APPLY.items():  # in this order: `exclude` before `extend-exclude`
            if key in table:
                apply(fields, table[key], source, key)
        for key, (_, default) in extra_settings().items():
            if key in table:
                fields.settings[key] = table[key]
            else:
                fields.settings.setdefault(key, default)
        return fields.build()

    @property
    def families(self) -> Families:
        """The family settings, each family's typed value built once for
        this configuration (every file of it shares them)."""
        if self._memo.families is None:
            self._memo.families = Families(MappingProxyType(self.settings))
        return self._memo.families

    def family(self, kind: type[S]) -> S:
        """A family's typed settings: ``config.family(LinkSettings).static_folders``."""
        return self.families.get(kind)

    def severity(self, rule: type[Rule]) -> Severity:
        sev = self.rule_settings.get(rule.code, {}).get("severity")
        return Severity(sev) if sev else rule.severity

    def options(self, rule: type[Rule]) -> Mapping[str, Any]:
        """The rule's options, defaults merged with the configuration; built
        once per rule (every file asks) and read-only, so no rule can change
        them for the next file."""
        cached = self._memo.options.get(rule)
        if cached is None:
            opts = rule.default_options()
            opts.update(self.rule_settings.get(rule.code, {}).get("options", {}))
            cached = self._memo.options[rule] = MappingProxyType(opts)
        return cached

    def rule_options(self, rule: type[Rule]) -> RuleOptions:
        """The rule's typed options (its ``Options`` dataclass), built once per rule."""
        cached = self._memo.typed.get(rule)
        if cached is None:
            cached = self._memo.typed[rule] = build_options(rule, self.options(rule))
        return cached

    def rule_plan(self, rules: tuple[type[Rule], ...]) -> tuple[tuple[type[Rule], RuleOptions, Severity], ...]:
        """Each of ``rules`` with its typed options and severity, worked out
        once per rule set: the engine asks for every file, and per rule per
        file the lookups cost more than some rules' own work."""
        # A rule set is the enabled rules or what per-file-ignores leave of them.
        cached = self._memo.plans.get(rules)
        if cached is None:
            cached = self._memo.plans[rules] = tuple((r, self.rule_options(r), self.severity(r)) for r in rules)
        return cached

    @property
    def enabled_rules(self) -> tuple[type[Rule], ...]:
        if self._memo.enabled is None:
            self._memo.enabled = _enabled(self.select, self.extend_select, self.ignore)
        return self._memo.enabled

    def rules_for(self, relpath: str) -> tuple[type[Rule], ...]:
        """Enabled rules for a file, after per-file-ignores."""
        rules = self.enabled_rules
        if not self.per_file_ignores:
            return rules
        ignored: list[str] = []
        for pattern, selectors in self.per_file_ignores.items():
            if _glob_match(pattern, relpath):
                ignored.extend(selectors)
        if not ignored:
            return rules
        return tuple(r for r in rules if not any(matches(s, r) is not None for s in ignored))

    def fingerprint(self) -> str:
        """A stable digest of everything that changes findings (for caches)."""
        payload = {
            "root": str(self.root),  # per-file-ignores and schema globs match paths relative to it
            "rules": [r.code for r in self.enabled_rules],
            # engine findings (CL9xx) are never in enabled_rules but can be ignored
            "selection": [self.select, self.extend_select, self.ignore],
            "settings": self.rule_settings,
            "family": self.settings,
            "pfi": self.per_file_ignores,
            "max": self.max_file_size,
        }
        return hashlib.sha256(json.dumps(payload, sort_keys=True, default=str).encode()).hexdigest()[:16]


def _enabled(select: Optional[list[str]], extend_select: list[str], ignore: list[str]) -> tuple[type[Rule], ...]:
    positive = list(select) if select is not None else []
    positive += list(extend_select)
    result: list[type[Rule]] = []
    for rule in all_rules():
        if rule.code.startswith("CL"):
            continue  # engine findings are always on unless ignored (see engine)
        best_pos = max((s for s in (matches(p, rule) for p in positive) if s is not None), default=None)
        best_neg = max((s for s in (matches(n, rule) for n in ignore) if s is not None), default=None)
        if best_neg is not None and (best_pos is None or best_neg >= best_pos):
            continue
        if best_pos is not None:
            # ``select = ["HD"]`` turns on the whole family, off-by-default rules too;
            # ``ALL`` keeps off-by-default rules off.
            if best_pos > 0 or rule.default_enabled:
                result.append(rule)
        elif select is None and rule.default_enabled:
            result.append(rule)
    return tuple(result)


JsonSchema = dict[str, Any]


def _schema() -> JsonSchema:
    rule_props: dict[str, JsonSchema] = {}
    for rule in all_rules():
        options: dict[str, JsonSchema] = {"severity": {"enum": ["error", "warning"]}}
        options.update({o.name: o.json_schema() for o in rule.options})
        entry = {"type": "object", "properties": options, "additionalProperties": False}
        rule_props[rule.code] = entry
        rule_props[rule.name] = entry
    str_list: JsonSchema = {"type": "array", "items": {"type": "string"}}
    props: dict[str, JsonSchema] = {
        "extends": {"type": "string"},
        "include": str_list,
        "exclude": str_list,
        "extend-exclude": str_list,
        "respect-gitignore": {"type": "boolean"},
        "select": str_list,
        "extend-select": str_list,
        "ignore": str_list,
        "per-file-ignores": {"type": "object", "additionalProperties": str_list},
        "max-file-size": {"type": "integer", "minimum": 1},
        "rules": {"type": "object", "properties": rule_props, "additionalProperties": False},
    }
    props.update({k: s for k, (s, _) in extra_settings().items()})
    return {"type": "object", "properties": props, "additionalProperties": False}


def validate_table(data: Mapping[str, Any], source: str) -> None:
    if not data:
        return  # nothing to check; spares the jsonschema import on start-up
    schema = _schema()
    if certainly_valid(schema, data):
        return  # the usual case, without loading jsonschema (start-up time)
    import jsonschema

    errors = sorted(jsonschema.Draft202012Validator(schema).iter_errors(data), key=lambda e: list(e.path))
    if not errors:
        return
    lines = []
    for err in errors:
        key = ".".join(str(p) for p in err.absolute_path) or "(top level)"
        if err.validator == "additionalProperties":
            allowed = sorted(err.schema.get("properties", {}))
            unknown = sorted(set(err.instance) - set(allowed))
            where = f"{key}." if err.absolute_path else ""
            for name in unknown:
                hint = did_you_mean(name, allowed)
                if hint:
                    lines.append(f"{source}: unknown key `{where}{name}`{hint}")
                else:
                    lines.append(f"{source}: unknown key `{where}{name}`; valid keys: {', '.join(allowed)}")
        elif err.validator == "enum":
            choices = ", ".join(f"`{c}`" for c in err.validator_value)
            lines.append(f"{source}: `{key}` = {err.instance!r} is not valid; choose one of {choices}")
        elif err.validator == "pattern" and err.schema.get("description"):
            lines.append(f"{source}: `{key}` = {err.instance!r} is not valid: {err.schema['description']}")
        else:
            lines.append(f"{source}: `{key}`: {err.message}")
    raise ConfigError("\n".join(lines))


def find_config(start: Path) -> Optional[Path]:
    start = start.resolve()
    for folder in [start, *start.parents]:
        found = config_file_in(folder)
        if found is not None:
            return found
    return None


def config_file_in(folder: Path) -> Optional[Path]:
    """The configuration file directly inside ``folder``, if any."""
    for name in CONFIG_FILES:
        candidate = folder / name
        if candidate.is_file():
            if name == "pyproject.toml" and "contentlint" not in _read_toml(candidate).get("tool", {}):
                continue
            return candidate
    return None


def _read_toml(path: Path) -> dict[str, Any]:
    # lazy: start-up time (a run with no configuration file reads no TOML)
    from .. import toml_parser as tomllib

    try:
        with open(path, "rb") as fh:
            return tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror}") from None


def file_table(path: Path) -> dict[str, Any]:
    """The contentlint table of one configuration file (its `extends` not followed)."""
    data = _read_toml(path)
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("contentlint", {})
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: [tool.contentlint] must be a table")
    return data


def load_config(
    *,
    config_path: Optional[str] = None,
    isolated: bool = False,
    start: Optional[Path] = None,
    overrides: Optional[Mapping[str, Any]] = None,
) -> Config:
    """Rule defaults → ``extends`` preset → project file → command line."""
    path: Optional[Path] = None
    if config_path:
        path = Path(config_path)
        if not path.is_file():
            raise ConfigError(f"{config_path}: configuration file not found")
    elif not isolated:
        path = find_config(start or Path.cwd())
    root = path.resolve().parent if path is not None else Path.cwd().resolve()
    return _build(path, root, overrides, detect=not isolated)


def _build(path: Optional[Path], root: Path, overrides: Optional[Mapping[str, Any]], *,
           detect: bool = True) -> Config:
    data: dict[str, Any] = {}
    if path is not None:
        data = _load_layers(path, set())
    elif detect:
        data = detected_settings(root)  # how a detected framework renders pages, as `init` would write
    config = Config.from_table(data, root=root, path=path)
    if overrides:
        config = config.with_table(overrides, "command line")
    return config


def _load_layers(path: Path, seen: set[Path]) -> dict[str, Any]:
    real = path.resolve()
    if real in seen:
        raise ConfigError(f"{path}: `extends` forms a cycle")
    seen.add(real)
    data = file_table(path)
    base = data.get("extends")
    if isinstance(base, str):
        parent = (path.parent / base) if not os.path.isabs(base) else Path(base)
        if not parent.is_file():
            raise ConfigError(f"{path}: `extends` names {base}, which does not exist")
        merged = _load_layers(parent, seen)
        rules = {**merged.get("rules", {})}
        for key, value in data.get("rules", {}).items():
            rules[key] = {**rules.get(key, {}), **value}
        merged.update({k: v for k, v in data.items() if k not in ("extends", "rules")})
        if rules:
            merged["rules"] = rules
        return merged
    return data


@dataclass
class _Fields:
    """A configuration being built: copies of a Config's fields that the
    per-key functions below may change, then frozen again by ``build``."""

    values: dict[str, Any]
    settings: dict[str, Any]

    @classmethod
    def of(cls, config: Config) -> _Fields:
        values = {f.name: getattr(config, f.name) for f in dataclasses.fields(config)
                  if f.init and f.name != "settings"}
        for name in ("include", "exclude", "extend_select", "ignore"):
            values[name] = list(values[name])
        values["per_file_ignores"] = dict(config.per_file_ignores)
        values["rule_settings"] = {code: {**entry, "options": dict(entry.get("options", {}))}
                                   for code, entry in config.rule_settings.items()}
        return cls(values, dict(config.settings))

    def build(self) -> Config:
        return Config(**self.values, settings=self.settings)


def _set(name: str) -> Callable[[_Fields, Any, str, str], None]:
    """A key whose value replaces the field's."""
    def apply(fields: _Fields, value: Any, source: str, key: str) -> None:
        fields.values[name] = list(value) if isinstance(value, list) else value
    return apply


def _extend_exclude(fields: _Fields, value: Any, source: str, key: str) -> None:
    fields.values["exclude"] = [*fields.values["exclude"], *value]


def _selectors(value: Any, source: str, key: str) -> list[str]:
    values = list(iter_selectors(value))
    for selector in values:
        if not is_selector(selector):
            raise ConfigError(f"{source}: `{key}` names `{selector}`, which is not a rule code, prefix or name"
                              f"{did_you_mean(selector, selector_names())}")
    return values


def _select(fields: _Fields, value: Any, source: str, key: str) -> None:
    fields.values["select"] = _selectors(value, source, key)


def _extend(name: str) -> Callable[[_Fields, Any, str, str], None]:
    """A selector list that adds to what the layers below chose."""
    def apply(fields: _Fields, value: Any, source: str, key: str) -> None:
        fields.values[name] = [*fields.values[name], *_selectors(value, source, key)]
    return apply


def _per_file_ignores(fields: _Fields, value: Any, source: str, key: str) -> None:
    for pattern, selectors in value.items():
        fields.values["per_file_ignores"][pattern] = list(iter_selectors(selectors))


def _rules(fields: _Fields, value: Any, source: str, key: str) -> None:
    rule_settings = fields.values["rule_settings"]
    for name, table in value.items():
        rule = get_rule(name)
        if rule is None:  # validate_table names it first; an unvalidated table still gets a message
            raise ConfigError(f"{source}: `rules.{name}` is not a rule code or name"
                              f"{did_you_mean(name, selector_names())}")
        entry = rule_settings.setdefault(rule.code, {"options": {}})
        for opt, setting in table.items():
            if opt == "severity":
                entry["severity"] = setting
            else:
                entry["options"][opt] = setting


# One function per configuration key, applied in this order; family settings
# (`register_setting`) follow. `extends` is followed while loading files.
_APPLY: dict[str, Callable[[_Fields, Any, str, str], None]] = {
    "include": _set("include"),
    "exclude": _set("exclude"),
    "extend-exclude": _extend_exclude,
    "respect-gitignore": _set("respect_gitignore"),
    "select": _select,
    "extend-select": _extend("extend_select"),
    "ignore": _extend("ignore"),
    "per-file-ignores": _per_file_ignores,
    "max-file-size": _set("max_file_size"),
    "rules": _rules,
}


class Resolver:
    """Which configuration each file gets, as ruff resolves it: the nearest
    configuration file above the file (its folder is that file's project
    root), else the defaults rooted at the current folder. ``--config``
    forces one file for all, ``--isolated`` the defaults for all. So a run
    over several sites applies each site's own file, whatever the order of
    the paths or how pre-commit splits them into batches.

    Folders are walked lexically (no symlink resolution) so that roots and
    the paths discovery builds agree."""

    def __init__(self, *, config_path: Optional[str] = None, isolated: bool = False,
                 overrides: Optional[Mapping[str, Any]] = None, forced: Optional[Config] = None) -> None:
        self.overrides = overrides
        self.forced = forced
        if forced is None and (config_path or isolated):
            self.forced = load_config(config_path=config_path, isolated=isolated, overrides=overrides)
        self._nearest: dict[str, Optional[str]] = {}  # folder -> nearest config file at or above it
        self._configs: dict[Optional[str], Config] = {}

    @classmethod
    def single(cls, config: Config) -> "Resolver":
        return cls(forced=config)

    def for_dir(self, folder: str) -> Config:
        if self.forced is not None:
            return self.forced
        # every file of a folder asks: the memo is looked up before normalising
        found = self._nearest[folder] if folder in self._nearest else self._nearest_file(os.path.abspath(folder))
        config = self._configs.get(found)
        if config is None:
            if found is None:
                config = _build(None, Path.cwd().resolve(), self.overrides)
            else:
                path = Path(found)
                config = _build(path, path.parent, self.overrides)
            self._configs[found] = config
        return config

    def for_file(self, path: str) -> Config:
        return self.for_dir(os.path.dirname(path if os.path.isabs(path) else os.path.abspath(path)))

    @property
    def loaded(self) -> list[Config]:
        """The configurations used so far (``--verbose``)."""
        return [self.forced] if self.forced is not None else list(self._configs.values())

    def _nearest_file(self, folder: str) -> Optional[str]:
        walked = []
        found: Optional[str] = None
        current = folder
        while True:
            if current in self._nearest:
                found = self._nearest[current]
                break
            walked.append(current)
            here = config_file_in(Path(current))
            if here is not None:
                found = str(here)
                break
            parent = os.path.dirname(current)
            if parent == current:
                break
            current = parent
        for visited in walked:
            self._nearest[visited] = found
        return found
