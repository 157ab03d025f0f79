"""Shared test fixtures: where the sample projects and the shared reference data are."""

from __future__ import annotations

from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent
REPO = TESTS.parent
ROOTS = TESTS / "roots"


def shared_dir() -> Path:
    """``../shared`` beside the repository: official XSDs, the manifest corpus, the notes.

    CI clones the repository with a copy of shared/ beside it; a missing folder is a failure
    with instructions, never a skip.
    """
    path = (REPO / ".." / "shared").resolve()
    if not (path / "standards").is_dir():
        pytest.fail(f"reference data not found at {path}: place the project's shared/ folder (standards/, "
                    "corpus/, notes/) beside the repository checkout", pytrace=False)
    return path


@pytest.fixture(scope="session")
def shared() -> Path:
    return shared_dir()


@pytest.fixture(scope="session")
def roots() -> Path:
    return ROOTS
