"""Helpers for the package validator tests: package builders, result table (reference data: refdata.py)."""

from __future__ import annotations

import zipfile
from collections.abc import Iterable, Mapping
from pathlib import Path

HERE = Path(__file__).resolve().parent
FIXTURES = HERE / "fixtures"
MANIFEST_NAMES = {"scorm12": "imsmanifest.xml", "scorm2004": "imsmanifest.xml", "cmi5": "cmi5.xml",
                  "tincan": "tincan.xml"}

# Rows of the corpus table, filled by test_corpus.py and printed at the end of the run.
CORPUS_ROWS: list[tuple[str, ...]] = []


def write_tree(root: Path, files: Mapping[str, bytes | str]) -> Path:
    """Write ``files`` (relative posix path -> content) under ``root``."""
    for name, content in files.items():
        target = root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content.encode() if isinstance(content, str) else content)
    return root


def zip_tree(folder: Path, target: Path, *, method: int = zipfile.ZIP_DEFLATED) -> Path:
    """Zip the contents of ``folder`` (entries relative to it, sorted) into ``target``."""
    with zipfile.ZipFile(target, "w", method) as zf:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            zf.write(path, path.relative_to(folder).as_posix())
    return target


def zip_files(target: Path, files: Iterable[tuple[str, bytes | str]]) -> Path:
    """A zip holding exactly these (name, content) entries, in order (duplicates allowed)."""
    import warnings

    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zf, warnings.catch_warnings():
        warnings.simplefilter("ignore")  # duplicate names are written on purpose in some tests
        for name, content in files:
            zf.writestr(name, content)
    return target


def minimal12_files() -> dict[str, bytes]:
    """The hand-written minimal SCORM 1.2 package every sbfa-pack build must resemble."""
    base = FIXTURES / "minimal12"
    return {p.relative_to(base).as_posix(): p.read_bytes() for p in sorted(base.rglob("*")) if p.is_file()}
