"""The browser fixtures of tests/e2e (Debian chromium through Playwright, a static server), shared
with the fuzz tests that open built pages; and tests/e2e on the path for its helpers."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

E2E = Path(__file__).resolve().parents[1] / "e2e"
sys.path.insert(0, str(E2E))
_spec = importlib.util.spec_from_file_location("e2e_fixtures", E2E / "conftest.py")
assert _spec and _spec.loader
_e2e = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_e2e)

page = _e2e.page
serve = _e2e.serve
