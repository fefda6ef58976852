"""Frontmatter schemas: where each file's schema comes from, loading it, and a
validator built once per schema.

Discovery, most specific first (docs/frontmatter.md):
1. ``--schema PATH|builtin:NAME`` for every file;
2. a ``$schema`` key in the frontmatter (relative to the file);
3. ``[tool.contentlint.schemas]``: glob → path or ``builtin:NAME`` (first match wins);
4. Astro: ``.astro/collections/<collection>.schema.json`` for ``src/content/<collection>/**``;
5. none.

A schema that is itself invalid, or a ``$ref`` that cannot be resolved, is a
configuration error (``ConfigError``, exit 2) naming the file and the pointer.
"""
from __future__ import annotations

import datetime
import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator, Optional
from urllib.parse import unquote, urldefrag, urljoin, urlsplit

import jsonschema
from jsonschema.validators import validator_for
from jsonschema_specifications import REGISTRY as SPECIFICATIONS
from referencing import Registry, Resource
from referencing.exceptions import NoSuchResource, Unresolvable
from referencing.jsonschema import DRAFT202012, specification_with

from .config import ConfigError, register_setting
from .schema_formats import format_checker

BUILTIN = "builtin:"
SETTING = "schemas"
REQUIRE_SETTING = "require-frontmatter"
_REMOTE_LIMIT = 5 * 1024 * 1024
# Keywords whose values are data, not subschemas: a "$ref" inside them is not a reference.
_DATA_KEYWORDS = {"enum", "const", "examples", "default"}

register_setting(SETTING, {"type": "object", "additionalProperties": {"type": "string"}}, {})
register_setting(REQUIRE_SETTING, {"type": "array", "items": {"type": "string"}}, [])


def builtin_dir() -> Path:
    """The bundled schemas: ``contentlint/schemas`` inside an installed wheel,
    else the repository's top-level ``schemas/`` (editable installs, checkouts)."""
    try:
        from importlib.resources import files

        packaged = files("contentlint") / "schemas"
        if packaged.is_dir():
            return Path(str(packaged))
    except (ModuleNotFoundError, TypeError):  # pragma: no cover - zipped installs
        pass
    return Path(__file__).resolve().parents[2] / "schemas"


def builtin_names() -> list[str]:
    return sorted(p.name[: -len(".schema.json")] for p in builtin_dir().glob("*.schema.json"))


@dataclass
class Schema:
    """A loaded schema and its validator (built once, see ``load``)."""

    source: str  # as the user named it: a path, a URL or builtin:NAME
    uri: str
    contents: Any
    validator: Any
    resolver: Any

    def is_valid(self, instance: Any) -> bool:
        return self.validator.is_valid(instance)

    def iter_errors(self, instance: Any) -> Iterator[jsonschema.ValidationError]:
        return self.validator.iter_errors(instance)

    def resolve(self, schema: Any, resolver=None) -> tuple[Any, Any]:
        """Follow ``$ref`` chains at the top of ``schema``."""
        resolver = resolver or self.resolver
        for _ in range(16):
            if not isinstance(schema, dict) or not isinstance(schema.get("$ref"), str):
                break
            try:
                resolved = resolver.lookup(schema["$ref"])
            except Unresolvable:
                break
            schema, resolver = resolved.contents, resolved.resolver
        return schema, resolver

    def subschemas_at(self, path: tuple) -> list[dict]:
        """The subschemas that apply to the value at ``path`` (through
        ``properties``, ``items`` and ``allOf``/``anyOf``/``oneOf`` branches)."""
        current = [self.resolve(self.contents)]
        for part in path:
            nxt = []
            for schema, resolver in _branches(self, current):
                child = _child_schema(schema, part)
                if child is not None:
                    nxt.append(self.resolve(child, resolver))
            current = nxt
            if not current:
                return []
        return [s for s, _ in _branches(self, current)]


