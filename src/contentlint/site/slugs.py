"""Heading anchor ids exactly as each framework's Markdown renderer makes them.

Each factory returns a NEW stateful slugger for one page: call it with a heading's
text (in document order) and it returns the id, with the framework's suffix for a
repeated id. ``explicit(id)`` tells the slugger about an id written by hand
(``{#id}``), because some renderers count those when making later ids unique; it
returns the id the page really gets. An empty string means the heading gets no id.

Ported from the upstream sources named on each factory (their tests are the
fixtures in tests/site/test_slugs.py); a difference from upstream is a bug here.
"""
from __future__ import annotations

import bisect
import functools
import re
import unicodedata
from typing import Callable, Literal, Optional, Protocol
from urllib.parse import quote

from contentlint.site.github_slugger_ranges import REMOVED_RANGES
from ..patterns import lazy_regex


class Slugger(Protocol):
    """What every factory returns; a plain ``Callable[[str], str]`` to callers that only slug."""

    # True when the renderer collects every explicit id of the page before it makes
    # any automatic one (Python-Markdown), so callers pass all explicit ids first.
    explicit_first: bool

    def __call__(self, text: str) -> str: ...

    def explicit(self, anchor: str) -> str: ...


def _ranges(ranges: str) -> tuple[list[int], list[int]]:
    """(first code points, last code points) of the ranges, in order (the data is sorted, disjoint)."""
    starts: list[int] = []
    ends: list[int] = []
    for token in ranges.split():
        start, _, end = token.partition("-")
        starts.append(int(start, 16))
        ends.append(int(end or start, 16))
    return starts, ends


class _RemovedChars(dict[str, bool]):
    """Whether github-slugger removes a character, decided once per distinct
    character (by bisection over the ranges): a regular expression class of
    736 ranges cost about 50 microseconds per heading, most of the site
    phase's anchors."""

    def __init__(self) -> None:
        super().__init__()
        self._bounds: Optional[tuple[list[int], list[int]]] = None

    def __missing__(self, char: str) -> bool:
        if self._bounds is None:
            self._bounds = _ranges(REMOVED_RANGES)
        starts, ends = self._bounds
        code = ord(char)
        at = bisect.bisect_right(starts, code) - 1
        removed = self[char] = at >= 0 and code <= ends[at]
        return removed


_REMOVED = _RemovedChars()


@functools.cache
def _ascii_removed() -> dict[int, None]:
    """The ASCII characters github-slugger removes, as a ``str.translate`` table."""
    return {code: None for code in range(128) if _REMOVED[chr(code)]}


@functools.lru_cache(maxsize=16384)
def github_slug(text: str, maintain_case: bool = False) -> str:
    """github-slugger's ``slug()``: one heading, no memory of earlier ones.
    Memoised: route segments (`guides`, `en`) and headings repeat across pages and locales."""
    if not maintain_case:
        text = text.lower()
    if text.isascii():
        return text.translate(_ascii_removed()).replace(" ", "-")
    removed = _REMOVED
    return "".join([c for c in text if not removed[c]]).replace(" ", "-")


class GithubSlugger:
    """github-slugger 2.0 ``BananaSlug`` (Flet/github-slugger index.js): ``-1``, ``-2``.

    Used by rehype-slug and Docusaurus. A suffixed id is itself remembered, so the
    headings ``a``, ``a``, ``a-1`` get ``a``, ``a-1``, ``a-1-1``.
    """

    explicit_first = False

    def __init__(self, explicit_slugged: bool = False) -> None:
        self._occurrences: dict[str, int] = {}
        self._explicit_slugged = explicit_slugged

    def unique(self, slug: str) -> str:
        result = slug
        while result in self._occurrences:
            self._occurrences[slug] += 1
            result = f"{slug}-{self._occurrences[slug]}"
        self._occurrences[result] = 0
        return result

    def __call__(self, text: str) -> str:
        return self.unique(github_slug(text))

    def explicit(self, anchor: str) -> str:
        # Docusaurus runs a hand-written id through the same slugger, case kept
        # (mdx-loader remark/headings); rehype-slug leaves it alone and unrecorded.
        if self._explicit_slugged:
            return self.unique(github_slug(anchor, maintain_case=True))
        return anchor


