"""SCORM 1.2 manifest rules (checklist §1.3–1.5) on a minimal hand-written package and its mutations."""

from __future__ import annotations

from pathlib import Path

import pytest
from validate_helpers import minimal12_files, write_tree, zip_tree

from sbfa_pack.diagnostics import Diagnostic
from sbfa_pack.validate import validate_package


def _validate(tmp_path: Path, replace: tuple[str, str] | None = None, extra: dict[str, bytes] | None = None,
              drop: str | None = None) -> list[Diagnostic]:
    files = minimal12_files()
    if replace:
        text = files["imsmanifest.xml"].decode()
        assert replace[0] in text, replace[0]
        files["imsmanifest.xml"] = text.replace(replace[0], replace[1]).encode()
    files.update(extra or {})
    if drop:
        del files[drop]
    folder = write_tree(tmp_path / "pkg", files)
    return validate_package(zip_tree(folder, tmp_path / "pkg.zip")).diagnostics


def _codes(diags: list[Diagnostic], severity: str = "error") -> set[str]:
    return {d.code for d in diags if d.severity == severity}


def test_minimal_package_has_no_warnings(tmp_path: Path, standards: Path) -> None:
    """CAM-1, CAM-10, CAM-11, CAM-19, CAM-21, CAM-25, CAM-29, CAM-37, CAM-39: the reference package is clean."""
    folder = write_tree(tmp_path / "pkg", minimal12_files())
    for target in (folder, zip_tree(folder, tmp_path / "pkg.zip")):
        for schemas in (None, standards):
            report = validate_package(target, schemas=schemas)
            assert [d for d in report.diagnostics if d.severity != "note"] == [], report.diagnostics
    report = validate_package(tmp_path / "pkg.zip", schemas=standards)
    assert report.summary["standard"] == "SCORM 1.2"
    assert report.summary["units"] == 1
    assert report.summary["launch"] == "index.html"
    assert report.summary["mastery_score"] == "80"
    assert "run with schemas" in str(report.summary["schema_check"])


def test_dangling_identifierref_is_located(tmp_path: Path) -> None:
    """CAM-25: every identifierref names a resource; the diagnostic points at the item's line."""
    diags = _validate(tmp_path, ('identifierref="RES-1"', 'identifierref="RES-9"'))
    found = [d for d in diags if d.code == "scorm12.identifierref"]
    assert len(found) == 1
    assert found[0].line == 12
    assert found[0].file.endswith("pkg.zip!imsmanifest.xml")
    assert "'ITEM-1' refers to resource 'RES-9', which does not exist" in found[0].message


@pytest.mark.parametrize(
    ("replace", "code"),
    [
        (("<file href=\"js/runtime.js\"/>", "<file href=\"js/missing.js\"/>"), "scorm12.missing-file"),
        (("<adlcp:masteryscore>80<", "<adlcp:masteryscore>150<"), "scorm12.masteryscore-range"),
        (("<adlcp:masteryscore>80<", "<adlcp:masteryscore>eighty<"), "scorm12.masteryscore-range"),
        (('identifier="ITEM-1"', 'identifier="RES-1"'), "scorm12.duplicate-id"),
        (('href="index.html">', 'href="/index.html">'), "scorm12.href-absolute"),
        (('adlcp:scormtype="sco"', 'adlcp:scormtype="SCO"'), "scorm12.scormtype"),
        (('adlcp:scormtype="sco"', 'adlcp:scormType="sco"'), "scorm12.scormtype"),
        (('type="webcontent" ', ""), "scorm12.missing-attribute"),
        (('<organization identifier="ORG-1">', "<organization>"), "scorm12.missing-attribute"),
        (("</title>\n        <adlcp", "</title>\n        <adlcp:timelimitaction>exit, message</adlcp:timelimitaction>"
          "\n        <adlcp"), "scorm12.timelimitaction"),
        (("</title>\n        <adlcp", "</title>\n        <adlcp:maxtimeallowed>90 minutes</adlcp:maxtimeallowed>"
          "\n        <adlcp"), "scorm12.maxtimeallowed"),
        (('isvisible="true"', 'isvisible="maybe"'), "scorm12.isvisible"),
        (("<resources>", "<resources>\n    <resource identifier=\"R2\" type=\"webcontent\" "
          "adlcp:scormtype=\"asset\" href=\"index.html\"><dependency identifierref=\"NOPE\"/></resource>"),
         "scorm12.dependency"),
        (('href="index.html">', 'href="../index.html">'), "scorm12.href-escape"),
    ],
)
def test_rule_errors(tmp_path: Path, replace: tuple[str, str], code: str) -> None:
    """CAM-5, CAM-17, CAM-27, CAM-29…CAM-31, CAM-36…CAM-39: each broken rule has its own error code."""
    assert code in _codes(_validate(tmp_path, replace))


