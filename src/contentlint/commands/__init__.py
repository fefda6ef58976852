"""Subcommands that live outside cli.py, loaded only when invoked."""
