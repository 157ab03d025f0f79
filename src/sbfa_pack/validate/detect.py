"""Deciding what a path is: a package (zip, folder, bare manifest) or something else (course sources)."""

from __future__ import annotations

import os
from pathlib import Path

from lxml import etree

MANIFEST_NAMES = ("imsmanifest.xml", "cmi5.xml", "tincan.xml")
ROOT_ELEMENTS = {"manifest", "tincan", "courseStructure"}
SOURCE_FILES = ("sbfa.yaml", "course.yaml")
_SCAN_LIMIT = 5000  # entries looked at when searching a folder for a nested manifest
_MAX_DEPTH = 3


def root_element(path: Path) -> str | None:
    """The local name of an XML file's root element, reading only its start (no DTD, no network)."""
    try:
        with open(path, "rb") as fh:
            for _event, el in etree.iterparse(fh, events=("start",), resolve_entities=False, no_network=True,
                                              load_dtd=False, huge_tree=False):
                return etree.QName(el).localname
    except (etree.XMLSyntaxError, OSError, ValueError):
        return None
    return None


def nested_manifests(path: Path) -> list[str]:
    """Manifest files below the top of a folder, as relative posix paths, shallowest first."""
    found: list[str] = []
    seen = 0
    for dirpath, dirnames, filenames in os.walk(path, followlinks=False):
        dirnames.sort()
        rel_depth = len(Path(dirpath).relative_to(path).parts)
        if rel_depth >= _MAX_DEPTH:
            dirnames.clear()  # a package's manifest is never deep below the folder the user named
        seen += len(filenames) + len(dirnames)
        if seen > _SCAN_LIMIT:
            break
        rel = Path(dirpath).relative_to(path)
        if rel.parts:
            found.extend((rel / f).as_posix() for f in sorted(filenames) if f in MANIFEST_NAMES)
    return sorted(found, key=lambda p: (p.count("/"), p))


def looks_like_package(path: Path) -> bool:
    """True for a zip, a package folder, or a manifest file; False for course sources and anything else."""
    if path.is_dir():
        if any((path / n).is_file() for n in MANIFEST_NAMES):
            return True
        if any((path / n).is_file() for n in SOURCE_FILES):
            return False
        return bool(nested_manifests(path))
    if not path.is_file():
        return False
    if path.suffix.lower() == ".zip" or path.name in MANIFEST_NAMES:
        return True
    if path.suffix.lower() == ".xml":
        return root_element(path) in ROOT_ELEMENTS
    return False
