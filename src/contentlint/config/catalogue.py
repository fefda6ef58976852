"""The rule catalogue: loads the built-in families and the plugins' entry points into the registry."""
from __future__ import annotations

from importlib.metadata import EntryPoint, entry_points
from typing import Optional

from ..errors import ConfigError
# Importing a family registers its rules and settings, before any plugin.
from ..rules import engine_findings, frontmatter, headings, links, site, text  # noqa: F401
from ..registry import FAMILIES, RegistryError, Rule, add, by_name, clash_of, matches, registered, validate_rule

_loaded = False
_plugin_errors: list[str] = []
_plugin_conflict: Optional[str] = None
RESERVED_PREFIXES = tuple(FAMILIES)


def load_rules() -> None:
    """Load third-party entry points once (the built-in families are imported above)."""
    global _loaded
    if not _loaded:
        _loaded = True
        _load_plugins()
    if _plugin_conflict is not None:
        # Raised on every use, not only the first: a half-loaded registry must
        # never pass for a whole one.
        raise ConfigError(_plugin_conflict)


def _plugin_rules(ep: EntryPoint, dist: str) -> list[type[Rule]]:
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


def _load_plugins() -> None:
    global _plugin_conflict
    for ep in entry_points(group="contentlint.rules"):
        dist = ep.dist.name if ep.dist is not None else "an unknown distribution"
        try:
            rules = _plugin_rules(ep, dist)
        except Exception as exc:  # a broken plugin must not stop the built-in rules
            _plugin_errors.append(f"plugin `{ep.name}` from {dist} was not loaded: {type(exc).__name__}: {exc}")
            continue
        # A clash is a configuration error (two installed distributions claim one
        # code or name; the user must choose), so it is looked for first.
        conflicts = [c for c in map(clash_of, rules) if c is not None]
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
            conflict = clash_of(cls)  # two rules of one plugin
            if conflict is not None:
                _plugin_conflict = conflict
                return
            add(cls)


def plugin_errors() -> list[str]:
    """Plugins that failed to load, one message each (the CLI prints them as warnings)."""
    load_rules()
    return list(_plugin_errors)


def all_rules() -> list[type[Rule]]:
    load_rules()
    return sorted(registered().values(), key=lambda r: r.code)


def get_rule(key: str) -> Optional[type[Rule]]:
    load_rules()
    return registered().get(key.upper()) or by_name(key.lower())




def is_selector(selector: str) -> bool:
    load_rules()
    return any(matches(selector, r) is not None for r in registered().values())
