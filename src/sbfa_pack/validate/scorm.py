"""Checking an imsmanifest.xml: pick the SCORM edition from its namespace, then run the rule layers."""

from __future__ import annotations

from lxml import etree

from ..diagnostics import Diagnostics
from . import scorm12, scorm2004
from .container import Package
from .cp import Cp, check_structure
from .cpfiles import check_files
from .model import Facts
from .xmlsafe import Parsed, pos

SCORM12_NS = scorm12.CP_NS
SCORM2004_NS = scorm2004.CP_NS


def check_scorm(parsed: Parsed, file: str, pkg: Package | None, manifest_name: str,
                diags: Diagnostics) -> Facts | None:
    """Run the SCORM 1.2 or 2004 rules on a parsed manifest; None when it is not a SCORM manifest."""
    root = parsed.root
    qname = etree.QName(root)
    if qname.namespace == SCORM12_NS:
        flavour, standard = scorm12.FLAVOUR, "SCORM 1.2"
    elif qname.namespace == SCORM2004_NS:
        flavour, standard = scorm2004.FLAVOUR, "SCORM 2004"
    else:
        fam = "scorm2004" if b"2004" in parsed.text else "scorm12"
        diags.error(f"{fam}.namespace", f"the <manifest> element is in namespace '{qname.namespace or ''}'; "
                    f"SCORM 1.2 uses '{SCORM12_NS}' and SCORM 2004 '{SCORM2004_NS}' as the default namespace",
                    file, *pos(root))
        return None
    facts = Facts(standard=standard, manifest=manifest_name)
    cp = Cp(root, flavour, file, diags)
    if flavour is scorm12.FLAVOUR:
        scorm12.check_metadata(cp, facts)
    else:
        scorm2004.check_metadata(cp, facts)
    check_structure(cp, facts)
    if flavour is scorm12.FLAVOUR:
        scorm12.check_adlcp(cp, facts)
    else:
        scorm2004.check_extensions(cp, facts)
    scorm12.check_entities(cp, parsed.text)
    if pkg is not None:
        check_files(cp, pkg, manifest_name)
    _lms_view(facts)
    return facts


def _lms_view(facts: Facts) -> None:
    """What Moodle stores and launches (MDL-4, MDL-6, CAM-29 mastery override)."""
    scos = [u for u in facts.units if u.kind == "sco"]
    if not facts.units:
        facts.lms_lines.append("An LMS will find nothing to launch.")
        return
    first = facts.units[0]
    facts.lms_lines.append(
        f"An LMS will list {len(facts.units)} launchable item(s) ({len(scos)} SCO, "
        f"{len(facts.units) - len(scos)} asset) and start with '{first.title}' ({first.launch}).")
    if facts.standard == "SCORM 1.2" and facts.mastery is not None:
        facts.lms_lines.append(
            f"Moodle passes mastery score {facts.mastery} to the SCO and, with mastery override on (default), "
            "sets passed/failed from cmi.core.score.raw at LMSFinish.")
    wanted = "SCORM_1.2" if facts.standard == "SCORM 1.2" else "SCORM_1.3"
    api = {"SCORM_1.2": "the SCORM 1.2 API (window.API)", "SCORM_1.3": "the SCORM 2004 API (API_1484_11)"}
    if facts.moodle_version == wanted:
        facts.lms_lines.append(f"Moodle stores it as {wanted} and offers the SCO {api[wanted]}.")
    else:
        facts.lms_lines.append(
            f"Moodle stores it as {facts.moodle_version} (from its <schemaversion>) and offers only "
            f"{api[facts.moodle_version]}: this {facts.standard} SCO finds no API and nothing is tracked.")
