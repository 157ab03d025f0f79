"""Every manifest of ``shared/corpus``, rebuilt as a package with empty stand-in files (LISTINGS.json).

What real LMSs accept must validate without errors (warnings allowed); every deliberately broken
item must be rejected with the right code. Results are printed as a table at the end of the run.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from validate_helpers import CORPUS_ROWS, MANIFEST_NAMES, write_tree, zip_tree

from refdata import shared_or_none
from sbfa_pack.validate import validate_package

# Items rejected on purpose, with the code that must report it. Most end in -BROKEN; the others are
# explained one by one, each with the evidence.
REJECTED: dict[str, str] = {
    "jcp-malformed-xml-BROKEN": "xml.not-well-formed",
    "jcp-missing-org-identifier-BROKEN": "scorm2004.missing-attribute",
    "catapult-lts-duplicated-block-BROKEN": "cmi5.duplicate-id",
    # CATAPULT's 005-2 AU is invalid at run time (its statements); as a package its source folder
    # has no index.html, the AU url, which is what a validator can see.
    "catapult-lts-invalid-au-2-BROKEN": "cmi5.missing-file",
    # Not named -BROKEN, but its own comment says "intentional fragment IRI - violates 3.0.0.0-1":
    # CATAPULT LMS test 201-1 expects the LMS to refuse the course.
    "catapult-lts-iris-course-id": "cmi5.iri",
    # Moodle's fixture only tests that imsmanifest.xml exists; its content is not XML, and every
    # LMS that parses it fails ("XML error").
    "moodle-validscorm-PLACEHOLDER": "xml.not-well-formed",
    # Pre-1.0 namespace; cmi5 1.0 LMSs validate against CourseStructure.xsd and find no declaration.
    "tomasz-extension": "cmi5.namespace",
    # Unfilled template: its comment asks to replace [YOUR_HOST]; '[' is not allowed in an IRI, so
    # LRSs refuse statements about that activity.
    "handmade-jerry42": "tincan.activity-id",
}


SHARED = shared_or_none()
# The corpus is ../shared's own collection (real manifests of many tools); no registry carries it.
pytestmark = pytest.mark.skipif(SHARED is None, reason="needs the manifest corpus from ../shared "
                                "(not beside this checkout; set SBFA_SHARED to use one)")


def shared_dir() -> Path:
    assert SHARED is not None
    return SHARED


def _corpus_rows() -> list[dict[str, str]]:
    if SHARED is None:
        return []
    text = (shared_dir() / "corpus" / "CORPUS.md").read_text(encoding="utf-8")
    rows = []
    for line in text.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 12 and cells[0] in MANIFEST_NAMES:
            keys = ("kind", "name", "file", "repo", "path", "commit", "tool", "version", "valid", "package",
                    "struct", "note")
            rows.append(dict(zip(keys, cells, strict=True)))
    return rows


ROWS = _corpus_rows()


def build_package(row: dict[str, str], tmp: Path) -> Path:
    """A folder with the manifest under its package name and an empty file for each listed neighbour."""
    corpus = shared_dir() / "corpus"
    listing: list[str] = json.loads((corpus / "LISTINGS.json").read_text(encoding="utf-8"))[row["name"]]
    manifest_name = MANIFEST_NAMES[row["kind"]]
    files: dict[str, bytes] = {}
    for name in listing:
        # Skip the manifest itself and manifests of sibling packages that share the source folder
        # (CATAPULT's lts/pkg/src holds one test course per subfolder); they are not part of it.
        if name == row["file"] or name.rsplit("/", 1)[-1] in MANIFEST_NAMES.values():
            continue
        files[name] = b""
    files[manifest_name] = (corpus / row["kind"] / row["name"] / row["file"]).read_bytes()
    return write_tree(tmp / row["name"], files)


def _snapshot_gaps(row: dict[str, str]) -> bool:
    """True when CORPUS.md says the source repository lacks some files the manifest names."""
    return not re.search(r"all present", row["package"])


@pytest.mark.parametrize("row", ROWS, ids=[r["name"] for r in ROWS])
def test_corpus_item(row: dict[str, str], tmp_path: Path) -> None:
    """CAM-1…CAM-40, XP-1…XP-6, C5-1…C5-3: verdicts on real manifests match what LMSs do."""
    folder = build_package(row, tmp_path)
    archive = zip_tree(folder, tmp_path / f"{row['name']}.zip")
    report = validate_package(archive, schemas=shared_dir() / "standards")
    folder_report = validate_package(folder, schemas=shared_dir() / "standards")
    codes = sorted({d.code for d in report.diagnostics if d.severity == "error"})
    warnings = [d for d in report.diagnostics if d.severity == "warning"]
    expected = REJECTED.get(row["name"])
    if expected:
        ok = expected in codes
        verdict = "rejected"
    else:
        # A snapshot that misses files the manifest names (CORPUS.md "package" column) can only
        # fail with missing-file errors; everything else must be clean.
        allowed = {c for c in codes if c.endswith(".missing-file")} if _snapshot_gaps(row) else set()
        ok = set(codes) <= allowed
        verdict = "accepted" + (" (gaps)" if allowed else "")
    only_missing = codes and all(c.endswith(".missing-file") for c in codes)
    got = "accepted" if not codes else "missing files only" if only_missing else "rejected"
    CORPUS_ROWS.append((row["kind"], row["name"], expected or verdict, got, str(len(codes)), str(len(warnings)),
                        ",".join(codes), "ok" if ok else "FAIL"))
    assert ok, "\n".join(str(d) for d in report.diagnostics)
    assert {d.code for d in folder_report.diagnostics if d.severity == "error"} == set(codes)


def test_corpus_is_complete() -> None:
    """Every manifest folder of the corpus is covered by a CORPUS.md row and a listing."""
    corpus = shared_dir() / "corpus"
    folders = {p.name for p in corpus.glob("*/*") if p.is_dir()}
    listings = json.loads((corpus / "LISTINGS.json").read_text(encoding="utf-8"))
    assert folders == {r["name"] for r in ROWS}
    assert folders <= set(listings)
    assert {n for n in folders if n.endswith("-BROKEN")} <= set(REJECTED)
