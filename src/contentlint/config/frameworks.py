"""Recognise a site's framework from its project files (for `contentlint init`).

Each detector looks only at files and folders the framework itself defines,
and says why it matched; the first match in ``DETECTORS`` order wins (the
ones with a dedicated config file come before Hugo's and Jekyll's, whose
files are more generic).
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Optional

from ..site.frameworks.jekyll import load_yaml as jekyll_load_yaml

MARKDOWN = ("md", "markdown")
WITH_MDX = ("md", "mdx")
# Collections whose entries are blog posts, for the bundled astro-blog schema.
BLOG_COLLECTIONS = {"blog", "posts", "post", "articles", "news"}
# Hugo settings that no other framework's config.* uses (Hugo reads keys case-insensitively).
HUGO_KEYS = {"baseurl", "languagecode", "defaultcontentlanguage", "theme", "params", "markup",
             "taxonomies", "module", "outputs", "contentdir", "permalinks"}


@dataclass
class Collection:
    """A folder of content that shares one frontmatter shape."""

    name: str
    folder: str  # relative to the project root, '/'-separated
    schema: Optional[str] = None  # builtin:NAME, or None
    schema_note: str = ""  # why (or why not) a schema applies


# HD004's default without the exclamation marks (ASCII and full-width).
DOCUSAURUS_PUNCTUATION = ".,;:。，；："


@dataclass
class Detection:
    framework: str  # astro | hugo | jekyll | docusaurus | mkdocs | docfx | generic
    label: str
    reasons: list[str] = field(default_factory=list)
    extensions: tuple[str, ...] = MARKDOWN
    collections: list[Collection] = field(default_factory=list)
    extra_content: list[str] = field(default_factory=list)  # folders checked without a schema
    include_everywhere: bool = False  # pages may live anywhere (Jekyll)
    extend_exclude: list[str] = field(default_factory=list)
    static_folders: list[str] = field(default_factory=list)
    require_frontmatter: list[str] = field(default_factory=list)
    title_key: str = "title"
    # The frontmatter title is shown only when the body has no h1: a body h1
    # is then the page title, and `title:` plus `# Same title` is the
    # framework's own pattern (Docusaurus docs and pages, MkDocs themes).
    title_fallback: bool = False
    # Rule options the framework's own starter content calls for, by rule name.
    rule_options: dict[str, dict[str, Any]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def settings(self) -> dict[str, Any]:
        """Settings that follow from how the framework renders a page."""
        found: dict[str, Any] = {"title-fallback": True} if self.title_fallback else {}
        if self.rule_options:
            found["rules"] = {name: dict(options) for name, options in self.rule_options.items()}
        return found

    @property
    def content_folders(self) -> list[str]:
        return [c.folder for c in self.collections] + self.extra_content

    def include(self) -> list[str]:
        if self.include_everywhere or not self.content_folders:
            return [f"*.{ext}" for ext in self.extensions]
        return [f"{folder}/**/*.{ext}" for folder in self.content_folders for ext in self.extensions]


def _first(root: Path, *names: str) -> Optional[str]:
    return next((n for n in names if (root / n).is_file()), None)


def _dirs(root: Path, *names: str) -> list[str]:
    return [n for n in names if (root / n).is_dir()]


def _subfolders(folder: Path) -> list[str]:
    try:
        return sorted(e.name for e in os.scandir(folder) if e.is_dir() and not e.name.startswith((".", "_")))
    except OSError:
        return []


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""


def _static(root: Path, *conventional: str) -> list[str]:
    return _dirs(root, *conventional) or [conventional[0]]


# --- Astro -----------------------------------------------------------------

def detect_astro(root: Path) -> Optional[Detection]:
    found = _first(root, *(f"astro.config.{ext}" for ext in ("mjs", "js", "ts", "mts", "cjs")))
    if found is None:
        return None
    d = Detection("astro", "Astro", [f"`{found}` exists"], extensions=WITH_MDX)
    folders: dict[str, str] = {}
    for name in _subfolders(root / "src" / "content"):
        folders[name] = f"src/content/{name}"
    # Astro 5 content layer: glob() loaders may read collections from anywhere.
    for config in ("src/content.config.ts", "src/content.config.mjs", "src/content.config.js", "src/content/config.ts"):
        for base in re.findall(r"""base:\s*["'`]\.?/?([^"'`]+)["'`]""", _read(root / config)):
            base = base.strip("/")
            if (root / base).is_dir() and base not in folders.values():
                folders[Path(base).name] = base
                d.reasons.append(f"`{config}` loads a collection from `{base}/`")
    for name, folder in folders.items():
        synced = root / ".astro" / "collections" / f"{name}.schema.json"
        if synced.is_file() and folder == f"src/content/{name}":
            d.collections.append(Collection(name, folder, None, f"`.astro/collections/{name}.schema.json` (from `astro sync`) is used automatically"))
        elif name in BLOG_COLLECTIONS:
            d.collections.append(Collection(name, folder, "builtin:astro-blog", "a blog collection"))
        else:
            d.collections.append(Collection(name, folder, None, "no bundled schema fits; run `astro sync` or use --infer-schema"))
    d.extra_content = _dirs(root, "src/pages")
    d.require_frontmatter = [f"{c.folder}/**" for c in d.collections]
    d.static_folders = _static(root, "public")
    d.extend_exclude = ["dist/", ".astro/"]
    return d


# --- Docusaurus ------------------------------------------------------------

def detect_docusaurus(root: Path) -> Optional[Detection]:
    found = _first(root, *(f"docusaurus.config.{ext}" for ext in ("js", "ts", "mjs", "cjs", "mts")))
    if found is None:
        return None
    d = Detection("docusaurus", "Docusaurus", [f"`{found}` exists"], extensions=WITH_MDX, title_fallback=True)
    # create-docusaurus's tutorial ends on `# Congratulations!`: an exclamation
    # is the house tone of its headings, not a stray sentence end.
    d.rule_options["heading-trailing-punctuation"] = {"punctuation": DOCUSAURUS_PUNCTUATION}
    for folder in _dirs(root, "docs", "versioned_docs"):
        d.collections.append(Collection(folder, folder, "builtin:docusaurus-doc", "Docusaurus docs"))
    for folder in _dirs(root, "blog"):
        d.collections.append(Collection(folder, folder, None, "no bundled schema for blog posts; use --infer-schema"))
    d.extra_content = _dirs(root, "src/pages")
    d.static_folders = _static(root, "static")
    d.extend_exclude = ["build/", ".docusaurus/"]
    return d


# --- MkDocs ----------------------------------------------------------------

def detect_mkdocs(root: Path) -> Optional[Detection]:
    found = _first(root, "mkdocs.yml", "mkdocs.yaml")
    if found is None:
        return None
    d = Detection("mkdocs", "MkDocs", [f"`{found}` exists"], title_fallback=True)
    # A regex, not a YAML load: mkdocs.yml often holds `!!python/name:` tags.
    match = re.search(r"^docs_dir:\s*['\"]?([^'\"#\s]+)", _read(root / found), re.MULTILINE)
    docs = match.group(1).strip("/") if match else "docs"
    if match:
        d.reasons.append(f"`docs_dir: {docs}` in `{found}`")
    d.collections.append(Collection("docs", docs, "builtin:mkdocs-page", "MkDocs pages"))
    d.static_folders = [docs]  # MkDocs copies everything under docs_dir to the site root
    d.extend_exclude = ["site/"]
    return d


# --- DocFX (and Microsoft Learn repositories) -------------------------------

def detect_docfx(root: Path) -> Optional[Detection]:
    """`docfx.json` in the folder, or a Microsoft Learn repository whose
    `.openpublishing.publish.config.json` names the docsets' folders."""
    folders: list[str] = []
    reasons: list[str] = []
    if (root / "docfx.json").is_file():
        reasons.append("`docfx.json` exists")
        folders.append(".")
    publish = root / ".openpublishing.publish.config.json"
    if publish.is_file():
        import json

        try:
            docsets = json.loads(_read(publish)).get("docsets_to_publish") or []
        except (ValueError, AttributeError):
            docsets = []
        for docset in docsets:
            folder = str(docset.get("build_source_folder") or "").strip("/") if isinstance(docset, dict) else ""
            if folder and (root / folder / "docfx.json").is_file() and folder not in folders:
                folders.append(folder)
                reasons.append(f"`{publish.name}` publishes `{folder}/` (with its `docfx.json`)")
    if not reasons:
        return None
    # The body h1 is the page title; `title:` is the HTML <title>.
    d = Detection("docfx", "DocFX", reasons, title_fallback=True)
    if "." in folders:
        d.include_everywhere = True
    else:
        d.extra_content = folders
    d.static_folders = folders[:1]
    d.extend_exclude = ["_site/", "obj/"]
    return d


# --- Hugo ------------------------------------------------------------------

def _hugo_settings(root: Path) -> tuple[Optional[str], dict[str, Any]]:
    for name in ("hugo.toml", "hugo.yaml", "hugo.yml", "hugo.json", "config.toml", "config.yaml", "config.yml",
                 "config.json", "config/_default/hugo.toml", "config/_default/config.toml"):
        path = root / name
        if not path.is_file():
            continue
        data = _load_settings(path)
        if name.startswith("hugo.") or "_default" in name or HUGO_KEYS & {str(k).lower() for k in data}:
            return name, data
    return None, {}


def _load_settings(path: Path) -> dict[str, Any]:
    try:
        if path.suffix == ".toml":
            # lazy: start-up time (only a TOML framework config is read with it)
            from .. import toml_parser as tomllib

            return tomllib.loads(_read(path))
        if path.suffix == ".json":
            import json

            loaded: dict[str, Any] = json.loads(_read(path))
            return loaded
        import yaml

        # libyaml's safe loader when it is there (as site/frameworks reads the
        # same file): the same data, twenty times faster than the Python one.
        data = yaml.load(_read(path), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except Exception:  # an unreadable config still says nothing about the framework
        return {}
    return data if isinstance(data, dict) else {}


def detect_hugo(root: Path) -> Optional[Detection]:
    name, settings = _hugo_settings(root)
    reasons = []
    if name is not None:
        keys = sorted(k for k in settings if str(k).lower() in HUGO_KEYS)
        reasons.append(f"`{name}` exists" if name.startswith(("hugo.", "config/")) or not keys
                       else f"`{name}` has Hugo settings ({', '.join(f'`{k}`' for k in keys[:3])})")
    elif (root / "content").is_dir() and (root / "archetypes").is_dir():
        reasons.append("`content/` and `archetypes/` folders exist")
    if not reasons:
        return None
    d = Detection("hugo", "Hugo", reasons)
    lowered = {str(k).lower(): v for k, v in settings.items()}
    content = str(lowered.get("contentdir") or "content").strip("/")
    d.collections.append(Collection("content", content, "builtin:hugo-page", "Hugo pages"))
    d.static_folders = _static(root, "static")
    d.extend_exclude = ["public/", "resources/"]
    return d


# --- Jekyll ----------------------------------------------------------------

def detect_jekyll(root: Path) -> Optional[Detection]:
    found = _first(root, "_config.yml", "_config.yaml", "_config.toml")
    if found is None:
        return None
    reasons = [f"`{found}` exists"]
    if (root / "_posts").is_dir():
        reasons.append("with a `_posts/` folder")
    elif "jekyll" in _read(root / "Gemfile"):
        reasons.append("and the `Gemfile` names jekyll")
    else:
        return None
    d = Detection("jekyll", "Jekyll", reasons, include_everywhere=True)
    for folder in _dirs(root, "_posts", "_drafts"):
        d.collections.append(Collection(folder.strip("_"), folder, "builtin:jekyll-post", "Jekyll posts"))
    # The same reading as the site's (site/frameworks/jekyll.py): the file is parsed once per run.
    loaded = jekyll_load_yaml(root / found) if found != "_config.toml" else _load_settings(root / found)
    settings: dict[str, Any] = loaded if isinstance(loaded, dict) else {}
    collections = settings.get("collections")
    for name in (collections if isinstance(collections, (dict, list)) else []):
        if isinstance(name, str) and (root / f"_{name}").is_dir() and name not in ("posts", "drafts"):
            d.collections.append(Collection(name, f"_{name}", None, "a Jekyll collection; use --infer-schema"))
    # Jekyll only builds a post that starts with front matter.
    d.require_frontmatter = [f"{c.folder}/**" for c in d.collections if c.folder in ("_posts", "_drafts")]
    defaults = settings.get("defaults")
    if isinstance(defaults, list) and any("layout" in (x.get("values") or {}) for x in defaults if isinstance(x, dict)):
        d.notes.append("`_config.yml` sets a default `layout`, but builtin:jekyll-post requires `layout` in each "
                       "post; drop the schema or use --infer-schema if that flags every post")
    d.static_folders = ["."]  # `/assets/x.png` is served from the site root
    d.extend_exclude = ["_site/", ".jekyll-cache/", ".sass-cache/", "vendor/"]
    return d


def detect_generic(root: Path) -> Detection:
    d = Detection("generic", "no framework", [], extensions=("md", "mdx", "markdown"), include_everywhere=True)
    d.static_folders = _dirs(root, "public", "static")
    return d


DETECTORS: dict[str, Callable[[Path], Optional[Detection]]] = {
    "astro": detect_astro,
    "docusaurus": detect_docusaurus,
    "mkdocs": detect_mkdocs,
    "docfx": detect_docfx,
    "hugo": detect_hugo,
    "jekyll": detect_jekyll,
}
LOOKED_FOR = ("astro.config.*, docusaurus.config.*, mkdocs.yml, docfx.json, hugo.toml (or config.toml with Hugo settings, "
              "or content/ + archetypes/), _config.yml with _posts/")


def detect(root: Path, framework: Optional[str] = None) -> tuple[Optional[Detection], list[str]]:
    """The detection for ``root`` and the labels of other frameworks that
    also matched. With ``framework``, only that detector runs (None when its
    project files are not there)."""
    if framework is not None:
        return DETECTORS[framework](root), []
    matches = [d for d in (fn(root) for fn in DETECTORS.values()) if d is not None]
    if not matches:
        return detect_generic(root), []
    return matches[0], [m.label for m in matches[1:]]


def detected_settings(root: Path) -> dict[str, Any]:
    """For a run without a configuration file: the settings of the framework
    detected at ``root`` (the ones `init` would write about rendering)."""
    detection, _ = detect(root)
    return detection.settings() if detection is not None else {}