def _branches(store: Schema, pairs):
    out = []
    stack = list(pairs)
    while stack and len(out) < 64:
        schema, resolver = stack.pop()
        if not isinstance(schema, dict):
            continue
        out.append((schema, resolver))
        for key in ("allOf", "anyOf", "oneOf"):
            for sub in schema.get(key, ()) if isinstance(schema.get(key), list) else ():
                stack.append(store.resolve(sub, resolver))
    return out


def _child_schema(schema: dict, part) -> Any:
    if isinstance(part, int):
        prefix = schema.get("prefixItems")
        if isinstance(prefix, list) and part < len(prefix):
            return prefix[part]
        items = schema.get("items")
        return items if isinstance(items, dict) else None
    props = schema.get("properties")
    if isinstance(props, dict) and part in props:
        return props[part]
    extra = schema.get("additionalProperties")
    return extra if isinstance(extra, dict) else None


# -- loading ---------------------------------------------------------------

_CACHE: dict[tuple, Schema] = {}


def clear_caches() -> None:
    """Forget loaded schemas and file lookups (tests that rewrite files in place)."""
    _CACHE.clear()
    _LOCATED.clear()
    _ASTRO.clear()


def load(ref: str, *, base: Path, network: bool = False, cache_dir: Optional[Path] = None,
         lenient_dates: bool = False) -> Schema:
    """Load ``ref`` (a path relative to ``base``, an http(s) URL or
    ``builtin:NAME``), check it and its ``$ref``s, and build its validator."""
    uri, path = _locate(ref, base)
    stamp: Any = None
    if path is not None:
        try:
            st = path.stat()
        except OSError:
            raise ConfigError(f"schema {ref}: file not found ({path})") from None
        stamp = (st.st_mtime_ns, st.st_size)
    if path is not None and path.parent.name == "collections" and path.parent.parent.name == ".astro":
        lenient_dates = True  # Astro's own schema, however it was named (editors use `$schema`)
    key = (uri, stamp, network, lenient_dates)
    cached = _CACHE.get(key)
    if cached is not None:
        return cached
    fetch = _Fetcher(network, cache_dir)
    contents = fetch.document(uri, ref)
    schema = _compile(ref, uri, contents, fetch, lenient_dates)
    _CACHE[key] = schema
    return schema


_LOCATED: dict[tuple[str, str], tuple[str, Optional[Path]]] = {}


def _locate(ref: str, base: Path) -> tuple[str, Optional[Path]]:
    # Resolving symlinks costs a few syscalls; every file of a run asks again.
    key = (ref, str(base))
    found = _LOCATED.get(key)
    if found is None:
        found = _LOCATED[key] = _locate_uncached(ref, base)
    return found


def _locate_uncached(ref: str, base: Path) -> tuple[str, Optional[Path]]:
    if ref.startswith(BUILTIN):
        name = ref[len(BUILTIN):]
        path = builtin_dir() / f"{name}.schema.json"
        if not path.is_file():
            raise ConfigError(f"schema {ref}: no bundled schema `{name}`; bundled: {', '.join(builtin_names())}")
        return path.resolve().as_uri(), path.resolve()
    if urlsplit(ref).scheme in ("http", "https"):
        return ref, None
    path = Path(ref)
    path = (path if path.is_absolute() else base / path).resolve()
    return path.as_uri(), path


