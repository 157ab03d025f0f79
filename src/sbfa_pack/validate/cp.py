"""IMS Content Packaging rules shared by SCORM 1.2 and SCORM 2004 manifests (checklist §1.3–1.5).

The flavour (namespaces, attribute spelling, code prefix) comes from :mod:`.scorm12` or
:mod:`.scorm2004`; everything that reads the same in both editions lives here.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from lxml import etree

from ..diagnostics import Diagnostics
from .model import Facts, Unit
from .rules import is_ncname, scheme_problem
from .xmlsafe import line_of, pos

XML_BASE = "{http://www.w3.org/XML/1998/namespace}base"
# Moodle's scorm_get_manifest (mod/scorm/datamodels/scormlib.php) decides the API it offers from the
# first manifest <metadata><schemaversion> alone, whatever the namespace: '1.3', 'CAM 1.3' and
# '2004 3rd/4th Edition' (exactly, no surrounding spaces) mean SCORM_1.3, anything else or nothing SCORM_1.2.
_MOODLE_13 = (re.compile(r"^(1\.2)$|^(CAM )?(1\.3)$"), re.compile(r"^2004 (3rd|4th) Edition$"))


def moodle_version(schemaversion: str | None) -> str:
    """'SCORM_1.2' or 'SCORM_1.3': what Moodle stores for a manifest with this <schemaversion> text."""
    if not schemaversion or not schemaversion.strip():
        return "SCORM_1.2"  # Moodle's parser drops whitespace-only text; no version means 1.2
    match = _MOODLE_13[0].match(schemaversion)
    if match:
        return "SCORM_1.2" if match.group(1) else "SCORM_1.3"
    return "SCORM_1.3" if _MOODLE_13[1].match(schemaversion) else "SCORM_1.2"


@dataclass(frozen=True)
class Flavour:
    """What differs between SCORM editions for the shared checks."""

    fam: str  # diagnostic code prefix: "scorm12" or "scorm2004"
    cp_ns: str
    adlcp_ns: str
    scormtype: str  # "scormtype" in 1.2, "scormType" in 2004


@dataclass
class Cp:
    """A manifest being checked: its parts indexed by identifier, and where to report."""

    root: etree._Element
    flavour: Flavour
    file: str
    diags: Diagnostics
    ids: dict[str, etree._Element] = field(default_factory=dict)
    resources: dict[str, etree._Element] = field(default_factory=dict)
    default_org: etree._Element | None = None

    def q(self, local: str) -> str:
        """Clark name of a content-packaging element."""
        return f"{{{self.flavour.cp_ns}}}{local}"

    def a(self, local: str) -> str:
        """Clark name of an ADL (adlcp) element or attribute."""
        return f"{{{self.flavour.adlcp_ns}}}{local}"

    def code(self, rule: str) -> str:
        """The diagnostic code of ``rule`` for this edition (``scorm12.identifierref``)."""
        return f"{self.flavour.fam}.{rule}"

    def error(self, rule: str, msg: str, el: etree._Element | None = None) -> None:
        """Report an error at ``el``'s line."""
        self.diags.error(self.code(rule), msg, self.file, *(pos(el) if el is not None else (0, 0)))

    def warning(self, rule: str, msg: str, el: etree._Element | None = None) -> None:
        """Report a warning at ``el``'s line."""
        self.diags.warning(self.code(rule), msg, self.file, *(pos(el) if el is not None else (0, 0)))

    def lms(self, rule: str, msg: str, el: etree._Element | None = None) -> None:
        """Report an LMS compatibility warning (``lms.*``) at ``el``'s line."""
        self.diags.warning(f"lms.{rule}", msg, self.file, *(pos(el) if el is not None else (0, 0)))

    def children(self, el: etree._Element, local: str) -> list[etree._Element]:
        """Direct children of ``el`` that are content-packaging ``local`` elements."""
        return [c for c in el if c.tag == self.q(local)]

    def text_of(self, el: etree._Element, local: str) -> str | None:
        """Text of the first ``local`` child ('' when empty), or None when there is none."""
        found = self.children(el, local)
        return None if not found else (found[0].text or "")


