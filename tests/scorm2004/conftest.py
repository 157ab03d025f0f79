"""Fixtures for the SCORM 2004 builder tests: the tracked sample built once per session, both modes."""

from __future__ import annotations

from pathlib import Path

import pytest
from scorm2004_helpers import build_root, copy_root


@pytest.fixture(scope="session")
def built_single(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The tracked sample in the default mode (one SCO)."""
    return build_root(copy_root("tracked", tmp_path_factory.mktemp("single04")))


@pytest.fixture(scope="session")
def built_modules(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The tracked sample with one SCO per module."""
    return build_root(copy_root("tracked", tmp_path_factory.mktemp("modules04"),
                                "scorm:\n  packaging: sco-per-module\n"))