class _Fetcher:
    """Reads local schema files and, with ``--network`` only, remote ones
    (kept in the project cache so later runs work offline)."""

    def __init__(self, network: bool, cache_dir: Optional[Path]):
        self.network = network
        self.cache_dir = cache_dir
        self.seen: dict[str, Any] = {}
        self.has_refs = False

    def document(self, uri: str, shown: str) -> Any:
        if uri in self.seen:
            return self.seen[uri]
        parts = urlsplit(uri)
        if parts.scheme == "file":
            path = Path(unquote(parts.path))
            try:
                text = path.read_text(encoding="utf-8-sig")
            except OSError as exc:
                raise ConfigError(f"schema {shown}: cannot read {path}: {exc.strerror}") from None
        elif parts.scheme in ("http", "https"):
            text = self._remote(uri, shown)
        else:
            raise ConfigError(f"schema {shown}: cannot load `{uri}` (only files and http(s) URLs)")
        try:
            contents = json.loads(text)
        except ValueError as exc:
            raise ConfigError(f"schema {shown}: {uri} is not valid JSON: {exc}") from None
        self.seen[uri] = contents
        self.has_refs = self.has_refs or any(k in text for k in ('"$ref"', '"$dynamicRef"', '"$recursiveRef"', '"$id"'))
        return contents

    def _remote(self, url: str, shown: str) -> str:
        cached = None
        if self.cache_dir is not None:
            cached = self.cache_dir / (hashlib.sha256(url.encode()).hexdigest()[:32] + ".json")
            if cached.is_file():
                return cached.read_text(encoding="utf-8")
        if not self.network:
            raise ConfigError(f"schema {shown}: `{url}` is remote and is only fetched with --network")
        import urllib.request

        try:
            with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - http(s) only
                body = response.read(_REMOTE_LIMIT + 1)
        except OSError as exc:
            raise ConfigError(f"schema {shown}: cannot fetch {url}: {exc}") from None
        if len(body) > _REMOTE_LIMIT:
            raise ConfigError(f"schema {shown}: {url} is larger than {_REMOTE_LIMIT:,} bytes")
        text = body.decode("utf-8-sig", errors="replace")
        if cached is not None:
            cached.parent.mkdir(parents=True, exist_ok=True)
            tmp = cached.with_suffix(".tmp")
            tmp.write_text(text, encoding="utf-8")
            os.replace(tmp, cached)
        return text


def _compile(shown: str, uri: str, contents: Any, fetch: _Fetcher, lenient_dates: bool) -> Schema:
    if not isinstance(contents, (dict, bool)):
        raise ConfigError(f"schema {shown}: the top level must be an object")
    cls = _dialect(shown, contents)
    try:
        cls.check_schema(contents)
    except jsonschema.SchemaError as exc:
        pointer = _pointer(exc.absolute_path)
        raise ConfigError(f"schema {shown}: invalid at `{pointer}`: {exc.message}") from None
    default_spec = specification_with(cls.META_SCHEMA.get("$id", ""), default=DRAFT202012)

    def retrieve(target: str) -> Resource:
        if urlsplit(target).scheme not in ("file", "http", "https"):
            raise NoSuchResource(ref=target)
        return Resource.from_contents(fetch.document(target, shown), default_specification=default_spec)

    root = Resource.from_contents(contents, default_specification=default_spec)
    registry = Registry(retrieve=retrieve).combine(SPECIFICATIONS).with_resource(uri, root)
    _check_refs(shown, uri, contents, registry.resolver(base_uri=uri))
    # Everything reachable is now fetched: the validator never retrieves again.
    resources = [(u, Resource.from_contents(c, default_specification=default_spec)) for u, c in fetch.seen.items()]
    registry = Registry().with_resources(resources).with_resource(uri, root)
    # The root is referenced by its file URI so that relative $refs resolve
    # next to the schema file, even under a draft-07 root "$ref" (which hides
    # any sibling "$id"). Without any reference the detour is skipped.
    root_schema: Any = contents
    if fetch.has_refs:
        root_schema = {"$ref": uri}
        if isinstance(contents, dict) and "$schema" in contents:
            root_schema["$schema"] = contents["$schema"]
    validator = cls(root_schema, registry=registry, format_checker=format_checker(lenient_dates))
    return Schema(shown, uri, contents, validator, registry.resolver(base_uri=uri))


def _dialect(shown: str, contents: Any):
    if not isinstance(contents, dict) or "$schema" not in contents:
        return jsonschema.Draft202012Validator
    cls = validator_for(contents, default=None)
    if cls is None:
        raise ConfigError(
            f"schema {shown}: unsupported `$schema` {contents['$schema']!r}; "
            "use draft 2020-12 (the default), 2019-09 or draft-07"
        )
    return cls


