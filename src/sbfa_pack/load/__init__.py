"""The loader: the only code that reads course sources.

``load_project`` reads a project folder (``sbfa.yaml``, ``courses/*/course.yaml``, ``toolkit/*.yaml``,
``resources/*.yaml``, ``glossary/*.yaml``, Markdown files and assets), validates everything against the model and
checks references, collecting every problem in one pass.
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

from pydantic import TypeAdapter, ValidationError

from ..diagnostics import Diagnostics
from ..model import Course, Exercise, Guide, Project, Resource, ResourceBank, is_id
from ..paths import PROJECT_FILE, find_root, inside, real
from .checks import check_course, check_exercise, check_ids, check_markdown, check_project
from .files import control_chars, display, read_text
from .glossary import load_glossary
from .guide import check_guide
from .partial import check_unvalidated
from .schema import shown as quoted
from .schema import validate
from .sources import Broken, LoadedCourse, LoadedExercise, LoadedProject, Source
from .yamlpos import Positions, Span, parse

__all__ = ["PROJECT_FILE", "Broken", "LoadedCourse", "LoadedExercise", "LoadedProject", "Source", "find_root",
           "load_course", "load_project", "load_shared"]


T = TypeVar("T")


# The validators are built on first use (the models defer theirs too): a build's parent process
# never validates a course, so only its workers pay for the largest one, and in parallel.
@cache
def _adapter(tp: Any) -> TypeAdapter[Any]:
    return TypeAdapter(tp)


def load_project(root: Path, diags: Diagnostics) -> LoadedProject | None:
    """Load and check a whole project; None only when the project file itself is unusable (the
    rest is still loaded and checked then, so that every problem is reported at once)."""
    lp, folders = _load_shared(root, diags)
    for folder in folders:
        lc = load_course(lp, folder, diags)
        if lc:
            lp.courses[lc.course.id] = lc
        else:
            lp.broken.courses.add(folder.name)
    check_guide(lp, diags)
    return None if lp.broken.project else lp


def load_shared(root: Path, diags: Diagnostics) -> tuple[LoadedProject, list[Path]] | None:
    """Everything but the courses, checked: the project file, resource bank and toolkit; and the
    course folders to load with :func:`load_course` (the build loads them in its workers).
    The project's ``courses`` starts empty. None only when the project file itself is unusable."""
    lp, folders = _load_shared(root, diags)
    return None if lp.broken.project else (lp, folders)


def _load_shared(root: Path, diags: Diagnostics) -> tuple[LoadedProject, list[Path]]:
    """:func:`load_shared`, with a default project standing in for an unusable project file
    (``broken.project``): nothing is then compared with it."""
    broken = Broken()
    project, source = _load_project_file(root, diags)
    if project is None:
        broken.project = True
        project = Project(name=real(root).name or "project")
    resources, resource_sources = _load_resources(root, diags, broken)
    glossary, glossary_sources = load_glossary(root / "glossary", lambda p: _read(root, p, diags), diags,
                                               broken.glossary)
    exercises: dict[str, LoadedExercise] = {}
    for path in _yaml_files(root / "toolkit"):
        loaded = _load_exercise(root, path, diags)
        if not loaded:
            broken.exercises.add(path.stem)
        elif loaded.exercise.id in exercises:
            diags.error("ref.duplicate-id", f"exercise id '{loaded.exercise.id}' is used by two files",
                        loaded.source.shown, *_first(loaded.source.positions, ("id",)))
        else:
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
        check_exercise(le, diags, terms=glossary.keys() | broken.glossary)
    if not broken.project:
        check_project(project, source, root, diags)
    guide, guide_source, guide_files = _load_guide(root, diags, glossary.keys() | broken.glossary)
    broken.guide = guide is None and (root / "guide" / "guide.yaml").exists()
    return LoadedProject(root, project, source, {}, exercises, resources, resource_sources, broken,
                         glossary, glossary_sources, guide, guide_source, guide_files), folders


def load_course(lp: LoadedProject, folder: Path, diags: Diagnostics) -> LoadedCourse | None:
    """Load and check the course in ``folder`` (one of :func:`load_shared`'s) against the rest of
    the project; the project is not changed. A course that fails validation is still checked as
    far as it can be (:mod:`.partial`), and None is returned."""
    lc = _load_course(lp, folder / "course.yaml", diags)
    if lc:
        check_course(lc, None if lp.broken.project else lp.project, lp.exercises, lp.resources, diags, lp.broken,
                     terms=lp.glossary.keys() | lp.broken.glossary)
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
        if inside(root, entry.absolute()) is None:
            diags.error("ref.outside", "this course folder is a link that leads outside the project folder",
                        entry.relative_to(root).as_posix(), 1, 1)
        elif entry.is_dir():
            folders.append(entry)
    return folders


def _first(pos: Positions, path: tuple[str | int, ...]) -> tuple[int, int]:
    span = pos.value(path)
    return span.line, span.column


