"""Where a project is, from a path on the command line. Light on purpose (standard library only):
a no-op build uses it before anything heavy is imported."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

PROJECT_FILE = "sbfa.yaml"


def real(path: Path) -> Path:
    """The absolute path with links followed; unlike ``Path.resolve`` it never raises on a link loop."""
    return Path(os.path.realpath(path))


def inside(base: Path, name: str | os.PathLike[str], *, real_base: Path | None = None) -> Path | None:
    """Where ``base / name`` really is (links followed), when that is inside ``base``; else None.

    The one check for every path a project names (logo, templates, Markdown files, images, media,
    schemas): an absolute ``name``, a ``..`` that climbs out, or a link (the file's or a folder's
    on the way) that leads out all give None, as does a name the system cannot take (a NUL).
    ``name`` is relative to ``base``, or absolute (a full path: pass ``path.absolute()``, since a
    relative one would be taken from ``base``). ``real_base`` is ``real(base)`` when the caller
    has it already."""
    try:
        top = real_base or real(base)
        target = real(top / name)
    except (ValueError, OSError):
        return None
    return target if target.is_relative_to(top) else None


def walk_inside(top: Path, base: Path) -> Iterator[tuple[str, list[str], list[str]]]:
    """``os.walk(top)`` following links, but only into folders really inside ``base`` (or inside
    ``top``'s own real place when ``top`` is outside ``base``: a folder given on the command line),
    each folder once: a link to ``/`` or a loop of links is not walked. ``dirs`` come sorted."""
    limit = real(base)
    start = real(top)
    if not start.is_relative_to(limit):
        limit = start
    seen: set[str] = set()
    for folder, dirs, files in os.walk(top, followlinks=True):
        here = os.path.realpath(folder)
        if here in seen or not Path(here).is_relative_to(limit):
            dirs[:] = []
            continue
        seen.add(here)
        dirs.sort()
        yield folder, dirs, files


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
