"""contentlint: a linter and content validator for Markdown with frontmatter."""
from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__"]