def check_structure(cp: Cp, facts: Facts) -> None:
    """Identifiers, organizations, items and resources (CAM-17, CAM-21…CAM-28, CAM-36…CAM-40)."""
    _check_identifiers(cp)
    _check_prefixes(cp)
    res_parents = cp.children(cp.root, "resources")
    if not res_parents:
        cp.error("missing-element", "the manifest has no <resources> element; it is required", cp.root)
    for resources in res_parents:
        for res in cp.children(resources, "resource"):
            _check_resource(cp, res)
    orgs_parents = cp.children(cp.root, "organizations")
    if not orgs_parents:
        cp.error("missing-element", "the manifest has no <organizations> element; it is required", cp.root)
        return
    orgs_el = orgs_parents[0]
    orgs = cp.children(orgs_el, "organization")
    default = orgs_el.get("default")
    by_id = {o.get("identifier"): o for o in orgs if o.get("identifier")}
    if not orgs:
        cp.error("no-organization", "<organizations> holds no <organization>, so the LMS has nothing to show "
                 "or launch", orgs_el)
        return
    if default is None:
        cp.warning("default-organization", "<organizations> has no default attribute; LMSs fall back to the "
                   "first organization", orgs_el)
        cp.default_org = orgs[0]
    elif default not in by_id:
        # moodle-complexscorm (a Moodle test package) points default at a missing organization and
        # Moodle still imports it, launching the first launchable item: a warning, not an error.
        cp.warning("default-organization", f"organizations/@default is '{default}', but no <organization> "
                   "has that identifier; LMSs will fall back to the first organization", orgs_el)
        cp.default_org = orgs[0]
    else:
        cp.default_org = by_id[default]
    if len(orgs) > 1:
        cp.lms("several-organizations", f"the manifest has {len(orgs)} organizations; Moodle shows an "
               "organization selector and launches only the default one", orgs_el)
    for org in orgs:
        _check_organization(cp, org)
    _collect_units(cp, facts)


def _check_identifiers(cp: Cp) -> None:
    """CAM-17: manifest, organization, item and resource identifiers share one xs:ID space."""
    kinds = ("manifest", "organization", "item", "resource")
    for el in cp.root.iter(*(cp.q(k) for k in kinds)):
        local = etree.QName(el).localname
        ident = el.get("identifier")
        if ident is None:
            cp.error("missing-attribute", f"<{local}> has no identifier attribute; it is required", el)
            continue
        if ident in cp.ids:
            first = line_of(cp.ids[ident])
            cp.error("duplicate-id", f"identifier '{ident}' is used twice (first on line {first}); "
                     "identifiers must be unique in the whole manifest", el)
            continue
        cp.ids[ident] = el
        if not is_ncname(ident):
            # Real tools emit such ids (adapt-authoring-bruce175 '5967…_manifest', storyline-idl
            # 'AI,_a_tool,…_ORG') and Moodle/SCORM Cloud accept them; strict XSD-validating LMSs do not.
            cp.lms("xs-id", f"identifier '{ident}' is not a valid xs:ID (it must start with a letter or '_' "
                   "and hold no spaces, ':' or ','); many LMSs accept it, strict ones reject the package", el)
        if local == "resource":
            cp.resources[ident] = el


def _check_prefixes(cp: Cp) -> None:
    """CAM-10/11: Moodle's parser is not namespace-aware; it matches literal names and the 'adlcp:' prefix."""
    for el in cp.root.iter(f"{{{cp.flavour.cp_ns}}}*"):
        if el.prefix is not None:
            cp.lms("prefixed-element", f"<{el.prefix}:{etree.QName(el).localname}> is prefixed; Moodle only "
                   "sees unprefixed content-packaging elements and will ignore it", el)
            break
    for el in cp.root.iter(f"{{{cp.flavour.adlcp_ns}}}*"):
        if el.prefix != "adlcp":
            cp.lms("adlcp-prefix", f"the ADL namespace is bound to prefix '{el.prefix}'; Moodle only "
                   "recognises 'adlcp:' and will ignore this element", el)
            break


def _check_organization(cp: Cp, org: etree._Element) -> None:
    title = cp.text_of(org, "title")
    if title is None or not title.strip():
        cp.warning("missing-title", "this organization has no title; the LMS will show its identifier instead",
                   org)
    items = cp.children(org, "item")
    if not items:
        cp.error("empty-organization", "this organization holds no <item>, so there is nothing to launch", org)
    for item in org.iter(cp.q("item")):
        _check_item(cp, item)


