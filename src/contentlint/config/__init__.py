"""Configuration: file discovery, layering, validation, per-file resolution, frameworks; imports rules/ and below."""
