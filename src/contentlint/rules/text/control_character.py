from __future__ import annotations

import re
import unicodedata

from ...registry import Fixability, Rule, register
from ...violations import Edit, Finding, Fix

# C0 controls other than tab and line breaks, DEL, C1 controls, zero-width
# space, word joiner, soft-invisible separators, and bidi embedding/override/
# isolate controls (the "Trojan Source" characters). ZWJ/ZWNJ are not here:
# Persian, Indic scripts and emoji sequences need them.
_SAFE_TO_REMOVE = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f\x80-\x9f\u200b\u2060\u2028\u2029"
_BIDI = "\u202a-\u202e\u2066-\u2069"
_PATTERN = re.compile(f"[{_SAFE_TO_REMOVE}{_BIDI}]+")
_BIDI_RE = re.compile(f"[{_BIDI}]")
# unicodedata has no names for C0/C1 controls
_CONTROL_NAMES = {0x00: "null", 0x07: "bell", 0x08: "backspace", 0x0B: "vertical tab", 0x0C: "form feed",
                  0x1B: "escape", 0x7F: "delete"}


@register
class ControlCharacter(Rule):
    """Flags invisible control characters: C0/C1 control codes (other than tab
    and line breaks), zero-width spaces, word joiners, line/paragraph
    separators, and bidirectional embedding/override/isolate controls.

    ## Why
    They are invisible in most editors, break search and anchors, can make
    a site generator's parser fail, and bidi controls can make text read
    differently from how it is stored ("Trojan Source").

    ## Example
    ```markdown
    Zero\u200bwidth space inside a word.
    ```

    ## Use instead
    ```markdown
    Zero width space inside a word.
    ```

    ## Fix
    Safe for control codes and zero-width characters (they are removed).
    Unsafe for bidi controls, which right-to-left text may use on purpose.
    """

    code = "TX004"
    name = "control-character"
    summary = "Invisible control or zero-width character"
    fixable = Fixability.SOMETIMES
    changes_frontmatter = True

    def check(self, doc, ctx):
        for m in _PATTERN.finditer(doc.text):
            run = m.group()
            label = " ".join(f"U+{ord(ch):04X}" for ch in run[:8]) + (" …" if len(run) > 8 else "")
            names = sorted({unicodedata.name(ch, _CONTROL_NAMES.get(ord(ch), "control character")).lower() for ch in run})
            plural = "s" if len(run) > 1 else ""
            message = f"Invisible character{plural} `{label}` ({', '.join(names)})"
            title = f"Remove `{label}`"
            edit = Edit(m.start(), m.end(), "")
            fix = Fix.unsafe(title, edit) if _BIDI_RE.search(run) else Fix.safe(title, edit)
            yield Finding(m.start(), m.end(), message, fix)
