"""Turning a schema document into a ``Schema``: read it, check it against
its draft's metaschema, resolve every ``$ref`` up front, and build its
validator once.

What a schema may pull in is bounded by ``Access``: ``file:`` references only
inside the project, remote documents only when the run allows them, and then
only through the URL checker's client (address rules, pinned addresses,
checked redirects, size and time limits), never through urllib."""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Iterator, Optional, Union
from urllib.parse import unquote, urldefrag, urljoin, urlsplit

import jsonschema
from jsonschema.protocols import Validator
from jsonschema.validators import validator_for
from jsonschema_specifications import REGISTRY as SPECIFICATIONS
from referencing import Registry, Resource
from referencing.exceptions import NoSuchResource, Unresolvable
from referencing.jsonschema import DRAFT202012, specification_with

from ..errors import ConfigError
from ..net.check import FetchError, address_policy, fetch_document, fingerprint
from ..net.settings import LinkSettings
from ..net.url_cache import DocumentCache
from ..patterns import inside_folders
from .fast import Check, compile_fast
from .formats import format_checker

if TYPE_CHECKING:
    from referencing._core import Resolver  # what `registry.resolver()` returns (not exported by name)

_REMOTE_LIMIT = 5 * 1024 * 1024
# Keywords whose values are data, not subschemas: a "$ref" inside them is not a reference.
_DATA_KEYWORDS = {"enum", "const", "examples", "default"}

# A step of a path into a JSON document: a key or an index.
Step = Union[str, int]
# A subschema with the resolver its `$ref`s resolve against.
Located = tuple[Any, "Resolver[Any]"]


@dataclass
class Schema:
    """A loaded schema and its validator (built once, see ``load``)."""

    source: str  # as the user named it: a path, a URL or builtin:NAME
    uri: str
    contents: Any
    validator: Validator
    resolver: Resolver[Any]
    files: tuple[str, ...] = ()  # local files read to build it (the schema and its $refs)
    # The compiled yes/no check (fast.py), when the schema's keywords allow one.
    fast: Optional[Check] = None

    def is_valid(self, instance: Any) -> bool:
        # Most documents are valid: the compiled check answers them; the
        # errors of the others come from jsonschema (iter_errors).
        if self.fast is not None:
            return self.fast(instance)
        return self.validator.is_valid(instance)

    def iter_errors(self, instance: Any) -> Iterator[jsonschema.ValidationError]:
        return self.validator.iter_errors(instance)

    def resolve(self, schema: Any, resolver: Optional[Resolver[Any]] = None) -> Located:
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

    def subschemas_at(self, path: tuple[Step, ...]) -> list[dict[str, Any]]:
        """The subschemas that apply to the value at ``path`` (through
        ``properties``, ``items`` and ``allOf``/``anyOf``/``oneOf`` branches)."""
        current = [self.resolve(self.contents)]
        for part in path:
            nxt: list[Located] = []
            for schema, resolver in _branches(self, current):
                child = _child_schema(schema, part)
                if child is not None:
                    nxt.append(self.resolve(child, resolver))
            current = nxt
            if not current:
                return []
        return [s for s, _ in _branches(self, current)]


def _branches(store: Schema, pairs: Iterable[Located]) -> list[tuple[dict[str, Any], Resolver[Any]]]:
    out: list[tuple[dict[str, Any], Resolver[Any]]] = []
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


def _child_schema(schema: dict[str, Any], part: Step) -> Any:
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


class SchemaSourceError(ConfigError):
    """A document a schema needs was refused or could not be read."""

    def __init__(self, shown: str, uri: str, reason: str):
        super().__init__(f"schema {shown}: `{uri}` {reason}")
        self.uri = uri
        self.reason = reason  # without the schema's name, for messages that give it already


@dataclass(frozen=True)
class Access:
    """What loading a schema may reach beyond its own file."""

    roots: tuple[Path, ...] = ()  # `file:` references must resolve inside one of these folders
    fetch: bool = False  # remote documents may be requested
    cached: bool = True  # a copy kept by an earlier run may be used (any age when not fetching)
    refusal: str = "is remote and is only fetched with --network"  # why not, when neither
    links: Optional[LinkSettings] = None  # allow-lists, deadline, user agent
    cache_root: Optional[Path] = None  # project root holding the cache; None with --no-cache


