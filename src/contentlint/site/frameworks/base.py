"""The interface every framework module implements, and the data it works on.

A framework turns a page (its path and frontmatter) into the URL the built site
serves it at, says which locale it belongs to and which redirects it declares,
and makes the anchor ids of its headings. Everything here is pure data: the one
place a framework reads files is ``load_config`` (its own config under the root).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Literal, Mapping, Optional, Protocol

TrailingSlash = Literal["always", "never", "ignore"]


@dataclass(frozen=True)
class SiteConfig:
    """What routes depend on, read from the framework's config (and `[site]`)."""

    root: Path  # the folder holding the framework config
    content_dir: str  # posix, relative to root
    base: str = "/"
    trailing_slash: TrailingSlash = "ignore"
    default_locale: Optional[str] = None
    locales: tuple[str, ...] = ()
    redirects: Mapping[str, str] = field(default_factory=dict)  # from route -> to route
    domains: tuple[str, ...] = ()  # the site's own URLs, e.g. "https://docs.astro.build"
    options: Mapping[str, Any] = field(default_factory=dict)  # framework specific


@dataclass(frozen=True)
class PageInput:
    """One file as routes see it."""

    relpath: str  # posix, relative to SiteConfig.root
    frontmatter: Mapping[str, Any]
    is_markdown: bool


class Framework(Protocol):
    name: str

    def load_config(self, root: Path) -> SiteConfig:
        """Read the framework's config under ``root`` (the only I/O allowed)."""
        ...

    def route(self, page: PageInput, config: SiteConfig) -> Optional[str]:
        """The URL path the page is served at, base included; None: no page (draft, partial, data)."""
        ...

    def aliases(self, page: PageInput, config: SiteConfig) -> tuple[str, ...]:
        """Redirects the page declares itself (Hugo ``aliases``, Jekyll ``redirect_from``)."""
        ...

    def locale(self, page: PageInput, config: SiteConfig) -> Optional[str]:
        ...

    def slugger(self) -> Callable[[str], str]:
        """A new stateful slugger for one page: heading text -> anchor id, duplicates suffixed."""
        ...
