"""Text rules (TX): encoding, mojibake, invisible characters, line endings."""
from . import control_character, invalid_encoding, missing_final_newline, mojibake, stray_bom  # noqa: F401
