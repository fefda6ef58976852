"""Strategies and the Hypothesis profile of the property suite.

The profile gives CI a fixed, reproducible budget: the same examples on every
run (``derandomize``), no example database, no deadline on a loaded 2-core
runner. ``CONTENTLINT_PROPERTY_EXAMPLES=2000 pytest tests/properties``
searches harder locally."""
from __future__ import annotations

import os
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from contentlint.config.catalogue import all_rules

settings.register_profile(
    "contentlint-properties",
    deadline=None,
    derandomize=True,
    database=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
)


def budget(examples: int) -> settings:
    """The profile with ``examples`` examples (or the number asked for in the environment)."""
    asked = os.environ.get("CONTENTLINT_PROPERTY_EXAMPLES")
    return settings(settings.get_profile("contentlint-properties"), max_examples=int(asked) if asked else examples)


EVERY_RULE = sorted(r.code for r in all_rules() if not r.code.startswith("CL"))
SCHEMA = (
    '{"type": "object", "required": ["title"], "properties": {'
    '"title": {"type": "string", "maxLength": 60}, "date": {"type": "string", "format": "date"}, '
    '"tags": {"type": "array", "items": {"type": "string"}}, "draft": {"type": "boolean"}}}'
)


def project_files(root: Path) -> None:
    """Every rule on, off-by-default ones too, and a schema so FM101 runs."""
    codes = ", ".join(f'"{c}"' for c in EVERY_RULE)
    (root / "contentlint.toml").write_text(
        f'extend-select = [{codes}]\n[schemas]\n"**" = "schema.json"\n', encoding="utf-8"
    )
    (root / "schema.json").write_text(SCHEMA, encoding="utf-8")


# --- any bytes -----------------------------------------------------------------

_FRAGMENTS = [
    b"---\n", b"---\r\n", b"---", b"+++\n", b"{\n", b'{"title": 1}\n', b"title: x\n", b"title: &a [*a]\n",
    b"- a\n", b": :\n", b"# H\n", b"## H:\n", b"#H\n", b"===\n", b"```\n", b"~~~py\n", b"    code\n",
    b"> quote\n", b"* item\n", b"1. item\n", b"[a](http://x.test/p)\n", b"![i](img.png)\n",
    b"<img src='a.png'>\n", b"[r]: https://x.test\n", b"<!-- contentlint-disable -->\n",
    b"<!-- contentlint-disable-next-line HD004 -->\n", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\x00",
    b"\r", b"\n", b"\r\n", b"\t", b" ", b"\xe2\x80\x94", b"\xc3\xa2\xe2\x82\xac\xe2\x80\x9d", b"\x1b[2J",
    b"\xed\xa0\x80", b"\xc3", b"\xe9", b"**bold**", b"_", b"`", b"{{< x >}}", b"{% raw %}", b"\\",
    b"|a|b|\n|-|-|\n", b"date: 2024-13-45\n", b"yes", b"010", b"!!python/name:os.system", b"&a", b"*a",
    b"[", b"]", b"{", b"}", b":", b'"', b"'", b"\xe2\x80\xae", b"\xc2\xa0", b"\xe2\x80\x8b", b"<", b">",
    b"tags: [a, b]\n", b"draft: no\n", b"Setext\n---\n", b"\xf0\x9f\x98\x80", b"&amp;", b"<https://x.test>",
]

any_bytes = st.one_of(
    st.binary(max_size=64),
    st.lists(st.one_of(st.sampled_from(_FRAGMENTS), st.binary(max_size=6)), max_size=40).map(b"".join),
)


# --- Markdown with frontmatter -------------------------------------------------

_KEYS = ["title", "description", "date", "tags", "draft", "layout", "author", "image", "slug"]
_SCALARS = [
    "Hello", "'Quoted: value'", '"Double"', "2024-03-21", "21/03/2024", "yes", "no", "010", "1e3", "12:30",
    "https://example.com/a.png", "http://example.com/page", "â€” mojibake", "café", "[a, b]", "{a: 1}",
    "~", "''", "Hello world: with colon", "x\u200by", "!!str 5",
]
_HEADING_TEXT = ["Intro", "Intro:", "**Bold**", "*Lean*", "Why?", "Setup;", "Café —", "A `code`", "Intro",
                 "Title", "Hello", "[link](http://example.com)", "x\u00a0y", ""]
_INLINE = ["Plain text.", "It was â€” late.", "See http://example.com/page.", "Bad\x07bell.", "Stray\ufeffbom.",
           "![img](missing.png)", "[a](https://example.com)", "`code: x`", "**bold**", "Zero\u200bwidth.",
           "<!-- contentlint-disable-next-line -->", "{{< ref x >}}", "&copy; 2024", "Hello"]


@st.composite
def frontmatter(draw) -> str:
    kind = draw(st.sampled_from(["yaml", "yaml", "yaml", "toml", "json", "none"]))
    keys = draw(st.lists(st.sampled_from(_KEYS), max_size=5))
    if kind == "none":
        return ""
    if kind == "toml":
        return "+++\n" + "".join(f'{k} = "{draw(st.sampled_from(_SCALARS)).replace(chr(34), "")}"\n' for k in keys) + "+++\n"
    if kind == "json":
        import json

        data = {k: draw(st.sampled_from(_SCALARS)) for k in keys}
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    lines = []
    for k in keys:
        if draw(st.booleans()) and k == "tags":
            lines.append("tags:\n" + "".join(f"  - {draw(st.sampled_from(_SCALARS))}\n" for _ in range(2)).rstrip("\n"))
        else:
            lines.append(f"{k}: {draw(st.sampled_from(_SCALARS))}")
    return "---\n" + "".join(line + "\n" for line in lines) + "---\n"


@st.composite
def block(draw) -> str:
    kind = draw(st.sampled_from(["atx", "atx", "setext", "nospace", "para", "para", "fence", "list", "emph"]))
    text = draw(st.sampled_from(_HEADING_TEXT))
    if kind == "atx":
        return "#" * draw(st.integers(1, 4)) + " " + text + draw(st.sampled_from(["", " #", "  "])) + "\n"
    if kind == "setext":
        return (text or "Heading") + "\n" + draw(st.sampled_from(["===", "---"])) + "\n"
    if kind == "nospace":
        return "#" * draw(st.integers(1, 3)) + (text or "Heading") + "\n"
    if kind == "fence":
        return "```\n# not a heading:\n" + draw(st.sampled_from(_INLINE)) + "\n```\n"
    if kind == "list":
        return "".join(f"- {draw(st.sampled_from(_INLINE))}\n" for _ in range(draw(st.integers(1, 3))))
    if kind == "emph":
        return f"**{text or 'Bold'}**\n"
    return " ".join(draw(st.lists(st.sampled_from(_INLINE), min_size=1, max_size=3))) + "\n"


@st.composite
def documents(draw) -> bytes:
    """A Markdown file with frontmatter, in one of the newline styles, maybe
    with a BOM and without a final newline."""
    text = draw(frontmatter()) + "\n".join(draw(st.lists(block(), max_size=7)))
    if draw(st.booleans()):
        text = text.rstrip("\n")
    newline = draw(st.sampled_from(["\n", "\n", "\r\n", "\r"]))
    text = text.replace("\n", newline)
    raw = text.encode("utf-8")
    if draw(st.integers(0, 9)) == 0:
        raw = b"\xef\xbb\xbf" + raw
    return raw
