"""Frontmatter schemas by name: the bundled ones (``builtin:NAME``), files
and URLs, each loaded and compiled once per run (see ``compile.py``), and
the data a schema sees (``to_instance``).

Which schema a file gets is ``discovery.py``'s job. A schema that is
itself invalid, or a ``$ref`` that cannot be resolved, is a configuration
error (``ConfigError``, exit 2) naming the file and the pointer.
"""
from __future__ import annotations

import datetime
import math
from contextvars import ContextVar
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Hashable, Optional
from urllib.parse import urlsplit

from ..errors import ConfigError
from ..patterns import inside_folders

if TYPE_CHECKING:  # jsonschema is imported only when a schema is loaded
    from .compile import Access, Schema

BUILTIN = "builtin:"


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
    return Path(__file__).resolve().parents[3] / "schemas"


def builtin_names() -> list[str]:
    return sorted(p.name[: -len(".schema.json")] for p in builtin_dir().glob("*.schema.json"))


# (schema URI, the file's stamp, what it may reach, lenient dates)
CompiledKey = tuple[str, Optional[tuple[int, int]], "Access", bool]


class SchemaScope:
    """What one run learned about schemas: the schemas it compiled, where
    their names led, which schema files exist, and what discovery worked
    out (a folder's schema, resolved roots). Files may change between two
    runs of one process (an editor, a watch loop, `astro sync`), so a run
    starts with a new scope and the old one is garbage with its schemas."""

    def __init__(self) -> None:
        self.compiled: dict[CompiledKey, Schema] = {}
        self.located: dict[tuple[str, str], tuple[str, Optional[Path]]] = {}
        self.exists: dict[Path, bool] = {}
        # discovery.py's memo, keyed by the values each answer depends on
        self.memo: dict[tuple[Hashable, ...], Any] = {}


# A context variable, as the engine's dependency stamps: runs on two threads
# of one process each see their own scope, never one the other filled.
_SCOPE: ContextVar[Optional[SchemaScope]] = ContextVar("contentlint_schema_scope", default=None)


def new_run() -> None:
    """Start a run: forget what an earlier run saw of the schema files."""
    _SCOPE.set(SchemaScope())


# Tests and the language server (hover, completion outside a run) say so
# when schema files may have changed.
clear_caches = new_run


def scope() -> SchemaScope:
    """This run's scope; outside a run, one for this thread until the next run."""
    found = _SCOPE.get()
    if found is None:
        found = SchemaScope()
        _SCOPE.set(found)
    return found


def run_memo() -> dict[tuple[Hashable, ...], Any]:
    return scope().memo


def schema_file_exists(path: Path) -> bool:
    """Whether a schema file a framework would write (Astro's) exists, looked up once a run."""
    exists = scope().exists
    found = exists.get(path)
    if found is None:
        found = exists[path] = path.is_file()
    return found


def load(ref: str, *, base: Path, access: Optional[Access] = None, lenient_dates: bool = False,
         named_by_content: bool = False) -> Schema:
    """Load ``ref`` (a path relative to ``base``, an http(s) URL or
    ``builtin:NAME``), check it and its ``$ref``s, and build its validator.

    ``access`` bounds what its ``$ref``s may reach. A schema the user chose
    (command line, configuration, Astro's own) may also refer to files in
    its folder; one named by a file's ``$schema`` key only inside the roots."""
    from .compile import Access  # lazy: start-up time (jsonschema)

    access = access or Access()
    uri, path = _locate(ref, base)
    if path is not None and not named_by_content and not inside_folders(path.parent, access.roots):
        access = replace(access, roots=access.roots + (path.parent,))
    stamp: Optional[tuple[int, int]] = None
    if path is not None:
        try:
            st = path.stat()
        except OSError:
            raise ConfigError(f"schema {ref}: file not found ({path})") from None
        stamp = (st.st_mtime_ns, st.st_size)
    if path is not None and path.parent.name == "collections" and path.parent.parent.name == ".astro":
        lenient_dates = True  # Astro's own schema, however it was named (editors use `$schema`)
    key: CompiledKey = (uri, stamp, access, lenient_dates)
    compiled = scope().compiled
    cached = compiled.get(key)
    if cached is not None:
        return cached
    from .compile import Fetcher, compile_schema  # lazy: start-up time (jsonschema)

    fetch = Fetcher(access)
    contents = fetch.document(uri, ref, top=True)
    schema = compile_schema(ref, uri, contents, fetch, lenient_dates)
    compiled[key] = schema
    return schema


def _locate(ref: str, base: Path) -> tuple[str, Optional[Path]]:
    # Resolving symlinks costs a few syscalls; every file of a run asks again.
    key = (ref, str(base))
    located = scope().located
    found = located.get(key)
    if found is None:
        found = located[key] = _locate_uncached(ref, base)
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


def to_instance(data: Any) -> Any:
    """What the schema sees: a JSON-like copy where YAML timestamps and TOML
    dates are ISO strings (so `2024-03-21` and `"2024-03-21"` both satisfy
    `format: date`), keys are strings, values JSON cannot hold are
    ``NonJson``, and a top-level `$schema` is left out (it names the schema;
    it is not data). Size and depth were bounded when
    the block was loaded."""
    if isinstance(data, dict) and "$schema" in data:
        data = {k: v for k, v in data.items() if k != "$schema"}
    return _json_like(data)


_AS_IS = frozenset({str, bool, int, type(None)})


def _json_like(value: Any) -> Any:
    """``_plain`` by exact type for what frontmatter nearly always holds
    (text keys; text, booleans, integers, lists, mappings), without its
    chain of isinstance tests; anything else goes to ``_plain``."""
    kind = type(value)
    if kind in _AS_IS:
        return value
    if kind is dict:
        return {(k if type(k) is str else _key(k)): _json_like(v) for k, v in value.items()}
    if kind is list:
        return [_json_like(v) for v in value]
    return _plain(value)


@dataclass(frozen=True)
class NonJson:
    """A YAML value JSON has no type for: a `!!set`, `!!binary` data, `.nan`,
    `.inf`. It matches no JSON Schema type, so a schema that wants a list,
    text or a number reports it, where a converted copy (a set as a list,
    bytes as text) would pass for what it is not."""

    kind: str  # in words, for messages: "a YAML set", "binary data", "not-a-number", "infinity"
    text: str  # as YAML writes it: "{a, b}", "aGk=", ".nan", "-.inf"


def _plain(value: Any) -> Any:
    if isinstance(value, float) and not math.isfinite(value):
        if math.isnan(value):
            return NonJson("not-a-number", ".nan")
        return NonJson("infinity", ".inf") if value > 0 else NonJson("negative infinity", "-.inf")
    if isinstance(value, (str, bool, int, float)) or value is None:
        return value
    if isinstance(value, dict):
        return {_key(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (set, frozenset)):
        return NonJson("a YAML set", "{" + ", ".join(sorted(str(_key(v)) for v in value)) + "}")
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, (datetime.date, datetime.time)):  # datetime is a date
        return value.isoformat()
    if isinstance(value, bytes):
        import base64  # lazy: start-up time (only a !!binary value needs it)

        return NonJson("binary data", base64.b64encode(value).decode("ascii"))
    return str(value)


def _key(key: Any) -> str:
    if isinstance(key, str):
        return key
    if isinstance(key, bool):
        return "true" if key else "false"  # as JavaScript YAML loaders stringify them
    if key is None:
        return "null"
    return _plain(key) if isinstance(key, (datetime.date, datetime.time)) else str(key)
