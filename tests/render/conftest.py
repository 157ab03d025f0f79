"""Fixtures of the render tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from render_support import course_unit

from sbfa_pack.unit import Unit


@pytest.fixture(scope="session")
def basic_unit(roots: Path) -> Unit:
    return course_unit(roots / "basic")
