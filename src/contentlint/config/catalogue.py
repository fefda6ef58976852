"""The rule catalogue: loads the built-in families and the plugins' entry points into the registry."""
from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, Optional

from ..errors import ConfigError
# Importing a family registers its rules and settings, before any plugin.
from ..rules import engine_findings, frontmatter, headings, links, site, text  # noqa: F401
from ..registry import FAMILIES, RegistryError, Rule, add, by_name, clash_of, matches, registered, validate_rule

if TYPE_CHECKING:
    from importlib.metadata import EntryPoint

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


GROUP = "contentlint.rules"


def _may_declare_plugins() -> bool:
    """Whether an installed distribution may declare a `contentlint.rules`
    entry point: a look at the ``entry_points.txt`` of each ``*.dist-info``
    and ``*.egg-info`` folder on ``sys.path``, which is where importlib.metadata
    reads them. Importing importlib.metadata (and the email parser it loads)
    cost a one-file run more than linting the file; it is imported only when
    some distribution names the group, or when distributions may live where
    this look does not reach (a zip, an egg, another finder): then the answer
    is always yes."""
    from importlib.machinery import PathFinder

    for finder in sys.meta_path:
        if finder is not PathFinder and getattr(finder, "find_distributions", None) is not None:
            return True
    needle = GROUP.encode()
    for entry in sys.path:
        folder = entry or "."  # as importlib.metadata reads the empty entry: the current folder
        try:
            names = os.listdir(folder)
        except NotADirectoryError:
            return True  # a zip file on the path
        except OSError:
            continue  # a missing entry (python311.zip usually is)
        for name in names:
            low = name.lower()
            if low.endswith(".egg") or low == "egg-info":
                return True
            if low.endswith((".dist-info", ".egg-info")):
                try:
                    with open(os.path.join(folder, name, "entry_points.txt"), "rb") as fh:
                        if needle in fh.read():
                            return True
                except OSError:
                    continue  # no entry points (or a PKG-INFO-style .egg-info file)
    return False


def _entry_points() -> "list[EntryPoint]":
    if not _may_declare_plugins():
        return []
    from importlib.metadata import entry_points  # lazy: start-up time

    return list(entry_points(group=GROUP))


def _load_plugins() -> None:
    global _plugin_conflict
    for ep in _entry_points():
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