def _check_item(cp: Cp, item: etree._Element) -> None:
    ident = item.get("identifier", "?")
    title = cp.text_of(item, "title")
    if title is None or not title.strip():
        cp.warning("missing-title", f"item '{ident}' has no title; the LMS will show its identifier", item)
    ref = item.get("identifierref")
    if ref is not None and ref not in cp.resources:
        what = "another kind of element" if ref in cp.ids else "does not exist"
        cp.error("identifierref", f"item '{ident}' refers to resource '{ref}', which {what}; the LMS cannot "
                 "launch it (Moodle: 'resources were referenced in your manifest but couldn't be found')", item)
    elif ref is not None and cp.resources[ref].get("href") is None:
        cp.error("no-launch-href", f"item '{ident}' refers to resource '{ref}', which has no href to launch", item)
    visible = item.get("isvisible")
    if visible is not None and visible not in ("true", "false"):
        if visible.strip() in ("1", "0", "TRUE", "FALSE", "True", "False"):
            cp.lms("isvisible", f"isvisible=\"{visible}\": Moodle only treats the exact text 'true' as "
                   "visible and will hide this item", item)
        else:
            cp.error("isvisible", f"isvisible=\"{visible}\" is not 'true' or 'false'", item)
    params = item.get("parameters")
    if params is not None and (len(params) > 1000 or "#" in params):
        cp.warning("parameters", "item parameters must be at most 1000 characters with no '#'", item)


def _check_resource(cp: Cp, res: etree._Element) -> None:
    ident = res.get("identifier", "?")
    if res.get("type") is None:
        cp.error("missing-attribute", f"resource '{ident}' has no type attribute (use type=\"webcontent\")", res)
    kind = res.get(cp.a(cp.flavour.scormtype))
    wrong_case = "scormType" if cp.flavour.scormtype == "scormtype" else "scormtype"
    if kind is None and res.get(cp.a(wrong_case)) is not None:
        cp.error("scormtype", f"resource '{ident}' spells the attribute adlcp:{wrong_case}; this edition "
                 f"requires adlcp:{cp.flavour.scormtype}, so strict LMSs treat the resource as an asset", res)
    elif kind is not None and kind not in ("sco", "asset"):
        cp.error("scormtype", f"resource '{ident}' has scormtype '{kind}'; it must be 'sco' or 'asset' "
                 "(lower case)", res)
    href = res.get("href")
    if href is not None and href.startswith("/"):
        cp.error("href-absolute", f"resource '{ident}' href '{href}' starts with '/'; it must be relative "
                 "to the package root (the ADL test suite rejects it, LMSs serve it from the wrong place)", res)
    scheme = scheme_problem(href or "") or scheme_problem(res.get(XML_BASE) or "")
    if scheme:
        cp.error("href-scheme", f"resource '{ident}' href '{href}': {scheme}", res)
    if href is not None and "?" in href:
        cp.lms("launch-query", f"resource '{ident}' launches '{href}' with a query string; some LMSs append "
               "their own parameters and break it. Prefer item parameters", res)
    for dep in cp.children(res, "dependency"):
        ref = dep.get("identifierref")
        if ref is None or ref not in cp.resources:
            cp.error("dependency", f"resource '{ident}' depends on '{ref}', which is not a resource", dep)


def iter_items(cp: Cp, org: etree._Element) -> Iterator[etree._Element]:
    """Items of ``org`` in document order."""
    return org.iter(cp.q("item"))


def _launch_url(base: str, href: str, params: str) -> str:
    """What Moodle launches: resource xml:base + href, then item parameters after '?' or '&' (MDL-4)."""
    params = params.lstrip("?")
    if not params:
        return base + href
    return base + href + ("&" if "?" in href else "?") + params


def _collect_units(cp: Cp, facts: Facts) -> None:
    """List launchable items of the default organization (what Moodle stores as SCOs, MDL-4/6)."""
    org = cp.default_org
    if org is None:
        return
    facts.title = (cp.text_of(org, "title") or "").strip() or facts.title
    for item in iter_items(cp, org):
        res = cp.resources.get(item.get("identifierref", ""))
        if res is None or res.get("href") is None:
            continue
        kind = res.get(cp.a(cp.flavour.scormtype)) or "asset"
        launch = _launch_url(res.get(XML_BASE) or "", res.get("href") or "", item.get("parameters") or "")
        title = (cp.text_of(item, "title") or item.get("identifier") or "").strip()
        facts.units.append(Unit(item.get("identifier", ""), title, launch, kind))
    if not facts.units:
        cp.error("no-launchable", "no item of the default organization refers to a launchable resource; "
                 "the LMS has nothing to open", org)
    elif not any(u.kind == "sco" for u in facts.units):
        cp.warning("no-sco", "no launchable item is a SCO; the LMS marks assets completed when opened and "
                   "records no score", org)
