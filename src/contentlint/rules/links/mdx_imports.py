"""The images an MDX page imports in its ESM (`import logo from
'../../assets/logo.png'`): the bundler resolves them like relative image
paths, so LK003 looks them up the same way. Only the page's ESM is read
(what the Markdown parse does not see: not code blocks); the specifier is
JavaScript, not Markdown."""
from __future__ import annotations

from typing import TYPE_CHECKING


from ...document.markdown import is_mdx
from ...links.extract import UrlUse
from ...patterns import lazy_regex

if TYPE_CHECKING:
    from ...document.document import Document

# `import x from '…'`, `import {default as x} from "…"`, `import '…'`: the specifier of an image file
# (a `?url`/`?raw` query may follow). Statements may span lines.
_IMPORT = lazy_regex(
    r"""import\s+(?:[\w$*{}\s,]+?\s+from\s*)?(?P<q>['"])"""
    r"""(?P<spec>[^'"\n]+?\.(?i:png|jpe?g|gif|webp|avif|svg|tiff?|bmp|ico)(?:\?[^'"\n]*)?)(?P=q)""",
)


IMPORTED = "MDX import"


def image_imports(doc: Document) -> list[UrlUse]:
    """The image specifiers imported by the ESM of an MDX ``doc``, with their
    spans; bare specifiers (a package's file) are left out: only `./`, `../`
    and aliases are the site's (the caller knows the aliases)."""
    if not is_mdx(doc) or "import" not in doc.text:
        return []
    text = doc.text
    found: list[UrlUse] = []
    source: str | None = None
    for m in _IMPORT.finditer(text, doc.body_start):
        before = text[text.rfind("\n", 0, m.start()) + 1 : m.start()].rstrip()
        if before and not before.endswith(";"):
            continue  # a statement starts a line or follows another one
        if source is None:
            source = doc.markdown_source  # the parse's own copy: ESM blanked, code blocks kept
        if not source[m.start("spec") : m.end("spec")].isspace():
            continue  # Markdown (a code block, a paragraph), not the page's ESM
        style = "js-single" if m.group("q") == "'" else "js-double"
        found.append(UrlUse(m.group("spec"), m.start("spec"), m.end("spec"), True, True, IMPORTED, style))
    return found
