"""A cache file of entries by absolute path, readable one entry at a time.

The file is one JSON object, ``{<header keys>, "files": {path: entry, ...}}``,
written with each entry on a line of its own::

    {"format":"4:0.1.0","files":{
    "/site/a.md":[...],
    "/site/b.md":[...]
    }}

A run over the whole project parses it whole (``json.loads``; the line
breaks are only whitespace). A run over a few files (a pre-commit batch, an
editor) reads the text and decodes only the lines of its own files: on a
5,000-page site the file is 1.6 MB, and decoding all of it was about a
third of a one-page run. The line of a path is found by its key at the
start of a line, ``\\n"<path>":``, which nothing else in the file can
look like: JSON escapes line breaks and quotes inside strings, so each line
holds exactly one entry and starts with its key. A few-file run that has
something new to record replaces only its own lines, keeping the others'
text as it was.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Mapping, Optional

from ..atomic import replace_file

_COMPACT = (",", ":")
MISSING: Any = object()  # no entry for the path (an entry may be JSON null: a damaged one)


def render(header: Mapping[str, Any], files: Mapping[str, Any]) -> str:
    """The text of a cache file: the header's keys, then one line per entry."""
    return _assemble(header, [_line(path, entry) for path, entry in files.items()])


def _assemble(header: Mapping[str, Any], lines: list[str]) -> str:
    head = json.dumps(dict(header), separators=_COMPACT)
    return head[:-1] + (',"files":{\n' if len(head) > 2 else '{"files":{\n') + ",\n".join(lines) + "\n}}"


def _line(path: str, entry: Any) -> str:
    return json.dumps(path) + ":" + json.dumps(entry, separators=_COMPACT)


class Table:
    """A cache file's entries, from the whole file (``whole``) or from its
    text, an entry decoded when it is asked for (``lines``)."""

    def __init__(self, header: dict[str, Any], whole: Optional[dict[str, Any]], text: Optional[str]) -> None:
        self.header = header
        self.whole = whole
        self.text = text

    @classmethod
    def read(cls, path: Path, few: bool) -> "Table":
        """The table in the file at ``path``. Raises OSError, or ValueError
        when the file is not JSON (damaged). JSON of another shape (another
        version's file) gives an empty table with an empty header, which no
        caller takes for its own."""
        with open(path, encoding="utf-8") as fh:
            text = fh.read()
        first = text.find("\n")
        if few and first > 0 and text.endswith("\n}}"):
            try:
                header = json.loads(text[:first] + "}}")
            except ValueError:
                header = None
            if isinstance(header, dict) and header.pop("files", None) == {}:
                return cls(header, None, text)
        data = json.loads(text)
        if not (isinstance(data, dict) and isinstance(data.get("files"), dict)):
            return cls({}, {}, None)
        files = data.pop("files")
        return cls(data, files, None)

    def get(self, path: str) -> Any:
        """The entry of ``path`` as JSON data; ``MISSING`` when there is none.
        A line that does not decode reads as None, as a damaged entry."""
        if self.whole is not None:
            return self.whole.get(path, MISSING)
        if self.text is None:
            return MISSING
        needle = "\n" + json.dumps(path) + ":"
        start = self.text.find(needle)
        if start < 0:
            return MISSING
        start += len(needle)
        end = self.text.find("\n", start)
        line = self.text[start:end].rstrip(",")
        try:
            return json.loads(line)
        except ValueError:
            return None

    def merged(self, fresh: Mapping[str, Any], keep: Mapping[str, Any]) -> str:
        """The file's new text: ``fresh`` entries over the lines read (only
        the text of other paths' lines is kept, untouched), or, for a table
        read whole, ``keep`` (the caller's choice of old entries) and ``fresh``."""
        if self.text is None:
            return render(self.header, {**keep, **fresh})
        lines = self.text[self.text.find("\n") + 1 : -3].split("\n")
        prefixes = tuple(json.dumps(path) + ":" for path in fresh)
        kept = [line.rstrip(",") for line in lines if line and not line.startswith(prefixes)]
        return _assemble(self.header, kept + [_line(path, entry) for path, entry in fresh.items()])


def write(folder: Path, name: str, text: str) -> None:
    """Write one cache file into the cache folder, which keeps itself out of
    git. No fsync: a cache lost in a crash is only rebuilt; a read-only
    checkout simply runs without a cache."""
    try:
        folder.mkdir(exist_ok=True)
        gitignore = folder / ".gitignore"
        if not gitignore.exists():
            gitignore.write_text("# created by contentlint\n*\n", encoding="utf-8")
        replace_file(folder / name, text, fsync=False)
    except OSError:
        pass
