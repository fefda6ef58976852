from __future__ import annotations

from typing import TYPE_CHECKING, Iterable

from ...registry import Fixability, register
from ...violations import Edit, Finding, Fix
from .common import SiteRule, resolved_links

if TYPE_CHECKING:
    from ...site.index import Page, SiteIndex


@register
class AnchorMissing(SiteRule):
    """Flags a link to an anchor that its page does not have, on the same page
    (`#setup`) or another (`/en/guides/x/#setup`, `../x.md#setup`). Anchors
    are made as the framework makes them: its slug algorithm over the
    heading text (github-slugger for Astro/Starlight and Docusaurus,
    kramdown's auto ids for Jekyll, Hugo's, MkDocs' toc), with its suffixes
    for repeated headings (`-1`, `-2`), explicit ids (`{#id}`) and the `id`
    and `name` attributes written in the page.

    ## Why
    A heading reworded, or a link typed by hand, leaves the reader at the top
    of the page instead of the section: the link "works", so nobody notices.

    ## Example
    ```md
    ## Getting started

    See [the first step](#getting-starter).
    ```

    ## Use instead
    ```md
    ## Getting started

    See [the first step](#getting-started).
    ```

    ## Fix
    Unsafe, when one anchor of the page is close to the one written (the
    message says "did you mean"): the fragment is replaced by it. Anchors of
    pages that are not Markdown (`.astro`, `.html`) are not judged, nor `#top`.
    A page that includes a file named literally gets that file's headings
    and ids where it includes it: Jekyll `{% include x.md %}` (from
    `_includes/`) and `{% include_relative x.md %}`, MkDocs
    `--8<-- "x.md"` (under pymdownx.snippets' `base_path`), and an MDX
    page's imported `.md`/`.mdx` file used as a component (with ids of its
    own). The anchors of a page whose text comes from where the site model
    cannot read it are not judged: Hugo `{{% shortcode %}}` output, MkDocs
    `::: name` blocks and snippet sections (`x.md:name`), a Jekyll include
    named by a variable or given parameters, an import through an alias
    (`~/`, `@site/`), an included file that is not in the site, or ids made
    by the template. Ids that MkDocs' `attr_list` gives inline elements
    (`**Note**{ #note }`) and Hugo's `autoDefinitionTermID` gives
    definition terms count.
    """

    code = "ST002"
    name = "link-anchor-missing"
    summary = "Link to an anchor its page does not have"
    fixable = Fixability.UNSAFE

    links_only = True

    def check_site(self, page: Page, index: SiteIndex) -> Iterable[Finding]:
        for url, start, end, exact, found in resolved_links(page, index, "anchor"):
            if found.target is None:
                continue
            where = "this page" if found.target is page else f"`{found.target.origin}{found.target.route or found.target.relpath}`"
            message = f"Anchor `#{found.fragment}` does not exist on {where}"
            fix = None
            if found.suggestion is not None:
                message += f"; did you mean `#{found.suggestion}`?"
                if exact and "#" in url:
                    head = url.split("#", 1)[0]
                    fix = Fix.unsafe(f"Link to `#{found.suggestion}`", Edit(start, end, f"{head}#{found.suggestion}"))
            yield Finding(start, end, message, fix)
