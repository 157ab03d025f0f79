"""Helpers for the SCORM 1.2 tests: sample projects, building them, reading zips."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

from sbfa_pack.build import build
from sbfa_pack.diagnostics import Diagnostics
from sbfa_pack.load import load_project

HERE = Path(__file__).resolve().parent
SAMPLES = HERE / "roots"


def copy_root(name: str, dest: Path, extra_yaml: str = "") -> Path:
    """A sample project copied to ``dest`` (builds write dist/ inside it), with lines added to sbfa.yaml."""
    root = dest / name
    shutil.copytree(SAMPLES / name, root)
    if extra_yaml:
        with (root / "sbfa.yaml").open("a") as fh:
            fh.write(extra_yaml)
    return root


def build_root(root: Path, **kw: object) -> dict[str, Path]:
    """Build the project and return package file name → path."""
    result = build(root, root / "dist", jobs=1, **kw)  # type: ignore[arg-type]
    assert not result.diagnostics.errors, [str(d) for d in result.diagnostics]
    return {b.file: root / "dist" / b.file for b in result.built}


def loaded(root: Path):  # type: ignore[no-untyped-def]
    diags = Diagnostics()
    lp = load_project(root, diags)
    assert lp is not None and not diags.errors, [str(d) for d in diags]
    return lp


def read_zip(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {n: zf.read(n) for n in zf.namelist()}


