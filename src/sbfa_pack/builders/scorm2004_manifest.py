"""The ``imsmanifest.xml`` of a SCORM 2004 4th Edition package, built as a tree with lxml.

Rules cited from shared/notes/standards-checklist.md: the 2004 namespaces with the exact prefixes
Moodle matches (S4-1); ``ADL SCORM`` / ``2004 4th Edition`` (S4-2); ``adlcp:scormType`` with a capital
T (S4-3); no ``adlcp:masteryscore`` but a primary objective ``satisfiedByMeasure`` with the pass mark
as ``minNormalizedMeasure`` (S4-6); simple sequencing only (S4-7, S4-9): ``controlMode`` flow and
choice on the organization, ``deliveryControls`` saying the content sets completion and
satisfaction, objectives per module; no sequencing or rollup rules, which LMSs implement
differently (Moodle only in part). Identifiers, item parameters and the file list are those of the
SCORM 1.2 manifest (CAM-17, CAM-28, CAM-39).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from typing import Any
from urllib.parse import quote

from lxml import etree

from ..unit import Unit
from .scorm12_manifest import Sco, _el

CP = "http://www.imsglobal.org/xsd/imscp_v1p1"
ADLCP = "http://www.adlnet.org/xsd/adlcp_v1p3"
ADLSEQ = "http://www.adlnet.org/xsd/adlseq_v1p3"
ADLNAV = "http://www.adlnet.org/xsd/adlnav_v1p3"
IMSSS = "http://www.imsglobal.org/xsd/imsss"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
SCHEMA_FILES = ("imscp_v1p1.xsd", "adlcp_v1p3.xsd", "adlseq_v1p3.xsd", "adlnav_v1p3.xsd", "imsss_v1p0.xsd")
EDITION = "2004 4th Edition"


def measure_text(pass_mark: float) -> str:
    """The pass mark as a ``minNormalizedMeasure`` (0..1), rounded *up* to four decimals.

    The adapter reports ``cmi.score.scaled`` rounded down to four decimals, so the LMS's
    "scaled >= measure" is the course's "score >= pass mark" for every pass mark on that grid
    (as :func:`.scorm12_manifest.mastery_text` does for SCORM 1.2)."""
    value = math.ceil(round(pass_mark * 100, 6)) / 10000
    return f"{value:.4f}".rstrip("0").rstrip(".") if value else "0"


def objective_id(module_id: str) -> str:
    """The id of a module's objective, in the manifest and in ``cmi.objectives.n.id``."""
    return f"module.{module_id}"


def course_objective_id(unit: Unit) -> str:
    return f"course.{unit.course.id}"


def _seq(parent: etree._Element) -> etree._Element:
    return _el(parent, f"{{{IMSSS}}}sequencing")


def _objectives(seq: etree._Element, primary: str, measure: str | None, secondary: Sequence[str]) -> None:
    objectives = _el(seq, f"{{{IMSSS}}}objectives")
    prim = _el(objectives, f"{{{IMSSS}}}primaryObjective", objectiveID=primary)
    if measure is not None:
        prim.set("satisfiedByMeasure", "true")
        _el(prim, f"{{{IMSSS}}}minNormalizedMeasure", measure)
    for ident in secondary:
        _el(objectives, f"{{{IMSSS}}}objective", objectiveID=ident)


def _item_sequencing(item: etree._Element, primary: str, measure: str | None, secondary: Sequence[str],
                     assessed_elsewhere: bool) -> None:
    seq = _seq(item)
    _objectives(seq, primary, measure, secondary)
    # S4-7: the SCO sets completion and (when it is assessed) satisfaction itself. A module SCO
    # without a graded quiz leaves satisfaction to the LMS, which counts it satisfied when the
    # learner leaves it: the course's satisfaction then depends on the graded modules only.
    _el(seq, f"{{{IMSSS}}}deliveryControls", completionSetByContent="true",
        objectiveSetByContent="false" if assessed_elsewhere and measure is None else "true")


def manifest_xml(unit: Unit, scos: Sequence[Sco], files: Iterable[str], pass_mark: float | None) -> bytes:
    """The manifest of ``unit``: one item per SCO (the course, or one per module), one SCO resource."""
    c = unit.course
    nsmap: Any = {None: CP, "adlcp": ADLCP, "adlseq": ADLSEQ, "adlnav": ADLNAV, "imsss": IMSSS, "xsi": XSI}
    root = etree.Element(f"{{{CP}}}manifest", nsmap=nsmap)
    root.set("identifier", f"sbfa.{c.id}.{unit.language}")
    root.set("version", c.version[:20])
    meta = _el(root, f"{{{CP}}}metadata")
    _el(meta, f"{{{CP}}}schema", "ADL SCORM")
    _el(meta, f"{{{CP}}}schemaversion", EDITION)
    org_id = f"org-{c.id}"
    orgs = _el(root, f"{{{CP}}}organizations", default=org_id)
    org = _el(orgs, f"{{{CP}}}organization", identifier=org_id, structure="hierarchical")
    _el(org, f"{{{CP}}}title", c.title[:200])
    res_id = f"res-{c.id}"
    measure = measure_text(pass_mark) if pass_mark is not None else None
    single = len(scos) == 1
    for sco in scos:
        item = _el(org, f"{{{CP}}}item", identifier=f"item-{sco.ident}", identifierref=res_id, isvisible="true")
        if sco.parameters:
            item.set("parameters", sco.parameters)
        _el(item, f"{{{CP}}}title", sco.title[:200])
        # The course is complete when the content says so; progress_measure reaches 1 exactly then.
        _el(item, f"{{{ADLCP}}}completionThreshold", completedByMeasure="true", minProgressMeasure="1")
        if single:
            _item_sequencing(item, course_objective_id(unit), measure if sco.mastery is not None else None,
                             [objective_id(m.id) for m in c.modules] if len(c.modules) > 1 else [], False)
        else:
            _item_sequencing(item, objective_id(sco.ident.removeprefix(f"{c.id}-")),
                             measure if sco.mastery is not None else None, [], measure is not None)
    seq = _seq(org)
    _el(seq, f"{{{IMSSS}}}controlMode", choice="true", flow="true")
    if single and measure is not None:
        # The course's primary objective: satisfied by the measure rolled up from its one SCO.
        _objectives(seq, course_objective_id(unit), measure, [])
    resources = _el(root, f"{{{CP}}}resources")
    res = _el(resources, f"{{{CP}}}resource", identifier=res_id, type="webcontent", href="index.html")
    res.set(f"{{{ADLCP}}}scormType", "sco")
    for name in sorted(set(files) - {"imsmanifest.xml"}):
        _el(res, f"{{{CP}}}file", href=quote(name, safe="/"))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
