"""Plain functions behind the CLI, usable from Python."""
from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable, Mapping, NoReturn, Optional, Sequence, Union

from .config.catalogue import plugin_errors
from .config.loader import Config, Resolver, load_config
from .engine.files import DiscoveryError, discover, select_shard
from .engine.lint import Settings
from .engine.run import run, run_text
from .engine.site import Site, build_index, find_site, load_site_for
from .site.index import SiteIndex
from .schema.discovery import describe
from .document.document import Document
from .violations import FileResult, RunResult

if TYPE_CHECKING:
    import frontmatter


def run_check(
    paths: Sequence[str],
    settings: Settings,
    *,
    config_path: Optional[str] = None,
    isolated: bool = False,
    overrides: Optional[dict[str, Any]] = None,
    force_exclude: bool = False,
    verbose: bool = False,
    config: Optional[Config] = None,
    shard: Optional[tuple[int, int]] = None,
    progress: Optional[Callable[[FileResult, int], None]] = None,
) -> tuple[RunResult, Config]:
    """Check ``paths``, each file with its own configuration (the nearest
    configuration file above it) unless ``config``, ``config_path`` or
    ``isolated`` names one for all. Returns the result and the configuration
    of the first path."""
    if config is not None:
        resolver = Resolver.single(config)
    else:
        resolver = Resolver(config_path=config_path, isolated=isolated, overrides=overrides)
    if list(paths) == ["-"]:
        name = settings.stdin_filename or "stdin.md"
        config = resolver.for_file(os.path.abspath(name))
        try:
            relpath = Path(os.path.abspath(name)).relative_to(config.root).as_posix()
        except ValueError:
            relpath = Path(name).as_posix().lstrip("/")
        result = run_text(sys.stdin.buffer.read(), name, relpath, config, settings)
        return result, config
    if "-" in paths:
        raise DiscoveryError("`-` (stdin) cannot be combined with other paths")
    discovered = discover(paths, resolver, force_exclude=force_exclude)
    notices = discovered.notices
    sources = select_shard(discovered, *shard) if shard is not None else list(discovered)
    result = run(sources, resolver, settings, progress=progress)
    result.messages[:0] = notices
    first = Path(paths[0]) if paths else Path.cwd()
    config = resolver.for_dir(str(first if first.is_dir() else first.parent))
    if verbose:
        lines = [f"configuration: {c.path or '(defaults)'}; project root: {c.root}; "
                 f"rules: {', '.join(r.code for r in c.enabled_rules)}" for c in resolver.loaded]
        lines.append(f"{len(sources)} file(s) to check")
        for used in resolver.loaded:
            lines += describe([s for s in sources if resolver.for_file(s.abs_path) is used], used, settings)
        result.messages[0:0] = lines
    return result, config


# The public Python API (exported lazily by ``contentlint.__init__``).

PathArg = Union[str, "os.PathLike[str]"]
ConfigArg = Union[None, Config, PathArg, Mapping[str, Any]]


def _resolve_config(config: ConfigArg, start: Optional[Path]) -> Config:
    if isinstance(config, Config):
        return config
    if config is None:
        return load_config(start=start)
    if isinstance(config, Mapping):
        # Validated as strictly as a contentlint.toml with these keys would be.
        return Config.from_table(config, root=Path.cwd().resolve(), source="config")
    return load_config(config_path=os.fspath(config))


def _plugin_messages() -> list[str]:
    return [f"warning: {message}" for message in plugin_errors()]


def lint_paths(
    paths: Union[PathArg, Iterable[PathArg]],
    *,
    config: ConfigArg = None,
    fix: bool = False,
) -> RunResult:
    """Check files and folders as ``contentlint check`` does and return the result.

    ``config`` is None (each file gets the nearest ``contentlint.toml``,
    ``.contentlint.toml`` or ``pyproject.toml`` with ``[tool.contentlint]``
    above it), a path to a configuration file, a mapping with
    the keys of such a file (``{"select": ["HD"]}``), or a ``Config``. With
    ``fix=True``, safe fixes are written to the files. Raises
    ``ConfigError`` or ``DiscoveryError`` (exit code 2 on the command line).
    ``result.to_json()`` is the ``--format json`` report.
    """
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    names = [os.fspath(p) for p in paths]
    if not names:
        raise DiscoveryError("no paths given")
    resolved = None if config is None else _resolve_config(config, None)
    result, _ = run_check(names, Settings(fix=fix), config=resolved)
    result.messages.extend(_plugin_messages())
    return result


def _encoded(text: str) -> bytes:
    try:
        return text.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        # a lone surrogate outside the escape range: keep it as the bytes
        # it would be, which TX002 then reports as invalid UTF-8
        return text.encode("utf-8", "surrogatepass")


