"""SCORM 2004 (§5), Tin Can (§3.1) and cmi5 (§4) rules on small hand-written packages."""

from __future__ import annotations

from pathlib import Path

import pytest
from validate_helpers import write_tree, zip_tree

from refdata import shared_or_none
from sbfa_pack.validate import validate_package

S2004 = """<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="m1" version="1" xmlns="http://www.imsglobal.org/xsd/imscp_v1p1"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3" xmlns:imsss="http://www.imsglobal.org/xsd/imsss"
  xmlns:adlnav="http://www.adlnet.org/xsd/adlnav_v1p3">
  <metadata><schema>ADL SCORM</schema><schemaversion>2004 4th Edition</schemaversion></metadata>
  <organizations default="o1">
    <organization identifier="o1">
      <title>Course</title>
      <item identifier="i1" identifierref="r1">
        <title>Lesson</title>
        <imsss:sequencing>
          <imsss:objectives>
            <imsss:primaryObjective objectiveID="p" satisfiedByMeasure="true">
              <imsss:minNormalizedMeasure>0.8</imsss:minNormalizedMeasure>
            </imsss:primaryObjective>
          </imsss:objectives>
          <imsss:deliveryControls completionSetByContent="true" objectiveSetByContent="true"/>
        </imsss:sequencing>
      </item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="r1" type="webcontent" adlcp:scormType="sco" href="index.html">
      <file href="index.html"/>
    </resource>
  </resources>
</manifest>
"""

TINCAN = """<?xml version="1.0" encoding="utf-8"?>
<tincan xmlns="http://projecttincan.com/tincan.xsd">
  <activities>
    <activity id="https://example.org/courses/safety" type="http://adlnet.gov/expapi/activities/course">
      <name lang="en-US">Safety</name>
      <description lang="en-US">A course</description>
      <launch lang="en-US">index.html</launch>
    </activity>
  </activities>
</tincan>
"""

CMI5 = """<?xml version="1.0" encoding="utf-8"?>
<courseStructure xmlns="https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd">
  <course id="https://example.org/course/1">
    <title><langstring lang="en-US">Course</langstring></title>
    <description><langstring lang="en-US">About</langstring></description>
  </course>
  <block id="https://example.org/course/1/block/1">
    <title><langstring lang="en-US">Block</langstring></title>
    <description><langstring lang="en-US">Block</langstring></description>
    <au id="https://example.org/course/1/au/1" moveOn="CompletedOrPassed" masteryScore="0.8">
      <title><langstring lang="en-US">AU</langstring></title>
      <description><langstring lang="en-US">AU</langstring></description>
      <url>index.html</url>
    </au>
  </block>
</courseStructure>
"""

BASES = {"scorm2004": ("imsmanifest.xml", S2004), "tincan": ("tincan.xml", TINCAN), "cmi5": ("cmi5.xml", CMI5)}


def _report(tmp_path: Path, kind: str, old: str = "", new: str = "", *, schemas: Path | None = None):  # type: ignore[no-untyped-def]
    name, text = BASES[kind]
    assert old in text
    folder = write_tree(tmp_path / "pkg", {name: text.replace(old, new, 1), "index.html": "<html></html>"})
    return validate_package(zip_tree(folder, tmp_path / "pkg.zip"), schemas=schemas)


def _codes(report, severity: str = "error") -> set[str]:  # type: ignore[no-untyped-def]
    return {d.code for d in report.diagnostics if d.severity == severity}


@pytest.mark.parametrize("kind", sorted(BASES))
def test_reference_packages_are_clean(tmp_path: Path, kind: str, standards: Path) -> None:
    """S4-1…S4-3, XP-2…XP-6, C5-1…C5-3: small correct packages give no error and no warning (the Tin
    Can and cmi5 XSDs only when ../shared is there: no registry package carries them)."""
    shared = shared_or_none()
    schemas = standards if kind.startswith("scorm") else shared / "standards" if shared else None
    report = _report(tmp_path, kind, schemas=schemas)
    assert [d for d in report.diagnostics if d.severity != "note"] == []
    assert report.summary["units"] == 1
    assert report.summary["launch"] == "index.html"


def test_summary_of_each_format(tmp_path: Path) -> None:
    """The summary names the standard, the edition and the mastery score of each format."""
    s = _report(tmp_path, "scorm2004").summary
    assert (s["standard"], s["edition"], s["mastery_score"]) == ("SCORM 2004", "2004 4th Edition", "0.8")
    s = _report(tmp_path / "b", "cmi5").summary
    assert (s["standard"], s["unit_kind"], s["mastery_score"]) == ("cmi5", "AU", "0.8")
    s = _report(tmp_path / "c", "tincan").summary
    assert (s["standard"], s["title"]) == ("Tin Can (xAPI)", "Safety")


