"""Deciding what a path is: a package (zip, folder, bare manifest) or something else (course sources)."""

from __future__ import annotations

import os
from pathlib import Path

from lxml import etree

from ..paths import find_root

MANIFEST_NAMES = ("imsmanifest.xml", "cmi5.xml", "tincan.xml")
ROOT_ELEMENTS = {"manifest", "tincan", "courseStructure"}
SOURCE_FILES = ("sbfa.yaml", "course.yaml")
_SCAN_LIMIT = 5000  # entries of a folder looked at when searching for a manifest one level down
_MAX_SUBFOLDERS = 50


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


def nested_manifest(path: Path) -> str | None:
    """A manifest one folder below ``path`` (``course/imsmanifest.xml``), looking at a bounded number of
    subfolders only: never a walk of the tree (Issue 17 item 12)."""
    try:
        with os.scandir(path) as it:
            subs = sorted(e.name for _, e in zip(range(_SCAN_LIMIT), it, strict=False)
                          if e.is_dir(follow_symlinks=False))
    except OSError:
        return None
    for sub in subs[:_MAX_SUBFOLDERS]:
        for name in MANIFEST_NAMES:
            if (path / sub / name).is_file():
                return f"{sub}/{name}"
    return None


def not_a_package(path: Path) -> str | None:
    """Why a folder given to ``validate`` is neither a package root nor course sources, or None.

    A package is a zip, a folder with its manifest at the root, or a manifest file; a folder in or
    above nothing of that kind is not searched (it may be a whole disk).
    """
    if path.exists() and not path.is_dir() and not path.is_file():
        return f"{path}: a FIFO, socket or device, not a package or course file; it was not read"
    if not path.is_dir() or looks_like_package(path) or any((path / n).exists() for n in SOURCE_FILES):
        return None
    if find_root(path) is not None:
        return None
    below = nested_manifest(path)
    hint = f"; '{below}' is one: validate '{path / below.split('/')[0]}' instead" if below else ""
    return (f"{path}: not a package (a zip, a folder with imsmanifest.xml, cmi5.xml or tincan.xml at its top, or "
            f"a manifest file) and no sbfa.yaml in it or its parents{hint}")


def looks_like_package(path: Path) -> bool:
    """True for a zip, a folder with a manifest at its root, or a manifest file; False for anything else."""
    if path.is_dir():
        return any((path / n).is_file() for n in MANIFEST_NAMES)
    if not path.is_file():
        return False
    if path.suffix.lower() == ".zip" or path.name in MANIFEST_NAMES:
        return True
    if path.suffix.lower() == ".xml":
        return root_element(path) in ROOT_ELEMENTS
    return False
