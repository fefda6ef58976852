"""Turn command-line paths into a deterministic list of files to check."""
from __future__ import annotations

import os
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Callable, Iterable, Optional

from ..config.loader import ALWAYS_EXCLUDED_DIRS, Config, Resolver
from ..document.document import FileTooLarge, NotRegularFile, file_kind, read_regular_file
from ..patterns import compile_patterns
from ..patterns import lazy_regex

if TYPE_CHECKING:
    import pathspec


class DiscoveryError(Exception):
    """A usage problem with the given paths (exit 2)."""


class SourceFile:
    """One file to check. The main process holds one per file for the whole
    run: slots, and the shown path and the project-relative path, which are
    almost always the end of the absolute path, kept as where they start in
    it (three copies of a path were 0.35 kB a file, 35 MB on 100,000 files)."""

    __slots__ = ("abs_path", "explicit", "outside", "special", "real_path", "_path", "_relpath")

    abs_path: str
    explicit: bool
    # What the link says, when the file is reached through a symlink whose
    # target lies outside the checked folders: such a file is reported, never read.
    outside: Optional[str]
    # What the file is when it is not a regular file ("a named pipe (FIFO)"):
    # reported, never opened (opening a FIFO blocks until someone writes to it).
    special: Optional[str]
    # The resolved path, vetted to lie inside the checked folders: the path
    # that is read (the writer then only replaces that very file).
    real_path: Optional[str]
    _path: "str | int"
    _relpath: "str | int"

    def __init__(self, path: str, abs_path: str, relpath: str, explicit: bool = False,
                 outside: Optional[str] = None, special: Optional[str] = None,
                 real_path: Optional[str] = None) -> None:
        self.abs_path = abs_path
        self.explicit = explicit
        self.outside = outside
        self.special = special
        self.real_path = real_path
        self._path = _suffix_start(abs_path, path)
        self._relpath = _suffix_start(abs_path, relpath)

    @property
    def path(self) -> str:
        """As shown to the user."""
        return self.abs_path[self._path:] if isinstance(self._path, int) else self._path

    @property
    def relpath(self) -> str:
        """Relative to the project root, '/'-separated (for globs)."""
        return self.abs_path[self._relpath:] if isinstance(self._relpath, int) else self._relpath

    def _key(self) -> tuple[Any, ...]:
        return (self.path, self.abs_path, self.relpath, self.explicit, self.outside, self.special, self.real_path)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, SourceFile) and self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        return (f"SourceFile(path={self.path!r}, abs_path={self.abs_path!r}, relpath={self.relpath!r}, "
                f"explicit={self.explicit!r}, outside={self.outside!r}, special={self.special!r}, "
                f"real_path={self.real_path!r})")


def _suffix_start(whole: str, part: str) -> "str | int":
    """Where ``part`` starts in ``whole`` when it is its end (not empty), else ``part``."""
    return len(whole) - len(part) if part and whole.endswith(part) else part


class Discovered(list[SourceFile]):
    """The files to check, with warnings about what was left out and why."""

    def __init__(self, files: Iterable[SourceFile] = (), notices: Iterable[str] = ()) -> None:
        super().__init__(files)
        self.notices: list[str] = list(notices)


def _load_gitignore(folder: str) -> "Optional[pathspec.PathSpec[Any]]":
    try:
        # Through the regular-file reader: a FIFO named .gitignore must not
        # block the walk.
        raw = read_regular_file(os.path.join(folder, ".gitignore"), _GITIGNORE_MAX)[1]
    except (OSError, ValueError, NotRegularFile, FileTooLarge):
        return None
    import pathspec  # lazy: start-up time (most folders have no .gitignore)

    try:
        return pathspec.GitIgnoreSpec.from_lines(raw.decode("utf-8", "replace").splitlines())
    except ValueError:
        return None


_GITIGNORE_MAX = 1 << 20


# .gitignore files in force, outermost first: (their folder, their patterns)
IgnoreStack = list[tuple[str, "pathspec.PathSpec[Any]"]]


def _ancestor_ignores(top: str) -> IgnoreStack:
    """.gitignore files above ``top``, up to the repository root (nearest last)."""
    stack: IgnoreStack = []
    folder = os.path.dirname(top)
    while True:
        spec = _load_gitignore(folder)
        if spec is not None:
            stack.append((folder, spec))
        if os.path.exists(os.path.join(folder, ".git")):
            break
        parent = os.path.dirname(folder)
        if parent == folder:
            break
        folder = parent
    return stack[::-1]


def _ignored_by(stack: IgnoreStack, path: str, is_dir: bool) -> Optional[str]:
    """The folder whose .gitignore ignores ``path``, or None."""
    for folder, spec in stack:
        rel = path[len(folder) + 1 :] + ("/" if is_dir else "")
        if spec.match_file(rel):
            return folder
    return None


