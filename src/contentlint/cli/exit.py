"""The one way every command ends on a usage, configuration or internal error."""
from __future__ import annotations

import sys
from typing import NoReturn

import click

from ..violations import ExitCode


def fail(message: str) -> NoReturn:
    """Print ``contentlint: error: MESSAGE`` on stderr and exit 2."""
    click.echo(f"contentlint: error: {message}", err=True)
    sys.exit(ExitCode.ERROR)
