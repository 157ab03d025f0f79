"""Fixtures and reporting for the package validator tests (helpers live in validate_helpers.py)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from validate_helpers import CORPUS_ROWS

from refdata import need_shared, scorm_schemas


@pytest.fixture(scope="session")
def standards() -> Path:
    """The official SCORM 1.2 and 2004 XSDs, as ``--schemas`` takes them (read-only; see refdata.py)."""
    return scorm_schemas()


@pytest.fixture(scope="session")
def all_standards() -> Path:
    """``shared/standards``: the SCORM XSDs plus the Tin Can and cmi5 ones; skips the test without it."""
    return need_shared("the Tin Can and cmi5 XSDs") / "standards"


_NONE = re.compile(r"\bNone\b")
_OURS = ("package.", "zip.", "xml.", "scorm12.", "scorm2004.", "tincan.", "cmi5.", "lms.")


@pytest.fixture(autouse=True)
def _codes_are_documented(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every validator code emitted in these tests must be listed in sbfa_pack.validate.codes."""
    from sbfa_pack.diagnostics import Diagnostics
    from sbfa_pack.validate.codes import CODES

    original = Diagnostics.add

    def add(self: Diagnostics, severity, code, message, loc, line=0, column=0):  # type: ignore[no-untyped-def]
        if code.startswith(_OURS):
            assert code in CODES, f"undocumented diagnostic code {code!r}: add it to validate/codes.py"
            # Issue 17 item 20: a missing value is never printed as Python's None (every test here,
            # the corpus and the fuzz test included, goes through this check).
            assert not _NONE.search(message), f"{code}: {message}"
        return original(self, severity, code, message, loc, line, column)

    monkeypatch.setattr(Diagnostics, "add", add)


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
