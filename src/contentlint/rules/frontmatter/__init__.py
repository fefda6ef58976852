"""Frontmatter rules (FM): syntax, shape and schema of the metadata block."""
from . import frontmatter_syntax  # noqa: F401
