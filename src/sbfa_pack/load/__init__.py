"""The loader: the only code that reads course sources.

``load_project`` reads a project folder (``sbfa.yaml``, ``courses/*/course.yaml``, ``toolkit/*.yaml``,
``resources/*.yaml``, Markdown files and assets), validates everything against the model and
checks references, collecting every problem in one pass.
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

from pydantic import TypeAdapter

from ..diagnostics import Diagnostics
from ..model import Course, Exercise, Project, Resource, ResourceBank
from ..paths import PROJECT_FILE, find_root, real
from .checks import check_course, check_exercise, check_project
from .files import control_chars, display, read_text
from .schema import shown as quoted
from .schema import validate
from .sources import LoadedCourse, LoadedExercise, LoadedProject, Source
from .yamlpos import Positions, Span, parse

__all__ = ["PROJECT_FILE", "LoadedCourse", "LoadedExercise", "LoadedProject", "Source", "find_root", "load_course",
           "load_project", "load_shared"]


T = TypeVar("T")


# The validators are built on first use (the models defer theirs too): a build's parent process
# never validates a course, so only its workers pay for the largest one, and in parallel.
@cache
def _adapter(tp: Any) -> TypeAdapter[Any]:
    return TypeAdapter(tp)


def load_project(root: Path, diags: Diagnostics) -> LoadedProject | None:
    """Load and check a whole project; None only when the project file itself is unusable."""
    loaded = load_shared(root, diags)
    if loaded is None:
        return None
    lp, folders = loaded
    for folder in folders:
        lc = load_course(lp, folder, diags)
        if lc:
            lp.courses[lc.course.id] = lc
    return lp


def load_shared(root: Path, diags: Diagnostics) -> tuple[LoadedProject, list[Path]] | None:
    """Everything but the courses, checked: the project file, resource bank and toolkit; and the
    course folders to load with :func:`load_course` (the build loads them in its workers).
    The project's ``courses`` starts empty. None only when the project file itself is unusable."""
    project, source = _load_project_file(root, diags)
    if project is None:
        return None
    resources, resource_sources = _load_resources(root, diags)
    exercises: dict[str, LoadedExercise] = {}
    for path in _yaml_files(root / "toolkit"):
        loaded = _load_exercise(root, path, diags)
        if loaded:
            if loaded.exercise.id in exercises:
                diags.error("ref.duplicate-id", f"exercise id '{loaded.exercise.id}' is used by two files",
                            loaded.source.shown, *_first(loaded.source.positions, ("id",)))
                continue
            exercises[loaded.exercise.id] = loaded
    folders: list[Path] = []
    for folder in _course_folders(root, diags):
        course_file = folder / "course.yaml"
        if not course_file.exists() and not course_file.is_symlink():
            diags.warning("file.missing", "course folder without a course.yaml (ignored)",
                          display(folder, root), 1, 1)
            continue
        folders.append(folder)
    for le in exercises.values():
        check_exercise(le, diags)
    check_project(project, source, root, diags)
    return LoadedProject(root, project, source, {}, exercises, resources, resource_sources), folders


def load_course(lp: LoadedProject, folder: Path, diags: Diagnostics) -> LoadedCourse | None:
    """Load and check the course in ``folder`` (one of :func:`load_shared`'s) against the rest of
    the project; the project is not changed."""
    lc = _load_course(lp.root, folder / "course.yaml", diags)
    if lc:
        check_course(lc, lp.project, lp.exercises, lp.resources, diags)
    return lc


def _course_folders(root: Path, diags: Diagnostics) -> list[Path]:
    """The folders of ``courses/``; a symbolic link that leads nowhere is reported, not skipped."""
    courses = root / "courses"
    if not courses.is_dir():
        return []
    folders = []
    for entry in sorted(courses.iterdir()):
        try:
            if entry.is_symlink():
                entry.resolve(strict=True)
        except (OSError, RuntimeError) as exc:
            loop = isinstance(exc, RuntimeError) or getattr(exc, "errno", 0) == 40
            code, why = ("file.symlink-loop", "symbolic link loop") if loop else ("file.missing", "broken link")
            diags.error(code, f"{why}; this course folder cannot be read", display(entry, root), 1, 1)
            continue
        if entry.is_dir():
            folders.append(entry)
    return folders


def _first(pos: Positions, path: tuple[str | int, ...]) -> tuple[int, int]:
    span = pos.value(path)
    return span.line, span.column


def _yaml_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.yaml")) if folder.is_dir() else []


def _read(root: Path, path: Path, diags: Diagnostics) -> tuple[Any, Source] | None:
    shown = display(path, root)
    text = read_text(path, shown, diags)
    if text is None:
        return None
    parsed = parse(text, shown, diags)
    if parsed is None:
        return None
    data, positions = parsed
    digest = hashlib.sha256(text.encode()).hexdigest()
    return data, Source(path, shown, positions, digest)