def _ignored(stack: IgnoreStack, path: str, is_dir: bool) -> bool:
    return _ignored_by(stack, path, is_dir) is not None


def _inside(real: str, folders: tuple[str, ...]) -> bool:
    return real in folders or real.startswith(_prefixes(folders))


@lru_cache(maxsize=64)
def _prefixes(folders: tuple[str, ...]) -> tuple[str, ...]:
    # once per set of folders, not once per file: a walk asks for every file
    return tuple(os.path.join(f, "") for f in folders)


# Why a path was not checked (``check --show-files``).
SKIP_ALWAYS = "always skipped folder"
SKIP_SYMLINK_DIR = "symlink to a folder, not followed"
SKIP_EXCLUDE = "matches `exclude`"
SKIP_GITIGNORE = "ignored by .gitignore"
SKIP_INCLUDE = "not matched by `include` (not Markdown)"
SKIP_UNREADABLE = "folder cannot be read"

Skipped = Optional[Callable[[str, str], None]]  # (absolute path, reason)


def discover(paths: Iterable[str], configs: "Config | Resolver", *, force_exclude: bool = False,
             on_skip: Skipped = None) -> Discovered:
    """The files under ``paths``; each folder's own configuration (``Resolver``)
    decides what is included there, and paths are relative to its root.

    Only files whose real path lies inside the checked folders are read: the
    folders named on the command line and, for files named on it (pre-commit
    passes lists), their project root and their own folder. Symlinked folders
    met while walking are not followed. ``on_skip(path, reason)`` hears of
    each path passed over."""
    resolver = configs if isinstance(configs, Resolver) else Resolver.single(configs)
    cwd = os.getcwd()
    paths = list(paths)
    for raw in paths:
        if not os.path.lexists(raw):
            raise DiscoveryError(f"{raw}: no such file or directory")
    named = tuple(os.path.realpath(raw) for raw in paths if os.path.isdir(raw))
    result: list[SourceFile] = []
    notices: list[str] = []
    seen: set[str] = set()

    def add(raw: str, abs_path: str, explicit: bool, folders: tuple[str, ...], regular: Optional[str] = None,
            root: Optional[str] = None) -> None:
        """``regular``: the real path of a file the walk already knows is a
        regular file reached through no symlink (no syscalls needed); ``root``:
        its project root, when the walk knows it."""
        if abs_path in seen:
            return
        seen.add(abs_path)
        if root is None:
            root = str(resolver.for_file(abs_path).root)
        real = regular or os.path.realpath(abs_path)
        outside = special = None
        if not _inside(real, folders):
            outside = _link_text(abs_path, real)
        elif regular is None:
            try:
                special = file_kind(os.stat(real).st_mode)
            except OSError:
                pass  # reading it reports why (a dangling link, a loop, no permission)
        result.append(SourceFile(_show(raw, abs_path, cwd), abs_path, _rel(abs_path, root), explicit,
                                 outside, special, real))

    for raw in paths:
        abs_path = os.path.abspath(raw)
        if os.path.isdir(raw):
            walked = _Walk(abs_path, resolver.for_dir, named, on_skip)
            for file, root in zip(walked.files, walked.roots):
                add(file, file, False, named, walked.regular.get(file), root)
            notices.extend(walked.notices(raw, len(walked.files)))
        else:
            # Explicit files are always checked (pre-commit passes lists), unless
            # --force-exclude asks to honour `exclude` for them too.
            config = resolver.for_file(abs_path)
            root = str(config.root)
            if force_exclude and compile_patterns(tuple(config.exclude)).match_file(_rel(abs_path, root)):
                notices.append(f"`{raw}` is excluded by `exclude` (--force-exclude); not checked")
                if on_skip is not None:
                    on_skip(abs_path, SKIP_EXCLUDE + " (--force-exclude)")
                continue
            own = (os.path.realpath(root), os.path.realpath(os.path.dirname(abs_path)))
            add(raw, abs_path, True, named + own)
    return Discovered(_one_name_per_file(result), notices)


def _one_name_per_file(sources: list[SourceFile]) -> list[SourceFile]:
    """A file reached under several names (a symlink and its target) is
    checked, and fixed, once: under its own name when that was found too."""
    if all(s.real_path == s.abs_path for s in sources):
        return sources  # no file is reached through a link: names are unique (no map of 100,000 of them)
    names: dict[Optional[str], list[SourceFile]] = {}
    for s in sources:
        if s.outside is None:
            names.setdefault(s.real_path, []).append(s)
    keep = set()
    for group in names.values():
        direct = [s for s in group if s.abs_path == s.real_path]
        keep.add(id((direct or group)[0]))
    return [s for s in sources if s.outside is not None or id(s) in keep]


