"""``validate`` for course sources: the loader's checks plus those other parts add (translations)."""

from __future__ import annotations

import importlib
from pathlib import Path

from .diagnostics import Diagnostics
from .errors import UsageError
from .load import LoadedProject, find_root, load_project
from .load.files import real


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


def selection(root: Path, paths: tuple[Path, ...]) -> set[str] | None:
    """The course and exercise ids that ``paths`` name; None for everything.

    A path may be the project, ``courses/`` or ``toolkit/`` (everything there), a course folder or
    any file in it, or an exercise file.
    """
    ids: set[str] = set()
    everything = False
    base = real(root)
    for path in paths:
        try:
            rel = real(path).relative_to(base).parts
        except ValueError:
            raise UsageError(message=f"{path}: not inside the project at {root}") from None
        if not rel or rel in (("courses",), ("toolkit",)):
            everything = True
        elif rel[0] == "courses":
            ids.add(rel[1])
        elif rel[0] == "toolkit":
            ids.add(Path(rel[1]).stem)
        else:
            raise UsageError(message=f"{path}: not a course or toolkit exercise of the project")
    return None if everything else ids or None


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
