"""The ``imsmanifest.xml`` of a SCORM 1.2 package, built as a tree with lxml (no string templating).

Rules cited from shared/notes/standards-checklist.md: IMS elements in the default namespace and
ADL ones with the ``adlcp`` prefix (CAM-10, CAM-11: Moodle ignores namespaces and matches the
prefixed names); ``ADL SCORM`` / ``1.2`` first (CAM-19); identifiers derived from stable ids, all
valid and unique xs:IDs (CAM-17); one organization (CAM-22); ``isvisible="true"`` only (CAM-27);
``adlcp:masteryscore`` only for assessed SCOs (CAM-29, RTE-33); UTF-8 characters written as such,
never ``&#...;`` (CAM-34); no whitespace around text (CAM-35); ``scormtype="sco"`` (CAM-37);
relative launch href (CAM-38); every file listed (CAM-39).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

import lxml.html
from lxml import etree

from .. import markdown
from ..unit import Unit

CP = "http://www.imsproject.org/xsd/imscp_rootv1p1p2"
ADLCP = "http://www.adlnet.org/xsd/adlcp_rootv1p2"
IMSMD = "http://www.imsglobal.org/xsd/imsmd_rootv1p2p1"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
SCHEMA_FILES = ("imscp_rootv1p1p2.xsd", "adlcp_rootv1p2.xsd", "imsmd_rootv1p2p1.xsd", "ims_xml.xsd")
_LOCATIONS = f"{CP} imscp_rootv1p1p2.xsd {IMSMD} imsmd_rootv1p2p1.xsd {ADLCP} adlcp_rootv1p2.xsd"


@dataclass(frozen=True)
class Sco:
    """One launchable item: its id (stable), title, launch parameters and mastery score (None: not assessed)."""

    ident: str
    title: str
    parameters: str
    mastery: str | None


def mastery_text(pass_mark: float) -> str:
    """The pass mark as Moodle will compare it (RTE-33): rounded *up* to two decimals, no trailing zeros.

    The adapter reports ``score.raw`` rounded down to two decimals, so "raw >= mastery" in the LMS
    is the same decision as "score >= pass mark" in the course for every pass mark on that grid.
    """
    value = math.ceil(round(pass_mark * 100, 6)) / 100
    return f"{value:.2f}".rstrip("0").rstrip(".")


def plain_text(md: str) -> str:
    """Markdown as plain text for metadata: rendered, tags dropped, whitespace collapsed."""
    html = markdown.to_html(md)
    text = lxml.html.fragment_fromstring(html, create_parent="div").text_content() if html.strip() else md
    return " ".join(text.split())


def _el(parent: etree._Element, tag: str, text: str | None = None, **attrs: str) -> etree._Element:
    el = etree.SubElement(parent, tag, {k.replace("__", ":"): v for k, v in attrs.items()})
    if text is not None:
        el.text = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    return el


def _langstring(parent: etree._Element, tag: str, text: str, lang: str) -> None:
    wrapper = _el(parent, f"{{{IMSMD}}}{tag}")
    ls = _el(wrapper, f"{{{IMSMD}}}langstring", text)
    ls.set(XML_LANG, lang)


def _lom(parent: etree._Element, unit: Unit) -> None:
    c, lang = unit.course, unit.language
    lom = _el(parent, f"{{{IMSMD}}}lom")
    general = _el(lom, f"{{{IMSMD}}}general")
    _langstring(general, "title", c.title, lang)
    _el(general, f"{{{IMSMD}}}language", lang)
    _langstring(general, "description", plain_text(c.description), lang)
    for kw in c.keywords:
        _langstring(general, "keyword", kw, lang)
    lifecycle = _el(lom, f"{{{IMSMD}}}lifecycle")
    _langstring(lifecycle, "version", c.version, "x-none")
    meta = _el(lom, f"{{{IMSMD}}}metametadata")
    _el(meta, f"{{{IMSMD}}}metadatascheme", "ADL SCORM 1.2")
    technical = _el(lom, f"{{{IMSMD}}}technical")
    _el(technical, f"{{{IMSMD}}}format", "text/html")
    educational = _el(lom, f"{{{IMSMD}}}educational")
    learning_time = _el(educational, f"{{{IMSMD}}}typicallearningtime")
    _el(learning_time, f"{{{IMSMD}}}datetime", _hms(c.duration_minutes))
    rights = _el(lom, f"{{{IMSMD}}}rights")
    restrictions = _el(rights, f"{{{IMSMD}}}copyrightandotherrestrictions")
    _langstring(restrictions, "source", "LOMv1.0", "x-none")
    _langstring(restrictions, "value", "yes", "x-none")
    _langstring(rights, "description", f"Licence: {c.licence}", "en")


def _hms(minutes: int) -> str:
    """LOM 1.2 datetime for a duration, as the SCORM 1.2 samples write it (HH:MM:SS)."""
    return f"{minutes // 60:02d}:{minutes % 60:02d}:00"


def manifest_xml(unit: Unit, scos: Sequence[Sco], files: Iterable[str], *, schemas_shipped: bool) -> bytes:
    """The manifest of ``unit`` with one item and one resource per SCO, listing ``files`` under each."""
    c = unit.course
    nsmap: Any = {None: CP, "adlcp": ADLCP, "imsmd": IMSMD, "xsi": XSI}  # None: the default namespace
    root = etree.Element(f"{{{CP}}}manifest", nsmap=nsmap)
    root.set("identifier", f"sbfa.{c.id}.{unit.language}")
    root.set("version", c.version[:20])
    if schemas_shipped:
        root.set(f"{{{XSI}}}schemaLocation", _LOCATIONS)
    meta = _el(root, f"{{{CP}}}metadata")
    _el(meta, f"{{{CP}}}schema", "ADL SCORM")
    _el(meta, f"{{{CP}}}schemaversion", "1.2")
    _lom(meta, unit)
    org_id = f"org-{c.id}"
    orgs = _el(root, f"{{{CP}}}organizations", default=org_id)
    org = _el(orgs, f"{{{CP}}}organization", identifier=org_id, structure="hierarchical")
    _el(org, f"{{{CP}}}title", c.title[:200])
    resources = _el(root, f"{{{CP}}}resources")
    listed = sorted(set(files) - {"imsmanifest.xml"} - set(SCHEMA_FILES))
    # Every item launches the same SCO resource; per-module items differ by their parameters,
    # which the LMS appends to the launch href (CAM-28): a query in the href itself breaks in
    # LMSs that append their own parameters.
    res_id = f"res-{c.id}"
    for sco in scos:
        item = _el(org, f"{{{CP}}}item", identifier=f"item-{sco.ident}", identifierref=res_id, isvisible="true")
        if sco.parameters:
            item.set("parameters", sco.parameters)
        _el(item, f"{{{CP}}}title", sco.title[:200])
        if sco.mastery is not None:
            _el(item, f"{{{ADLCP}}}masteryscore", sco.mastery)
    res = _el(resources, f"{{{CP}}}resource", identifier=res_id, type="webcontent", href="index.html")
    res.set(f"{{{ADLCP}}}scormtype", "sco")
    for name in listed:
        _el(res, f"{{{CP}}}file", href=quote(name, safe="/"))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
