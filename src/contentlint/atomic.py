"""Atomic replacement of contentlint's own files (caches); a leaf."""
from __future__ import annotations

import os


def replace_file(path: "str | os.PathLike[str]", text: str, *, fsync: bool = True) -> None:
    """Write contentlint's own files (caches) atomically: a uniquely named
    temporary file in the same folder, then a rename, so concurrent runs and
    interruptions leave either the old or the new file, never a torn one."""
    import tempfile  # lazy: start-up time (a run with nothing new to record writes nothing)

    folder = os.path.dirname(os.fspath(path)) or "."
    fd, tmp = tempfile.mkstemp(prefix=".contentlint.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
            if fsync:
                fh.flush()
                os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