def github() -> GithubSlugger:
    """github-slugger as rehype-slug uses it: hand-written ids are neither changed nor counted."""
    return GithubSlugger()


def docusaurus() -> GithubSlugger:
    """Docusaurus (mdx-loader ``remark/headings``): github-slugger, explicit ids slugged too."""
    return GithubSlugger(explicit_slugged=True)


_NBSP = lazy_regex("[\u00a0\u2007\u202f]")
_EXTRA_HYPHENS = lazy_regex(r"^-+|(?<=-)-+|-+\Z")


class AstroSlugger:
    """Astro's ``rehypeHeadingIds`` (@astrojs/markdown-remark rehype-collect-headings.ts).

    ``current`` (withastro/astro main at 0278c7e) replaces no-break spaces by spaces,
    slugs with github-slugger, then drops leading, repeated and trailing hyphens;
    the slugger remembers the id before that clean-up, so duplicates are counted
    on github-slugger's form. ``legacy`` (earlier releases, 44f1baa) drops one
    trailing hyphen; ``compat`` (their ``experimentalHeadingIdCompat``) is plain
    github-slugger.
    """

    explicit_first = False

    def __init__(self, mode: Literal["current", "legacy", "compat"] = "current") -> None:
        self._slugger = GithubSlugger()
        self._mode = mode

    def __call__(self, text: str) -> str:
        if self._mode == "current":
            return _EXTRA_HYPHENS.sub("", self._slugger(_NBSP.sub(" ", text)))
        slug = self._slugger(text)
        if self._mode == "legacy" and slug.endswith("-"):
            slug = slug[:-1]
        return slug

    def explicit(self, anchor: str) -> str:
        return anchor


def astro(mode: Literal["current", "legacy", "compat"] = "current") -> AstroSlugger:
    """Astro and Starlight heading ids (see ``AstroSlugger``)."""
    return AstroSlugger(mode)


# Go's unicode.IsSpace: the Latin-1 spaces plus the White_Space property. Python's
# str.strip would also strip U+001C..U+001F, which Go keeps (and then drops as
# non-alphanumeric, so only the hyphens around them differ).
GO_SPACE = "\t\n\v\f\r \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"


def _go_lower(char: str) -> str:
    # unicode.ToLower is the simple one-rune mapping; Python's full mapping differs
    # only for U+0130, which it turns into two runes.
    lowered = char.lower()
    return lowered if len(lowered) == 1 else "i"


def _category(char: str) -> str:
    return unicodedata.category(char)


def _remove_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if _category(c) != "Mn"))


HugoIdType = Literal["github", "github-ascii", "blackfriday"]


def hugo_anchor(text: str, id_type: HugoIdType = "github") -> str:
    """Hugo's ``sanitizeAnchorNameWithHook`` (markup/goldmark/autoid.go), no uniqueness."""
    if id_type == "blackfriday":
        return _blackfriday_anchor(text)
    ascii_only = id_type == "github-ascii"
    if ascii_only:
        text = _remove_accents(text)
    out = []
    for char in text.strip(GO_SPACE):
        if ascii_only and ord(char) > 0x7F:
            continue
        if char in "- ":
            out.append("-")
        elif char == "_" or _category(char)[0] == "L" or _category(char) == "Nd":
            out.append(_go_lower(char))
    return "".join(out)


def _blackfriday_anchor(text: str) -> str:
    # blackfriday.SanitizedAnchorName: runs of anything but letters and numbers
    # become one hyphen, never a leading or trailing one.
    out: list[str] = []
    pending_dash = False
    for char in text:
        if _category(char)[0] in "LN":
            if pending_dash and out:
                out.append("-")
            pending_dash = False
            out.append(_go_lower(char))
        else:
            pending_dash = True
    return "".join(out)


