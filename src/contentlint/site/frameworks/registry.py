"""The frameworks the site model knows, by the name `init` detects (config/frameworks.py)."""
from __future__ import annotations

from .astro import Astro
from .base import Framework
from .jekyll import Jekyll

FRAMEWORKS: dict[str, Framework] = {
    "astro": Astro(),
    "jekyll": Jekyll(),
}


def framework(name: str) -> Framework | None:
    return FRAMEWORKS.get(name)