def _link_text(abs_path: str, real: str) -> str:
    """What the link says (a post linked to ``/etc/passwd`` in a pull request
    is named by its link text; its content never ends up in a CI log)."""
    try:
        return os.readlink(abs_path)
    except OSError:
        return real  # reached through a symlinked folder named on the command line


def _show(raw: str, abs_path: str, cwd: str) -> str:
    if os.path.isabs(raw) and raw == abs_path and not abs_path.startswith(cwd + os.sep):
        return raw
    if abs_path.startswith(cwd + os.sep):
        return abs_path[len(cwd) + 1 :]
    return raw if not os.path.isabs(raw) else abs_path


def _rel(abs_path: str, root: str) -> str:
    if abs_path.startswith(root + os.sep):
        rel = abs_path[len(root) + 1 :]
    else:
        rel = abs_path.lstrip(os.sep)
    return rel.replace(os.sep, "/") if os.sep != "/" else rel


_SUFFIX_ONLY = lazy_regex(r"\*\.[A-Za-z0-9]+")


def _file_matcher(patterns: tuple[str, ...]) -> Callable[[str], bool]:
    """A predicate over project-relative file paths. The usual `*.md`-style
    globs become a suffix test (a gitignore `*.md` matches the name at any
    depth); anything else goes through pathspec."""
    if patterns and all(_SUFFIX_ONLY.fullmatch(p) for p in patterns):
        suffixes = tuple(p[1:] for p in patterns)
        return lambda rel: rel.endswith(suffixes)
    return compile_patterns(patterns).match_file


_FOLDER_NAME = lazy_regex(r"\.?[A-Za-z0-9_-][A-Za-z0-9._-]*/")


def _folder_matcher(patterns: tuple[str, ...]) -> Callable[[str], bool]:
    """A predicate over project-relative paths (a folder's ends in `/`). When
    every pattern is a plain folder name (`.venv/`, `__pycache__/`: the
    default `exclude`), gitignore's meaning, "a folder of that name at any
    depth, and everything in it", is a look at the path's folder names,
    without compiling patterns or importing pathspec; anything else goes
    through pathspec."""
    if not all(_FOLDER_NAME.fullmatch(p) for p in patterns):
        return compile_patterns(patterns).match_file
    names = frozenset(p[:-1] for p in patterns)

    def match(rel: str) -> bool:
        folders = rel.split("/")[:-1]  # a folder's path ends in "/": all its parts are folders
        return not names.isdisjoint(folders)

    return match


class _Filters:
    """One configuration's include/exclude, as matchers over paths relative to its root."""

    # A plain class, not a dataclass: only built (once per configuration) and
    # read, and a frozen dataclass costs ~1 ms at every start.
    __slots__ = ("root", "include_patterns", "include", "exclude", "excluded_file", "respect_gitignore")

    def __init__(self, root: str, include_patterns: tuple[str, ...], include: Callable[[str], bool],
                 exclude: Callable[[str], bool], excluded_file: Callable[[str], bool], respect_gitignore: bool) -> None:
        self.root = root
        self.include_patterns = include_patterns
        self.include = include
        self.exclude = exclude
        self.excluded_file = excluded_file
        self.respect_gitignore = respect_gitignore


@lru_cache(maxsize=64)
def _filters(root: str, include_patterns: tuple[str, ...], exclude_patterns: tuple[str, ...],
             respect_gitignore: bool) -> _Filters:
    # Folders matched by `exclude` are never entered, so files only need the
    # patterns that can name a file (a `drafts/` pattern names folders only).
    file_patterns = tuple(p for p in exclude_patterns if not p.rstrip().endswith("/"))
    excluded_file = compile_patterns(file_patterns).match_file if file_patterns else (lambda rel: False)
    return _Filters(root, include_patterns, _file_matcher(include_patterns),
                    _folder_matcher(exclude_patterns), excluded_file, respect_gitignore)


def _filters_for(config: Config) -> _Filters:
    return _filters(str(config.root), tuple(config.include), tuple(config.exclude), config.respect_gitignore)


