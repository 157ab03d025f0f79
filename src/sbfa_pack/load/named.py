"""The files and folders the project file names (``theme.logo``, ``theme.templates`` and what it
holds, ``scorm.schemas``) must really be inside the project: a course project is untrusted input,
and a path that climbs out (``..``, absolute, a link) would ship a file of the build machine."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from ..diagnostics import Diagnostics
from ..model import Project
from ..paths import inside, real
from .schema import shown as quoted
from .sources import Source

MAX_TEMPLATE_FILES = 2000
"""More entries than this in the templates folder are not looked at (nor are they plausible)."""


def check_named_paths(project: Project, source: Source, root: Path, diags: Diagnostics) -> None:
    """``ref.outside`` for each named path that leads outside the project, and for each link in
    the templates folder that does; ``file.not-regular`` for a FIFO or device there."""
    top = real(root)
    named = {("theme", "logo"): project.theme.logo, ("theme", "templates"): project.theme.templates,
             ("scorm", "schemas"): project.scorm.schemas}
    for key, value in named.items():
        if value is not None and inside(root, value, real_base=top) is None:
            span = source.positions.value(key)
            diags.error("ref.outside", f"{'.'.join(key)}: '{quoted(value)}' is outside the project folder "
                        "(a project may only use its own files)", source.shown, span.line, span.column)
    templates = inside(root, project.theme.templates, real_base=top) if project.theme.templates else None
    if templates is not None and templates.is_dir():
        _check_templates(templates, root, top, diags)


def _check_templates(folder: Path, root: Path, top: Path, diags: Diagnostics) -> None:
    seen = 0
    for here, dirs, files in os.walk(folder):  # links are not followed: each is checked instead
        dirs.sort()
        for name in sorted(dirs + files):
            seen += 1
            if seen > MAX_TEMPLATE_FILES:
                return
            path = Path(here) / name
            shown = path.relative_to(top).as_posix()
            target = inside(root, path, real_base=top)
            if target is None:
                diags.error("ref.outside", "theme.templates: this link leads outside the project folder",
                            shown, 1, 1)
            elif name in files and target.exists() and not stat.S_ISREG(target.stat().st_mode):
                diags.error("file.not-regular", "theme.templates: not a regular file", shown, 1, 1)