class HugoSlugger:
    """Hugo's goldmark ``idFactory``: empty ids become ``heading``; repeats get ``-1``, ``-2``."""

    explicit_first = False

    def __init__(self, id_type: HugoIdType) -> None:
        self._id_type: HugoIdType = id_type
        self._used: set[str] = set()

    def __call__(self, text: str) -> str:
        base = hugo_anchor(text, self._id_type) or "heading"
        result = base
        number = 0
        while result in self._used:
            number += 1
            result = f"{base}-{number}"
        self._used.add(result)
        return result

    def explicit(self, anchor: str) -> str:
        # goldmark calls IDs.Put for an attribute id, so later headings avoid it.
        self._used.add(anchor)
        return anchor


def hugo(id_type: HugoIdType = "github") -> HugoSlugger:
    """Hugo ``markup.goldmark.parser.autoHeadingIDType`` (default ``github``)."""
    return HugoSlugger(id_type)


_LEADING_NON_LETTERS = lazy_regex(r"^[^a-zA-Z]+", re.MULTILINE)
_NOT_KRAMDOWN_ID = lazy_regex(r"[^a-zA-Z0-9 -]")


class KramdownSlugger:
    """kramdown's ``generate_id`` (lib/kramdown/converter/base.rb), the ``kramdown`` input.

    Drops everything before the first ASCII letter, keeps ``[a-zA-Z0-9 -]``, spaces
    become hyphens; nothing left gives ``section``. A repeat gets ``-1``, ``-2``
    counted per base id, and a suffixed id is not remembered (upstream behaviour).
    kramdown slugs the heading's raw source text (``options[:raw_text]``).
    """

    explicit_first = False

    def __init__(self, prefix: str = "") -> None:
        self._prefix = prefix
        self._used: dict[str, int] = {}

    def __call__(self, text: str) -> str:
        slug = _LEADING_NON_LETTERS.sub("", text)
        slug = _NOT_KRAMDOWN_ID.sub("", slug).replace(" ", "-").lower() or "section"
        if slug in self._used:
            self._used[slug] += 1
            slug = f"{slug}-{self._used[slug]}"
        else:
            self._used[slug] = 0
        return self._prefix + slug

    def explicit(self, anchor: str) -> str:
        return anchor


def kramdown(prefix: str = "") -> KramdownSlugger:
    """kramdown's own auto ids (Jekyll with ``kramdown: {input: kramdown}``)."""
    return KramdownSlugger(prefix)


# Onigmo's \p{Word}: Alphabetic, marks, decimal digits, connector punctuation and
# the joiners. Python has no Alphabetic property: letters, Nl and marks cover it but
# for the Other_Alphabetic symbols below (circled and squared Latin letters).
_OTHER_ALPHABETIC_SYMBOLS = ((0x24B6, 0x24E9), (0x1F130, 0x1F149), (0x1F150, 0x1F169), (0x1F170, 0x1F189))


def _is_ruby_word(char: str) -> bool:
    category = _category(char)
    if category[0] in "LM" or category in ("Nd", "Nl", "Pc") or char in "\u200c\u200d":
        return True
    code = ord(char)
    return any(low <= code <= high for low, high in _OTHER_ALPHABETIC_SYMBOLS)


