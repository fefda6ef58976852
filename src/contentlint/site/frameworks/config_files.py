"""Reading a framework's TOML, YAML or JSON config into plain data, never raising.

A config that cannot be read or parsed gives ``None``: the framework then falls
back to its defaults and says so in ``SiteConfig.options["unresolved"]``.
"""
from __future__ import annotations

import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterator, Optional

if TYPE_CHECKING:
    import yaml

TAG_KEY = "!tag"
_STR, _SEQ, _MAP = "tag:yaml.org,2002:str", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"


def _plain_tags(node: yaml.Node, seen: set[int]) -> None:
    """Retag every node SafeLoader has no constructor for as plain data, in place.

    MkDocs configs carry ``!!python/name:...`` and ``!ENV`` tags; they name code or
    the environment, which routes do not depend on. A tagged mapping keeps its tag
    under ``TAG_KEY`` (``python/object/apply:pymdownx.slugs.slugify``), an empty
    tagged scalar becomes the tag itself (``python/name:...toc.slugify_unicode``).
    Only SafeLoader constructs the result: no constructor is added to any loader.
    """
    import yaml  # lazy: start-up time (a site with a YAML config)

    if id(node) in seen:
        return
    seen.add(id(node))
    known = node.tag in yaml.SafeLoader.yaml_constructors
    if isinstance(node, yaml.MappingNode):
        if not known:
            node.value.insert(0, (yaml.ScalarNode(_STR, TAG_KEY), yaml.ScalarNode(_STR, node.tag)))
            node.tag = _MAP
        for key, value in node.value:
            _plain_tags(key, seen)
            _plain_tags(value, seen)
    elif isinstance(node, yaml.SequenceNode):
        if not known:
            node.tag = _SEQ
        for item in node.value:
            _plain_tags(item, seen)
    elif not known:
        node.value = node.value if node.value != "" else node.tag
        node.tag = _STR


def _load_yaml(text: str) -> Any:
    import yaml  # lazy: start-up time (a site with a YAML config)

    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        _plain_tags(node, set())
        return loader.construct_document(node)
    finally:
        loader.dispose()


def parse(text: str, suffix: str) -> Optional[Any]:
    """The data of a config text by its file suffix (``.toml``, ``.yaml``/``.yml``, ``.json``)."""
    # lazy: start-up time (each parser loads only for a config in its language)
    try:
        if suffix == ".toml":
            from ... import toml_parser

            return toml_parser.loads(text)
        if suffix in (".yaml", ".yml"):
            import yaml

            try:
                return _load_yaml(text)
            except yaml.YAMLError:
                return None
        if suffix == ".json":
            return json.loads(text)
    except (ValueError, RecursionError):  # TOMLDecodeError and JSONDecodeError are ValueErrors
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
