"""The trainer's guide on the site (``<lang>/trainers/``): its index, one page per section and one
page of session plans per course.

The plans take their facts from the course models, localised as the packages are: the titles and
online minutes of the modules a session covers, the lessons and toolkit exercises each step uses
(a case study links to its story, with the reflection prompts; an exercise to its toolkit page).
A plan cannot drift from its course: an unknown id is an error of ``validate``
(:mod:`sbfa_pack.load.guide`), and the site is not built.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..model import CaseStudy, Course, ExerciseRef, GuideSession, Lesson
from .content import Localised, Project
from .text import PageText

PageSpec = tuple[str, str, dict[str, Any]]
"""(key, template, context), as :data:`.pages.PageSpec` (which imports this module)."""

INDEX = "trainers/index.html"


def section_key(sid: str) -> str:
    return f"trainers/{sid}.html"


def plan_key(cid: str) -> str:
    return f"trainers/sessions/{cid}.html"


def pages(p: Project, lo: Localised) -> Iterator[PageSpec]:
    """The guide's pages in one language (none when the project has no guide)."""
    if lo.guide is None:
        return
    src, loc = lo.guide
    t = lo.t
    sections = [{"href": section_key(a.id), "title": t.text(a.title, b.title)}
                for a, b in zip(src.sections, loc.sections, strict=True)]
    plans = []
    for cid, sessions in src.plans.items():
        if cid not in lo.courses:
            continue
        c_src, c_loc = lo.courses[cid]
        plans.append({"href": plan_key(cid), "title": t.text(c_src.title, c_loc.title),
                      "sessions": [t.text(s.title, s_loc.title) for s, s_loc in zip(sessions, loc.plans[cid],
                                                                                    strict=True)],
                      "duration": t.duration(sum(s.minutes for s in sessions))})
    yield INDEX, "guide.html.j2", {"title": loc.title, "heading": t.text(src.title, loc.title),
                                  "description": t.md(src.description, loc.description), "sections": sections,
                                  "plans": plans}
    guide_link = {"href": INDEX, "title": t.text(src.title, loc.title)}
    for a, b in zip(src.sections, loc.sections, strict=True):
        yield section_key(a.id), "guide-section.html.j2", {"title": b.title, "heading": t.text(a.title, b.title),
                                                           "body": t.md(a.body, b.body, 1), "guide": guide_link}
    for cid, sessions in src.plans.items():
        if cid not in lo.courses:
            continue
        c_src, c_loc = lo.courses[cid]
        shown = [_session(lo, cid, c_src, c_loc, s, s_loc) for s, s_loc in zip(sessions, loc.plans[cid],
                                                                                   strict=True)]
        yield plan_key(cid), "guide-plan.html.j2", {
            "title": f"{t.plain('session_plans')}: {c_loc.title}", "heading": t.text(c_src.title, c_loc.title),
            "course": {"id": cid, "duration": t.duration(c_loc.duration_minutes)}, "sessions": shown,
            "guide": guide_link}


def _session(lo: Localised, cid: str, c_src: Course, c_loc: Course, s: GuideSession,
             s_loc: GuideSession) -> dict[str, Any]:
    t = lo.t
    lessons = _lessons(c_src, c_loc)
    modules = []
    for ms, ml in zip(c_src.modules, c_loc.modules, strict=True):
        if ms.id in s.modules:
            minutes = sum(les.duration_minutes or 0 for les in ml.lessons)
            modules.append({"title": t.text(ms.title, ml.title), "duration": t.duration(minutes) if minutes else None})
    steps, start = [], 0
    for a, b in zip(s.steps, s_loc.steps, strict=True):
        uses = [_lesson_use(t, cid, *lessons[lid]) for lid in a.lessons if lid in lessons]
        uses += [{"title": t.text(lo.exercises[eid][0].title, lo.exercises[eid][1].title),
                  "href": f"toolkit/{eid}.html"} for eid in a.exercises if eid in lo.exercises]
        steps.append({"time": f"{_clock(start)}–{_clock(start + a.minutes)}", "minutes": a.minutes,
                      "title": t.text(a.title, b.title), "body": t.md(a.body, b.body), "uses": uses})
        start += a.minutes
    return {"id": s.id, "title": t.text(s.title, s_loc.title), "duration": t.duration(s.minutes),
            "aims": t.md(s.aims, s_loc.aims), "modules": modules, "steps": steps,
            **{key: _md(t, getattr(s, key), getattr(s_loc, key)) for key in ("before", "after", "materials")}}


def _lessons(c_src: Course, c_loc: Course) -> dict[str, tuple[Lesson, Lesson]]:
    """Lesson id → (source, localised) of every lesson of the course."""
    return {a.id: (a, b) for ms, ml in zip(c_src.modules, c_loc.modules, strict=True)
            for a, b in zip(ms.lessons, ml.lessons, strict=True)}


def _lesson_use(t: PageText, cid: str, a: Lesson, b: Lesson) -> dict[str, Any]:
    title = t.text(a.title, b.title)
    if isinstance(a, CaseStudy):  # its story page shows the reflection prompts
        return {"title": title, "href": f"stories/{cid}/{a.id}.html"}
    if isinstance(a, ExerciseRef):
        return {"title": title, "href": f"toolkit/{a.exercise}.html"}
    return {"title": title, "href": None, "duration": t.duration(b.duration_minutes) if b.duration_minutes else None}


def _md(t: PageText, a: str | None, b: str | None) -> Any:
    return t.md(a, b) if a and b else None


def _clock(minutes: int) -> str:
    return f"{minutes // 60}:{minutes % 60:02d}"
