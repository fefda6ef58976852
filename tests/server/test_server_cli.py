"""The `server` subcommand on the command line."""
from __future__ import annotations

import subprocess
import sys


def test_server_command_is_listed_and_documented():
    listing = subprocess.run([sys.executable, "-m", "contentlint", "--help"], capture_output=True, text=True)
    assert listing.returncode == 0 and "server" in listing.stdout.split("Commands:")[1]
    usage = subprocess.run([sys.executable, "-m", "contentlint", "server", "--help"], capture_output=True, text=True)
    assert usage.returncode == 0 and "language server" in usage.stdout
