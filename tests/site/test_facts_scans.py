"""The facts' text scans that look for a literal first (`import` at a line's
start, an attribute list's `{`) find exactly what the plain regular
expressions they replace find, on any text."""
from __future__ import annotations

import re

from hypothesis import example, given, settings, strategies as st

from contentlint.site import facts

PIECES = ["import ", "import A from './a.md'", "import { Content as B } from \"../b.mdx\"", "import {x,\n",
          "Content as C} from 'c.md'", "from 'd.mdx'", "\n", " ", "{", "}", "**", "_", ")", "`", "]", ">", "#", ".",
          ":", "\t", "a", "{: #id}", "{#x}", "<A />"]
texts = st.lists(st.sampled_from(PIECES), max_size=30).map("".join)

_OLD_HINT = re.compile(r"[*_)`~\]>]\{:?[ \t]*[#.]")


@settings(max_examples=300, deadline=None)
# A match that spans lines holds another line starting with `import`: not a match of its own.
@example("import {x,\nimport A from './a.md'\nContent as C} from 'c.md'", 0)
@given(texts, st.integers(0, 40))
def test_mdx_import_scan_equals_the_multiline_regex(text: str, start: int) -> None:
    start = min(start, len(text))
    found = [(m.start(), m.end(), m.groups()) for m in facts._mdx_imports(text, start)]
    assert found == [(m.start(), m.end(), m.groups()) for m in facts._MDX_IMPORT.finditer(text, start)]


@settings(max_examples=300, deadline=None)
@given(texts)
def test_attribute_list_hint_equals_the_old_regex(text: str) -> None:
    hint = any(text[m.start() - 1] in facts._ATTR_AFTER for m in facts._ATTR_OPEN.finditer(text, 1))
    assert hint == (_OLD_HINT.search(text) is not None)