def _load_project_file(root: Path, diags: Diagnostics) -> tuple[Project | None, Source | None]:
    path = root / PROJECT_FILE
    if not path.exists():
        return Project(name=real(root).name or "project"), None
    read = _read(root, path, diags)
    if read is None:
        return None, None
    data, source = read
    if not isinstance(data, dict):
        diags.error("schema.type", "the project file must be a mapping (key: value lines)", source.shown, 1, 1)
        return None, source
    return validate(_adapter(Project), data, source.positions, diags), source


def _load_resources(root: Path, diags: Diagnostics) -> tuple[dict[str, Resource], dict[str, Source]]:
    resources: dict[str, Resource] = {}
    sources: dict[str, Source] = {}
    for path in _yaml_files(root / "resources"):
        read = _read(root, path, diags)
        if read is None:
            continue
        data, source = read
        bank = validate(_adapter(ResourceBank), data, source.positions, diags)
        for i, res in enumerate(bank.resources if bank else []):
            if res.id in resources:
                line, col = _first(source.positions, ("resources", i, "id"))
                diags.error("ref.duplicate-id",
                            f"resource id '{res.id}' is already used in {sources[res.id].shown}",
                            source.shown, line, col)
                continue
            resources[res.id] = res
            sources[res.id] = source
    return resources, sources


def _load_exercise(root: Path, path: Path, diags: Diagnostics) -> LoadedExercise | None:
    read = _read(root, path, diags)
    if read is None:
        return None
    data, source = read
    exercise = validate(_adapter(Exercise), data, source.positions, diags)
    if exercise is None:
        return None
    if exercise.id != path.stem:
        line, col = _first(source.positions, ("id",))
        diags.error("ref.id-mismatch", f"exercise id '{exercise.id}' must match its file name '{path.stem}'",
                    source.shown, line, col)
    return LoadedExercise(exercise, source, digest=source.digest)


def _load_course(root: Path, path: Path, diags: Diagnostics) -> LoadedCourse | None:
    read = _read(root, path, diags)
    if read is None:
        return None
    data, source = read
    if not isinstance(data, dict):
        diags.error("schema.type", "course.yaml must be a mapping (key: value lines)", source.shown, 1, 1)
        return None
    digest = hashlib.sha256(source.digest.encode())
    body_files: dict[tuple[str | int, ...], str] = {}
    dirs = (real(root), real(path.parent))  # once per course, not per Markdown file
    _inline_body_files(root, path.parent, data, (), source.positions, diags, digest, body_files, dirs)
    course = validate(_adapter(Course), data, source.positions, diags)
    if course is None:
        return None
    if course.id != path.parent.name:
        line, col = _first(source.positions, ("id",))
        diags.error("ref.id-mismatch", f"course id '{course.id}' must match its folder name '{path.parent.name}'",
                    source.shown, line, col)
    return LoadedCourse(course, source, path.parent, digest=digest.hexdigest(), body_files=body_files)


def _inline_body_files(
    root: Path, folder: Path, data: Any, path: tuple[str | int, ...], pos: Positions, diags: Diagnostics,
    digest: Any, body_files: dict[tuple[str | int, ...], str], dirs: tuple[Path, Path],
) -> None:
    """Replace ``body_file: name.md`` by ``body: <its text>``; the file's name is kept for diagnostics."""
    if isinstance(data, list):
        for i, item in enumerate(data):
            _inline_body_files(root, folder, item, (*path, i), pos, diags, digest, body_files, dirs)
        return
    if not isinstance(data, dict):
        return
    for key, value in list(data.items()):
        _inline_body_files(root, folder, value, (*path, key), pos, diags, digest, body_files, dirs)
    if "body_file" not in data:
        return
    ref = data.pop("body_file")
    span: Span = pos.value((*path, "body_file"))
    if "body" in data:
        diags.error("schema.conflict", "give either 'body' or 'body_file', not both", pos.file, span.line, span.column)
        return
    # Past this point a failure is reported here; a placeholder body keeps the model from also
    # reporting "missing required key 'body'" (the course is rejected anyway).
    data["body"] = f"({ref})"
    real_root, real_folder = dirs
    target = real(folder / str(ref))
    if not isinstance(ref, str) or not target.is_relative_to(real_folder):
        diags.error("ref.outside", f"'{quoted(ref)}' must be a Markdown file inside the course folder",
                    pos.file, span.line, span.column)
        return
    if not target.exists() and not target.is_symlink():
        diags.error("ref.missing-file", f"Markdown file '{quoted(ref)}' not found", pos.file, span.line, span.column)
        return
    shown = target.relative_to(real_root).as_posix() if target.is_relative_to(real_root) else display(target, root)
    text = read_text(target, shown, diags)
    if text is not None and not control_chars(text, shown, diags):
        data["body"] = text
        digest.update(text.encode())
        body_files[(*path, "body")] = shown
        pos.values[(*path, "body")] = Span(1, 1)
