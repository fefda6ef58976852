"""How the command line stops on a signal (shared by `check` and `check --watch`)."""
from __future__ import annotations


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised where Ctrl-C would be, so the same clean-up runs: no new
    file is started and the one being written is finished (writer.py)."""
