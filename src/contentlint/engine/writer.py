"""Atomic, lossless writes of fixed files."""
from __future__ import annotations

import os
import signal
import stat
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Iterator, Optional


class WriteError(Exception):
    """The file could not be written; it is unchanged."""


@dataclass(frozen=True)
class FileStamp:
    size: int
    mtime_ns: int
    # The bytes that were read: an edit of the same size within the clock's
    # granularity keeps size and mtime, so the content is compared too.
    content: Optional[bytes] = field(default=None, compare=False, repr=False)
    # Which file was read: a symlink switched to another file (even one with
    # the same bytes, size and time) is not the file that was checked and
    # vetted to lie inside the checked folders.
    device: int = 0
    inode: int = 0

    @classmethod
    def of(cls, st: os.stat_result, content: Optional[bytes] = None) -> "FileStamp":
        return cls(st.st_size, st.st_mtime_ns, content, st.st_dev, st.st_ino)

    def unchanged(self, path: str) -> bool:
        try:
            if FileStamp.of(os.stat(path)) != self:
                return False
            if self.content is not None:
                with open(path, "rb") as fh:
                    return fh.read(self.size + 1) == self.content
        except OSError:
            return False
        return True


# While a temporary file exists, SIGINT/SIGTERM wait: they are handled right
# after the rename (or the clean-up), so an interrupted run leaves every file
# either old or new and no temporary file behind.
_DEFERRED = (signal.SIGINT, signal.SIGTERM) if hasattr(signal, "pthread_sigmask") else ()


@contextmanager
def _signals_deferred() -> Iterator[None]:
    if not _DEFERRED:
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, _DEFERRED)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def write_atomic(path: str, data: bytes, *, expected: Optional[FileStamp] = None) -> None:
    """Replace ``path`` with ``data`` through a temporary file in the same folder.

    The original is never truncated: either the rename happens and the new
    content is complete, or the original stays as it was. A symlink is never
    replaced: the write goes to the regular file it resolves to, and only when
    that is the very file that was read (``expected``: device and inode).
    """
    target = os.path.realpath(path)
    try:
        st = os.lstat(target)
    except OSError as exc:
        raise WriteError(f"cannot stat file: {exc.strerror}") from None
    if not stat.S_ISREG(st.st_mode):
        raise WriteError("not a regular file; fixes not written")
    if not st.st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH):
        raise WriteError("file is read-only; fixes not written")
    changed = "file changed on disk while it was checked; fixes not written"
    # Device and inode are part of the stamp: a file replaced by a rename (an
    # editor's save, a symlink switched to another file) is not the one read.
    if expected is not None and FileStamp.of(st) != expected:
        raise WriteError(changed)
    folder = os.path.dirname(target)
    # A short prefix: the name plus the random part must stay under NAME_MAX.
    prefix = f".{os.path.basename(target)[:40]}."
    with _signals_deferred():
        tmp = None
        try:
            import tempfile  # lazy: start-up time (it loads shutil, random; only a fix writes)

            fd, tmp = tempfile.mkstemp(prefix=prefix, suffix=".contentlint.tmp", dir=folder)
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
            os.chmod(tmp, stat.S_IMODE(st.st_mode))
            try:
                os.chown(tmp, st.st_uid, st.st_gid)
            except (OSError, AttributeError):
                pass  # only root may give files away; keep what we can
            # Checked again as late as possible: the window for a concurrent
            # edit to be overwritten is the rename itself.
            if expected is not None and not expected.unchanged(target):
                raise WriteError(changed)
            os.replace(tmp, target)
            tmp = None
        except OSError as exc:
            raise WriteError(f"could not write fixes: {exc.strerror or exc}") from None
        finally:
            if tmp is not None:
                try:
                    os.unlink(tmp)
                except OSError:
                    pass