class Fetcher:
    """Reads the documents a schema needs, within ``Access``."""

    def __init__(self, access: Access):
        self.access = access
        self.seen: dict[str, Any] = {}
        self.has_refs = False
        self._cache: Optional[DocumentCache] = None

    def document(self, uri: str, shown: str, *, top: bool = False) -> Any:
        if uri in self.seen:
            return self.seen[uri]
        parts = urlsplit(uri)
        if parts.scheme == "file":
            path = Path(unquote(parts.path))
            if not top:
                self._inside_roots(path, uri, shown)
            try:
                text = path.read_text(encoding="utf-8-sig")
            except OSError as exc:
                raise SchemaSourceError(shown, uri, f"cannot be read: {exc.strerror}") from None
        elif parts.scheme in ("http", "https"):
            text = self._remote(uri, shown)
        else:
            raise SchemaSourceError(shown, uri, "cannot be loaded (only files and http(s) URLs)")
        try:
            contents = json.loads(text)
        except ValueError as exc:
            raise ConfigError(f"schema {shown}: {uri} is not valid JSON: {exc}") from None
        self.seen[uri] = contents
        self.has_refs = self.has_refs or any(k in text for k in ('"$ref"', '"$dynamicRef"', '"$recursiveRef"', '"$id"'))
        return contents

    def _inside_roots(self, path: Path, uri: str, shown: str) -> None:
        if inside_folders(path.resolve(), self.access.roots):  # resolved: a symlink inside may point anywhere
            return
        where = ", ".join(f"`{r}`" for r in self.access.roots) or "nowhere"
        raise SchemaSourceError(shown, uri, f"is outside the project (references to files must stay inside {where})")

    def _document_cache(self) -> Optional[DocumentCache]:
        ls = self.access.links
        if self._cache is None and self.access.cache_root is not None and ls is not None:
            self._cache = DocumentCache.for_project(self.access.cache_root, fingerprint(ls, address_policy(ls)), ls.cache_max_age)
        return self._cache

    def _remote(self, url: str, shown: str) -> str:
        access = self.access
        cache = self._document_cache() if access.cached else None
        if cache is not None:
            text = cache.get(url, any_age=not access.fetch)
            if text is not None:
                return text
        if not access.fetch:
            raise SchemaSourceError(shown, url, access.refusal)
        if access.links is None:
            raise SchemaSourceError(shown, url, access.refusal)
        try:
            body = fetch_document(url, access.links, limit=_REMOTE_LIMIT)
        except FetchError as exc:
            raise SchemaSourceError(shown, url, str(exc)) from None
        text = body.decode("utf-8-sig", errors="replace")
        if cache is not None and _is_json(text):
            cache.put(url, text)
        return text


def _is_json(text: str) -> bool:
    try:
        json.loads(text)
    except ValueError:
        return False
    return True


def compile_schema(shown: str, uri: str, contents: Any, fetch: Fetcher, lenient_dates: bool) -> Schema:
    if not isinstance(contents, (dict, bool)):
        raise ConfigError(f"schema {shown}: the top level must be an object")
    cls = _dialect(shown, contents)
    try:
        # a boolean schema is a schema, and jsonschema checks it; its stubs expect an object
        cls.check_schema(contents)  # type: ignore[arg-type]
    except jsonschema.SchemaError as exc:
        pointer = _pointer(exc.absolute_path)
        raise ConfigError(f"schema {shown}: invalid at `{pointer}`: {exc.message}") from None
    default_spec = specification_with(cls.META_SCHEMA.get("$id", ""), default=DRAFT202012)

    def retrieve(target: str) -> Resource:
        if urlsplit(target).scheme not in ("file", "http", "https"):
            # referencing makes its classes with its own attrs wrapper, which
            # mypy's attrs plugin does not see: their fields look unknown.
            raise NoSuchResource(ref=target)  # type: ignore[call-arg]
        return Resource.from_contents(fetch.document(target, shown), default_specification=default_spec)

    root = Resource.from_contents(contents, default_specification=default_spec)
    registry = Registry(retrieve=retrieve).combine(SPECIFICATIONS)  # type: ignore[call-arg]  # as NoSuchResource.with_resource(uri, root)
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
    checker = format_checker(lenient_dates)
    validator = cls(root_schema, registry=registry, format_checker=checker)
    files = tuple(unquote(urlsplit(u).path) for u in fetch.seen if urlsplit(u).scheme == "file")
    fast = compile_fast(cls, contents, checker)
    return Schema(shown, uri, contents, validator, registry.resolver(base_uri=uri), files, fast)


def _dialect(shown: str, contents: Any) -> type[Validator]:
    if not isinstance(contents, dict) or "$schema" not in contents:
        return jsonschema.Draft202012Validator
    # None: jsonschema hands back the default for an unknown `$schema`;
    # its stubs accept only a validator class there.
    cls: Optional[type[Validator]] = validator_for(contents, default=None)  # type: ignore[arg-type]
    if cls is None:
        raise ConfigError(
            f"schema {shown}: unsupported `$schema` {contents['$schema']!r}; "
            "use draft 2020-12 (the default), 2019-09 or draft-07"
        )
    return cls


def _check_refs(shown: str, uri: str, contents: Any, resolver: Resolver[Any]) -> None:
    """Resolve every ``$ref`` now, so a broken one is a configuration error
    with its pointer rather than a failure halfway through a run."""
    no_path: tuple[Step, ...] = ()
    stack: list[tuple[Any, Resolver[Any], str, tuple[Step, ...]]] = [(contents, resolver, uri, no_path)]
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
                if isinstance(cause, SchemaSourceError):
                    reason = f"`{cause.uri}` {cause.reason}"
                else:
                    reason = str(cause) if isinstance(cause, ConfigError) else "it cannot be resolved"
                inside = "" if where == uri else f" in {where}"
                raise ConfigError(f"schema {shown}: `$ref` {ref!r} at `{_pointer(path)}`{inside}: {reason}") from None
            target, fragment = urldefrag(urljoin(where, ref))
            at = tuple(p.replace("~1", "/").replace("~0", "~") for p in fragment.split("/")[1:])
            stack.append((resolved.contents, resolved.resolver, target or where, at))
        for key, value in node.items():
            if key not in _DATA_KEYWORDS and key != "$ref":
                stack.append((value, res, where, path + (key,)))


def _pointer(parts: Iterable[Step]) -> str:
    return "/" + "/".join(str(p).replace("~", "~0").replace("/", "~1") for p in parts) if parts else "/"
