"""Compatibility only: console scripts installed by earlier versions start here. The command is
:func:`sbfa_pack.cli.main` (the one definition of the command line; reinstall to point there)."""

from .cli import main

__all__ = ["main"]