class KramdownGfmSlugger:
    """kramdown-parser-gfm's ``generate_gfm_header_id`` (lib/kramdown/parser/gfm.rb).

    Jekyll's default (``kramdown: {input: GFM}``). Lowercases, keeps word
    characters, ``-``, space and tab, which become hyphens. Nothing left gives no
    id at all, but still counts: the next empty one is ``-1``. Its text is the
    heading's rendered text (code without backticks, entities decoded).
    """

    explicit_first = False

    def __init__(self, prefix: str = "") -> None:
        self._prefix = prefix
        self._counter: dict[str, int] = {}

    def __call__(self, text: str) -> str:
        slug = "".join(c for c in text.lower() if c in "- \t" or _is_ruby_word(c))
        slug = slug.replace(" ", "-").replace("\t", "-")
        count = self._counter.get(slug, -1) + 1
        self._counter[slug] = count
        if count > 0:
            slug = f"{slug}-{count}"
        return self._prefix + slug if slug else ""

    def explicit(self, anchor: str) -> str:
        return anchor


def kramdown_gfm(prefix: str = "") -> KramdownGfmSlugger:
    """kramdown's GFM parser ids, what a default Jekyll site gets."""
    return KramdownGfmSlugger(prefix)


_IDCOUNT = lazy_regex(r"^(.*)_([0-9]+)$")


def python_markdown_slug(value: str, separator: str = "-", unicode: bool = False) -> str:
    """Python-Markdown's ``markdown.extensions.toc.slugify`` (and ``slugify_unicode``)."""
    if not unicode:
        value = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode("ascii")
    value = re.sub(r"[^\w\s-]", "", value).strip().lower()
    return re.sub(r"[{}\s]+".format(separator), separator, value)


_HTML_TAG = lazy_regex(r"</?[^>]*>")
_PYMDOWNX_INVALID = lazy_regex(r"[^\w\- ]")
_ASCII_UPPER = lazy_regex(r"[A-Z]")


def pymdownx_slug(value: str, separator: str = "-", case: str = "none", percent_encode: bool = False,
                  normalize: str = "NFC") -> str:
    """pymdown-extensions' ``pymdownx.slugs.slugify(case=..., percent_encode=..., normalize=...)``."""
    slug = _HTML_TAG.sub("", unicodedata.normalize(normalize, value)).strip()  # type: ignore[arg-type]
    if case == "lower":
        slug = slug.lower()
    elif case == "lower-ascii":
        slug = _ASCII_UPPER.sub(lambda m: m.group(0).lower(), slug)
    elif case == "fold":
        slug = slug.casefold()
    slug = _PYMDOWNX_INVALID.sub("", slug).replace(" ", separator)
    return quote(slug.encode("utf-8")) if percent_encode else slug


class PythonMarkdownSlugger:
    """Python-Markdown's toc ``unique``: ``_1``, ``_2``; an empty id becomes ``_1``.

    The toc extension records every hand-written id of the page before it makes
    the first automatic one, hence ``explicit_first``. ``slugify`` replaces the
    toc ``slugify`` option (``pymdownx_slug`` with its settings, for instance).
    """

    explicit_first = True

    def __init__(self, separator: str, unicode: bool, slugify: Optional[Callable[[str, str], str]] = None) -> None:
        self._separator = separator
        self._slugify = slugify or (lambda text, sep: python_markdown_slug(text, sep, unicode))
        self._ids: set[str] = set()

    def __call__(self, text: str) -> str:
        # The toc extension collapses white space (its strip_tags) before slugify.
        anchor = self._slugify(" ".join(text.split()), self._separator)
        while anchor in self._ids or not anchor:
            match = _IDCOUNT.match(anchor)
            if match:
                anchor = "%s_%d" % (match.group(1), int(match.group(2)) + 1)
            else:
                anchor = "%s_%d" % (anchor, 1)
        self._ids.add(anchor)
        return anchor

    def explicit(self, anchor: str) -> str:
        self._ids.add(anchor)
        return anchor


def mkdocs(separator: str = "-", unicode: bool = False,
           slugify: Optional[Callable[[str, str], str]] = None) -> PythonMarkdownSlugger:
    """MkDocs' toc ids (Python-Markdown toc; ``unicode`` for ``slugify_unicode``)."""
    return PythonMarkdownSlugger(separator, unicode, slugify)


SluggerFactory = Callable[[], Slugger]
