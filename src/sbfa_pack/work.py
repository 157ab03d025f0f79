"""The build's tasks, as its workers run them.

A task is one unit (a course, or a toolkit exercise packaged on its own) and some of its
packages. For a course, the worker loads and checks it first (the parent loaded only the
project file, resource bank and toolkit), so loading runs on every core too. Each package is
written to a temporary file beside its place in ``dist/``; the parent (:mod:`sbfa_pack.build`)
moves them into place only when every task is done and no source had an error, so a build
with errors still writes nothing. Workers end with the build, even when it is killed
(:func:`init_worker`). A course with errors stops all further packaging (but not
the checking of other courses: every problem is reported in one pass).
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import importlib
import os
import signal
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol, cast

from . import builders
from .diagnostics import Diagnostic, Diagnostics
from .errors import SbfaError
from .load import LoadedCourse, LoadedExercise, LoadedProject, load_course
from .model import ExerciseRef
from .packaging import stage, zip_bytes
from .unit import Unit, exercise_course, marked_terms

MULTILINGUAL = "mul"
"""The variant of a package carrying every language of the build (ISO 639 "multiple languages")."""


@dataclass(frozen=True)
class Job:
    """One package: a unit in one language (or ``mul``), one format, and the key of its inputs."""

    unit: str
    """``course:<folder name>`` or ``exercise:<id>``."""
    variant: str
    format: str
    key: str

    @property
    def slot(self) -> str:
        """The job's place in the build cache: the same from one build to the next."""
        return f"{self.unit}|{self.variant}|{self.format}"


@dataclass(frozen=True)
class Task:
    """Some packages of one unit for one worker (none: the course is only loaded and checked)."""

    unit: str
    jobs: tuple[Job, ...]
    report: bool
    """This task reports the unit's load diagnostics (the first task of each unit)."""


@dataclass(frozen=True)
class Built:
    """One package as built: a line of dist/index.json."""

    kind: str
    id: str
    title: str
    version: str
    language: str
    format: str
    file: str
    size: int
    sha256: str
    report: dict[str, object]


@dataclass(frozen=True)
class Failure:
    """An expected failure of one job, reported as a diagnostic on the source it is about."""

    code: str
    message: str
    file: str
    line: int

    @classmethod
    def of(cls, exc: SbfaError) -> Failure:
        return cls(exc.code, exc.message, exc.file, exc.line)


@dataclass(frozen=True)
class Outcome:
    job: Job
    name: str
    """The package's file name in ``dist/``."""
    result: Built | Failure
    temp: str | None = None
    """Where the package was written, to be moved into place by the parent (None for a failure)."""


@dataclass(frozen=True)
class TaskResult:
    unit: str
    diagnostics: tuple[Diagnostic, ...]
    source_errors: bool
    outcomes: tuple[Outcome, ...]


@dataclass(frozen=True)
class Context:
    """What every task needs besides its own unit; the workers inherit it (or receive it once)."""

    lp: LoadedProject
    """The project without its courses (see :func:`sbfa_pack.load.load_shared`)."""
    folders: dict[str, Path]
    out_dir: Path
    languages: tuple[str, ...]
    options: tuple[tuple[str, str], ...]
    tag: str
    """Part of every temporary file name of this build, so the parent can sweep them all."""


class Flag(Protocol):
    def set(self) -> None: ...

    def is_set(self) -> bool: ...


_CTX: Context | None = None
_STOP: Flag = threading.Event()
_COURSES: OrderedDict[str, tuple[LoadedCourse | None, tuple[Diagnostic, ...]]] = OrderedDict()
_KEEP = 2
"""Loaded courses a worker keeps: the parts of one course usually come to it one after another."""


def init(ctx: Context, stop: Flag) -> None:
    """Set up this process (a worker, or the parent in a serial build) for the tasks of one build."""
    global _CTX, _STOP
    _CTX, _STOP = ctx, stop
    _COURSES.clear()
    _LAST_LOCALISED.clear()


def init_worker(ctx: Context, stop: Flag, parent: int, lock: int | None) -> None:
    """Set up a worker process: it dies with the build (a parent-death signal where the kernel
    has one, and a watchdog everywhere), and it does not hold the build's lock."""
    if lock is not None:
        os.close(lock)  # the parent's descriptor alone holds the lock: it goes when the parent goes
    with contextlib.suppress(OSError, AttributeError):
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:  # the parent died before the signal was set up
        os._exit(1)
    threading.Thread(target=_watch, args=(parent,), name="sbfa-watchdog", daemon=True).start()
    init(ctx, stop)


_PR_SET_PDEATHSIG = 1


def _watch(parent: int) -> None:
    """End this worker as soon as its parent is gone (it would wait on its pipe for ever)."""
    while os.getppid() == parent:
        time.sleep(0.2)
    os._exit(1)


def run_task(task: Task) -> TaskResult:
    """Load (a course) and build the task's packages; a source error stops packaging everywhere."""
    ctx = _context()
    kind, name = task.unit.split(":", 1)
    reported: tuple[Diagnostic, ...] = ()  # a course's load diagnostics, from its first task only
    if kind == "course":
        lc, found = _course(name)
        reported = found if task.report else ()
        if lc is None or any(d.severity == "error" for d in found):
            _STOP.set()
            return TaskResult(task.unit, reported, True, ())
        unit = course_unit(dataclasses.replace(ctx.lp, courses={lc.course.id: lc}), lc)
    else:
        unit = exercise_unit(ctx.lp, ctx.lp.exercises[name])
    outcomes: list[Outcome] = []
    for job in task.jobs:
        if _STOP.is_set():
            break
        outcomes.append(build_package(unit, job))
    return TaskResult(task.unit, reported, False, tuple(outcomes))


