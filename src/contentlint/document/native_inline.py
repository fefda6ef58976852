"""The inline parts of one heading or paragraph, from its stretch of
pulldown-cmark's events. The block walk (``native``) leaves inline events
alone; this walks a holder's events when its parts are wanted: every
heading's, and a paragraph's when a rule asks (most are never read)."""
from __future__ import annotations

from typing import Any, Optional

from .byte_chars import Convert
from .mdview import Inline

_ASCII_PUNCT = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
_EMPHASIS = {"Emphasis": "em", "Strong": "strong", "Strikethrough": "s"}
_new = tuple.__new__  # a record without the NamedTuple's Python-level __new__


def inline_parts(source: str, stream: list[tuple[Any, Any]], first: int, last: int,
                 conv: Optional[Convert]) -> list[Inline]:
    """The parts of the holder whose Start event is ``stream[first]`` and End
    event ``stream[last]``; ``conv`` maps the events' byte offsets to
    ``source``'s character offsets (None: the identity)."""
    parts: list[Inline] = []
    append = parts.append
    pieces: list[tuple[str, int, int]] = []  # text events not yet merged
    last_end = -1  # end of the last inline event
    image_depth = 0
    image: list[Any] = []  # start, url, alt pieces, link type
    link_stack: list[tuple[int, str]] = []  # start, link type
    for index in range(first + 1, last):
        event, rng = stream[index]
        start = rng["start"]
        end = rng["end"]
        if conv is not None:
            start = conv(start)
            end = conv(end)
        if type(event) is str:  # SoftBreak, HardBreak
            if pieces:
                last_end = _flush(source, pieces, last_end, parts)
                pieces = []
            if not image_depth and event in ("SoftBreak", "HardBreak"):
                append(_new(Inline, ("softbreak" if event == "SoftBreak" else "hardbreak", start, end, "", "", "", None)))
                last_end = end
            continue
        value = event.get("Text")
        if value is not None:
            if not value:
                # pulldown-cmark ends `## *a* #` with an empty Text where the closing
                # `#` run was cut off; markdown-it makes no part for it.
                continue
            if image_depth:
                if image_depth == 1:  # a nested image's alt text is not the outer one's
                    image[2].append(value)
            else:
                pieces.append((value, start, end))
            continue
        if pieces:
            last_end = _flush(source, pieces, last_end, parts)
            pieces = []
        tag = event.get("Start")
        if tag is not None:
            name: str
            link: Any
            name, link = (tag, None) if type(tag) is str else next(iter(tag.items()))
            if image_depth:
                if name == "Image":
                    image_depth += 1
                continue
            kind = _EMPHASIS.get(name)
            if kind is not None:
                n = 2 if name == "Strong" else 1
                if name == "Strikethrough":
                    n = 2 if source.startswith("~~", start) else 1
                append(_new(Inline, (kind + "_open", start, start + n, "", source[start : start + n], "", None)))
                last_end = start + n
            elif name == "Link":
                url = link["dest_url"]
                link_type = link["link_type"]
                if link_type == "Email":
                    url = "mailto:" + url
                link_stack.append((start, link_type))
                auto = link_type in ("Autolink", "Email")
                append(_new(Inline, ("link_open", start, start + 1, "", "autolink" if auto else "", url, None)))
                last_end = start + 1
            elif name == "Image":
                image_depth = 1
                image = [start, link["dest_url"], [], link["link_type"]]
            continue
        tag = event.get("End")
        if tag is not None:
            name = tag if type(tag) is str else next(iter(tag))
            if image_depth:
                if name == "Image":
                    image_depth -= 1
                    if not image_depth:
                        if image[3] == "Collapsed" and source.startswith("[]", end):
                            end += 2  # pulldown-cmark's range of `![logo][]` stops before the `[]`
                        append(_new(Inline, ("image", image[0], end, "".join(image[2]), "", image[1], None)))
                        last_end = end
                continue
            kind = _EMPHASIS.get(name)
            if kind is not None:
                n = 2 if name == "Strong" else 1
                if name == "Strikethrough":
                    n = 2 if source.startswith("~~", end - 2) else 1
                append(_new(Inline, (kind + "_close", end - n, end, "", source[end - n : end], "", None)))
                last_end = end
            elif name == "Link":
                link_start, link_type = link_stack.pop()
                if link_type in ("Autolink", "Email"):
                    append(_new(Inline, ("link_close", end - 1, end, "", "autolink", "", None)))
                else:
                    inner_end = max(last_end, link_start + 1)
                    if link_type == "Collapsed" and source.startswith("[]", end):
                        end += 2
                    append(_new(Inline, ("link_close", inner_end, end, "", "", "", None)))
                last_end = end
            continue
        value = event.get("Code")
        if value is not None:
            if image_depth:
                if image_depth == 1:
                    image[2].append(value)
            else:
                append(_new(Inline, ("code_inline", start, end, value, "", "", None)))
                last_end = end
            continue
        value = event.get("InlineHtml")
        if value is not None and not image_depth:
            append(_new(Inline, ("html_inline", start, end, value, "", "", None)))
            last_end = end
    if pieces:
        _flush(source, pieces, last_end, parts)
    return parts


def _flush(source: str, pieces: list[tuple[str, int, int]], last_end: int, parts: list[Inline]) -> int:
    """Merge the pending text events into one text part (as markdown-it joins
    text and escapes), mapping each character to its source; returns the
    new end of the last inline event."""
    value, s, e = pieces[0]
    begin = s
    if s - 1 > last_end and source[s - 1] == "\\" and source[s] in _ASCII_PUNCT:
        begin = s - 1  # a backslash escape: its backslash belongs to the character
    end = pieces[-1][2]
    if len(pieces) == 1 and begin == s and len(value) == e - s:
        parts.append(_new(Inline, ("text", s, e, value, "", "", None)))
        return e
    chars: list[int] = []
    chars_end = begin
    for i, (value, s, e) in enumerate(pieces):
        if i:
            begin = chars_end
        if len(value) == e - begin:
            chars.extend(range(begin, e))
        elif len(value) == e - s:
            chars.append(begin)
            chars.extend(range(s + 1, e))
        else:  # an entity: every character it decodes to maps onto the whole reference
            chars.extend([begin] * len(value))
        chars_end = e
    chars.append(end)
    content = "".join(p[0] for p in pieces)
    start = chars[0]
    identity = chars == list(range(start, end + 1))
    parts.append(_new(Inline, ("text", start, end, content, "", "", None if identity else tuple(chars))))
    return end
