from __future__ import annotations

import os
import re
import stat
import time
from typing import TYPE_CHECKING, Any, Callable, Iterator, Optional, Union
from urllib.parse import unquote

from ...document.document import file_kind
from ...registry import Fixability, Rule, RuleContext, register
from ...links.extract import can_replace
from ...links.safety import UrlKind, classify
from ...net.settings import DEFAULT_STATIC, LinkSettings
from ...site.roots import FileSite
from ...violations import Edit, Finding, Fix
from .common import show, url_uses
from .mdx_imports import IMPORTED, image_imports
from .site_paths import escapes, fallback_site, leaves_site, segments
from ...patterns import lazy_regex

if TYPE_CHECKING:
    from ...document.document import Document
    from ...site.roots import SiteAssets

_SUFFIX = lazy_regex(r"[?#]")
# Directory listings, kept while the directory's mtime is unchanged.
_LISTINGS: dict[str, tuple[int, dict[str, list[str]]]] = {}


@register
class LocalImageMissing(Rule):
    """Flags a local image that does not exist: a relative path that is not
    there relative to the file, a root path (`/images/x.png`) that is in none
    of the folders the site serves at the root, or a bundler alias
    (`~/assets/x.png`) whose folder does not hold it. The folders come from
    the site the file belongs to, as the site rules see it: Astro `public/`
    and the aliases written in `tsconfig.json` (`"~/*": ["./src/*"]`),
    Docusaurus `@site/`, Hugo
    `static/` (and its mounts), `assets/` and page bundles, the Jekyll site
    root, Docusaurus `static/`, the MkDocs `docs_dir`; outside a recognised
    site, `public/` and `static/` under the project root. In an `.mdx`
    page, the images its ESM imports (`import logo from './logo.png'`) are
    looked up too (relative or through an alias; a package's file is not
    judged). A path that exists only with different letter case is reported
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
    aliases the site does not declare and template expressions are not
    checked. No path may leave the project root: the folder holding the
    configuration file, else the current directory (for a file outside it:
    the current directory if it holds the file, else its site's root, else
    its git repository, else its own folder; a site is never looked for
    above a repository's root, the configuration's folder or the current
    directory). `links.static-folders`, when set, replaces the site's static
    folders (paths inside the project root).
    """

    code = "LK003"
    name = "local-image-missing"
    summary = "Local image path does not exist"
    fixable = Fixability.SOMETIMES
    changes_frontmatter = True

    def check(self, doc: Document, ctx: RuleContext[Any]) -> Iterator[Finding]:
        root = ctx.file.root or "."
        where = ctx.file.abs_path or doc.abs_path or os.path.join(root, doc.path)
        folder = os.path.dirname(os.path.abspath(where))
        here = ctx.file.site if isinstance(ctx.file.site, FileSite) else fallback_site(root, folder)
        site, assets = here.boundary, here.assets
        links = ctx.family(LinkSettings)
        configured = links.static_folders if links.static_folders_set else None
        depends_on = ctx.file.depends_on
        static: Optional[list[tuple[str, str, str]]] = None  # on the first root path only: most files have none
        recorded: set[str] = set()
        for use in [*url_uses(doc, ctx), *image_imports(doc)]:
            if not use.image:
                continue
            alias = _alias(use.url, assets)
            if use.where == IMPORTED and alias is None and not use.url.startswith(("./", "../")):
                continue  # a package's file, or a path from the bundler's root: not the site's to judge
            kind = UrlKind.LOCAL_RELATIVE if alias is not None else classify(use.url)
            if kind not in (UrlKind.LOCAL_RELATIVE, UrlKind.LOCAL_ROOT):
                continue
            written = use.url if alias is None else alias[1]
            cut = _SUFFIX.search(written)
            path, suffix = (written[: cut.start()], written[cut.start() :]) if cut else (written, "")
            if not path.strip():
                continue
            rooted = kind == UrlKind.LOCAL_ROOT
            if rooted:
                if static is None:
                    static = _static_folders(configured, site, assets)
                    for _, base, _ in static:
                        depends_on(base)  # a static folder created later changes the result
                    static = [entry for entry in static if os.path.isdir(entry[1])]
                bases = [(base, inner) for _, base, prefix in static if (inner := _under(path, prefix)) is not None]
                if not bases:
                    continue
            else:
                base = here.real_folder if alias is None else alias[0]
                if alias is not None and assets is not None and assets.sources:
                    for source in assets.sources:
                        if source not in recorded:
                            recorded.add(source)
                            depends_on(source)  # the aliases were read from it
                if escapes(base, site, path):
                    yield Finding(use.start, use.end, f"Image `{show(use.url)}` points outside the site; not looked up")
                    continue
                bases = [(base, path)]
            # A URL cannot climb above the site's root: `/../x.png` is `/x.png`.
            found = _find(bases, site, rooted)
            _record(depends_on, bases, site, rooted)
            if found == "ok":
                continue
            if isinstance(found, _Refused):
                yield Finding(use.start, use.end, found.message(use.url, root))
            elif isinstance(found, tuple):
                actual, fixed_path = found
                replacement = None if fixed_path is None else (
                    (use.url[: len(use.url) - len(written)] if alias is not None else "") + fixed_path + suffix)
                fix = (Fix.safe(f"Use `{show(replacement)}`", Edit(use.start, use.end, replacement))
                       if replacement is not None and can_replace(use, replacement) else None)
                yield Finding(
                    use.start, use.end,
                    f"Image `{show(use.url)}` differs in letter case from the file `{_display(actual, root)}` "
                    "(works on macOS and Windows, breaks on Linux)",
                    fix,
                )
            elif rooted:
                folders = " or ".join(f"`{name.rstrip('/')}/`" for name, _, _ in (static or ()))
                yield Finding(use.start, use.end, f"Image `{show(use.url)}` is not in {folders}")
            else:
                target = os.path.join(bases[0][0], unquote(path))
                yield Finding(use.start, use.end, f"Image `{show(use.url)}` does not exist (no `{_display(target, root)}`)")


