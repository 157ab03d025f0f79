"""tincan.xml (Rustici "Tin Can launch" packages, checklist §3.1 XP-1…XP-6)."""

from __future__ import annotations

from lxml import etree

from ..diagnostics import Diagnostics
from .container import Package
from .model import Facts, Unit
from .rules import has_scheme, iri_problem, language_tag_problem, package_path, scheme_problem
from .xmlsafe import Parsed, pos

NS = "http://projecttincan.com/tincan.xsd"
_COURSE_TYPE = "http://adlnet.gov/expapi/activities/course"


def _q(local: str) -> str:
    return f"{{{NS}}}{local}"


def check_tincan(parsed: Parsed, file: str, pkg: Package | None, diags: Diagnostics) -> Facts:
    """Structure, activity ids, language tags and the launch file of a tincan.xml."""
    facts = Facts(standard="Tin Can (xAPI)", edition="", manifest="tincan.xml")
    root = parsed.root
    if etree.QName(root).namespace != NS:
        diags.error("tincan.namespace", f"<tincan> must be in namespace '{NS}' (xmlns=\"{NS}\"); LMSs that "
                    "validate it will refuse the package", file, *pos(root))
    kids = [c for c in root if isinstance(c.tag, str)]
    if not kids or etree.QName(kids[0]).localname != "activities":
        diags.error("tincan.structure", "the first element inside <tincan> must be <activities> "
                    "(mod_tincanlaunch reads it by position)", file, *pos(root))
        return facts
    activities = [a for a in kids[0] if isinstance(a.tag, str) and etree.QName(a).localname == "activity"]
    if not activities:
        diags.error("tincan.structure", "<activities> holds no <activity>", file, *pos(kids[0]))
        return facts
    for el in root.iter():
        lang = el.get("lang") if isinstance(el.tag, str) else None
        if lang is not None:
            found = language_tag_problem(lang)
            if found:
                diags.add(found[0], "tincan.language-tag", found[1], file, *pos(el))
    launchers = []
    for act in activities:
        _check_activity(act, file, diags)
        if act.find(_q("launch")) is not None:
            launchers.append(act)
    if not launchers:
        diags.error("tincan.no-launch", "no activity has a <launch> element, so the LMS has nothing to open",
                    file, *pos(activities[0]))
        return facts
    if launchers[0] is not activities[0]:
        diags.warning("tincan.launch-position", "the activity with <launch> is not the first one; "
                      "mod_tincanlaunch takes the first activity as the course", file, *pos(launchers[0]))
    if len(launchers) > 1:
        diags.warning("tincan.launch-position", "more than one activity has a <launch>; only one may",
                      file, *pos(launchers[1]))
    main = launchers[0]
    launch_el = main.find(_q("launch"))
    launch = (launch_el.text or "").strip() if launch_el is not None else ""
    name = main.find(_q("name"))
    facts.title = (name.text or "").strip() if name is not None else ""
    facts.units.append(Unit(main.get("id", ""), facts.title, launch, "activity"))
    _check_launch(launch, launch_el, file, pkg, diags)
    facts.lms_lines.append(f"An LMS (e.g. Moodle with mod_tincanlaunch) will open '{launch}' with Rustici "
                           f"launch parameters for activity '{main.get('id', '')}'; an LRS is required.")
    return facts


def _check_activity(act: etree._Element, file: str, diags: Diagnostics) -> None:
    ident = act.get("id")
    line, col = pos(act)
    if ident is None:
        diags.error("tincan.missing-attribute", "an <activity> has no id", file, line, col)
    else:
        problem = iri_problem(ident)
        if problem and not has_scheme(ident) and not any(c in ident for c in " []<>{}\"\\"):
            # rustici-jstetris (Rustici's own prototype) uses 'scorm.com/JsTetris_TCAPI': LMSs import it,
            # but xAPI 1.0 LRSs expect an absolute IRI as the activity id.
            diags.warning("tincan.activity-id", f"activity id '{ident}': {problem}; xAPI 1.0 LRSs may "
                          "refuse statements about it (write e.g. https://example.org/...)", file, line, col)
        elif problem:
            diags.error("tincan.activity-id", f"activity id '{ident}' is not an IRI: {problem}", file, line, col)
    kind = act.get("type")
    if kind is not None and not has_scheme(kind):
        diags.warning("tincan.activity-type", f"activity type '{kind}' is not an IRI; use e.g. "
                      f"'{_COURSE_TYPE}'", file, line, col)
    if act.find(_q("name")) is None:
        diags.warning("tincan.structure", f"activity '{ident}' has no <name>; LMSs show the id instead",
                      file, line, col)


def _check_launch(launch: str, el: etree._Element | None, file: str, pkg: Package | None,
                  diags: Diagnostics) -> None:
    line, col = pos(el) if el is not None else (0, 0)
    if not launch:
        diags.error("tincan.no-launch", "<launch> is empty", file, line, col)
        return
    if "?" in launch:
        diags.warning("lms.launch-query", f"launch '{launch}' has a query string; the LMS appends its own "
                      "launch parameters (endpoint, auth, actor...) and may break it", file, line, col)
    path, problem = package_path(launch)
    if problem:
        why = scheme_problem(launch) or "it must be relative to the package root"
        diags.error("tincan.launch", f"launch '{launch}': {why}", file, line, col)
    elif path and pkg is not None and path not in pkg.names():
        diags.error("tincan.missing-file", f"launch file '{launch}' is not in the package", file, line, col)
