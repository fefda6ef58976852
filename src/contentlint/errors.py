"""Errors that cross layers as data or as the exit-2 path; a leaf every layer may import."""


class ConfigError(Exception):
    """A configuration problem; the CLI exits 2 with this message."""
