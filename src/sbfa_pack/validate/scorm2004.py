"""SCORM 2004 rules beyond IMS CP: edition strings, adlcp/imsss values, Moodle's limits (checklist §5)."""

from __future__ import annotations

from lxml import etree

from .cp import Cp, Flavour, moodle_version
from .model import Facts
from .rules import decimal
from .xmlsafe import line_of

CP_NS = "http://www.imsglobal.org/xsd/imscp_v1p1"
ADLCP_NS = "http://www.adlnet.org/xsd/adlcp_v1p3"
IMSSS_NS = "http://www.imsglobal.org/xsd/imsss"
ADLNAV_NS = "http://www.adlnet.org/xsd/adlnav_v1p3"
FLAVOUR = Flavour("scorm2004", CP_NS, ADLCP_NS, "scormType")

EDITIONS = {"2004 4th Edition": "2004 4th Edition", "2004 3rd Edition": "2004 3rd Edition",
            "CAM 1.3": "2004 2nd Edition", "2004 2nd Edition": "2004 2nd Edition"}
MEASURE_DEFAULT = "1.0"  # imsss_v1p0objective.xsd: minNormalizedMeasure default="1.0"
_TIME_LIMIT_ACTIONS = ("exit,message", "exit,no message", "continue,message", "continue,no message")
_HIDE_LMS_UI = {"previous", "continue", "exit", "exitAll", "abandon", "abandonAll", "suspendAll"}
# Sequencing parts Moodle does not implement (S4-9, MDL-19). deliveryControls and controlMode are
# read by Moodle and emitted by Storyline and Adapt for single-SCO courses, so they are left alone.
_ADVANCED_SEQUENCING = ("sequencingRules", "rollupRules", "limitConditions", "randomizationControls",
                        "mapInfo", "auxiliaryResources")


def check_metadata(cp: Cp, facts: Facts) -> None:
    """S4-2: the schemaversion string decides which API Moodle offers."""
    meta = cp.children(cp.root, "metadata")
    version = cp.text_of(meta[0], "schemaversion") if meta else None
    schema = cp.text_of(meta[0], "schema") if meta else None
    where = meta[0] if meta else cp.root
    facts.moodle_version = moodle_version(version)
    if version is None:
        facts.edition = "2004 (edition not stated)"
        # jcp-golf-noschemaversion-2nd: parsers accept it, but Moodle's regex then falls back to 1.2.
        cp.warning("schemaversion", "the manifest metadata has no <schemaversion>; write "
                   "'2004 4th Edition' (or '2004 3rd Edition')", where)
        cp.lms("scorm-version", "without a SCORM 2004 schemaversion Moodle treats the package as SCORM 1.2, "
               "offers window.API instead of API_1484_11, and the content never connects", where)
        _schema(cp, schema, where)
        return
    if version.strip() in EDITIONS:
        facts.edition = EDITIONS[version.strip()]
    else:
        facts.edition = f"2004 ({version.strip()})"
        cp.warning("schemaversion", f"<schemaversion> is '{version}'; use '2004 4th Edition' exactly", where)
    if facts.moodle_version != "SCORM_1.3":
        cp.lms("scorm-version", f"Moodle does not recognise schemaversion '{version}' (only '2004 3rd Edition', "
               "'2004 4th Edition', 'CAM 1.3' or '1.3', exactly) and runs the package as SCORM 1.2; the content "
               "will not find its API", where)
    _schema(cp, schema, where)


def _schema(cp: Cp, schema: str | None, where: etree._Element) -> None:
    if schema is not None and schema.strip() != "ADL SCORM":
        cp.warning("schema", f"<schema> is '{schema}'; SCORM packages say 'ADL SCORM'", where)


def check_extensions(cp: Cp, facts: Facts) -> None:
    """adlcp, imsss and adlnav values the lax imscp wildcard lets through unvalidated (S4-3, S4-6)."""
    bound = cp.root.nsmap.get("adlcp")
    if bound and bound != ADLCP_NS:
        cp.warning("adlcp-namespace", f"prefix adlcp is bound to '{bound}', not the SCORM 2004 namespace "
                   f"'{ADLCP_NS}'; LMSs ignore adlcp:scormType and treat resources as assets", cp.root)
    for el in cp.root.iter(f"{{{ADLCP_NS}}}*"):
        local = etree.QName(el).localname
        value = (el.text or "").strip()
        if local == "timeLimitAction" and value not in _TIME_LIMIT_ACTIONS:
            cp.error("timelimitaction", f"timeLimitAction '{value}' must be one of "
                     + ", ".join(_TIME_LIMIT_ACTIONS), el)
        elif local == "dataFromLMS" and len(value) > 4000:
            cp.error("datafromlms", "dataFromLMS is longer than 4000 characters", el)
        elif local == "completionThreshold":
            _range(cp, el, "minProgressMeasure", 0, 1)
            _range(cp, el, "progressWeight", 0, 1)
    for el in cp.root.iter(f"{{{IMSSS_NS}}}minNormalizedMeasure"):
        _range_text(cp, el, -1, 1)
    for el in cp.root.iter(f"{{{ADLNAV_NS}}}hideLMSUI"):
        if (el.text or "").strip() not in _HIDE_LMS_UI:
            cp.error("hidelmsui", f"hideLMSUI '{el.text or ''}' is not one of " + ", ".join(sorted(_HIDE_LMS_UI)), el)
    advanced = [el for name in _ADVANCED_SEQUENCING for el in cp.root.iter(f"{{{IMSSS_NS}}}{name}")]
    if advanced:
        first = min(advanced, key=line_of)
        cp.lms("sequencing", "the manifest uses SCORM 2004 sequencing rules (" + etree.QName(first).localname
               + "); Moodle implements only part of sequencing and may ignore them", first)
    for item in cp.root.iter(cp.q("item")):
        if item.get("identifierref") and cp.children(item, "item"):
            cp.warning("container-identifierref", f"item '{item.get('identifier', '')}' has children and also "
                       "refers to a resource; in SCORM 2004 only leaf items launch content", item)
    _mastery(cp, facts)


def _mastery(cp: Cp, facts: Facts) -> None:
    """A passing score is the primary objective's minNormalizedMeasure when satisfiedByMeasure is true."""
    for unit in facts.units:
        item = cp.ids.get(unit.ident)
        if item is None:
            continue
        for obj in item.iter(f"{{{IMSSS_NS}}}primaryObjective"):
            measure = obj.find(f"{{{IMSSS_NS}}}minNormalizedMeasure")
            if obj.get("satisfiedByMeasure") == "true" and measure is not None:
                unit.mastery = (measure.text or "").strip() or MEASURE_DEFAULT


def _range(cp: Cp, el: etree._Element, attr: str, low: int, high: int) -> None:
    value = el.get(attr)
    if value is None:
        return
    number = decimal(value.strip())
    if number is None or not low <= number <= high:
        cp.error("measure-range", f"{attr} '{value}' must be a number from {low} to {high}", el)


def _range_text(cp: Cp, el: etree._Element, low: int, high: int) -> None:
    text = (el.text or "").strip()
    if not text:
        return  # an empty element (Adobe Presenter) takes the schema default, MEASURE_DEFAULT
    number = decimal(text)
    if number is None or not low <= number <= high:
        cp.error("measure-range", f"minNormalizedMeasure '{el.text}' must be a number from {low} to {high}", el)
