"""Run the CLI with a pseudo-terminal as its output and read what it wrote there
(colour and progress bars only appear on a terminal; CliRunner and pipes are not one)."""
from __future__ import annotations

import os
import pty
import select
import subprocess
from pathlib import Path
from typing import IO, Optional


def run_on_terminal(argv: list[str], cwd: Path, env: dict, guard: float,
                    stdout: Optional[IO[bytes]] = None) -> tuple[int, bytes]:
    """The exit code and the bytes written to the terminal. Stderr always goes
    to the terminal; stdout too unless ``stdout`` is given (a file: a pipe
    nobody reads while the terminal is read would fill up). ``guard`` is a hang
    guard, not a speed assertion."""
    master, slave = pty.openpty()
    proc = subprocess.Popen(argv, cwd=cwd, env=env, stdin=subprocess.DEVNULL,
                            stdout=stdout if stdout is not None else slave, stderr=slave, close_fds=True)
    os.close(slave)
    chunks = []
    try:
        while True:
            ready, _, _ = select.select([master], [], [], guard)
            assert ready, "the CLI hung on a terminal"
            try:
                data = os.read(master, 65536)
            except OSError:  # Linux: EIO once the child has closed the terminal
                break
            if not data:
                break
            chunks.append(data)
    finally:
        os.close(master)
        if proc.poll() is None:
            proc.kill()
        proc.wait(guard)
    return proc.returncode, b"".join(chunks)