def test_missing_launch_file_suggests_case(tmp_path: Path) -> None:
    """CAM-5: names are compared case-sensitively, with a hint when only the case differs."""
    diags = _validate(tmp_path, extra={"Index.html": b""}, drop="index.html")
    found = [d for d in diags if d.code == "scorm12.missing-file"]
    assert found and "the package has 'Index.html'" in found[0].message


@pytest.mark.parametrize(
    ("replace", "extra", "code"),
    [
        (None, {"notes.txt": b"x"}, "scorm12.unlisted-file"),
        (('default="ORG-1"', 'default="ORG-X"'), None, "scorm12.default-organization"),
        (("<schemaversion>1.2</schemaversion>", "<schemaversion>1.2.1</schemaversion>"), None,
         "scorm12.schemaversion"),
        (("<schema>ADL SCORM</schema>", "<schema>SCORM</schema>"), None, "scorm12.schema"),
        (('isvisible="true"', 'isvisible="1"'), None, "lms.isvisible"),
        (('href="index.html">', 'href="index.html?lang=en">'), None, "lms.launch-query"),
        (('identifier="ITEM-1"', 'identifier="1-item"'), None, "lms.xs-id"),
        (("<title>Lesson 1</title>", "<title>Le&#231;on 1</title>"), None, "lms.char-reference"),
        (('xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2"', 'xmlns:adl="http://www.adlnet.org/xsd/'
          'adlcp_rootv1p2" xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2"'), None, None),
        (('adlcp:scormtype="sco"', 'adlcp:scormtype="asset"'), None, "scorm12.no-sco"),
        (None, {"my file.html": b""}, "lms.file-name"),
        (None, {"caf\u00e9.html": b""}, "lms.file-name"),
        (None, {"course.cst": b""}, "lms.aicc-file"),
        (None, {"__MACOSX/._imsmanifest.xml": b""}, "zip.extra-manifest"),
    ],
)
def test_rule_warnings(tmp_path: Path, replace: tuple[str, str] | None, extra: dict[str, bytes] | None,
                       code: str | None) -> None:
    """CAM-4, CAM-6, CAM-8, CAM-17, CAM-19, CAM-21, CAM-27, CAM-34: deviations LMSs accept are warnings."""
    diags = _validate(tmp_path, replace, extra)
    assert _codes(diags) == set(), diags
    if code:
        assert code in _codes(diags, "warning")


def test_prefix_other_than_adlcp_is_flagged(tmp_path: Path) -> None:
    """CAM-11: Moodle matches the literal 'adlcp:' prefix."""
    diags = _validate(tmp_path, ('xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2">',
                                 'xmlns:adl="http://www.adlnet.org/xsd/adlcp_rootv1p2">'))
    text = minimal12_files()["imsmanifest.xml"].decode()
    assert "adlcp:" in text
    assert "xml.not-well-formed" in _codes(diags)  # the adlcp prefix is now unbound: not XML


def test_other_prefix_warning(tmp_path: Path) -> None:
    """CAM-11: an ADL element under another prefix is invisible to Moodle."""
    diags = _validate(tmp_path, ("<adlcp:masteryscore>80</adlcp:masteryscore>",
                                 '<x:masteryscore xmlns:x="http://www.adlnet.org/xsd/adlcp_rootv1p2">80'
                                 "</x:masteryscore>"))
    assert "lms.adlcp-prefix" in _codes(diags, "warning")


def test_wrong_namespace_is_an_error(tmp_path: Path) -> None:
    """CAM-10: the IMS CP 1.1.2 namespace is the default namespace of a SCORM 1.2 manifest."""
    diags = _validate(tmp_path, ('xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"', 'xmlns="urn:x"'))
    assert "scorm12.namespace" in _codes(diags)
