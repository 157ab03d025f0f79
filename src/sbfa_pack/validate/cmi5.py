"""cmi5.xml course structures (cmi5 "Quartz", checklist §4 C5-1…C5-3; CATAPULT LMS test suite rules)."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlsplit

from lxml import etree

from ..diagnostics import Diagnostics
from .container import Package
from .model import Facts, Unit
from .rules import decimal, has_scheme, iri_problem, language_tag_problem, package_path, scheme_problem, uri_problem
from .xmlsafe import Parsed, line_of, pos

NS = "https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd"
OLD_NS = "http://www.adlnet.gov/cmi5/CourseStructure.xsd"
MOVE_ON = ("NotApplicable", "Passed", "Completed", "CompletedAndPassed", "CompletedOrPassed")
LAUNCH_METHODS = ("AnyWindow", "OwnWindow")
# cmi5 §8.1: the LMS adds these to the AU url; an AU url must not carry them itself (CATAPULT 204).
RESERVED_PARAMS = {"endpoint", "fetch", "actor", "registration", "activityId"}


def _q(local: str) -> str:
    return f"{{{NS}}}{local}"


class _Cmi5:
    def __init__(self, file: str, pkg: Package | None, diags: Diagnostics) -> None:
        self.file, self.pkg, self.diags = file, pkg, diags
        self.ids: dict[str, int] = {}
        self.facts = Facts(standard="cmi5", edition="1.0 (Quartz)", manifest="cmi5.xml")

    def err(self, code: str, msg: str, el: etree._Element) -> None:
        self.diags.error(f"cmi5.{code}", msg, self.file, *pos(el))

    def iri(self, el: etree._Element, what: str) -> str:
        ident = el.get("id")
        if ident is None:
            self.err("missing-attribute", f"the {what} has no id attribute", el)
            return ""
        problem = iri_problem(ident)
        if problem:
            # CATAPULT LMS tests 201-1…201-4 (corpus: catapult-lts-iris-course-id) require LMSs to
            # reject a course whose ids are not absolute IRIs (cmi5 requirement 3.0.0.0-1).
            self.err("iri", f"{what} id '{ident}' is not an absolute IRI: {problem}", el)
        if ident in self.ids:
            self.err("duplicate-id", f"{what} id '{ident}' is already used on line {self.ids[ident]}; "
                     "ids must be unique across the course, its blocks, AUs and objectives", el)
        else:
            self.ids[ident] = line_of(el)
        return ident

    def texts(self, el: etree._Element, local: str, what: str) -> str:
        found = el.find(_q(local))
        strings = found.findall(_q("langstring")) if found is not None else []
        if not strings:
            self.err("structure", f"the {what} needs a <{local}> with at least one <langstring>", el)
            return ""
        for s in strings:
            lang = s.get("lang")
            problem = language_tag_problem(lang) if lang is not None else None
            if problem:
                self.diags.add(problem[0], "cmi5.language-tag", problem[1], self.file, *pos(s))
        return " ".join((strings[0].text or "").split())

    def au(self, el: etree._Element) -> None:
        ident = self.iri(el, "AU")
        title = self.texts(el, "title", f"AU '{ident}'")
        self.texts(el, "description", f"AU '{ident}'")
        move_on = el.get("moveOn", "NotApplicable")
        if move_on not in MOVE_ON:
            self.err("moveon", f"moveOn '{move_on}' must be one of " + ", ".join(MOVE_ON) + " (case matters)", el)
        if el.get("launchMethod", "AnyWindow") not in LAUNCH_METHODS:
            self.err("launchmethod", f"launchMethod '{el.get('launchMethod')}' must be AnyWindow or OwnWindow",
                     el)
        mastery = el.get("masteryScore")
        if mastery is not None:
            number = decimal(mastery.strip())
            if number is None or not 0 <= number <= 1 or number.as_tuple().exponent < -4:  # type: ignore[operator]
                self.err("masteryscore-range", f"masteryScore '{mastery}' must be a decimal from 0 to 1 "
                         "(e.g. 0.8, at most 4 decimals), not a percentage", el)
        kind = el.get("activityType")
        if kind is not None and not has_scheme(kind):
            self.err("iri", f"activityType '{kind}' is not an IRI", el)
        url_el = el.find(_q("url"))
        url = (url_el.text or "").strip() if url_el is not None else ""
        if url_el is None or not url:
            self.err("url", f"AU '{ident}' has no <url>; it cannot be launched", el)
        else:
            self.url(url, url_el)
        self.facts.units.append(Unit(ident, title, url, "au", mastery))

    def url(self, url: str, el: etree._Element) -> None:
        invalid = uri_problem(url)
        if invalid:
            # cmi5 requires a valid URI (RFC 3986) here: the LMS launches it as given.
            self.err("url", f"AU url '{url}' is not a valid URI (RFC 3986): {invalid}", el)
            return
        clash = sorted(RESERVED_PARAMS & {k for k, _ in parse_qsl(urlsplit(url).query)})
        if clash:
            self.err("url-reserved-param", f"AU url '{url}' already carries {', '.join(clash)}, which the "
                     "LMS adds at launch (cmi5 §8.1)", el)
        path, problem = package_path(url)
        if problem:
            why = scheme_problem(url) or "it must be relative to the package root or an absolute http(s) URL"
            self.err("url", f"AU url '{url}': {why}", el)
        elif path is not None and self.pkg is None:
            # CATAPULT tests 202-x: a cmi5.xml imported without a zip must use absolute URLs.
            self.err("relative-url-no-zip", f"AU url '{url}' is relative, but this course structure is not "
                     "inside a package, so there is nothing for it to point at", el)
        elif path and self.pkg is not None and path not in self.pkg.names():
            self.err("missing-file", f"AU url '{url}' names a file the package does not contain", el)

    def walk(self, parent: etree._Element) -> int:
        count = 0
        for el in parent:
            if el.tag == _q("au"):
                self.au(el)
                count += 1
            elif el.tag == _q("block"):
                ident = self.iri(el, "block")
                self.texts(el, "title", f"block '{ident}'")
                self.texts(el, "description", f"block '{ident}'")
                if not self.walk(el):
                    self.err("structure", f"block '{ident}' holds no AU or block", el)
                count += 1
        return count


def check_cmi5(parsed: Parsed, file: str, pkg: Package | None, diags: Diagnostics) -> Facts:
    """Course, blocks, AUs and objectives of a cmi5.xml."""
    c = _Cmi5(file, pkg, diags)
    root = parsed.root
    ns = etree.QName(root).namespace
    if ns != NS:
        old = " (the pre-1.0 draft namespace)" if ns == OLD_NS else ""
        c.err("namespace", f"<courseStructure> is in namespace '{ns or ''}'{old}; cmi5 1.0 requires '{NS}', "
              "and LMSs that validate the course structure refuse anything else", root)
        return c.facts
    course = root.find(_q("course"))
    if course is None:
        c.err("structure", "<courseStructure> needs a <course> element first", root)
        return c.facts
    c.iri(course, "course")
    c.facts.title = c.texts(course, "title", "course")
    c.texts(course, "description", "course")
    objectives = root.find(_q("objectives"))
    for obj in objectives if objectives is not None else []:
        if obj.tag == _q("objective"):
            c.iri(obj, "objective")
    if not c.walk(root):
        c.err("structure", "the course holds no AU, so there is nothing to launch", root)
    for ref in root.iter(_q("objective")):
        idref = ref.get("idref")
        if idref is not None and idref not in c.ids:
            c.err("objective-ref", f"an AU or block refers to objective '{idref}', which is not declared", ref)
    c.facts.lms_lines.append(
        f"A cmi5 LMS will import {len(c.facts.units)} AU(s); each is launched with endpoint, fetch, actor, "
        "registration and activityId parameters, and needs an LRS.")
    return c.facts
