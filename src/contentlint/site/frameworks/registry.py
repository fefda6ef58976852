"""The frameworks the site model knows, by the name `init` detects (config/frameworks.py)."""
from __future__ import annotations

from .astro import Astro
from .base import Framework
from .docusaurus import Docusaurus
from .hugo import Hugo
from .jekyll import Jekyll
from .mkdocs import MkDocs

FRAMEWORKS: dict[str, Framework] = {
    "astro": Astro(),
    "jekyll": Jekyll(),
    "hugo": Hugo(),
    "docusaurus": Docusaurus(),
    "mkdocs": MkDocs(),
}


def framework(name: str) -> Framework | None:
    return FRAMEWORKS.get(name)
