"""Which SCORM version Moodle stores for a manifest (Issue 17 item 18; CAM-19, S4-2, MDL-4).

Moodle's scorm_get_manifest (mod/scorm/datamodels/scormlib.php) reads only the manifest's
<schemaversion>, whatever its namespace: '1.2' → SCORM_1.2; '1.3', 'CAM 1.3', '2004 3rd Edition',
'2004 4th Edition' → SCORM_1.3 (API_1484_11 only); anything else, or none → SCORM_1.2.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from test_formats import S2004
from validate_helpers import minimal12_files, write_tree, zip_tree

from sbfa_pack.validate import validate_package
from sbfa_pack.validate.cp import moodle_version

_V12 = "<schemaversion>1.2</schemaversion>"


@pytest.mark.parametrize(("text", "stored"), [
    ("1.2", "SCORM_1.2"), ("1.3", "SCORM_1.3"), ("CAM 1.3", "SCORM_1.3"), ("2004 3rd Edition", "SCORM_1.3"),
    ("2004 4th Edition", "SCORM_1.3"), ("2004 2nd Edition", "SCORM_1.2"), (None, "SCORM_1.2"), ("", "SCORM_1.2"),
    ("1.2.1", "SCORM_1.2"), (" 1.3", "SCORM_1.2"), ("2004 4th edition", "SCORM_1.2"), ("CAM 1.2", "SCORM_1.2"),
])
def test_moodle_version_follows_scormlib(text: str | None, stored: str) -> None:
    """Issue 17 item 18: the same regular expressions as Moodle, exact match, no trimming."""
    assert moodle_version(text) == stored


def _scorm12(tmp_path: Path, version: str | None):  # type: ignore[no-untyped-def]
    files = minimal12_files()
    text = files["imsmanifest.xml"].decode()
    assert _V12 in text
    files["imsmanifest.xml"] = text.replace(_V12, "" if version is None else f"<schemaversion>{version}"
                                            "</schemaversion>").encode()
    return validate_package(zip_tree(write_tree(tmp_path / "p", files), tmp_path / "p.zip"))


@pytest.mark.parametrize(("version", "error", "warning", "line"), [
    ("1.2", None, None, "Moodle stores it as SCORM_1.2 and offers the SCO the SCORM 1.2 API (window.API)."),
    ("1.3", "lms.scorm-version-2004", None, "Moodle stores it as SCORM_1.3"),
    ("CAM 1.3", "lms.scorm-version-2004", None, "Moodle stores it as SCORM_1.3"),
    ("2004 3rd Edition", "lms.scorm-version-2004", None, "Moodle stores it as SCORM_1.3"),
    ("2004 4th Edition", "lms.scorm-version-2004", None, "Moodle stores it as SCORM_1.3"),
    (None, None, "scorm12.schemaversion", "Moodle stores it as SCORM_1.2 and offers"),
    ("1.1", None, "scorm12.schemaversion", "Moodle stores it as SCORM_1.2 and offers"),
])
def test_scorm12_verdict_and_summary_follow_moodle(tmp_path: Path, version: str | None, error: str | None,
                                                   warning: str | None, line: str) -> None:
    """Issue 17 item 18: a SCORM 1.2 package Moodle would run as SCORM 2004 is an error (nothing tracked),
    and the summary says which API Moodle offers."""
    report = _scorm12(tmp_path, version)
    errors = {d.code for d in report.diagnostics if d.severity == "error"}
    warnings = {d.code for d in report.diagnostics if d.severity == "warning"}
    assert errors == ({error} if error else set()), report.diagnostics
    assert warnings == ({warning} if warning else set()), report.diagnostics
    lms = [str(x) for x in report.summary["lms_view"]]  # type: ignore[attr-defined]
    assert any(x.startswith(line) for x in lms), lms
    if error:
        assert "offers only the SCORM 2004 API (API_1484_11): this SCORM 1.2 SCO finds no API" in " ".join(lms)
        assert not report.ok


@pytest.mark.parametrize(("version", "lms_warning", "stored"), [
    ("2004 4th Edition", False, "SCORM_1.3"), ("2004 3rd Edition", False, "SCORM_1.3"),
    ("CAM 1.3", False, "SCORM_1.3"), ("1.3", False, "SCORM_1.3"),
    ("2004 2nd Edition", True, "SCORM_1.2"), ("1.2", True, "SCORM_1.2"),
])
def test_scorm2004_summary_follows_moodle(tmp_path: Path, version: str, lms_warning: bool, stored: str) -> None:
    """Issue 17 item 18: '1.3' is read as SCORM 2004 by Moodle; '2004 2nd Edition' is not (SCORM_1.2)."""
    text = S2004.replace("2004 4th Edition", version, 1)
    folder = write_tree(tmp_path / "p", {"imsmanifest.xml": text, "index.html": "<html></html>"})
    report = validate_package(zip_tree(folder, tmp_path / "p.zip"))
    assert ("lms.scorm-version" in {d.code for d in report.diagnostics}) is lms_warning
    lms = " ".join(str(x) for x in report.summary["lms_view"])  # type: ignore[attr-defined]
    assert f"Moodle stores it as {stored}" in lms
