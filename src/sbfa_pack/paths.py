"""Where a project is, from a path on the command line. Light on purpose (standard library only):
a no-op build uses it before anything heavy is imported."""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_FILE = "sbfa.yaml"


def real(path: Path) -> Path:
    """The absolute path with links followed; unlike ``Path.resolve`` it never raises on a link loop."""
    return Path(os.path.realpath(path))


def find_root(path: Path) -> Path | None:
    """The project folder holding ``path``: the nearest folder upwards with an ``sbfa.yaml``."""
    here = real(path)
    for folder in [here, *here.parents] if here.is_dir() else list(here.parents):
        if os.path.lexists(folder / PROJECT_FILE):  # even unreadable or a folder: the loader says why
            return folder
    return None


def project_root(path: Path) -> Path:
    """The project folder for a path given on the command line (project, course folder or file);
    a usage error when neither it nor a folder above it holds an ``sbfa.yaml``."""
    found = find_root(path)
    if found:
        return found
    from .errors import UsageError  # here: keep this module light

    folder = path if path.is_dir() or not path.exists() else path.parent
    raise UsageError(message=f"no {PROJECT_FILE} in {folder} or its parents; "
                             "run `sbfa-pack new course ID` to start")


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
            from .errors import UsageError  # here: keep this module light

            raise UsageError(message=f"{path}: not inside the project at {root}") from None
        if not rel or rel in (("courses",), ("toolkit",)):
            everything = True
        elif rel[0] == "courses":
            ids.add(rel[1])
        elif rel[0] == "toolkit":
            ids.add(Path(rel[1]).stem)
        else:
            from .errors import UsageError  # here: keep this module light

            raise UsageError(message=f"{path}: not a course or toolkit exercise of the project")
    return None if everything else ids or None
