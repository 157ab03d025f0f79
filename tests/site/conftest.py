"""Fixtures of the site tests: the sample's packages, built once per session."""

from __future__ import annotations

from pathlib import Path

import pytest
from site_support import build_dist


@pytest.fixture(scope="session")
def sample_dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_dist(tmp_path_factory.mktemp("site-dist") / "dist")
