"""Fixtures for translation tests: a writable copy of the i18n sample project, a CLI runner."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import polib
import pytest
from click.testing import CliRunner, Result

from sbfa_pack.cli import main


@pytest.fixture
def project(tmp_path: Path, roots: Path) -> Path:
    dest = tmp_path / "project"
    shutil.copytree(roots / "i18n", dest)
    return dest


@pytest.fixture
def cli() -> Callable[..., Result]:
    def run(*args: str) -> Result:
        return CliRunner().invoke(main, list(args), catch_exceptions=False)

    return run


def translate_all(po_file: Path, prefix: str = "DE ") -> polib.POFile:
    """Fill every entry of a catalog with a marked copy of its source (keeps Markdown and placeholders)."""
    po = polib.pofile(str(po_file))
    for e in po:
        e.msgstr = prefix + e.msgid
    po.save()
    return po
