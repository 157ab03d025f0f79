"""Fixtures for the xAPI and cmi5 tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from xapi_helpers import make_unit

from sbfa_pack.unit import Unit

ROOTS = Path(__file__).resolve().parents[1] / "roots"


@pytest.fixture()
def unit() -> Unit:
    return make_unit()


@pytest.fixture(scope="session")
def basic_packages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The basic sample project built as xapi and cmi5 (once per session)."""
    from sbfa_pack.build import build

    out = tmp_path_factory.mktemp("xapi-dist")
    result = build(ROOTS / "basic", out, formats=["xapi", "cmi5"], jobs=1)
    assert not result.diagnostics.errors, result.diagnostics
    return {f"{b.id}-{b.format}": out / b.file for b in result.built}
