"""contentlint: a linter and content validator for Markdown with frontmatter.

The Python API::

    import contentlint

    result = contentlint.lint_paths(["src/content"], fix=False)
    for violation in result.violations:
        print(violation.path, violation.line, violation.code, violation.message)
    result.to_json()  # the same list as `contentlint check --format json`

    contentlint.lint_text("# Title\\n", path="post.md", config={"select": ["HD"]})

    post = contentlint.load("src/content/blog/post.md")  # a frontmatter.Post
    post["title"], post.content
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

# Importing the package stays cheap (`contentlint --version`, tools that only
# want the version); the API and its data types load on first use.
_LAZY = {
    "lint_paths": "api",
    "lint_text": "api",
    "load": "api",
    "loads": "api",
    "FrontmatterLoadError": "api",
    "RunResult": "violations",
    "FileResult": "violations",
    "Violation": "violations",
    "Severity": "violations",
    "Fix": "violations",
    "Edit": "violations",
    "Config": "config.loader",
    "ConfigError": "config.loader",
    "DiscoveryError": "engine.files",
}

__all__ = ["__version__", *_LAZY]

if TYPE_CHECKING:  # pragma: no cover - for type checkers and IDEs
    from .api import FrontmatterLoadError, lint_paths, lint_text, load, loads
    from .config.loader import Config, ConfigError
    from .engine.files import DiscoveryError
    from .violations import Edit, FileResult, Fix, RunResult, Severity, Violation


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'contentlint' has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))
