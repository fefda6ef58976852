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


def _own_host_reference(url: str, hosts: frozenset[str]) -> bool:
    rest = url.split("//", 1)[1] if "//" in url else ""
    host = rest.split("/", 1)[0].split("?", 1)[0].split("#", 1)[0].rsplit("@", 1)[-1].split(":", 1)[0]
    return host.lower() in hosts


URL_PIECES = ["https://", "http://", "//", "www.ruby-lang.org", "WWW.Ruby-Lang.ORG", "docs.astro.build", "example.org",
              "/", "?", "#", "@", ":", "8080", "user", "x", "İ", "ſ", "K", "é"]


@settings(max_examples=500, deadline=None)
@example("https://WWW.Ruby-Lang.ORG/en/", {"www.ruby-lang.org"})  # hosts are matched in any case
@given(st.lists(st.sampled_from(URL_PIECES), max_size=8).map("".join),
       st.sets(st.sampled_from(["www.ruby-lang.org", "docs.astro.build", "i̇.org", "x"]), max_size=2))
def test_own_host_shortcut_equals_the_full_split(url: str, hosts: set[str]) -> None:
    assert facts.own_host(url, frozenset(hosts)) == _own_host_reference(url, frozenset(hosts))
