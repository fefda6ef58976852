"""Configuration: discovery, layering, strict validation and per-file resolution."""
from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any, Mapping, Optional

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

from ..errors import ConfigError
from ..patterns import glob_match as _glob_match
from ..registry import Rule, RuleOptions, build_options, extra_settings, iter_selectors, matches, register_setting
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


def did_you_mean(word: str, candidates) -> str:
    """`` (did you mean `x`?)`` for the closest candidate, ignoring case; empty
    when nothing is close."""
    import difflib

    by_lower = {str(c).lower(): str(c) for c in candidates}
    close = difflib.get_close_matches(word.lower(), list(by_lower), n=1)
    return f" (did you mean `{by_lower[close[0]]}`?)" if close else ""


def selector_names() -> list[str]:
    """What a selector can name: every rule code and name."""
    return [key for r in all_rules() for key in (r.code, r.name)]


@dataclass
class Config:
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
    rule_settings: dict[str, dict] = field(default_factory=dict)  # code -> {severity?, options}
    settings: dict[str, Any] = field(default_factory=dict)  # family settings
    _enabled_key: Any = field(default=None, repr=False, compare=False)
    _options_cache: dict = field(default_factory=dict, repr=False, compare=False)
    _enabled_cache: tuple = field(default=(), repr=False, compare=False)

    def severity(self, rule: type[Rule]) -> Severity:
        sev = self.rule_settings.get(rule.code, {}).get("severity")
        return Severity(sev) if sev else rule.severity

    def __getstate__(self) -> dict:
        state = self.__dict__.copy()
        state["_options_cache"] = {}  # read-only views do not pickle (spawned workers)
        return state

    def options(self, rule: type[Rule]) -> Mapping[str, Any]:
        """The rule's options, defaults merged with the configuration; built
        once per rule (every file asks) and read-only, so no rule can change
        them for the next file."""
        key = (rule, id(self.rule_settings.get(rule.code)))
        cached = self._options_cache.get(key)
        if cached is None:
            opts = rule.default_options()
            opts.update(self.rule_settings.get(rule.code, {}).get("options", {}))
            cached = self._options_cache[key] = MappingProxyType(opts)
        return cached

    def rule_options(self, rule: type[Rule]) -> RuleOptions:
        """The rule's typed options (its ``Options`` dataclass), built once per rule."""
        key = ("typed", rule, id(self.rule_settings.get(rule.code)))
        cached = self._options_cache.get(key)
        if cached is None:
            cached = self._options_cache[key] = build_options(rule, self.options(rule))
        return cached  # type: ignore[no-any-return]

    def rule_plan(self, rules: tuple[type[Rule], ...]) -> tuple[tuple[type[Rule], RuleOptions, Severity], ...]:
        """Each of ``rules`` with its typed options and severity, worked out
        once per rule set: the engine asks for every file, and per rule per
        file the lookups cost more than some rules' own work."""
        # Keyed like rule_options by the identity of each rule's settings
        # entry, so an entry replaced on a live Config is seen.
        entries = self.rule_settings
        key = ("plan", rules, tuple([id(entries.get(r.code)) for r in rules]) if entries else ())
        cached = self._options_cache.get(key)
        if cached is None:
            cached = self._options_cache[key] = tuple((r, self.rule_options(r), self.severity(r)) for r in rules)
        return cached  # type: ignore[no-any-return]

    @property
    def enabled_rules(self) -> tuple[type[Rule], ...]:
        key = (tuple(self.select) if self.select is not None else None, tuple(self.extend_select), tuple(self.ignore))
        if self._enabled_key != key:
            self._enabled_cache = _enabled(*key)
            self._enabled_key = key
        return self._enabled_cache

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
        import hashlib
        import json

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


def _enabled(select, extend_select, ignore) -> tuple[type[Rule], ...]:
    positive = list(select) if select is not None else []
    positive += list(extend_select)
    result = []
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


def _schema() -> dict:
    rule_props = {}
    for rule in all_rules():
        props = {"severity": {"enum": ["error", "warning"]}}
        props.update({o.name: o.json_schema() for o in rule.options})
        entry = {"type": "object", "properties": props, "additionalProperties": False}
        rule_props[rule.code] = entry
        rule_props[rule.name] = entry
    str_list = {"type": "array", "items": {"type": "string"}}
    props = {
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


def validate_table(data: dict, source: str) -> None:
    if not data:
        return  # nothing to check; spares the jsonschema import on start-up
    import jsonschema

    schema = _schema()
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


def _read_toml(path: Path) -> dict:
    try:
        with open(path, "rb") as fh:
            return tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror}") from None


def _table(path: Path) -> dict:
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
    overrides: Optional[dict] = None,
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


def _build(path: Optional[Path], root: Path, overrides: Optional[dict], *, detect: bool = True) -> Config:
    data: dict = {}
    if path is not None:
        data = _load_layers(path, set())
    elif detect:
        data = detected_settings(root)  # how a detected framework renders pages, as `init` would write
    config = Config(path=path, root=root)
    source = str(path) if path else "configuration"
    validate_table(data, source)
    apply_table(config, data, source)
    if overrides:
        apply_table(config, overrides, "command line")
    return config


def _load_layers(path: Path, seen: set) -> dict:
    real = path.resolve()
    if real in seen:
        raise ConfigError(f"{path}: `extends` forms a cycle")
    seen.add(real)
    data = _table(path)
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


def apply_table(config: Config, data: dict, source: str) -> None:
    config._options_cache.clear()
    if "include" in data:
        config.include = list(data["include"])
    if "exclude" in data:
        config.exclude = list(data["exclude"])
    config.exclude += list(data.get("extend-exclude", []))
    if "respect-gitignore" in data:
        config.respect_gitignore = data["respect-gitignore"]
    for key in ("select", "extend-select", "ignore"):
        if key in data:
            values = list(iter_selectors(data[key]))
            for value in values:
                if not is_selector(value):
                    raise ConfigError(f"{source}: `{key}` names `{value}`, which is not a rule code, prefix or name"
                                      f"{did_you_mean(value, selector_names())}")
            if key == "select":
                config.select = values
            elif key == "extend-select":
                config.extend_select += values
            else:
                config.ignore += values
    for pattern, selectors in data.get("per-file-ignores", {}).items():
        config.per_file_ignores[pattern] = list(iter_selectors(selectors))
    if "max-file-size" in data:
        config.max_file_size = data["max-file-size"]
    for key, table in data.get("rules", {}).items():
        rule = get_rule(key)
        entry = config.rule_settings.setdefault(rule.code, {"options": {}})
        for opt, value in table.items():
            if opt == "severity":
                entry["severity"] = value
            else:
                entry["options"][opt] = value
    for key, (_, default) in extra_settings().items():
        if key in data:
            config.settings[key] = data[key]
        else:
            config.settings.setdefault(key, default)


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
                 overrides: Optional[dict] = None, forced: Optional[Config] = None):
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