class _Walk:
    """The files under one folder named on the command line, and why others
    were left out. Each folder is filtered by its own configuration
    (``config_for``), so a nested site's configuration takes over inside it."""

    def __init__(self, top: str, config_for: Callable[[str], Config], checked: tuple[str, ...] = (),
                 on_skip: Skipped = None) -> None:
        self.top = top
        skip = on_skip or (lambda path, reason: None)
        self.include_patterns = _filters_for(config_for(top)).include_patterns
        self.files: list[str] = []
        self.roots: list[str] = []  # each file's project root
        # The real path of each file that is a regular file reached through no
        # symlink: symlinked folders are never entered, so it is the real path
        # of the top folder followed by the same names (5,000 realpath and stat
        # calls were a third of a warm run's discovery).
        self.regular: dict[str, str] = {}
        real_top = os.path.realpath(top)
        self.ignored: dict[str, int] = {}  # folder of the .gitignore -> files it ignored
        self.excluded = 0
        self.links_out: list[tuple[str, str]] = []
        base = _ancestor_ignores(top) if _filters_for(config_for(top)).respect_gitignore else []
        # A folder named on the command line is checked even when a .gitignore
        # above it ignores it (as ripgrep does); then only the rules inside apply.
        if base and _ignored(base, top, True):
            base = []
        checked = (*checked, os.path.realpath(top))
        visited: set[tuple[int, int]] = set()

        def walk(folder: str, stack: IgnoreStack) -> None:
            try:
                st = os.stat(folder)
            except OSError:
                return
            if (st.st_dev, st.st_ino) in visited:  # symlink loop
                return
            visited.add((st.st_dev, st.st_ino))
            rules = _filters_for(config_for(folder))
            root, include, exclude, excluded_file = rules.root, rules.include, rules.exclude, rules.excluded_file
            if not rules.respect_gitignore:
                stack = []  # nor the .gitignore files above this site
            else:
                spec = _load_gitignore(folder)
                if spec is not None:
                    stack = [*stack, (folder, spec)]
            try:
                with os.scandir(folder) as it:
                    entries = sorted(it, key=lambda e: e.name)
            except OSError:
                skip(folder, SKIP_UNREADABLE)
                return
            for entry in entries:
                path = entry.path
                try:
                    is_dir = entry.is_dir()
                except OSError:
                    is_dir = False  # a symlink loop: reading it reports the error
                rel = _rel(path, root)
                if is_dir:
                    if entry.name in ALWAYS_EXCLUDED_DIRS:
                        skip(path, SKIP_ALWAYS)
                        continue
                    if exclude(rel + "/") or (stack and _ignored(stack, path, True)):
                        skip(path, SKIP_EXCLUDE if exclude(rel + "/") else SKIP_GITIGNORE)
                        continue
                    if entry.is_symlink():
                        skip(path, SKIP_SYMLINK_DIR)
                        # Never followed: a folder inside is walked under its own
                        # name; one outside is named in a warning, so its files are
                        # not silently missing from an "All clean".
                        if not _inside(os.path.realpath(path), checked):
                            self.links_out.append((path, _link_text(path, os.path.realpath(path))))
                        continue
                    walk(path, stack)
                elif include(rel):
                    if excluded_file(rel):
                        self.excluded += 1
                        skip(path, SKIP_EXCLUDE)
                        continue
                    by = _ignored_by(stack, path, False) if stack else None
                    if by is not None:
                        self.ignored[by] = self.ignored.get(by, 0) + 1
                        skip(path, SKIP_GITIGNORE)
                        continue
                    self.files.append(path)
                    self.roots.append(root)
                    try:
                        if entry.is_file(follow_symlinks=False):
                            # The same string when no link is on the way: one copy per file, not two.
                            self.regular[path] = path if real_top == top else real_top + path[len(top):]
                    except OSError:
                        pass
                else:
                    skip(path, SKIP_INCLUDE)

        walk(top, base)

    def notices(self, raw: str, checked: int) -> list[str]:
        out = [f"warning: `{_display(path)}` is a symlink to a folder outside the checked folders "
               f"(`{target}`); not followed" for path, target in self.links_out]
        if checked:
            return out
        reasons = [f"{n} ignored by `{_display(os.path.join(folder, '.gitignore'))}`"
                   for folder, n in sorted(self.ignored.items())]
        if self.excluded:
            reasons.append(f"{self.excluded} excluded by `exclude`")
        if reasons:
            why = "its matching files are left out: " + "; ".join(reasons)
        else:
            why = "no file in it matches `include` (" + ", ".join(f"`{p}`" for p in self.include_patterns) + ")"
        out.append(f"warning: nothing to check in `{raw}`: {why}")
        return out


def _display(path: str) -> str:
    cwd = os.getcwd()
    return path[len(cwd) + 1 :] if path.startswith(cwd + os.sep) else path


def select_shard(sources: list[SourceFile], k: int, n: int) -> list[SourceFile]:
    """Shard ``k`` (1-based) of ``n``: a split by a stable hash of the path
    relative to the project root, so every CI job agrees on it."""
    import zlib

    return [s for s in sources if zlib.crc32(s.relpath.encode("utf-8", "surrogateescape")) % n == k - 1]
