"""Package validation: is this zip, folder or manifest a correct SCORM 1.2/2004, Tin Can or cmi5 package?

Public API (used by ``sbfa-pack validate`` and by the builders' tests)::

    looks_like_package(path) -> bool
    not_a_package(path) -> str | None   (the usage error for a folder that is neither package nor sources)
    validate_package(path, schemas=None) -> PackageReport

Layers, in order (each module owns one):

1. container: zip central-directory checks (escapes, symlinks, bombs...) before any entry is
   read; entries are streamed, never extracted (:mod:`.container`); manifest location (:mod:`.check`).
2. XML: parsing without DTDs, entities or network (:mod:`.xmlsafe`).
3. Rules: IMS CP shared by both SCORM editions (:mod:`.cp`, :mod:`.cpfiles`), then
   :mod:`.scorm12`, :mod:`.scorm2004`, :mod:`.tincan`, :mod:`.cmi5`; package-wide LMS notes
   (:mod:`.lms_notes`).
4. Official XML Schemas, when available (:mod:`.xsd`, :mod:`.schemafacts`).

Every finding is a :class:`~sbfa_pack.diagnostics.Diagnostic` with a stable code listed in
:mod:`.codes`; nothing here raises on bad input or prints.
"""

from __future__ import annotations

import stat
from dataclasses import dataclass
from pathlib import Path

from ..diagnostics import Diagnostic, Diagnostics
from .check import check_manifests
from .container import open_package, special_kind
from .detect import looks_like_package, nested_manifest, not_a_package
from .lms_notes import check_package_notes
from .summary import build_summary, summary_text

__all__ = ["PackageReport", "looks_like_package", "not_a_package", "validate_package"]


@dataclass(frozen=True)
class PackageReport:
    """Everything found in one package, and a description of it."""

    diagnostics: list[Diagnostic]
    summary: dict[str, object]

    def summary_text(self) -> str:
        """A few plain lines: what the package is and what an LMS will see."""
        return summary_text(self.summary)

    @property
    def ok(self) -> bool:
        """True when no error was found (warnings allowed)."""
        return not any(d.severity == "error" for d in self.diagnostics)


def validate_package(path: Path, *, schemas: Path | None = None) -> PackageReport:
    """Validate a zip, an extracted package folder or a bare manifest file; never writes anything."""
    diags = Diagnostics()
    if not path.exists():
        diags.error("package.not-found", "no such file or folder", str(path))
        return PackageReport(diags.sorted(), build_summary(str(path), "missing", [], 0, 0, [], "not run"))
    mode = path.stat().st_mode
    if not stat.S_ISDIR(mode) and not stat.S_ISREG(mode):
        diags.error("package.special-file", f"this is {special_kind(mode)}, not a zip, folder or manifest; "
                    "not read", str(path))
        return PackageReport(diags.sorted(), build_summary(str(path), "file", [], 0, 0, list(diags), "not run"))
    if path.is_dir() and not looks_like_package(path):
        _no_root_manifest(path, diags)  # never walk a folder that is not a package root (it may be a disk)
        return PackageReport(diags.sorted(), build_summary(str(path), "folder", [], 0, 0, list(diags), "not run"))
    pkg = open_package(path, diags)
    if pkg is None:
        return PackageReport(diags.sorted(),
                             build_summary(str(path), "zip", [], 0, 0, list(diags), "not run"))
    try:
        facts, xsd_note = check_manifests(pkg, diags, schemas)
        if pkg.has_files():
            check_package_notes(pkg, diags)
        size = pkg.total_size() if pkg.has_files() else path.stat().st_size
        files = len(pkg.names()) if pkg.has_files() else 1
    finally:
        pkg.close()
    items = diags.sorted()
    zip_size = path.stat().st_size if pkg.kind == "zip" else None
    return PackageReport(items, build_summary(pkg.label, pkg.kind, facts, size, files, items, xsd_note, zip_size))


def _no_root_manifest(path: Path, diags: Diagnostics) -> None:
    below = nested_manifest(path)
    if below:
        diags.error("zip.manifest-in-subfolder", f"the manifest is at '{below}', not at the top of the folder; "
                    f"validate '{path / below.split('/')[0]}' (and zip its contents, not the folder itself)", str(path))
    else:
        diags.error("zip.no-manifest", "the folder has no imsmanifest.xml, cmi5.xml or tincan.xml at its top; "
                    "it is not a package", str(path))
