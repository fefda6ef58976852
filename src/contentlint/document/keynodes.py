"""The position tree every frontmatter format is indexed into: value spans (``KeyNode``) and key spans (``Entry``)."""
from __future__ import annotations

from dataclasses import dataclass, field
from json import decoder as _json_decoder
from typing import Callable, Optional, Union

# A step along a key path: a mapping key or a sequence index.
Step = Union[str, int]
KeyPath = tuple[Step, ...]

# json's own string scanner (the C one when built): the JSON and TOML scans
# read quoted strings with it. Public in json.decoder, missing from typeshed.
scanstring: Callable[[str, int], tuple[str, int]] = _json_decoder.scanstring  # type: ignore[attr-defined]


@dataclass
class Entry:
    """One member of a mapping (``key`` as written) or one sequence item (``key`` its index)."""

    key: Step
    key_start: int
    key_end: int
    value: "KeyNode"


@dataclass
class KeyNode:
    kind: str  # "map", "seq" or "scalar"
    start: int
    end: int
    entries: list[Entry] = field(default_factory=list)
    style: Optional[str] = None  # YAML scalar style (None = plain); quote char for TOML/JSON strings

    def child(self, part: Step) -> Optional[Entry]:
        found = None
        for entry in self.entries:
            if entry.key == part or (self.kind == "map" and isinstance(part, str) and str(entry.key) == part):
                found = entry  # the last duplicate wins, as in the loaded data
        return found