def _yaml_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.yaml")) if folder.is_dir() else []


def _read(root: Path, path: Path, diags: Diagnostics) -> tuple[Any, Source] | None:
    shown = display(path, root)
    if inside(root, path.absolute()) is None:  # a link leading out of the project
        diags.error("ref.outside", "this file is a link that leads outside the project folder",
                    path.relative_to(root).as_posix() if path.is_relative_to(root) else shown, 1, 1)
        return None
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


def _load_resources(root: Path, diags: Diagnostics, broken: Broken) -> tuple[dict[str, Resource], dict[str, Source]]:
    resources: dict[str, Resource] = {}
    sources: dict[str, Source] = {}
    for path in _yaml_files(root / "resources"):
        read = _read(root, path, diags)
        if read is None:
            continue
        data, source = read
        bank = validate(_adapter(ResourceBank), data, source.positions, diags)
        # A bank with errors (reported) still gives the entries that are valid on their own.
        entries = list(enumerate(bank.resources)) if bank else _valid_entries(data, broken)
        for i, res in entries:
            if res.id in resources:
                line, col = _first(source.positions, ("resources", i, "id"))
                diags.error("ref.duplicate-id",
                            f"resource id '{res.id}' is already used in {sources[res.id].shown}",
                            source.shown, line, col)
                continue
            resources[res.id] = res
            sources[res.id] = source
    return resources, sources


def _valid_entries(data: Any, broken: Broken) -> list[tuple[int, Resource]]:
    """(index, resource) of the entries of a bank that failed validation which are valid on their
    own; the ids of the others go to ``broken.resources``. Nothing is reported (the bank's errors are)."""
    raw = data.get("resources") if isinstance(data, dict) else None
    valid: list[tuple[int, Resource]] = []
    for i, entry in enumerate(raw if isinstance(raw, list) else []):
        try:
            valid.append((i, _adapter(Resource).validate_python(entry)))
        except ValidationError:
            if isinstance(entry, dict) and isinstance(entry.get("id"), str):
                broken.resources.add(entry["id"])
    return valid


def _load_exercise(root: Path, path: Path, diags: Diagnostics) -> LoadedExercise | None:
    read = _read(root, path, diags)
    if read is None:
        return None
    data, source = read
    exercise = validate(_adapter(Exercise), data, source.positions, diags)
    if exercise is None:
        if isinstance(data, dict):  # reported; its ids, links and images are still checked
            check_ids(data, source, "exercise", diags)
            check_markdown(data, source, path.parent, diags, {}, {}, hashlib.sha256())
        return None
    if exercise.id != path.stem:
        line, col = _first(source.positions, ("id",))
        diags.error("ref.id-mismatch", f"exercise id '{exercise.id}' must match its file name '{path.stem}'",
                    source.shown, line, col)
    return LoadedExercise(exercise, source, digest=source.digest)


def _load_guide(root: Path, diags: Diagnostics, terms: set[str]
                ) -> tuple[Guide | None, Source | None, dict[tuple[str | int, ...], str]]:
    """``guide/guide.yaml`` with its ``body_file`` texts inlined and its Markdown checked (the
    references to courses are checked once they are loaded: :func:`.guide.check_guide`)."""
    path = root / "guide" / "guide.yaml"
    read = _read(root, path, diags) if path.exists() or path.is_symlink() else None
    if read is None:
        return None, None, {}
    data, source = read
    if not isinstance(data, dict):
        diags.error("schema.type", "guide.yaml must be a mapping (key: value lines)", source.shown, 1, 1)
        return None, source, {}
    files: dict[tuple[str | int, ...], str] = {}
    before = len(diags.errors)
    _inline_body_files(root, path.parent, data, (), source.positions, diags, hashlib.sha256(), files,
                       (real(root), real(path.parent)))
    unread = len(diags.errors) > before  # a body_file stands in as a placeholder: no guide (as a course)
    guide = validate(_adapter(Guide), data, source.positions, diags)
    check_markdown(data, source, path.parent, diags, files, {}, hashlib.sha256(), terms=terms)
    return (None if unread else guide), source, files


def _load_course(lp: LoadedProject, path: Path, diags: Diagnostics) -> LoadedCourse | None:
    root = lp.root
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
    ident = data.get("id")
    if isinstance(ident, str) and is_id(ident) and ident != path.parent.name:
        line, col = _first(source.positions, ("id",))
        diags.error("ref.id-mismatch", f"course id '{ident}' must match its folder name '{path.parent.name}'",
                    source.shown, line, col)
    if course is None:
        check_unvalidated(data, source, body_files, None if lp.broken.project else lp.project, lp.exercises,
                          lp.resources, lp.broken, diags)
        return None
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
    target = inside(folder, ref, real_base=real_folder) if isinstance(ref, str) else None
    if target is None:
        where = "the guide folder" if folder.name == "guide" and folder.parent == root else "the course folder"
        diags.error("ref.outside", f"'{quoted(ref)}' must be a Markdown file inside {where}",
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