def _check_refs(shown: str, uri: str, contents: Any, resolver) -> None:
    """Resolve every ``$ref`` now, so a broken one is a configuration error
    with its pointer rather than a failure halfway through a run."""
    stack = [(contents, resolver, uri, ())]
    seen: set[int] = set()
    while stack:
        node, res, where, path = stack.pop()
        if isinstance(node, list):
            stack.extend((v, res, where, path + (i,)) for i, v in enumerate(node))
            continue
        if not isinstance(node, dict) or id(node) in seen:
            continue
        seen.add(id(node))
        ref = node.get("$ref")
        if isinstance(ref, str):
            try:
                resolved = res.lookup(ref)
            except (Unresolvable, NoSuchResource) as exc:
                cause = exc.__cause__.__cause__ if exc.__cause__ is not None else None
                reason = str(cause) if isinstance(cause, ConfigError) else "it cannot be resolved"
                inside = "" if where == uri else f" in {where}"
                raise ConfigError(f"schema {shown}: `$ref` {ref!r} at `{_pointer(path)}`{inside}: {reason}") from None
            target, fragment = urldefrag(urljoin(where, ref))
            at = tuple(p.replace("~1", "/").replace("~0", "~") for p in fragment.split("/")[1:])
            stack.append((resolved.contents, resolved.resolver, target or where, at))
        for key, value in node.items():
            if key not in _DATA_KEYWORDS and key != "$ref":
                stack.append((value, res, where, path + (key,)))


def _pointer(parts) -> str:
    return "/" + "/".join(str(p).replace("~", "~0").replace("/", "~1") for p in parts) if parts else "/"


# -- discovery ---------------------------------------------------------------


@dataclass
class Resolution:
    """Which schema a file gets and why (``--verbose`` prints ``origin``)."""

    schema: Optional[Schema] = None
    origin: str = "no schema"
    problem: Optional[str] = None  # a problem with the file's own `$schema` key


def relpath_of(doc, shared: dict) -> str:
    """The file's path relative to the project root, '/'-separated (for globs)."""
    abs_path, root = shared.get("abs_path") or doc.abs_path, shared.get("root")
    if abs_path and root:
        rel = os.path.relpath(abs_path, root)
        if not rel.startswith(".."):
            return Path(rel).as_posix()
    return Path(doc.path).as_posix().lstrip("/")


def _abs_path(doc, shared: dict) -> Path:
    abs_path = shared.get("abs_path") or doc.abs_path
    if abs_path:
        return Path(abs_path)
    return Path(shared.get("root") or Path.cwd()) / doc.path


def resolve(doc, shared: dict) -> Resolution:
    """The schema for ``doc`` by the documented precedence."""
    run = shared.get("run")
    # `--network` or `network = true` in the configuration (shared with the URL checks)
    network = bool(getattr(run, "network", False) or (shared.get("settings") or {}).get("network"))
    root = Path(shared.get("root") or Path.cwd())
    cache_dir = None if getattr(run, "no_cache", False) else root / ".contentlint_cache" / "schemas"
    opts = {"network": network, "cache_dir": cache_dir}
    if getattr(run, "schema", None):
        return Resolution(load(run.schema, base=Path.cwd(), **opts), f"--schema {run.schema}")
    named = schema_key(doc)
    if named is not None:
        return _from_key(named, _abs_path(doc, shared).parent, opts)
    rel = relpath_of(doc, shared)
    for pattern, ref in (shared.get("settings") or {}).get(SETTING, {}).items():
        if glob_match(pattern, rel):
            return Resolution(load(ref, base=root, **opts), f"{ref} (schemas glob `{pattern}`)")
    astro = astro_schema(_abs_path(doc, shared))
    if astro is not None:
        path, collection = astro
        return Resolution(load(str(path), base=root, lenient_dates=True, **opts),
                          f"{path} (Astro collection `{collection}`)")
    return Resolution()


