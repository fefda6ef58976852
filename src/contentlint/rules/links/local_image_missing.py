from __future__ import annotations

import os
import re
import stat
import time
from pathlib import Path
from typing import Optional
from urllib.parse import unquote

from ...document.document import file_kind
from ...registry import Fixability, Rule, register
from ...links.extract import can_replace
from ...links.safety import UrlKind, classify
from ...violations import Edit, Finding, Fix
from .common import settings, show, url_uses
from .site_paths import escapes, leaves_site, segments, site_of

_SUFFIX = re.compile(r"[?#]")
# Directory listings, kept while the directory's mtime is unchanged.
_LISTINGS: dict[str, tuple[int, dict[str, list[str]]]] = {}


@register
class LocalImageMissing(Rule):
    """Flags a local image that does not exist: a relative path that is not
    there relative to the file, or a root path (`/images/x.png`) that is in
    none of the static folders (`public/`, `static/` under the project root by
    default). A path that exists only with different letter case is reported
    as a case mismatch. A relative path that climbs out of the project root
    is reported as pointing outside the site and is never looked up; a root
    path cannot climb above its static folder (`/../x.png` is `/x.png`, as
    in a browser). An image is a regular file inside the site: a folder or
    FIFO named `x.png` is not one, and a symlink leading out of the site is
    reported, not followed. Nothing is ever opened: existence is a `stat`.

    ## Why
    A renamed or misspelt image breaks the page or fails the site build. A
    case mismatch is the worst kind: it works on the writer's Mac or Windows
    machine, whose file systems ignore case, and breaks on the Linux build
    server.

    ## Example
    ```markdown
    ---
    title: Hello
    cover: ./examples/public/images/Hello.jpg
    ---
    ```

    The file is `examples/public/images/hello.jpg`: the path works on macOS and
    breaks on Linux. A path to a file that does not exist at all is flagged
    too.

    ## Use instead
    ```markdown
    ---
    title: Hello
    cover: ./examples/public/images/hello.jpg
    ---
    ```

    ## Fix
    Safe for a case mismatch when exactly one file matches: the path is
    rewritten with the file's real letter case. No fix for a missing file.
    Root paths are only checked when one of the static folders exists;
    bundler aliases (`~/assets/…`, `@images/…`) and template expressions are
    not checked. The project root is the folder holding the configuration
    file, else the current directory (for a file outside it: the current
    directory if it holds the file, else the file's git repository, else its
    own folder); `links.static-folders` sets the static
    folders (paths inside the project root: `public` for Astro, `static` for
    Hugo and Docusaurus, `.` for Jekyll, the `docs_dir` for MkDocs;
    `contentlint init` writes the right one).
    """

    code = "LK003"
    name = "local-image-missing"
    summary = "Local image path does not exist"
    fixable = Fixability.SOMETIMES
    changes_frontmatter = True

    def check(self, doc, ctx):
        root = Path(ctx.file.root or ".")
        where = ctx.file.abs_path or doc.abs_path
        base_dir = Path(where).parent if where else (root / doc.path).parent
        # Bundlers resolve a post's relative paths from its real location.
        base_real = Path(os.path.realpath(base_dir))
        site = site_of(root, base_real)
        ls = settings(ctx)
        depends_on = ctx.file.depends_on
        static = None  # looked up on the first root path only: most files have none
        for use in url_uses(doc, ctx):
            if not use.image:
                continue
            kind = classify(use.url)
            if kind not in (UrlKind.LOCAL_RELATIVE, UrlKind.LOCAL_ROOT):
                continue
            cut = _SUFFIX.search(use.url)
            path, suffix = (use.url[: cut.start()], use.url[cut.start() :]) if cut else (use.url, "")
            if not path.strip():
                continue
            if kind == UrlKind.LOCAL_ROOT:
                if static is None:
                    static = [(name, site / name) for name in ls.static_folders if (site / name).is_dir()]
                    if depends_on is not None:
                        for name in ls.static_folders:
                            depends_on(site / name)  # a static folder created later changes the result
                if not static:
                    continue
                bases = [b for _, b in static]
            else:
                if escapes(base_real, site, path):
                    yield Finding(use.start, use.end, f"Image `{show(use.url)}` points outside the site; not looked up")
                    continue
                bases = [base_real]
            # A URL cannot climb above the site's root: `/../x.png` is `/x.png`.
            rooted = kind == UrlKind.LOCAL_ROOT
            found = _find(bases, path, site, rooted)
            if depends_on is not None:
                _record(depends_on, bases, path, site, rooted)
            if found == "ok":
                continue
            if isinstance(found, _Refused):
                yield Finding(use.start, use.end, found.message(use.url, root))
            elif isinstance(found, tuple):
                actual, fixed_path = found
                new = fixed_path + suffix
                fix = Fix.safe(f"Use `{show(new)}`", Edit(use.start, use.end, new)) if fixed_path and can_replace(use, new) else None
                yield Finding(
                    use.start, use.end,
                    f"Image `{show(use.url)}` differs in letter case from the file `{_display(actual, root)}` "
                    "(works on macOS and Windows, breaks on Linux)",
                    fix,
                )
            elif kind == UrlKind.LOCAL_ROOT:
                folders = " or ".join(f"`{name.rstrip('/')}/`" for name, _ in static)
                yield Finding(use.start, use.end, f"Image `{show(use.url)}` is not in {folders}")
            else:
                target = base_real / unquote(path)
                yield Finding(use.start, use.end, f"Image `{show(use.url)}` does not exist (no `{_display(target, root)}`)")