def lint_text(
    text: Union[str, bytes],
    *,
    path: str = "stdin.md",
    config: ConfigArg = None,
    fix: bool = False,
) -> RunResult:
    """Check one document held in memory; nothing is read or written.

    With ``fix=True`` the safe fixes are applied in memory, as ``--fix``
    would: ``result.files[0].fixed_text`` is the fixed text (None when no
    fix changed it) and the findings are those that remain.

    ``path`` names it in findings and decides which ``per-file-ignores``
    apply (relative to the project root, or to the current folder).
    ``config`` is as for ``lint_paths``; None takes the nearest configuration
    file above ``path``. ``result.files[0].violations`` holds the findings.
    """
    raw = text if isinstance(text, bytes) else _encoded(text)
    abs_path = Path(path) if os.path.isabs(path) else Path.cwd() / path
    resolved = Resolver().for_file(str(abs_path)) if config is None else _resolve_config(config, None)
    try:
        relpath = abs_path.resolve().relative_to(resolved.root).as_posix()
    except ValueError:
        relpath = Path(path).as_posix().lstrip("/")
    result = run_text(raw, path, relpath, resolved, Settings(fix=fix))
    result.messages.extend(_plugin_messages())
    return result


def config_for(path: PathArg) -> Config:
    """The configuration ``contentlint check`` applies to the file at
    ``path`` (which need not exist): the nearest configuration file above
    it, else the defaults. The language server lints unsaved text with it.
    Raises ``ConfigError``."""
    folder = Path(os.path.abspath(os.fspath(path))).parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    return load_config(start=folder)


class FrontmatterLoadError(ValueError):
    """The frontmatter of a document cannot be read: ``str(exc)`` names the
    file, line and column, as the finding ``contentlint check`` reports."""

    def __init__(self, path: str, line: int, column: int, message: str):
        super().__init__(f"{path}:{line}:{column}: {message}")
        self.path, self.line, self.column, self.message = path, line, column, message


def loads(text: Union[str, bytes], *, path: str = "<string>") -> frontmatter.Post:
    """A ``frontmatter.Post`` (python-frontmatter) for one document:
    ``post.metadata`` holds the frontmatter data and ``post.content`` the
    body, stripped of surrounding whitespace as ``frontmatter.loads`` does.

    The split and the data come from contentlint's own parse, so a block
    behind a byte order mark or with CR-only line endings is read, TOML
    (``+++``) and JSON frontmatter work without extra packages, and a block
    that does not parse or is never closed raises ``FrontmatterLoadError``
    instead of yielding empty metadata. YAML is loaded safely (tags are never
    executed). ``post.handler`` is python-frontmatter's handler for the format
    (``None`` for TOML unless the ``toml`` package is installed).
    """
    return _post(Document.from_bytes(path, text if isinstance(text, bytes) else _encoded(text)))


def load(path: PathArg) -> frontmatter.Post:
    """``loads`` for a file: its bytes are decoded as ``contentlint check``
    decodes them (UTF-8, or the encoding its byte order mark names)."""
    name = os.fspath(path)
    with open(name, "rb") as fh:
        raw = fh.read()
    return _post(Document.from_bytes(name, raw))


def _post(doc: Document) -> frontmatter.Post:
    import frontmatter  # lazy: start-up time
    from frontmatter.default_handlers import BaseHandler, JSONHandler, TOMLHandler, YAMLHandler

    def fail(offset: int, message: str) -> NoReturn:
        line, column = doc.position(offset)
        raise FrontmatterLoadError(doc.path, line, column, message)

    block, problem = doc.frontmatter, doc.frontmatter_problem
    if problem is not None:
        fail(problem.offset, problem.message)
    metadata: dict[Any, Any] = {}
    handler: Optional[BaseHandler] = None
    if block is not None:
        if block.error is not None:
            fail(block.error.offset, block.error.message)
        if not isinstance(block.data, dict):
            fail(block.content_start, f"Frontmatter is a {type(block.data).__name__}, not a mapping of keys")
        metadata = block.data
        kind: Optional[type[BaseHandler]] = {"yaml": YAMLHandler, "json": JSONHandler,
                                              "toml": TOMLHandler}[block.format]
        handler = kind() if kind is not None else None
    # A mapping's keys become keyword arguments of Post; YAML allows keys
    # that are not strings (`1: one`), so the metadata is set afterwards.
    post = frontmatter.Post(doc.text[doc.body_start:].strip(), handler)
    post.metadata.update(metadata)
    return post


def site_index(paths: Sequence[str], *, config_path: Optional[str] = None, isolated: bool = False,
               use_cache: bool = True) -> tuple[Site, SiteIndex]:
    """The site holding the first of ``paths`` (a folder or file; default the
    current folder) and its index, as the site phase builds it. Raises
    ``DiscoveryError`` when no site framework is recognised there."""
    first = Path(os.path.abspath(paths[0] if paths else "."))
    start = first if first.is_dir() else first.parent
    config = Resolver(config_path=config_path, isolated=isolated).for_dir(str(start))
    found = find_site(start, config, {})
    if found is None:
        raise DiscoveryError(f"no site framework recognised at or above `{start}` "
                             "(looked for astro.config.*, _config.yml; `[site] framework` and `root` set one)")
    site = load_site_for(found, config)
    index = build_index(site, {}, config.max_file_size, Path(config.root) if use_cache else None)
    return site, index
