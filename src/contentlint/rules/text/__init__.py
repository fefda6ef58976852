"""Text rules (TX): encoding, mojibake, invisible characters, line endings."""
from . import invalid_encoding, missing_final_newline, mojibake  # noqa: F401
