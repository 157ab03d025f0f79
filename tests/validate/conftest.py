"""Fixtures and reporting for the package validator tests (helpers live in validate_helpers.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from validate_helpers import CORPUS_ROWS, shared_dir

__all__ = ["shared_dir"]


@pytest.fixture(scope="session")
def standards() -> Path:
    """Official XSDs (read-only; never copied into the repository)."""
    return shared_dir() / "standards"


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Print the corpus verdict table whatever the capture settings (no -s needed)."""
    if not CORPUS_ROWS:
        return
    header = ("kind", "short-name", "expected", "got", "errors", "warnings", "codes", "ok")
    rows = [header, *sorted(CORPUS_ROWS)]
    widths = [min(max(len(r[i]) for r in rows), 60) for i in range(len(header))]
    terminalreporter.write_sep("=", "package validator: corpus results")
    for row in rows:
        terminalreporter.write_line("  ".join(c[:60].ljust(w) for c, w in zip(row, widths, strict=True)))
