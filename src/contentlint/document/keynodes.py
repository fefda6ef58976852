"""The position tree every frontmatter format is indexed into: value spans (``KeyNode``) and key spans (``Entry``)."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Optional


@dataclass
class Entry:
    """One member of a mapping (``key`` as written) or one sequence item (``key`` its index)."""

    key: Any
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

    def child(self, part) -> Optional[Entry]:
        found = None
        for entry in self.entries:
            if entry.key == part or (self.kind == "map" and isinstance(part, str) and str(entry.key) == part):
                found = entry  # the last duplicate wins, as in the loaded data
        return found
