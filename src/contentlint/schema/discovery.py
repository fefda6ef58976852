"""Which schema a file gets, most specific first (docs/frontmatter.md):

1. ``--schema PATH|builtin:NAME`` for every file;
2. a ``$schema`` key in the frontmatter (relative to the file);
3. ``[tool.contentlint.schemas]``: glob → path or ``builtin:NAME`` (first match wins);
4. Astro: ``.astro/collections/<collection>.schema.json`` for ``src/content/<collection>/**``;
5. none.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Literal, Mapping, Optional, Protocol, Union, cast
from urllib.parse import urlsplit

from ..errors import ConfigError
from ..net.settings import LinkSettings, network_on
from ..patterns import glob_match
from ..registry import Families, FamilySettings, FileContext, register_setting
from ..document.document import Document, FileTooLarge, NotRegularFile, read_regular_file
from ..patterns import inside_folders
from .store import BUILTIN, builtin_names, load, run_memo, schema_file_exists

if TYPE_CHECKING:
    from .compile import Access, Schema

SETTING = "schemas"
REQUIRE_SETTING = "require-frontmatter"
# When http(s) schemas and `$ref`s may be fetched: "network" (only when the
# run checks the network), "always" (offline runs too) or "never".
REMOTE_SETTING = "remote-schemas"

register_setting(SETTING, {"type": "object", "additionalProperties": {"type": "string"}}, {})
register_setting(REQUIRE_SETTING, {"type": "array", "items": {"type": "string"}}, [])
register_setting(REMOTE_SETTING, {"enum": ["network", "always", "never"]}, "network")

RemoteSchemas = Literal["network", "always", "never"]


@dataclass(frozen=True)
class SchemaSettings(FamilySettings):
    """`schemas`, `require-frontmatter` and `remote-schemas`, with the
    configuration's `network` switch (remote schemas follow it)."""

    globs: tuple[tuple[str, str], ...] = ()  # `schemas`: (glob, schema), first match wins
    require_frontmatter: tuple[str, ...] = ()
    remote: RemoteSchemas = "network"
    network: bool = False  # `network = true`

    @classmethod
    def from_settings(cls, settings: Mapping[str, Any]) -> "SchemaSettings":
        globs = settings.get(SETTING) or {}
        # validated against the registered JSON Schema: the enum holds
        remote = cast(RemoteSchemas, settings.get(REMOTE_SETTING, "network"))
        return cls(tuple((str(k), str(v)) for k, v in globs.items()),
                   tuple(settings.get(REQUIRE_SETTING) or ()), remote, network_on(settings, None))


class _Run(Protocol):
    """The run's switches (the engine's ``Settings``, a ``FileContext``)."""

    @property
    def network(self) -> bool: ...


@dataclass
class Resolution:
    """Which schema a file gets and why (``--verbose`` prints ``origin``)."""

    schema: Optional[Schema] = None
    origin: str = "no schema"
    problem: Optional[str] = None  # a problem with the file's own `$schema` key


def relpath_of(doc: Document, file: FileContext) -> str:
    """The file's path relative to the project root, '/'-separated (for globs)."""
    abs_path, root = file.abs_path or doc.abs_path, file.root
    if abs_path and root:
        rel = os.path.relpath(abs_path, root)
        if not rel.startswith(".."):
            return Path(rel).as_posix()
    return Path(doc.path).as_posix().lstrip("/")


def _abs_path(doc: Document, file: FileContext) -> Path:
    abs_path = file.abs_path or doc.abs_path
    if abs_path:
        return Path(abs_path)
    return Path(file.root or Path.cwd()) / doc.path


# A folder's answer: the configuration it was worked out for, the
# resolution, and the Astro schema file that would change it by appearing.
_FolderAnswer = tuple[Families, Resolution, Optional[Path]]


