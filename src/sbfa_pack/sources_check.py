"""``validate`` for course sources: the loader's checks plus those other parts add (translations)."""

from __future__ import annotations

import importlib
from pathlib import Path

from .diagnostics import Diagnostics
from .load import LoadedProject, load_project
from .paths import project_root, real, selection

__all__ = ["project_root", "selection", "validate_sources"]


def validate_sources(path: Path, diags: Diagnostics) -> LoadedProject | None:
    """Load and check the project holding ``path``, including translations when present.

    The whole project is loaded (references cross files), but when ``path`` is a course folder or
    a file, only the problems in it, and in the project file, are reported.
    """
    root = project_root(path)
    found = Diagnostics()
    lp = load_project(root, found)
    if lp is not None:
        try:  # the translation checks plug in here once the i18n part is installed
            module = importlib.import_module("sbfa_pack.i18n.checks")
        except ModuleNotFoundError as exc:
            if not (exc.name and "sbfa_pack.i18n.checks".startswith(exc.name)):
                raise
        else:
            module.check_translations(lp, found)
    try:
        scope = real(path).relative_to(real(root)).as_posix()
    except ValueError:
        scope = "."
    for d in found:
        if scope == "." or d.file in (scope, "sbfa.yaml") or d.file.startswith(f"{scope}/"):
            diags.extend([d])
    return lp
