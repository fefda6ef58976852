"""The command line (click commands over api); may import anything below it."""
from .main import main

__all__ = ["main"]