class _Refused:
    """An image path that leads out of the site through a symlink, or to
    something that is not a regular file: never opened."""

    def __init__(self, path: Path, kind: Optional[str] = None):
        self.path = path
        self.kind = kind

    def message(self, url: str, root: Path) -> str:
        if self.kind is None:
            return f"Image `{show(url)}` points outside the site through the symlink `{_display(self.path, root)}`"
        return f"Image `{show(url)}` is not a file (`{_display(self.path, root)}` is {self.kind})"


def _record(depends_on, bases: list[Path], path: str, site: Path, rooted: bool) -> None:
    """Each folder along ``path`` under each base, and the file itself: adding,
    removing or renaming an entry changes a folder's modification time, so a
    cached result is dropped when the image appears, vanishes or is renamed."""
    for variant in {path, unquote(path)}:
        for base in bases:
            current = base
            depends_on(current)
            for segment in segments(variant):
                if segment == "..":
                    if current == (base if rooted else site):
                        if rooted:
                            continue
                        break
                    current = current.parent
                else:
                    current = current / segment
                depends_on(current)


def _find(bases: list[Path], path: str, site: Path, rooted: bool):
    """"ok", (actual path, path as the author should write it) for a case
    mismatch, a _Refused, or None when missing."""
    variants = [path] + ([unquote(path)] if "%" in path else [])
    mismatch = None
    for base in bases:
        for i, variant in enumerate(variants):
            result = _walk(base, variant, site, rooted)
            if result == "ok" or isinstance(result, _Refused):
                return result
            if result is not None and mismatch is None:
                actual, names = result
                mismatch = (actual, _rewrite(variant, names) if i == 0 else None)
    return mismatch


def _walk(base: Path, path: str, site: Path, rooted: bool):
    """Follow ``path`` from ``base`` one listed name at a time. `..` stops at
    ``base`` for a root path (as in a URL) and at ``site`` otherwise. A
    symlink on the way that leads out of ``site`` stops the walk before
    anything behind it is listed; the end must be a regular file (a `stat`,
    never an open)."""
    current = base
    names: list[str] = []
    differs = False
    parts = segments(path)
    if not parts:
        return None
    if leaves_site(base, site):
        return _Refused(base)  # a static folder linked to elsewhere
    for segment in parts:
        if segment == "..":
            if current == (base if rooted else site):
                if not rooted:
                    return None  # escapes() reports these before any lookup
            else:
                current = current.parent
            names.append(segment)
            continue
        listing = _listing(current)
        if listing is None:
            return None
        if segment in listing.get(segment.casefold(), ()):
            names.append(segment)
            current = current / segment
        else:
            others = listing.get(segment.casefold(), [])
            if len(others) != 1:
                return None
            differs = True
            names.append(others[0])
            current = current / others[0]
        if os.path.islink(current) and leaves_site(current, site):
            return _Refused(current)
    try:
        mode = os.stat(current).st_mode
    except OSError:
        return None
    if not stat.S_ISREG(mode):
        return _Refused(current, "a folder" if stat.S_ISDIR(mode) else file_kind(mode))
    return (current, names) if differs else "ok"


RACY_NS = 2_000_000_000


def _listing(folder: Path) -> Optional[dict[str, list[str]]]:
    key = str(folder)
    try:
        mtime = os.stat(key).st_mtime_ns
    except OSError:
        return None
    cached = _LISTINGS.get(key)
    # A folder changed in the last seconds may change again within the same
    # timestamp tick ("racy git"): only older listings are trusted by mtime.
    if cached is not None and cached[0] == mtime and time.time_ns() - mtime > RACY_NS:
        return cached[1]
    try:
        entries = os.listdir(key)
    except OSError:
        return None
    table: dict[str, list[str]] = {}
    for name in entries:
        table.setdefault(name.casefold(), []).append(name)
    if len(_LISTINGS) > 4096:
        _LISTINGS.clear()
    _LISTINGS[key] = (mtime, table)
    return table


def _rewrite(path: str, names: list[str]) -> Optional[str]:
    """``path`` with its segments replaced by the real names, separators kept."""
    parts = re.split(r"([/\\])", path)
    queue = list(names)
    out = []
    for part in parts:
        if part in ("/", "\\", "", "."):
            out.append(part)
            continue
        if not queue:
            return None
        out.append(queue.pop(0))
    return "".join(out) if not queue else None


def _display(path: Path, root: Path) -> str:
    try:
        return Path(os.path.relpath(path, root)).as_posix() if not os.path.relpath(path, root).startswith("..") else path.as_posix()
    except ValueError:
        return path.as_posix()
