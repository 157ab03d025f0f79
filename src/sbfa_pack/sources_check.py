"""``validate`` for course sources: the loader's checks plus those other parts add (translations)."""

from __future__ import annotations

import importlib
from pathlib import Path

from .diagnostics import Diagnostics
from .load import LoadedProject, find_root, load_project


def project_root(path: Path) -> Path:
    """The project folder for a path given on the command line (project, course folder or file)."""
    found = find_root(path)
    if found:
        return found
    folder = path if path.is_dir() else path.parent
    if (folder / "course.yaml").exists() and folder.parent.name == "courses":
        return folder.parent.parent
    if folder.name in ("courses", "toolkit", "resources"):
        return folder.parent
    return folder


def validate_sources(path: Path, diags: Diagnostics) -> LoadedProject | None:
    """Load and check the project holding ``path``, including translations when present."""
    lp = load_project(project_root(path), diags)
    if lp is not None:
        try:  # the translation checks plug in here once the i18n part is installed
            module = importlib.import_module("sbfa_pack.i18n.checks")
        except ModuleNotFoundError as exc:
            if exc.name and "sbfa_pack.i18n.checks".startswith(exc.name):
                return lp
            raise
        module.check_translations(lp, diags)
    return lp
