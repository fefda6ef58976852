"""The ``contentlint server`` subcommand (registered lazily by the CLI)."""
from __future__ import annotations

import click


class _MissingExtra(click.ClickException):
    exit_code = 2  # a missing part of the installation, like a configuration error


@click.command("server")
@click.option("--stdio", is_flag=True, help="Talk LSP over standard input and output (the default and only transport).")
def server(stdio: bool) -> None:
    """Run the language server: live findings, quick fixes and frontmatter
    hover/completion in editors (see README, "Editor integration")."""
    try:
        from .app import main
    except ImportError as exc:  # pygls is an optional extra
        raise _MissingExtra(
            f"the language server needs pygls ({exc}); install it with: pip install 'contentlint[server]'"
        ) from None
    main()
