"""tincan.xml and cmi5.xml: schema-valid, accepted by the package validator, stable activity ids."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from xapi_helpers import course_with_every_question, make_unit

from refdata import shared_or_none
from sbfa_pack.builders.cmi5 import Cmi5Builder, cmi5_xml, mastery_score
from sbfa_pack.builders.xapi import XapiBuilder, tincan_xml
from sbfa_pack.unit import Unit
from sbfa_pack.xapi import activities, check_profile, profile

T = "{http://projecttincan.com/tincan.xsd}"


def _schema(shared: Path, name: str) -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(shared / "standards" / name)))


def test_tincan_xml_validates_against_tincan_xsd(shared: Path, unit: Unit) -> None:
    """XP-2: tincan.xml validates against the official tincan.xsd."""
    _schema(shared, "tincan/tincan.xsd").assertValid(etree.fromstring(tincan_xml(unit)))


def test_cmi5_xml_validates_against_course_structure_xsd(shared: Path, unit: Unit) -> None:
    """C5-2, C5-3: one AU per course and one per module both validate against CourseStructure.xsd."""
    schema = _schema(shared, "cmi5/CourseStructure.xsd")
    two_modules = course_with_every_question(modules=[
        *course_with_every_question().model_dump(mode="json")["modules"],
        {"id": "m2", "title": "Two", "lessons": [{"id": "p2", "kind": "page", "title": "P", "body": "x"}]}])
    for per_module in (False, True):
        doc = etree.fromstring(cmi5_xml(make_unit(two_modules), per_module=per_module))
        schema.assertValid(doc)
    aus = doc.findall("{*}au")
    assert [au.get("moveOn") for au in aus] == ["CompletedAndPassed", "Completed"]
    assert [au.get("masteryScore") for au in aus] == ["0.75", None]
    assert [au.findtext("{*}url") for au in aus] == ["index.html?module=m1", "index.html?module=m2"]


def test_first_activity_is_the_launchable_course(unit: Unit) -> None:
    """XP-3, XP-5, XP-6: the course is the first activity and the only one with <launch>."""
    doc = etree.fromstring(tincan_xml(unit))
    acts = doc.findall(f"{T}activities/{T}activity")
    assert acts[0].get("id") == "https://w3id.org/sbfa/courses/every-question"
    assert acts[0].get("type") == "http://adlnet.gov/expapi/activities/course"
    assert acts[0].findtext(f"{T}launch") == "index.html"
    assert [a for a in acts if a.find(f"{T}launch") is not None] == acts[:1]


def test_interaction_definitions_use_xapi_response_formats(unit: Unit) -> None:
    """XP-20: interaction type, correct response pattern and component lists per question type."""
    acts = {a.key: a.as_json() for a in activities(unit)}
    expected = {
        "sc": ("choice", ["rent"]), "mc": ("choice", ["vat[,]income"]), "tf": ("true-false", ["true"]),
        "fi": ("fill-in", ["Brreg", "Brønnøysund"]), "ma": ("matching", ["p1[.]p1[,]p2[.]p2"]),
        "or": ("sequencing", ["idea[,]plan[,]start"]), "nu": ("numeric", ["14.5[:]15.5"]),
    }
    for qid, (kind, pattern) in expected.items():
        d = acts[f"question:{qid}"]
        assert (d["interactionType"], d["correctResponsesPattern"]) == (kind, pattern), qid
        assert d["type"] == "http://adlnet.gov/expapi/activities/cmi.interaction"
    assert [c["id"] for c in acts["question:mc"]["choices"]] == ["vat", "rent", "income"]
    assert acts["question:sc"]["name"] == {"en": "Which is a fixed cost?"}  # Markdown stripped
    assert [c["id"] for c in acts["question:ma"]["target"]] == ["p1", "p2"]


def test_activity_ids_are_identical_across_languages_and_versions() -> None:
    """XP-4, XP-21: ids come from the base IRI, the course id and stable ids only."""
    en = [a.iri for a in activities(make_unit())]
    de = [a.iri for a in activities(make_unit(course_with_every_question(version="2.0.0", title="Jede"), "de"))]
    assert en == de
    assert len(set(en)) == len(en)
    assert all(i.startswith("https://w3id.org/sbfa/courses/every-question") for i in en)
    other = [a.iri for a in activities(make_unit(base_iri="https://sbfa.example.eu/xapi/"))]
    assert other[0] == "https://sbfa.example.eu/xapi/courses/every-question"


def test_language_maps_use_the_unit_language() -> None:
    acts = activities(make_unit(language="de"))
    assert all(set(a.as_json()["name"]) == {"de"} for a in acts)


def test_runtime_profile_is_valid_xapi_for_tincan(unit: Unit) -> None:
    """XP-15, XP-16: every verb and activity of the profile makes a statement tincan accepts."""
    data = profile(unit)
    assert check_profile(data) == []
    assert data["verbs"]["answered"]["id"] == "http://adlnet.gov/expapi/verbs/answered"
    assert data["activities"]["question:sc"]["parent"] == "lesson:quiz"
    # Non-interaction definitions are trimmed to keep statements small.
    assert set(data["activities"]["lesson:intro"]["definition"]) == {"type", "name"}
    broken = json.loads(json.dumps(data))
    broken["activities"]["course"]["id"] = "not an iri"
    broken["verbs"]["answered"]["display"] = "answered"
    assert check_profile(broken)


def test_mastery_score_from_pass_mark() -> None:
    """C5-3: masteryScore is a decimal in [0,1] with at most 4 places."""
    assert mastery_score(make_unit(course_with_every_question(success={
        "pass_mark": 66.666666, "quizzes": [{"quiz": "quiz"}]}))) == "0.6667"
    assert mastery_score(make_unit(course_with_every_question(success=None))) is None


@pytest.mark.parametrize("fmt", ["xapi", "cmi5"])
def test_built_packages_pass_validate_without_warnings(basic_packages: dict[str, Path], fmt: str) -> None:
    """XP-1, C5-1 and the validator's rules: no error and no warning, with the XSD layer on when
    ../shared (the only source of the Tin Can and cmi5 XSDs) is there."""
    from sbfa_pack.validate import validate_package

    shared = shared_or_none()
    for name, path in basic_packages.items():
        if not name.endswith(fmt):
            continue
        report = validate_package(path, schemas=shared / "standards" if shared else None)
        assert report.diagnostics == [], [str(d) for d in report.diagnostics]
        names = zipfile.ZipFile(path).namelist()
        assert ("tincan.xml" if fmt == "xapi" else "cmi5.xml") in names
        assert "xapi.json" in names


def test_no_credentials_or_endpoint_in_packages(basic_packages: dict[str, Path]) -> None:
    """No LRS endpoint, key or secret is ever written into a package (issue 4)."""
    for path in basic_packages.values():
        with zipfile.ZipFile(path) as z:
            text = b"".join(z.read(n) for n in z.namelist() if n.endswith((".json", ".xml", ".html")))
        for needle in (b"Basic ", b"password", b"secret", b"endpoint\":"):
            assert needle not in text, (path.name, needle)


def test_builders_are_deterministic(unit: Unit) -> None:
    assert XapiBuilder().files(unit) == XapiBuilder().files(unit)
    assert Cmi5Builder().files(unit)["cmi5.xml"] == Cmi5Builder().files(unit)["cmi5.xml"]