def _static_folders(configured: Optional[tuple[str, ...]], site: str,
                    assets: Optional[SiteAssets]) -> list[tuple[str, str, str]]:
    """(name as shown, folder, URL prefix) of each folder a root path may be served from."""
    if configured is None and assets is not None:
        return [(folder, _join(assets.root, folder), prefix) for folder, prefix in assets.mounts]
    names = configured if configured is not None else DEFAULT_STATIC
    return [(name, _join(site, name), "") for name in names]


def _join(folder: str, name: str) -> str:
    return os.path.normpath(os.path.join(folder, name))


def _under(path: str, prefix: str) -> Optional[str]:
    """``path`` (a root path) inside a folder served at ``prefix``; None when it is elsewhere."""
    if not prefix:
        return path
    stripped = path.lstrip("/\\")
    if stripped == prefix or stripped.startswith(prefix + "/"):
        return stripped[len(prefix):] or "/"
    return None


def _alias(url: str, assets: Optional[SiteAssets]) -> Optional[tuple[str, str]]:
    """(folder, path inside it) for a bundler alias (`~/assets/x.png`) the site declares."""
    if assets is None or not assets.aliases:
        return None
    stripped = url.strip()
    for prefix, folder in assets.aliases:
        if stripped.startswith(prefix):
            return _join(assets.root, folder), stripped[len(prefix):]
    return None


class _Refused:
    """An image path that leads out of the site through a symlink, or to
    something that is not a regular file: never opened."""

    def __init__(self, path: str, kind: Optional[str] = None):
        self.path = path
        self.kind = kind

    def message(self, url: str, root: str) -> str:
        if self.kind is None:
            return f"Image `{show(url)}` points outside the site through the symlink `{_display(self.path, root)}`"
        return f"Image `{show(url)}` is not a file (`{_display(self.path, root)}` is {self.kind})"


_Found = Union[str, _Refused, tuple[str, Optional[str]], None]
_Walked = Union[str, _Refused, tuple[str, list[str]], None]


def _record(depends_on: Callable[[str], None], bases: list[tuple[str, str]], site: str, rooted: bool) -> None:
    """Each folder along each path under its base, and the file itself: adding,
    removing or renaming an entry changes a folder's modification time, so a
    cached result is dropped when the image appears, vanishes or is renamed."""
    for base, path in bases:
        for variant in {path, unquote(path)}:
            current = base
            depends_on(current)
            for segment in segments(variant):
                if segment == "..":
                    if current == (base if rooted else site):
                        if rooted:
                            continue
                        break
                    current = os.path.dirname(current)
                else:
                    current = os.path.join(current, segment)
                depends_on(current)


def _find(bases: list[tuple[str, str]], site: str, rooted: bool) -> _Found:
    """"ok", (actual path, path as the author should write it) for a case
    mismatch, a _Refused, or None when missing."""
    mismatch: _Found = None
    for base, path in bases:
        variants = [path] + ([unquote(path)] if "%" in path else [])
        for i, variant in enumerate(variants):
            result = _walk(base, variant, site, rooted)
            if result == "ok" or isinstance(result, _Refused):
                return result
            if isinstance(result, tuple) and mismatch is None:
                actual, names = result
                mismatch = (actual, _rewrite(variant, names) if i == 0 else None)
    return mismatch


def _walk(base: str, path: str, site: str, rooted: bool) -> _Walked:
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
                current = os.path.dirname(current)
            names.append(segment)
            continue
        listing = _listing(current)
        if listing is None:
            return None
        same = listing.get(segment.casefold(), [])
        if segment in same:
            names.append(segment)
            current = os.path.join(current, segment)
        else:
            if len(same) != 1:
                return None
            differs = True
            names.append(same[0])
            current = os.path.join(current, same[0])
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


def _listing(folder: str) -> Optional[dict[str, list[str]]]:
    key = folder
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
    out: list[str] = []
    for part in parts:
        if part in ("/", "\\", "", "."):
            out.append(part)
            continue
        if not queue:
            return None
        out.append(queue.pop(0))
    return "".join(out) if not queue else None


def _display(path: str, root: str) -> str:
    try:
        relative = os.path.relpath(path, root)
    except ValueError:
        relative = ".."  # another drive
    return (path if relative.startswith("..") else relative).replace(os.sep, "/")