def resolve(doc: Document, file: FileContext) -> Resolution:
    """The schema for ``doc`` by the documented precedence; the files it was
    built from are recorded as the document's dependencies (result cache)."""
    named = schema_key(doc)
    if named is None and not file.family(SchemaSettings).globs:
        # Without a `$schema` key or `schemas` globs, the answer depends only on
        # the folder and the run: every file of a folder shares it. Memoised
        # for this run only (store.new_run), as the schema files it read are.
        # The configuration's settings by identity (the value holds them, so
        # the id is not reused within the run), with the run's switches. The
        # folder as written keys the memo: no Path is built for a file whose
        # folder was seen (two spellings of one folder get equal entries).
        written, name = os.path.split(file.abs_path or doc.abs_path or "")
        # Not a file's path (empty, `dir/`, `dir/.`): Path normalises it another way.
        folder = written if name not in ("", ".") else None
        key = ("folder", folder, file.schema, file.root, file.network, file.no_cache, id(file.families))
        memo = run_memo()
        seen: Optional[_FolderAnswer] = memo.get(key) if folder is not None else None
        if seen is not None and seen[0] is file.families:
            found, astro = seen[1], seen[2]
        else:
            abs_path = _abs_path(doc, file)
            # `--schema` gives every folder the same answer: loaded once.
            shared = ("run", *key[2:]) if file.schema else None
            held: Optional[tuple[Families, Resolution]] = memo.get(shared) if shared is not None else None
            if held is not None and held[0] is file.families:
                found = held[1]
            else:
                found = _resolve(doc, file)
                if shared is not None:
                    memo[shared] = (file.families, found)
            astro = _astro_candidate(abs_path)
            if folder is not None:
                memo[key] = (file.families, found, astro)
        _record(file, found, astro)
        return found
    abs_path = _abs_path(doc, file)
    found = _resolve(doc, file)
    named_path = None
    if named is not None and not named.startswith(BUILTIN) and "://" not in named:
        named_path = abs_path.parent / named  # appearing later changes the result
    _record(file, found, _astro_candidate(abs_path), named_path)
    return found


def _record(file: FileContext, found: Resolution, astro: Optional[Path], named: Optional[Path] = None) -> None:
    depends_on = file.depends_on
    if found.schema is not None:
        for path in found.schema.files:
            depends_on(path)
    if named is not None:
        depends_on(named)
    if astro is not None:
        depends_on(astro)


def remote_fetch_allowed(settings: SchemaSettings, run: _Run) -> bool:
    """Whether this run may fetch remote schemas (`remote-schemas`, `--network`)."""
    mode = settings.remote
    return mode == "always" or (mode == "network" and (run.network or settings.network))


def access(file: FileContext) -> Access:
    """What the run's schemas may reach: files inside the project root, and
    remote documents as `remote-schemas` and `--network` allow, through the
    URL checker (same allow-lists and limits) and its cache."""
    from .compile import Access  # lazy: start-up time (jsonschema)

    settings = file.family(SchemaSettings)
    root = _resolved(file.root or Path.cwd())
    if settings.remote == "never":
        refusal = 'is remote, and remote schemas are turned off (`remote-schemas = "never"`)'
    else:
        refusal = 'is remote and is only fetched with --network (or `remote-schemas = "always"`)'
    return Access(
        roots=(root,), fetch=remote_fetch_allowed(settings, file),
        cached=settings.remote != "never", refusal=refusal, links=file.family(LinkSettings),
        cache_root=None if file.no_cache else root,
    )


def _resolved(path: Union[str, "os.PathLike[str]"]) -> Path:
    """``Path(path).resolve()``, once per run (every file of a run asks)."""
    key = ("resolved", str(path))
    memo = run_memo()
    found: Optional[Path] = memo.get(key)
    if found is None:
        found = memo[key] = Path(path).resolve()
    return found


def _resolve(doc: Document, file: FileContext) -> Resolution:
    # ``access`` only once a schema is to be loaded: it imports jsonschema,
    # which a run whose files get no schema never needs (start-up time).
    root = Path(file.root or Path.cwd())
    if file.schema:
        return Resolution(load(file.schema, base=Path.cwd(), access=access(file)), f"--schema {file.schema}")
    named = schema_key(doc)
    if named is not None:
        return _from_key(named, _abs_path(doc, file).parent, access(file))
    rel = relpath_of(doc, file)
    for pattern, ref in file.family(SchemaSettings).globs:
        if glob_match(pattern, rel):
            return Resolution(load(ref, base=root, access=access(file)), f"{ref} (schemas glob `{pattern}`)")
    astro = astro_schema(_abs_path(doc, file))
    if astro is not None:
        path, collection = astro
        return Resolution(load(str(path), base=root, lenient_dates=True, access=access(file)),
                          f"{path} (Astro collection `{collection}`)")
    return Resolution()


