"""Which single-byte encoding a file that is not UTF-8 was saved in, when
charset-normalizer can tell."""
from __future__ import annotations

import re
from typing import Optional
from ...patterns import lazy_regex

_ASCII = bytes(range(128))
_CONTROLS = lazy_regex("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Encodings text files are really saved in; the detector's other code pages
# (cp775, cp1006, hp_roman8, ...) win ties on short text only by accident.
_CANDIDATES = [
    "cp1252", "cp1250", "cp1251", "cp1253", "cp1254", "cp1255", "cp1256", "cp1257", "cp1258",
    "iso8859_2", "iso8859_5", "iso8859_7", "iso8859_8", "iso8859_9", "iso8859_13", "iso8859_15",
    "koi8_r", "koi8_u", "mac_roman", "mac_cyrillic", "cp437", "cp850", "cp866", "tis_620",
]
_NAMES = {"mac_roman": "MacRoman", "cp437": "code page 437", "koi8_r": "KOI8-R", "koi8_u": "KOI8-U"}
# Past this share of "mess" (charset-normalizer's chaos) a decoding is not text.
_MAX_CHAOS = 0.1
# A reading recognised as a language by this much more than Windows-1252's
# (coherence is the share of the language's most common letters seen).
_CLEARLY_BETTER = 0.1
# Mac and DOS code pages reuse Windows-1252's letter bytes for ligatures and
# accented vowels, so on short Western text their readings ("Straﬂe ìquotedî")
# can score a language match; they are named only when Windows-1252 cannot read
# the bytes as clean text.
_ONLY_WHEN_NOT_WESTERN = {"mac_roman", "cp437", "cp850"}


def encoding_name(codec: str) -> str:
    if codec in _NAMES:
        return _NAMES[codec]
    m = re.fullmatch(r"cp(125\d)", codec)
    if m:
        return f"Windows-{m.group(1)}"
    m = re.fullmatch(r"iso8859_(\d+)", codec)
    if m:
        return f"ISO-8859-{m.group(1)}"
    return codec


def guess_single_byte(raw: bytes) -> tuple[Optional[str], list[str]]:
    """The codec the bytes were most likely written in (None when no
    single-byte, ASCII-compatible encoding is a sure reading), and up to two
    other codecs whose different readings the detector finds as clean. Windows-1252
    is what Western editors save, and on short text the detector's mess
    scores cannot tell it from Windows-1250, -1254 or -1257: it wins unless
    another reading is recognised as a language clearly better (Cyrillic,
    Greek or Hebrew read as Windows-1252 are rejected as mess or match no
    language, so those still get their own code page)."""
    import charset_normalizer
    from charset_normalizer.utils import is_multi_byte_encoding

    western: Optional[float] = None  # Windows-1252's language coherence, when it reads the bytes cleanly
    try:
        decoded = raw.decode("cp1252")
    except UnicodeDecodeError:
        decoded = None
    if decoded is not None:
        match = charset_normalizer.from_bytes(raw, cp_isolation=["cp1252"], threshold=1.0).best()
        if match is not None:
            western = match.coherence
    others = [
        m for m in charset_normalizer.from_bytes(raw, cp_isolation=_CANDIDATES)
        if not is_multi_byte_encoding(m.encoding) and _ascii_compatible(m.encoding) and m.chaos <= _MAX_CHAOS
    ]
    if western is None and not others and decoded is not None and not _CONTROLS.search(decoded):
        # The detector gives up on short, symbol-heavy text ("€5 €5") in every
        # code page; a clean Windows-1252 decoding is then the Western reading.
        western = 0.0
    contenders = [m for m in others if western is None or m.encoding not in _ONLY_WHEN_NOT_WESTERN]
    least = min((m.chaos for m in contenders), default=0.0)
    tied = [m for m in contenders if m.chaos == least]
    best = max(tied, key=lambda m: m.coherence, default=None)
    chosen = None
    if western is not None and (best is None or best.coherence <= western + _CLEARLY_BETTER):
        chosen = "cp1252"
    # Sure: a language was recognised, or only one reading is least messy.
    elif best is not None and (best.coherence > 0 or len({str(m) for m in tied}) == 1):
        chosen = best.encoding
    if chosen is None:
        return None, []
    seen, alternatives = {raw.decode(chosen)}, list[str]()
    for m in sorted(others, key=lambda m: (m.chaos, -m.coherence)):
        if str(m) not in seen and len(alternatives) < 2:
            seen.add(str(m))
            alternatives.append(m.encoding)
    return chosen, alternatives


def _ascii_compatible(codec: str) -> bool:
    try:
        return _ASCII.decode(codec) == _ASCII.decode("ascii")
    except (UnicodeDecodeError, LookupError):
        return False
