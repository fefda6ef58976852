"""Frontmatter rules (FM): syntax, shape and schema of the metadata block."""
from ...schema import discovery as schema_discovery  # noqa: F401 - registers the `schemas` and `require-frontmatter` settings
from . import (  # noqa: F401 - registration
    frontmatter_duplicate_key,
    frontmatter_key_order,
    frontmatter_missing,
    frontmatter_not_mapping,
    frontmatter_syntax,
    schema_violation,
    yaml_ambiguous_value,
)
