"""Helpers for the SCORM 2004 tests: the sample projects of the SCORM 1.2 tests and this folder's own."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

from lxml import etree

from sbfa_pack.build import build
from sbfa_pack.builders.scorm2004_manifest import ADLCP, CP, IMSSS

HERE = Path(__file__).resolve().parent
SAMPLES = {"tracked": HERE.parent / "scorm12" / "roots" / "tracked", "huge": HERE / "roots" / "huge"}
NS = {"cp": CP, "adlcp": ADLCP, "imsss": IMSSS}


def copy_root(name: str, dest: Path, extra_yaml: str = "") -> Path:
    """A sample project copied to ``dest`` with scorm2004 as its format and lines added to sbfa.yaml."""
    root = dest / name
    shutil.copytree(SAMPLES[name], root)
    path = root / "sbfa.yaml"
    text = path.read_text().replace("formats: [scorm12]", "formats: [scorm2004]")
    path.write_text(text + extra_yaml)
    return root


def build_root(root: Path) -> dict[str, Path]:
    """Build the project and return package file name → path."""
    result = build(root, root / "dist", jobs=1)
    assert not result.diagnostics.errors, [str(d) for d in result.diagnostics]
    return {b.file: root / "dist" / b.file for b in result.built}


def read_zip(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {n: zf.read(n) for n in zf.namelist()}


def manifest(path: Path) -> etree._Element:
    return etree.fromstring(read_zip(path)["imsmanifest.xml"])