@pytest.mark.parametrize(
    ("kind", "old", "new", "code", "severity"),
    [
        ("scorm2004", "2004 4th Edition", "2004 4th edition", "lms.scorm-version", "warning"),
        ("scorm2004", ">0.8<", ">1.5<", "scorm2004.measure-range", "error"),
        ("scorm2004", 'adlcp:scormType="sco"', 'adlcp:scormtype="sco"', "scorm2004.scormtype", "error"),
        ("scorm2004", 'identifierref="r1"', 'identifierref="r2"', "scorm2004.identifierref", "error"),
        ("scorm2004", '<file href="index.html"/>', '<file href="gone.html"/>', "scorm2004.missing-file", "error"),
        ("scorm2004", "<imsss:deliveryControls", "<imsss:sequencingRules><imsss:preConditionRule><imsss:"
         "ruleConditions><imsss:ruleCondition condition=\"satisfied\"/></imsss:ruleConditions><imsss:ruleAction"
         " action=\"skip\"/></imsss:preConditionRule></imsss:sequencingRules><imsss:deliveryControls",
         "lms.sequencing", "warning"),
        ("scorm2004", "</title>\n        <imsss", "</title><adlcp:completionThreshold minProgressMeasure=\"2\"/>"
         "\n        <imsss", "scorm2004.measure-range", "error"),
        ("tincan", 'id="https://example.org/courses/safety"', 'id="example.org/courses/safety"',
         "tincan.activity-id", "warning"),
        ("tincan", 'id="https://example.org/courses/safety"', 'id="https://example.org/a b"',
         "tincan.activity-id", "error"),
        ("tincan", '<name lang="en-US">', '<name lang="english_US">', "tincan.language-tag", "error"),
        ("tincan", '<name lang="en-US">', '<name lang="en-US-abcdefghi">', "tincan.language-tag", "error"),
        ("tincan", '<name lang="en-US">', '<name lang="a-DE">', "tincan.language-tag", "warning"),
        ("tincan", '<launch lang="en-US">index.html</launch>', "", "tincan.no-launch", "error"),
        ("tincan", ">index.html<", ">start.html<", "tincan.missing-file", "error"),
        ("tincan", ">index.html<", ">index.html?x=1<", "lms.launch-query", "warning"),
        ("tincan", 'xmlns="http://projecttincan.com/tincan.xsd"', "", "tincan.namespace", "error"),
        ("cmi5", 'moveOn="CompletedOrPassed"', 'moveOn="completedOrPassed"', "cmi5.moveon", "error"),
        ("cmi5", 'masteryScore="0.8"', 'masteryScore="80"', "cmi5.masteryscore-range", "error"),
        ("cmi5", 'masteryScore="0.8"', 'masteryScore="0.12345"', "cmi5.masteryscore-range", "error"),
        ("cmi5", "<url>index.html</url>", "<url>index.html?endpoint=x</url>", "cmi5.url-reserved-param", "error"),
        ("cmi5", "<url>index.html</url>", "<url>other.html</url>", "cmi5.missing-file", "error"),
        ("cmi5", 'id="https://example.org/course/1/au/1"', 'id="https://example.org/course/1/block/1"',
         "cmi5.duplicate-id", "error"),
        ("cmi5", 'id="https://example.org/course/1"', 'id="course-1"', "cmi5.iri", "error"),
        ("cmi5", "https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd",
         "http://www.adlnet.gov/cmi5/CourseStructure.xsd", "cmi5.namespace", "error"),
        ("cmi5", '<langstring lang="en-US">AU</langstring>', '<langstring lang="en_US">AU</langstring>',
         "cmi5.language-tag", "error"),
        ("cmi5", 'moveOn="CompletedOrPassed"', 'launchMethod="NewWindow"', "cmi5.launchmethod", "error"),
    ],
)
def test_format_rules(tmp_path: Path, kind: str, old: str, new: str, code: str, severity: str) -> None:
    """S4-2, S4-3, S4-6, S4-9, XP-3…XP-6, C5-2, C5-3, C5-4: each broken rule has its own code."""
    assert code in _codes(_report(tmp_path, kind, old, new), severity)


def test_cmi5_without_zip_needs_absolute_urls(tmp_path: Path) -> None:
    """C5-3 / CATAPULT 202-x: a bare cmi5.xml with a relative AU url is refused."""
    bare = tmp_path / "cmi5.xml"
    bare.write_text(CMI5)
    assert "cmi5.relative-url-no-zip" in _codes(validate_package(bare))
    bare.write_text(CMI5.replace("<url>index.html</url>", "<url>https://example.org/au/index.html</url>"))
    report = validate_package(bare)
    assert _codes(report) == set()
    assert "package.manifest-only" in _codes(report, "note")


def test_xsd_layer_reports_schema_violations(tmp_path: Path, standards: Path) -> None:
    """CAM-15, S4-5: the official XSDs run offline as a second layer."""
    report = _report(tmp_path, "scorm2004", "<title>Lesson</title>", "<title>Lesson</title><bogus/>",
                     schemas=standards)
    assert "scorm2004.xsd" in _codes(report, "warning")


def test_cmi5_xsd_layer_reports_schema_violations(tmp_path: Path, all_standards: Path) -> None:
    """C5-2: CourseStructure.xsd (from ../shared) rejects an unknown element as an error."""
    report = _report(tmp_path / "c", "cmi5", "<url>index.html</url>", "<url>index.html</url><extra/>",
                     schemas=all_standards)
    assert "cmi5.xsd" in _codes(report)
