"""Checking the trainer's guide (``guide/guide.yaml``) against the courses it plans sessions for.

The file is read and validated with the other shared sources (:func:`sbfa_pack.load.load_project`);
once the courses are loaded, every id a session plan names must exist: its course
(``guide.unknown-course``), its modules (``guide.unknown-module``), the lessons
(``guide.unknown-lesson``) and toolkit exercises (``guide.unknown-exercise``) its steps use. The
steps' minutes add up to the session's (``guide.duration``); ids are unique (``guide.duplicate-id``)
and no section takes the name of a page of the guide (``guide.reserved-id``).
"""

from __future__ import annotations

from collections.abc import Collection

from ..diagnostics import Diagnostics
from ..model import Course, GuideSession
from .files import did_you_mean
from .sources import LoadedProject, Source

RESERVED = frozenset({"index", "sessions"})
"""Section ids the site's pages of the guide use themselves."""


def check_guide(lp: LoadedProject, diags: Diagnostics) -> None:
    """Every reference of the guide's session plans, and the sums of their minutes."""
    guide, src = lp.guide, lp.guide_source
    if guide is None or src is None:
        return
    seen: set[str] = set()
    for i, section in enumerate(guide.sections):
        if section.id in RESERVED:
            _error(diags, src, ("sections", i, "id"), "guide.reserved-id",
                   f"section id '{section.id}' is used by the guide's own pages (choose another)")
        elif section.id in seen:
            _error(diags, src, ("sections", i, "id"), "guide.duplicate-id",
                   f"section id '{section.id}' is already used")
        seen.add(section.id)
    for cid, sessions in guide.plans.items():
        lc = lp.courses.get(cid)
        if lc is None:
            if cid not in lp.broken.courses:
                span = src.positions.key(("plans", cid))
                diags.error("guide.unknown-course", f"course '{cid}' does not exist{did_you_mean(cid, lp.courses)}",
                            src.shown, span.line, span.column)
            _check_sessions(lp, src, cid, sessions, None, diags)
        else:
            _check_sessions(lp, src, cid, sessions, lc.course, diags)


def _check_sessions(lp: LoadedProject, src: Source, cid: str, sessions: list[GuideSession], course: Course | None,
                    diags: Diagnostics) -> None:
    modules = {m.id for m in course.modules} if course else None
    lessons = {les.id for m in course.modules for les in m.lessons} if course else None
    exercises = lp.exercises.keys() | lp.broken.exercises
    ids: set[str] = set()
    for s, session in enumerate(sessions):
        here = ("plans", cid, s)
        if session.id in ids:
            _error(diags, src, (*here, "id"), "guide.duplicate-id", f"session id '{session.id}' is already used")
        ids.add(session.id)
        total = sum(step.minutes for step in session.steps)
        if total != session.minutes:
            _error(diags, src, (*here, "minutes"), "guide.duration",
                   f"the steps of session '{session.id}' take {total} minutes, not {session.minutes}")
        _names(diags, src, (*here, "modules"), session.modules, modules, "module", f"course '{cid}'")
        steps: set[str] = set()
        for k, step in enumerate(session.steps):
            if step.id in steps:
                _error(diags, src, (*here, "steps", k, "id"), "guide.duplicate-id",
                       f"step id '{step.id}' is already used in this session")
            steps.add(step.id)
            _names(diags, src, (*here, "steps", k, "lessons"), step.lessons, lessons, "lesson", f"course '{cid}'")
            _names(diags, src, (*here, "steps", k, "exercises"), step.exercises, exercises, "exercise", "the toolkit")


def _names(diags: Diagnostics, src: Source, path: tuple[str | int, ...], names: list[str],
           known: Collection[str] | None, kind: str, where: str) -> None:
    """Each of ``names`` must be in ``known`` (None: the course failed to load; not checked)."""
    if known is None:
        return
    for i, name in enumerate(names):
        if name not in known:
            _error(diags, src, (*path, i), f"guide.unknown-{kind}",
                   f"{where} has no {kind} '{name}'{did_you_mean(name, known)}")


def _error(diags: Diagnostics, src: Source, path: tuple[str | int, ...], code: str, message: str) -> None:
    span = src.positions.value(path)
    diags.error(code, message, src.shown, span.line, span.column)
