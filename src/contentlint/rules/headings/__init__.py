"""Heading rules (HD): document structure from markdown-it-py tokens."""
from . import heading_emphasis  # noqa: F401
