"""Fixtures for the SCORM 1.2 builder tests: sample projects built once per session."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from scorm12_helpers import build_root, copy_root

from refdata import scorm12_schema_dir


@pytest.fixture(scope="session")
def built_single(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The tracked sample in the default mode (one SCO), with the official schemas shipped."""
    root = copy_root("tracked", tmp_path_factory.mktemp("single"), "scorm:\n  schemas: xsd\n")
    shutil.copytree(scorm12_schema_dir(), root / "xsd")  # scorm.schemas: a folder of the project
    return build_root(root)


@pytest.fixture(scope="session")
def built_modules(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The tracked sample with one SCO per module."""
    root = copy_root("tracked", tmp_path_factory.mktemp("modules"), "scorm:\n  packaging: sco-per-module\n")
    return build_root(root)
