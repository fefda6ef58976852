"""Per-framework route, locale and anchor rules (Astro/Starlight, Jekyll, Hugo, Docusaurus, MkDocs), each a `Framework` (base.py)."""
