"""SCORM 1.2 rules beyond IMS CP: metadata strings and the adlcp item elements (CAM-19, CAM-29…CAM-34)."""

from __future__ import annotations

import re

from lxml import etree

from .cp import Cp, Flavour, moodle_version
from .model import Facts
from .rules import decimal
from .xmlsafe import pos

CP_NS = "http://www.imsproject.org/xsd/imscp_rootv1p1p2"
ADLCP_NS = "http://www.adlnet.org/xsd/adlcp_rootv1p2"
FLAVOUR = Flavour("scorm12", CP_NS, ADLCP_NS, "scormtype")

_TIMESPAN = re.compile(r"^\d{2,4}:\d{2}:\d{2}(\.\d{1,2})?$")
_TIME_LIMIT_ACTIONS = ("exit,message", "exit,no message", "continue,message", "continue,no message")
_KNOWN = {"masteryscore", "maxtimeallowed", "timelimitaction", "datafromlms", "prerequisites", "location"}


def check_metadata(cp: Cp, facts: Facts) -> None:
    """CAM-19: <metadata><schema>ADL SCORM</schema><schemaversion>1.2</schemaversion>."""
    facts.edition = "1.2"
    meta = cp.children(cp.root, "metadata")
    schema = cp.text_of(meta[0], "schema") if meta else None
    version = cp.text_of(meta[0], "schemaversion") if meta else None
    where = meta[0] if meta else cp.root
    facts.moodle_version = moodle_version(version)
    if version is None:
        # ludiscape-scormfile has no schema/schemaversion and Moodle imports it (it assumes 1.2).
        cp.warning("schemaversion", "the manifest metadata has no <schemaversion>; LMSs assume SCORM 1.2, "
                   "but write <schemaversion>1.2</schemaversion>", where)
    elif facts.moodle_version == "SCORM_1.3":
        # Moodle 4.5 stores such a package as SCORM_1.3 and offers only API_1484_11: the SCO's
        # LMSInitialize never happens and nothing is tracked.
        cp.diags.error("lms.scorm-version-2004", f"<schemaversion> is '{version}', so Moodle runs this SCORM 1.2 "
                       "package as SCORM 2004 and offers only API_1484_11; the content finds no SCORM 1.2 API "
                       "and nothing is tracked. Write <schemaversion>1.2</schemaversion>", cp.file, *pos(where))
    elif version != "1.2":
        cp.warning("schemaversion", f"<schemaversion> is '{version}'; SCORM 1.2 packages say '1.2'", where)
    if schema is None:
        if version is not None:
            cp.warning("schema", "the manifest metadata has no <schema>; write <schema>ADL SCORM</schema>", where)
    elif schema.strip() != "ADL SCORM":
        cp.warning("schema", f"<schema> is '{schema}'; SCORM packages say 'ADL SCORM'", where)


def check_adlcp(cp: Cp, facts: Facts) -> None:
    """Values of the adlcp elements on items, which the 1.2 XSD leaves as free strings."""
    mastery_by_item: dict[str, str] = {}
    for el in cp.root.iter(f"{{{ADLCP_NS}}}*"):
        if not isinstance(el.tag, str):
            continue
        local = etree.QName(el).localname
        value = el.text or ""
        if local not in _KNOWN:
            hint = next((k for k in _KNOWN if k == local.lower()), None)
            # jcp-prerequisites writes the 2004 spelling adlcp:dataFromLMS in a 1.2 manifest; Moodle
            # upper-cases names and reads it, strict LMSs ignore it: a warning.
            extra = f" (SCORM 1.2 spells it adlcp:{hint})" if hint else ""
            cp.warning("adlcp-element", f"adlcp:{local} is not a SCORM 1.2 element{extra}; LMSs will ignore it",
                       el)
            continue
        if local == "masteryscore":
            _mastery(cp, el, value, mastery_by_item)
        elif local == "maxtimeallowed" and not _TIMESPAN.match(value):
            cp.error("maxtimeallowed", f"maxtimeallowed '{value}' is not a time span like 0001:30:00", el)
        elif local == "timelimitaction" and value not in _TIME_LIMIT_ACTIONS:
            cp.error("timelimitaction", f"timelimitaction '{value}' must be one of: "
                     + ", ".join(_TIME_LIMIT_ACTIONS) + " (no space after the comma)", el)
        elif local == "datafromlms" and len(value) > 255:
            cp.error("datafromlms", "datafromlms is longer than 255 characters (cmi.launch_data limit)", el)
        elif local == "prerequisites" and el.get("type") != "aicc_script":
            cp.error("prerequisites", "adlcp:prerequisites needs type=\"aicc_script\"; LMSs ignore it otherwise",
                     el)
    for unit in facts.units:
        unit.mastery = mastery_by_item.get(unit.ident)


def _mastery(cp: Cp, el: etree._Element, value: str, found: dict[str, str]) -> None:
    number = decimal(value.strip())
    if number is None or not 0 <= number <= 100:
        cp.error("masteryscore-range", f"masteryscore '{value}' must be a number from 0 to 100; LMSs copy it "
                 "to cmi.student_data.mastery_score and reject other values", el)
        return
    if value != value.strip():
        cp.warning("masteryscore-range", f"masteryscore '{value}' has spaces around the number", el)
    parent = el.getparent()
    if parent is not None and parent.get("identifier"):
        found[parent.get("identifier", "")] = value.strip()


def check_entities(cp: Cp, text: bytes) -> None:
    """CAM-34: Moodle escapes '&#' before parsing, so character references show up literally."""
    if b"&#" in text:
        line = text[: text.index(b"&#")].count(b"\n") + 1
        cp.diags.warning("lms.char-reference", "the manifest uses numeric character references (&#...;); "
                         "Moodle shows them literally in titles. Write the characters in UTF-8", cp.file, line)
