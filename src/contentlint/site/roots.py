"""Which folder is a site's root: the nearest one at or above a file that holds
a framework's config file. Only names are looked up (no file is read)."""
from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import Optional

MARKERS = (
    "astro.config.mjs", "astro.config.js", "astro.config.ts", "astro.config.mts", "astro.config.cjs",
    "_config.yml", "_config.yaml", "hugo.toml", "hugo.yaml", "hugo.json",
    "docusaurus.config.js", "docusaurus.config.ts", "docusaurus.config.mjs", "mkdocs.yml", "mkdocs.yaml",
)


@lru_cache(maxsize=1024)
def site_root_of(folder: Path) -> Optional[Path]:
    for candidate in (folder, *folder.parents):
        if any(os.path.isfile(candidate / name) for name in MARKERS):
            return candidate
    return None