def schema_key(doc: Document) -> Optional[str]:
    block = doc.frontmatter
    data = block.data if block is not None else None
    if isinstance(data, dict):
        named = data.get("$schema")
        if isinstance(named, str):
            return named
    return None


def _from_key(ref: str, folder: Path, allowed: Access) -> Resolution:
    """The schema a file names itself: content from anyone, so a path must
    stay inside the project and a remote schema that cannot be used is a
    finding on the key rather than the end of the run."""
    origin = f"{ref} (`$schema` in the frontmatter)"
    remote = urlsplit(ref).scheme in ("http", "https")
    if not ref.startswith(BUILTIN) and not remote:
        real = (folder / ref).resolve()
        if not inside_folders(real, allowed.roots):
            return Resolution(None, origin, problem=f"Schema file `{ref}` named by `$schema` is outside the project")
        if not real.is_file():
            return Resolution(None, origin, problem=f"Schema file `{ref}` named by `$schema` does not exist")
    try:
        return Resolution(load(ref, base=folder, access=allowed, named_by_content=True), origin)
    except ConfigError as exc:
        from .compile import SchemaSourceError  # lazy: start-up time (jsonschema)

        if remote and isinstance(exc, SchemaSourceError) and exc.uri == ref and exc.reason == allowed.refusal:
            # Editors read remote `$schema` URLs; contentlint only when allowed to.
            return Resolution(None, f"{ref} (remote; not fetched in this run)")
        if remote:
            message = str(exc).removeprefix(f"schema {ref}: ")
            return Resolution(None, origin, problem=f"Remote schema named by `$schema` cannot be used: {message}")
        if ref.startswith(BUILTIN):
            return Resolution(None, origin, problem=f"No bundled schema `{ref}`; bundled: "
                              + ", ".join(f"`{BUILTIN}{n}`" for n in builtin_names()))
        raise


def _astro_candidate(path: Path) -> Optional[Path]:
    parts = path.parts
    for i in range(len(parts) - 4, -1, -1):
        if parts[i] == "src" and parts[i + 1] == "content":
            return Path(*parts[:i]) / ".astro" / "collections" / f"{parts[i + 2]}.schema.json"
    return None


def astro_schema(path: Path) -> Optional[tuple[Path, str]]:
    """``.astro/collections/<c>.schema.json`` (written by ``astro sync``) for a
    file under ``<project>/src/content/<c>/``."""
    candidate = _astro_candidate(path)
    if candidate is None:
        return None
    found = schema_file_exists(candidate)
    return (candidate, candidate.name[: -len(".schema.json")]) if found else None


def requires_frontmatter(doc: Document, file: FileContext) -> bool:
    globs = file.family(SchemaSettings).require_frontmatter
    rel = relpath_of(doc, file)
    return any(glob_match(g, rel) for g in globs)


class _Source(Protocol):
    """A file discovery found (the engine's ``SourceFile``)."""

    @property
    def path(self) -> str: ...
    @property
    def abs_path(self) -> str: ...
    @property
    def outside(self) -> Optional[str]: ...
    @property
    def real_path(self) -> Optional[str]: ...


class _Configured(Protocol):
    """A file's configuration (``config.loader.Config``)."""

    @property
    def root(self) -> Path: ...
    @property
    def max_file_size(self) -> int: ...
    @property
    def families(self) -> Families: ...


class _RunSwitches(_Run, Protocol):
    @property
    def no_cache(self) -> bool: ...
    @property
    def schema(self) -> Optional[str]: ...


def describe(sources: Iterable[_Source], config: _Configured, settings: _RunSwitches) -> list[str]:
    """One line per file: which schema it got and why (``check --verbose``)."""
    lines = []
    for source in sources:
        if source.outside is not None:
            continue  # never read (CL905)
        try:
            raw = read_regular_file(source.real_path or source.abs_path, config.max_file_size)[1]
        except (OSError, NotRegularFile, FileTooLarge):
            continue
        doc = Document.from_bytes(source.path, raw, abs_path=source.abs_path)
        file = FileContext(root=str(config.root), abs_path=source.abs_path, families=config.families,
                           network=settings.network, no_cache=settings.no_cache, schema=settings.schema)
        found = resolve(doc, file)
        lines.append(f"schema for {source.path}: {found.origin}")
    return lines
