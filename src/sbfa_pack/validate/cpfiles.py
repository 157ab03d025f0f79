"""SCORM file references against the package's real entries (CAM-5, CAM-6, CAM-13, CAM-20, CAM-39)."""

from __future__ import annotations

import posixpath

from lxml import etree

from .container import Package
from .cp import XML_BASE, Cp
from .rules import package_path
from .xmlsafe import pos

# Files a package carries beside its content that no <file> element is expected to list.
_CONTROL_SUFFIXES = (".xsd", ".dtd")
_UNLISTED_SHOWN = 5


def check_files(cp: Cp, pkg: Package, manifest_name: str) -> None:
    """Every href must name an entry (same case); entries nobody lists are reported once, together."""
    names = pkg.names()
    folded = {n.casefold(): n for n in names}
    listed: set[str] = {manifest_name}
    for resources in cp.children(cp.root, "resources"):
        res_base = _base(resources.get(XML_BASE))
        for res in cp.children(resources, "resource"):
            base = res_base + _base(res.get(XML_BASE))
            ident = res.get("identifier", "?")
            files = cp.children(res, "file")
            file_paths: set[str] = set()
            for f in files:
                href = f.get("href")
                if href is None:
                    cp.error("missing-attribute", f"a <file> of resource '{ident}' has no href", f)
                    continue
                path = _resolve(cp, href, base, f)
                if path is None:
                    continue
                file_paths.add(path)
                listed.add(path)
                if path not in names:
                    _missing(cp, folded, path, f"resource '{ident}' lists file '{href}'", f)
            href = res.get("href")
            if href is None:
                continue
            launch = _resolve(cp, href, base, res)
            if launch is None:
                continue
            listed.add(launch)
            if launch not in names:
                _missing(cp, folded, launch, f"resource '{ident}' launches '{href}'", res)
            elif files and launch not in file_paths:
                # Rustici's golf sample, as shipped by Moodle (moodle-runtimeminimumcalls-mini), does this.
                cp.warning("launch-not-listed", f"resource '{ident}' launches '{href}' but does not list it "
                           "as one of its <file> elements", res)
    for loc in cp.root.iter(cp.a("location")):
        path = _resolve(cp, (loc.text or "").strip(), "", loc)
        if path is None:
            continue
        listed.add(path)
        if path not in names:
            # LMSs do not read metadata files (MDL-19): Moodle's own test package moodle-complexscorm
            # points adlcp:location at an imslrm.xml its zip lacks and imports fine. A warning.
            cp.warning("missing-metadata-file", f"metadata location '{loc.text or ''}' names a file the package "
                       "does not contain; LMSs ignore it, metadata tools will fail", loc)
    _check_schema_locations(cp, names)
    # A warning: Adapt lists only index.html and leaves 140 files unlisted (adapt-kevapps-testscorm),
    # Storyline leaves story_content/frame.xml out (storyline-track-slide-4th), and LMSs ignore file
    # lists (MDL-19); the ADL test suite and content-management tools rely on them.
    unlisted = sorted(n for n in names - listed if not n.lower().endswith(_CONTROL_SUFFIXES))
    if unlisted:
        shown = ", ".join(unlisted[:_UNLISTED_SHOWN]) + (", ..." if len(unlisted) > _UNLISTED_SHOWN else "")
        cp.warning("unlisted-file", f"{len(unlisted)} file(s) in the package are not listed by any <file> "
                   f"element ({shown}); list every file a resource needs, or leave it out of the package",
                   cp.root)


def _base(value: str | None) -> str:
    if not value:
        return ""
    return value if value.endswith("/") else value + "/"


def _resolve(cp: Cp, href: str, base: str, el: etree._Element) -> str | None:
    path, problem = package_path(href, base)
    if problem == "escapes":
        cp.error("href-escape", f"'{href}' points outside the package", el)
    return path or None


def _missing(cp: Cp, folded: dict[str, str], path: str, what: str, el: etree._Element) -> None:
    near = folded.get(path.casefold())
    hint = f" (the package has '{near}': names are case-sensitive on LMS servers)" if near else ""
    cp.error("missing-file", f"{what}, but the package has no file '{path}'{hint}", el)


def _check_schema_locations(cp: Cp, names: set[str]) -> None:
    """CAM-13: schemaLocation files named in the manifest should sit at the root (the ADL CTS needs them)."""
    loc = cp.root.get("{http://www.w3.org/2001/XMLSchema-instance}schemaLocation")
    if not loc:
        return
    parts = loc.split()
    missing = [p for p in parts[1::2] if "://" not in p and posixpath.normpath(p) not in names]
    if missing:
        cp.diags.note(cp.code("schema-file-absent"), "xsi:schemaLocation names " + ", ".join(missing)
                      + ", not shipped in the package; LMSs do not need them, the ADL test suite does",
                      cp.file, *pos(cp.root))
