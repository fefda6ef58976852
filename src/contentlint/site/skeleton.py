"""The files of a site as its framework sees them: content pages, other page
files (``.astro``, ``.html``) and the static files served as they are.

One walk of the site root; nothing outside it is read, symlinks are not
followed, and only the first lines of a non-Markdown page are read (for its
front matter). Paths are posix and relative to the site root.
"""
from __future__ import annotations

import fnmatch
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

from .frameworks.base import SiteConfig

MARKDOWN = (".md", ".mdx", ".markdown")
# Never part of a built site, whatever the framework.
SKIPPED_DIRS = {".git", "node_modules", ".contentlint_cache", "_site", ".jekyll-cache", ".sass-cache", "vendor",
                "dist", ".astro", ".venv", "__pycache__"}
_FRONTMATTER_LIMIT = 16384


@dataclass
class Skeleton:
    markdown: list[str] = field(default_factory=list)  # content pages
    pages: dict[str, dict[str, Any]] = field(default_factory=dict)  # other page files -> their front matter
    static: set[str] = field(default_factory=set)  # files served as they are, by URL path without the leading /


def _front_matter(path: str) -> Optional[dict[str, Any]]:
    """The YAML front matter of an HTML page; None when it has none (served as is)."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(_FRONTMATTER_LIMIT).decode("utf-8", "replace")
    except OSError:
        return None
    if not head.startswith("---"):
        return None
    end = head.find("\n---", 3)
    if end < 0:
        return None
    import yaml  # lazy: start-up time (a site's page that is not Markdown, with frontmatter)

    try:
        # libyaml's safe loader when it is there: the same data, several times faster.
        data = yaml.load(head[3:end], Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError:
        return {}
    return data if isinstance(data, dict) else {}


def _matcher(patterns: list[str]) -> "re.Pattern[str] | None":
    """One regex for Jekyll's `exclude`/`include` lists: a name, a folder (and what is under it) or a glob."""
    if not patterns:
        return None
    parts = []
    for p in patterns:
        stem = p.rstrip("/")
        parts.append(re.escape(stem) + r"(?:/.*)?")
        parts.append(fnmatch.translate(p).replace(r"\Z", "").replace("(?s:", "(?:"))
    return re.compile("(?s:" + "|".join(parts) + r")\Z")


def _walk(top: Path, root: Path) -> list[str]:
    found = []
    stack = [str(top)]
    base = len(str(root)) + 1
    while stack:
        folder = stack.pop()
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                if entry.name not in SKIPPED_DIRS:
                    stack.append(entry.path)
            elif entry.is_file(follow_symlinks=False):
                found.append(entry.path[base:].replace(os.sep, "/"))
    return found


def scan(framework: str, config: SiteConfig) -> Skeleton:
    root = config.root
    sk = Skeleton()
    if framework == "astro":
        content = config.content_dir.rstrip("/")
        for rel in _walk(root / content, root):
            if rel.endswith((".md", ".mdx")):
                sk.markdown.append(rel)
        for rel in _walk(root / "src" / "pages", root):
            if rel.endswith((".md", ".mdx")):
                sk.markdown.append(rel)
            else:
                sk.pages[rel] = {}
        for rel in _walk(root / "public", root):
            sk.static.add(rel[len("public/") :])
        return sk
    if framework == "jekyll":
        include = [str(p) for p in config.options.get("include", [])]
        excluded = _matcher([str(p) for p in config.options.get("exclude", [])])
        included = _matcher(include)
        for rel in _walk(root, root):
            parts = rel.split("/")
            if excluded is not None and excluded.match(rel) and not (included is not None and included.match(rel)):
                continue
            hidden = any(p.startswith((".", "_")) and p != "_posts" for p in parts[:-1]) or (
                parts[-1].startswith((".", "_")) and rel not in include)
            if rel.endswith(MARKDOWN):
                if not any(p.startswith(".") for p in parts) and not any(
                        p.startswith("_") and p != "_posts" for p in parts[:-1]):
                    sk.markdown.append(rel)
                continue
            if hidden:
                continue
            if rel.endswith((".html", ".htm", ".xml")):
                fm = _front_matter(str(root / rel))
                if fm is not None:
                    sk.pages[rel] = fm
                    continue
            sk.static.add(rel)
        return sk
    return _generic(config)


# Markdown as Hugo and MkDocs also name it.
_ALL_MARKDOWN = MARKDOWN + (".mdown", ".mkd", ".mkdn")


def _generic(config: SiteConfig) -> Skeleton:
    """Any other framework, from the folders its config lists in ``options``:
    ``markdown_dirs`` (content pages), ``page_dirs`` (pages by file, such as
    Docusaurus ``src/pages``) and ``static_mounts`` ((folder, URL prefix): files
    served as they are; Markdown in a content folder is a page, not a file)."""
    root = config.root
    sk = Skeleton()
    content = tuple(str(d).strip("/") or "." for d in config.options.get("markdown_dirs", ())) or (
        config.content_dir.strip("/") or ".",)
    seen: set[str] = set()
    for folder in content:
        for rel in _walk(root / folder, root):
            if rel in seen:
                continue
            seen.add(rel)
            if rel.endswith(_ALL_MARKDOWN):
                sk.markdown.append(rel)
            elif rel.endswith((".html", ".htm")):
                fm = _front_matter(str(root / rel))
                if fm is not None:  # a content page written in HTML (Hugo)
                    sk.pages[rel] = fm
    for folder in config.options.get("page_dirs", ()):
        folder = str(folder).strip("/") or "."
        for rel in _walk(root / folder, root):
            if rel.endswith(_ALL_MARKDOWN):
                if rel not in seen:
                    seen.add(rel)
                    sk.markdown.append(rel)
            else:
                sk.pages[rel] = {}
    mounts = [(str(f), str(t)) for f, t in config.options.get("static_mounts", ())]
    mounts += [(str(f), "") for f in config.options.get("static_dirs", ())]
    for folder, target in mounts:
        folder = folder.strip("/") or "."
        target = target.strip("/")
        for rel in _walk(root / folder, root):
            if rel in seen and rel.endswith(_ALL_MARKDOWN):
                continue  # built into a page
            inner = rel if folder == "." else rel[len(folder) + 1 :]
            sk.static.add(f"{target}/{inner}" if target else inner)
    return sk
