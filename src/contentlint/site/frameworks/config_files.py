"""Reading a framework's TOML, YAML or JSON config into plain data, never raising.

A config that cannot be read or parsed gives ``None``: the framework then falls
back to its defaults and says so in ``SiteConfig.options["unresolved"]``.
"""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any, Iterator, Optional

import yaml

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib


TAG_KEY = "!tag"


class _TolerantLoader(yaml.SafeLoader):
    """SafeLoader that reads an unknown tag's node as plain data.

    MkDocs configs carry ``!!python/name:...`` and ``!ENV`` tags; they name code
    or the environment, neither of which routes depend on, so they become the
    node's own scalar, list or mapping instead of an error.
    """


def _any_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    if isinstance(node, yaml.MappingNode):
        # The tag says which function it applies (``python/object/apply:pymdownx.slugs.slugify``).
        return {TAG_KEY: suffix, **loader.construct_mapping(node, deep=True)}
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node, deep=True)
    value = loader.construct_scalar(node)  # type: ignore[arg-type]
    # ``!!python/name:markdown.extensions.toc.slugify_unicode`` names a function
    # in its tag alone: keep that name as the value.
    return value if value != "" else suffix


# Every tag SafeLoader does not know, whatever its prefix (``!ENV``, ``!!python/...``).
_TolerantLoader.add_multi_constructor("", _any_tag)


def parse(text: str, suffix: str) -> Optional[Any]:
    """The data of a config text by its file suffix (``.toml``, ``.yaml``/``.yml``, ``.json``)."""
    try:
        if suffix == ".toml":
            return tomllib.loads(text)
        if suffix in (".yaml", ".yml"):
            return yaml.load(text, Loader=_TolerantLoader)  # noqa: S506 - SafeLoader subclass
        if suffix == ".json":
            return json.loads(text)
    except (ValueError, yaml.YAMLError, RecursionError):
        return None
    return None


def read(path: Path) -> Optional[Any]:
    """The parsed data of one config file, or None when missing or malformed."""
    try:
        text = path.read_text(encoding="utf-8-sig", errors="replace")
    except OSError:
        return None
    return parse(text, path.suffix.lower())


def lower_keys(value: Any) -> Any:
    """Keys lowercased at every level (Hugo reads its config case-insensitively)."""
    if isinstance(value, dict):
        return {str(k).lower(): lower_keys(v) for k, v in value.items()}
    if isinstance(value, list):
        return [lower_keys(v) for v in value]
    return value


def walk_inside(root: Path, folder: str) -> Iterator[tuple[str, list[str], list[str]]]:
    """``os.walk`` of ``root/folder``, only when that folder is inside the site.

    A config may name any folder; one outside the root (absolute, or through
    ``..``) is not the site's to read, and a name the file system cannot encode
    (lone surrogates from a YAML escape) is a folder that does not exist.
    """
    if os.path.isabs(folder) or ".." in Path(folder).parts:
        return
    try:
        yield from os.walk(root / folder)
    except (UnicodeError, ValueError):
        return
