"""Expected failures. Anything else raised inside sbfa-pack is a bug and shows its traceback."""

from __future__ import annotations

from .diagnostics import Diagnostic


class SbfaError(Exception):
    """An expected failure the CLI prints as one line and turns into an exit code."""

    exit_code = 1
    code = "build.failed"
    """The diagnostic code when the failure is reported as a diagnostic (e.g. by the build)."""

    def __init__(self, *, message: str, file: str = "", line: int = 0) -> None:
        self.file = file
        self.line = line
        self.message = message
        where = f"{file}:{line}: " if file and line else (f"{file}: " if file else "")
        super().__init__(f"{where}{message}")


class UsageError(SbfaError):
    """The command line asks for something impossible (unknown format, missing path...): exit 2."""

    exit_code = 2


class InputError(SbfaError):
    """The input cannot be used; carries the diagnostics that say why: exit 1."""

    def __init__(self, *, diagnostics: list[Diagnostic]) -> None:
        self.diagnostics = diagnostics
        first = diagnostics[0] if diagnostics else None
        super().__init__(message=str(first) if first else "invalid input")