def _context() -> Context:
    if _CTX is None:
        raise RuntimeError("work.init() was not called in this process")
    return _CTX


def _course(name: str) -> tuple[LoadedCourse | None, tuple[Diagnostic, ...]]:
    """The course of folder ``name``, loaded and checked (its catalogs too), with what was found."""
    if name in _COURSES:
        _COURSES.move_to_end(name)
        return _COURSES[name]
    ctx = _context()
    diags = Diagnostics()
    lc = load_course(ctx.lp, ctx.folders[name], diags)
    if lc is not None and not diags.errors:
        check = _catalog_check()
        if check is not None:
            check(dataclasses.replace(ctx.lp, courses={lc.course.id: lc}), lc.course.id, diags, list(ctx.languages))
    _COURSES[name] = lc, tuple(diags)
    while len(_COURSES) > _KEEP:
        _COURSES.popitem(last=False)
    return _COURSES[name]


def _catalog_check() -> Callable[[LoadedProject, str, Diagnostics, list[str]], None] | None:
    return cast(Callable[[LoadedProject, str, Diagnostics, list[str]], None] | None,
                optional("sbfa_pack.i18n.checks", "check_catalog"))


def optional(module: str, name: str) -> Any:
    """``module.name`` when that part of sbfa-pack is installed, else None (a module missing
    inside it is a bug, and raises)."""
    try:
        found = importlib.import_module(module)
    except ModuleNotFoundError as exc:
        if exc.name and module.startswith(exc.name):
            return None
        raise
    return getattr(found, name)


def build_package(unit: Unit, job: Job) -> Outcome:
    """Localise, render and zip one package into a temporary file in ``dist/``; an expected failure
    (:class:`SbfaError`) is the outcome, anything else a bug that stops the build."""
    ctx = _context()
    country = dict(ctx.options).get("country")
    if country:  # build --country: the packages open pre-selected for it, and say so in their name
        unit = dataclasses.replace(unit, country=country)
    if job.variant == MULTILINGUAL:  # the course in each language, opening in the source language
        source = dataclasses.replace(unit, ui_languages=ctx.languages)
        localised = _localised(source)
        others = [dataclasses.replace(unit, language=lang) for lang in ctx.languages if lang != unit.language]
        localised = dataclasses.replace(localised, variants=tuple(localiser()(u, u.language) for u in others))
    else:
        source = dataclasses.replace(unit, language=job.variant)
        localised = _localised(source)
    builder = builders.get(job.format)(dict(ctx.options))
    out = ctx.out_dir / builder.package_name(source)
    try:
        data = zip_bytes(builder.files(localised))
        report = builder.report(localised)
    except SbfaError as exc:
        return Outcome(job, out.name, Failure.of(exc))
    temp = stage(out, data, ctx.tag)
    if source.ui_languages:
        report = {**report, "languages": list(source.ui_languages)}
    c = localised.course
    built = Built(unit.kind, c.id, c.title, c.version, job.variant if source.ui_languages else localised.language,
                  job.format, out.name, len(data), hashlib.sha256(data).hexdigest(), report)
    return Outcome(job, out.name, built, str(temp))


Localiser = Callable[[Unit, str], Unit]


def _identity(unit: Unit, lang: str) -> Unit:
    return unit


def localiser() -> Localiser:
    """The translation step (i18n) when it is installed: unit in source language → unit in ``lang``."""
    return cast(Localiser, optional("sbfa_pack.i18n.localise", "localise") or _identity)


# The last localised unit: the formats of one unit × language are built one after the other, so
# they share one translation pass. Keeping only the last bounds memory to one unit; holding the
# source unit itself (not its id()) makes a match certain.
_LAST_LOCALISED: list[tuple[Unit, Unit]] = []


def _localised(unit: Unit) -> Unit:
    if _LAST_LOCALISED and _LAST_LOCALISED[0][0] == unit:
        return _LAST_LOCALISED[0][1]
    done = localiser()(unit, unit.language)
    _LAST_LOCALISED[:] = [(unit, done)]
    return done


def course_unit(lp: LoadedProject, lc: LoadedCourse) -> Unit:
    """A course in the source language, with the toolkit exercises it uses and their assets."""
    refs = {les.exercise for _, les in lc.course.lessons() if isinstance(les, ExerciseRef)}
    used = sorted(refs & lp.exercises.keys())
    assets = dict(lc.assets)
    for ex_id in used:
        assets.update(lp.exercises[ex_id].assets)
    lang = lp.project.source_language
    exercises = {e: lp.exercises[e].exercise for e in used}
    marked = marked_terms(lc.course, *exercises.values())
    return Unit("course", lc.course, lang, lp.project, exercises, dict(lp.resources), assets, lang, root=lp.root,
                glossary={g: e for g, e in lp.glossary.items() if g in marked})


def exercise_unit(lp: LoadedProject, le: LoadedExercise) -> Unit:
    """A toolkit exercise on its own, in the source language."""
    lang = lp.project.source_language
    marked = marked_terms(le.exercise)
    return Unit("exercise", exercise_course(le.exercise), lang, lp.project, {le.exercise.id: le.exercise}, {},
                dict(le.assets), lang, root=lp.root, glossary={g: e for g, e in lp.glossary.items() if g in marked})


def units(lp: LoadedProject, only: set[str] | None = None) -> list[Unit]:
    """Source-language units of a loaded project: every course, and every toolkit exercise."""
    out = [course_unit(lp, lc) for cid, lc in sorted(lp.courses.items()) if not only or cid in only]
    out += [exercise_unit(lp, le) for eid, le in sorted(lp.exercises.items()) if not only or eid in only]
    return out

