"""ftfy's encoding repair of one piece of text, cut into the spans it changes,
each with ftfy's reason in words and whether the repair is certain."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from itertools import product
from typing import TYPE_CHECKING, Iterable, Optional, Sequence
from ...patterns import lazy_regex

if TYPE_CHECKING:  # ftfy itself is imported only when a line looks damaged
    from ftfy import ExplanationStep

# Mojibake never turns ASCII into anything else (every codec ftfy undoes maps
# the bytes 00-7F to themselves), so ASCII runs anchor the alignment of a
# piece with its repair.
_RUNS = lazy_regex(r"[\x00-\x7f]+|[^\x00-\x7f]+")
_SURROGATE = lazy_regex("[\ud800-\udfff]")
_C1 = lazy_regex("[\x80-\x9f]")
# Windows code pages 1250-1258 agree on these bytes (curly quotes, dashes,
# ellipsis, bullet, daggers, per mille, ™), so reading such a C1 control as
# Windows-1252 punctuation does not depend on which code page wrote it.
_AGREED_C1 = frozenset("\x82\x84\x85\x86\x87\x89\x8b\x91\x92\x93\x94\x95\x96\x97\x99\x9b")
_CODECS = (
    "sloppy-windows-1252", "latin-1", "sloppy-windows-1251", "sloppy-windows-1250", "iso-8859-2",
    "macroman", "cp437", "sloppy-windows-1253", "sloppy-windows-1254", "sloppy-windows-1257",
)
_NAMES = {
    "latin-1": "Latin-1", "iso-8859-2": "ISO-8859-2", "macroman": "MacRoman", "cp437": "code page 437",
    "windows-1252": "Windows-1252",
}
# Scripts whose letters never sit inside a word of another script; Japanese
# mixes its three.
_SCRIPTS = {
    "LATIN": "LATIN", "CYRILLIC": "CYRILLIC", "GREEK": "GREEK", "ARMENIAN": "ARMENIAN", "HEBREW": "HEBREW",
    "ARABIC": "ARABIC", "THAI": "THAI", "GEORGIAN": "GEORGIAN", "HANGUL": "HANGUL", "DEVANAGARI": "DEVANAGARI",
    "CJK": "CJK", "HIRAGANA": "CJK", "KATAKANA": "CJK",
}
_TIMES = {2: "twice", 3: "three times"}
_MAX_LAYERS = 3


@dataclass(frozen=True)
class Repair:
    """Replace ``piece[start:end]`` with ``replacement``."""

    start: int
    end: int
    replacement: str
    certain: bool
    reason: str  # ftfy's explanation in words: "UTF-8 read as Windows-1251, twice"


_SUSPECT: Optional[re.Pattern[str]] = None


def suspect_pattern() -> re.Pattern[str]:
    """Matches wherever ``ftfy.fix_encoding`` could change text: a C1 control,
    or what a codec ftfy undoes makes of a whole UTF-8 sequence (a lead byte
    and its continuation bytes), allowing for the bytes ftfy restores (0xA0
    read as a space, a lost byte read as `?` or `�`). A superset of what ftfy
    changes, made of character classes only, so a file is scanned quickly."""
    global _SUSPECT
    if _SUSPECT is None:
        groups = []
        for lo, hi in ((0xC0, 0xE0), (0xE0, 0xF0), (0xF0, 0xF5)):
            first = _class({_char(b, c) for b in range(lo, hi) for c in _CODECS})
            branches = "|".join(dict.fromkeys(f"(?<=[{lead}]){rest}" for c in _CODECS for lead, rest in _codec_branches(c, lo)))
            groups.append(f"(?<=[{first}])(?:{branches})")
        everything = _class({_char(b, c) for b in range(0xC0, 0xF5) for c in _CODECS})
        # What can follow a lead: a continuation byte as some codec reads it,
        # or what ftfy restores (a space for 0xA0, `?`/`\x1a`/`�` for a lost byte).
        second = _class({_char(b, c) for b in range(0x80, 0xC0) for c in _CODECS} | set(" ?\x1a\ufffd"))
        # One plain character class first: the regex engine then skips in C
        # to the next character that can start a match (a look-ahead first
        # makes it try the alternatives at every character of every non-ASCII
        # file: twice the time on ruby-lang). The look-ahead on the second
        # character rejects most letters of a Cyrillic or Vietnamese text at
        # once; the look-behinds pick the branches whose lead that first
        # character is. Alternatives keep their order, so the matches are
        # those of `(?:C1|lead2 rest|lead3 rest|lead4 rest)` at each place.
        _SUSPECT = re.compile(
            f"[{everything}\\x80-\\x9f](?:(?<=[\\x80-\\x9f])|(?=[{second}])(?:" + "|".join(groups) + "))"
        )
    return _SUSPECT


_A0_LEADS_2, _A0_LEADS_3, _LOST_LEADS = b"\xc2\xc3\xc5\xce\xd0\xd9", range(0xE0, 0xE4), b"\xc2\xc3"


def _codec_branches(codec: str, lead: int) -> list[tuple[str, str]]:
    """What ``codec`` makes of a UTF-8 sequence whose lead byte is in the
    range starting at ``lead`` (0xC0: two bytes, 0xE0: three, 0xF0: four):
    (character class of the lead, pattern of the rest) per shape."""
    def chars(byte_values: Iterable[int]) -> str:
        return _class({_char(b, codec) for b in byte_values})

    cont = chars(range(0x80, 0xC0)) + "\\x1a\\ufffd"
    if lead == 0xC0:
        branches = [(chars(range(0xC0, 0xE0)), f"[{cont}]")]
        if codec != "macroman":  # ftfy puts back 0xA0 read as a space after these leads
            branches.append((chars(_A0_LEADS_2), "[ ]"))
        if codec.startswith("sloppy"):  # and a byte lost as `?` after these
            branches.append((chars(_LOST_LEADS), "[?]"))
        return branches
    if lead == 0xE0:
        branches = [(chars(range(0xE0, 0xF0)), f"[{cont}?]{{2}}")]
        if codec != "macroman":
            branches.append((chars(_A0_LEADS_3), f"(?:[ ][{cont}]|[{cont}][ ])"))
        return branches
    return [(chars(range(0xF0, 0xF5)), f"[{cont} ?]{{3}}")]


def _char(byte: int, codec: str) -> str:
    """``bytes([byte]).decode(codec)``, with ftfy's sloppy codecs (undefined
    bytes read as Latin-1) emulated so that a file with no suspect line never
    imports ftfy."""
    if codec.startswith("sloppy-"):
        try:
            return bytes([byte]).decode(codec[len("sloppy-"):])
        except UnicodeDecodeError:
            return chr(byte)
    return bytes([byte]).decode(codec)


def _class(chars: Iterable[str]) -> str:
    return "".join(sorted(re.escape(c) for c in chars))


def codec_name(codec: str) -> str:
    if codec.startswith("sloppy-"):
        codec = codec[len("sloppy-"):]
    return _NAMES.get(codec, codec.replace("windows", "Windows"))


def find_repairs(piece: str) -> list[Repair]:
    """The spans of ``piece`` that ``ftfy.fix_encoding`` changes. Applying all
    of them gives exactly ``ftfy.fix_encoding(piece)``; nothing else moves."""
    if piece.isascii() or _SURROGATE.search(piece):
        return []
    import ftfy

    fixed, explanation = ftfy.fix_encoding_and_explain(piece)
    if fixed == piece:
        return []
    plan = explanation or []  # None only when explaining is turned off
    repairs = []
    for start, end, f_start, f_end in _changed_spans(piece, fixed):
        before, after = piece[start:end], fixed[f_start:f_end]
        if _is_cp1252_read_as_latin1(before, after):
            certain, reason = set(_C1.findall(before)) <= _AGREED_C1, "Windows-1252 read as Latin-1"
        elif (layers := _reading(before, after, plan)) is not None:
            certain = "\ufffd" not in after and _fits_its_word(piece, start, end, after)
            reason = _utf8_words(layers)
        else:
            certain, reason = False, _plan_words(plan, before, after)
        repairs.append(Repair(start, end, after, certain, reason))
    return repairs


def _changed_spans(piece: str, fixed: str) -> list[tuple[int, int, int, int]]:
    """(start, end) in ``piece`` and (start, end) in ``fixed`` of each change;
    changes only whitespace apart are one span (a garbled sentence is one repair)."""
    a, b = _RUNS.findall(piece), _RUNS.findall(fixed)
    a_pos, b_pos = _offsets(a), _offsets(b)
    spans: list[list[int]] = []
    for i1, i2, j1, j2 in _changed_runs(a, b):
        span = [a_pos[i1], a_pos[i2], b_pos[j1], b_pos[j2]]
        if spans and (piece[spans[-1][1] : span[0]].isspace() or spans[-1][1] == span[0]):
            spans[-1][1], spans[-1][3] = span[1], span[3]
        else:
            spans.append(span)
    return [(s[0], s[1], s[2], s[3]) for s in spans]


def _changed_runs(a: list[str], b: list[str]) -> list[tuple[int, int, int, int]]:
    """(i1, i2, j1, j2): runs a[i1:i2] became b[j1:j2], never an empty a side."""
    if len(a) == len(b) and all(x == y or not (x.isascii() or y.isascii()) for x, y in zip(a, b)):
        # The usual case: same ASCII skeleton, non-ASCII runs pair by position
        # (a matcher could pair a repeated word with the wrong copy).
        return [(i, i + 1, i, i + 1) for i, (x, y) in enumerate(zip(a, b)) if x != y]
    from difflib import SequenceMatcher  # lazy: start-up time (only an uneven repair needs it)

    changes: list[tuple[int, int, int, int]] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        if i1 == i2:  # a pure insertion: take the run before it along
            i1, j1 = (i1 - 1, j1 - 1) if i1 else (i1, j1)
            i2, j2 = (i2, j2) if i1 < i2 else (i2 + 1, j2 + 1)
        if changes and changes[-1][1] >= i1:
            changes[-1] = (changes[-1][0], i2, changes[-1][2], j2)
        else:
            changes.append((i1, i2, j1, j2))
    return changes


def _offsets(runs: list[str]) -> list[int]:
    pos = [0]
    for run in runs:
        pos.append(pos[-1] + len(run))
    return pos


def _reading(before: str, after: str, plan: Sequence[ExplanationStep]) -> tuple[str, ...] | None:
    """The codecs (outermost first) through which the UTF-8 of ``after``
    was read to give exactly ``before``; None when no such reading exists.
    Such a repair is a lossless re-decoding: no byte is guessed."""
    planned = [name for step, name in plan if step == "encode" and name in _CODECS]
    codecs = list(dict.fromkeys(planned + list(_CODECS)))
    for layers in range(1, _MAX_LAYERS + 1):
        for chain in product(codecs, repeat=layers):
            text = after
            for codec in reversed(chain):
                text = text.encode("utf-8").decode(codec)
                if len(text) > len(before):
                    break
            if text == before:
                return chain
    return None


def _fits_its_word(piece: str, start: int, end: int, after: str) -> bool:
    """A repaired letter that touches a letter of another script (`墉` inside
    a Latin word) means ftfy read more or fewer bytes than were damaged."""
    pairs = ((piece[start - 1 : start], after[:1]), (piece[end : end + 1], after[-1:]))
    for outside, inside in pairs:
        a, b = _script(outside), _script(inside)
        if a and b and a != b:
            return False
    return True


def _script(ch: str) -> Optional[str]:
    if not ch or unicodedata.category(ch) not in ("Lu", "Ll", "Lt", "Lo"):
        return None
    return _SCRIPTS.get(unicodedata.name(ch, "").split(" ")[0])


def _is_cp1252_read_as_latin1(before: str, after: str) -> bool:
    if not _C1.search(before):
        return False
    try:
        return after.encode("windows-1252").decode("latin-1") == before
    except UnicodeEncodeError:
        return False


def _utf8_words(layers: Sequence[str]) -> str:
    names = [codec_name(c) for c in layers]
    if len(set(names)) == 1:
        times = _TIMES.get(len(names))
        return f"UTF-8 read as {names[0]}" + (f", {times}" if times else "")
    # Outermost reading first in ftfy's plan; say them in the order they happened.
    return "UTF-8 read as " + ", then as ".join(reversed(names))


def _plan_words(plan: Sequence[ExplanationStep], before: str, after: str) -> str:
    steps = [tuple(s) for s in plan]
    if steps == [("apply", "decode_inconsistent_utf8")]:
        import ftfy

        sub_fixed, sub_plan = ftfy.fix_encoding_and_explain(before)
        if sub_fixed == after and sub_plan and list(sub_plan) != list(plan):
            return _plan_words(sub_plan, before, after)
        return "UTF-8 read as a single-byte encoding"
    encodes = [name for step, name in steps if step == "encode"]
    decodes = [name for step, name in steps if step == "decode"]
    if ("transcode", "fix_c1_controls") in steps or (encodes == ["latin-1"] and decodes == ["windows-1252"]):
        return "Windows-1252 read as Latin-1"
    words = _utf8_words(tuple(encodes)) if encodes else "UTF-8 read as a single-byte encoding"
    notes = []
    if ("transcode", "restore_byte_a0") in steps:
        notes.append("a non-breaking space became a space")
    if ("transcode", "replace_lossy_sequences") in steps or "\ufffd" in after:
        notes.append("some bytes were lost")
    if "utf-8-variants" in decodes:
        notes.append("Java-style UTF-8")
    return words + "".join(f"; {note}" for note in notes)