def schema_key(doc) -> Optional[str]:
    block = doc.frontmatter
    data = block.data if block is not None else None
    if isinstance(data, dict) and isinstance(data.get("$schema"), str):
        return data["$schema"]
    return None


def _from_key(ref: str, folder: Path, opts: dict) -> Resolution:
    origin = f"{ref} (`$schema` in the frontmatter)"
    remote = urlsplit(ref).scheme in ("http", "https")
    if not ref.startswith(BUILTIN) and not remote and not (folder / ref).is_file():
        return Resolution(None, origin, problem=f"Schema file `{ref}` named by `$schema` does not exist")
    try:
        return Resolution(load(ref, base=folder, **opts), origin)
    except ConfigError:
        if remote and not opts["network"]:
            # Editors read remote `$schema` URLs; contentlint only with --network.
            return Resolution(None, f"{ref} (remote; fetched only with --network)")
        if ref.startswith(BUILTIN):
            return Resolution(None, origin, problem=f"No bundled schema `{ref}`; bundled: "
                              + ", ".join(f"`{BUILTIN}{n}`" for n in builtin_names()))
        raise


def glob_match(pattern: str, relpath: str) -> bool:
    from .discovery import compile_patterns

    return compile_patterns((pattern,)).match_file(relpath)


_ASTRO: dict[Path, bool] = {}


def astro_schema(path: Path) -> Optional[tuple[Path, str]]:
    """``.astro/collections/<c>.schema.json`` (written by ``astro sync``) for a
    file under ``<project>/src/content/<c>/``."""
    parts = path.parts
    for i in range(len(parts) - 4, -1, -1):
        if parts[i] == "src" and parts[i + 1] == "content":
            collection = parts[i + 2]
            candidate = Path(*parts[:i]) / ".astro" / "collections" / f"{collection}.schema.json"
            found = _ASTRO.get(candidate)
            if found is None:
                found = _ASTRO[candidate] = candidate.is_file()
            return (candidate, collection) if found else None
    return None


def requires_frontmatter(doc, shared: dict) -> bool:
    globs = (shared.get("settings") or {}).get(REQUIRE_SETTING) or ()
    rel = relpath_of(doc, shared)
    return any(glob_match(g, rel) for g in globs)


def to_instance(data: Any) -> Any:
    """What the schema sees: a JSON-like copy where YAML timestamps and TOML
    dates are ISO strings (so `2024-03-21` and `"2024-03-21"` both satisfy
    `format: date`), keys are strings, and a top-level `$schema` is left out
    (it names the schema; it is not data). Size and depth were bounded when
    the block was loaded."""
    if isinstance(data, dict) and "$schema" in data:
        data = {k: v for k, v in data.items() if k != "$schema"}
    return _plain(data)


def _plain(value: Any) -> Any:
    if isinstance(value, (str, bool, int, float)) or value is None:
        return value
    if isinstance(value, dict):
        return {_key(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [_plain(v) for v in value]
    if isinstance(value, (datetime.date, datetime.time)):  # datetime is a date
        return value.isoformat()
    if isinstance(value, bytes):
        return value.decode("utf-8", errors="replace")
    return str(value)


def _key(key: Any) -> str:
    if isinstance(key, str):
        return key
    if isinstance(key, bool):
        return "true" if key else "false"  # as JavaScript YAML loaders stringify them
    if key is None:
        return "null"
    return _plain(key) if isinstance(key, (datetime.date, datetime.time)) else str(key)


def describe(sources, config, settings) -> list[str]:
    """One line per file: which schema it got and why (``check --verbose``)."""
    from .document import Document

    lines = []
    for source in sources:
        try:
            with open(source.abs_path, "rb") as fh:
                doc = Document.from_bytes(source.path, fh.read(), abs_path=source.abs_path)
        except OSError:
            continue
        shared = {"root": config.root, "settings": config.settings, "abs_path": source.abs_path, "run": settings}
        found = resolve(doc, shared)
        lines.append(f"schema for {source.path}: {found.origin}")
    return lines
