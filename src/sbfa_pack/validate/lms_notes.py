"""Package-wide LMS compatibility warnings, each tied to a known LMS behaviour (``lms.*`` codes)."""

from __future__ import annotations

import re

from ..diagnostics import Diagnostics
from .container import Package

# Moodle's default "maximum uploaded file size" follows PHP's upload_max_filesize/post_max_size; many
# hosted LMSs (and Moodle sites left at common PHP settings) cap uploads at 100 MB or below.
UPLOAD_WARN_BYTES = 100 * 1024**2
_UNSAFE = re.compile(r"[ #?%]")
_SHOWN = 5


def check_package_notes(pkg: Package, diags: Diagnostics) -> None:
    """File names, AICC look-alikes and size: things that break on real LMS servers."""
    names = sorted(pkg.names())
    label = pkg.label
    spaced = [n for n in names if _UNSAFE.search(n)]
    if spaced:
        # CAM-4: Moodle builds launch URLs by concatenation, so '#', '?' and '%' change the URL;
        # spaces work only when every link escapes them (3dvista-boat-rent ships 'fonts/Exo Black.eot').
        diags.warning("lms.file-name", f"{len(spaced)} file name(s) contain spaces, '#', '?' or '%' ("
                      + _few(spaced) + "); links to them break unless every reference is URL-escaped", label)
    foreign = [n for n in names if not n.isascii()]
    if foreign:
        diags.warning("lms.file-name", f"{len(foreign)} file name(s) contain non-ASCII characters ("
                      + _few(foreign) + "); some LMSs and unzip tools mangle them", label)
    cst = [n for n in names if n.lower().endswith(".cst")]
    if cst:
        diags.warning("lms.aicc-file", f"the package contains {_few(cst)}; Moodle treats any .cst file as an "
                      "AICC course and may import the package as AICC", label)
    total = pkg.total_size()
    if pkg.kind == "zip":
        size = pkg.path.stat().st_size
        if size > UPLOAD_WARN_BYTES:
            diags.warning("lms.upload-size", f"the zip is {size / 1024**2:.0f} MB; many LMS sites limit uploads "
                          "to 100 MB or less (PHP upload_max_filesize, Moodle maxbytes)", label)
    elif total > UPLOAD_WARN_BYTES:
        diags.warning("lms.upload-size", f"the files add up to {total / 1024**2:.0f} MB; many LMS sites limit "
                      "uploads to 100 MB or less", label)


def _few(names: list[str]) -> str:
    return ", ".join(names[:_SHOWN]) + (", ..." if len(names) > _SHOWN else "")
