"""What the report needs to know of the courses: lesson order, question options, surveys.

Built from the loaded project when ``--project`` is given (or the report runs inside one);
without it the report still works from the records alone, in IRI order and with the ids the
records carry. Survey lessons are read defensively (``getattr``): the ``survey`` kind is defined
by another part of the project, and a course model without it simply has no surveys.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Option:
    id: str
    text: str
    correct: bool = False


@dataclass(frozen=True)
class QuestionInfo:
    id: str
    quiz: str
    type: str
    options: tuple[Option, ...] = ()


@dataclass(frozen=True)
class SurveyItemInfo:
    id: str
    type: str
    """likert, choice, choices, text, long-text or rating."""
    options: tuple[Option, ...] = ()


@dataclass(frozen=True)
class SurveyInfo:
    id: str
    anonymous: bool = False
    pairs_with: str | None = None
    items: tuple[SurveyItemInfo, ...] = ()


@dataclass(frozen=True)
class CourseInfo:
    iri: str
    title: str
    lessons: tuple[tuple[str, str], ...] = ()
    """(lesson id, title) in course order."""
    questions: dict[str, QuestionInfo] = field(default_factory=dict)
    surveys: dict[str, SurveyInfo] = field(default_factory=dict)


@dataclass(frozen=True)
class ProjectInfo:
    name: str = ""
    courses: dict[str, CourseInfo] = field(default_factory=dict)
    """By course IRI."""
    exercises: dict[str, str] = field(default_factory=dict)
    """Toolkit exercise IRI → title."""


TEXT_TYPES = ("text", "long-text")
NUMERIC_TYPES = ("likert", "rating")


def _get(obj: Any, key: str, default: Any = None) -> Any:
    """A key of a dict or an attribute of a model object (the survey kind may be either)."""
    return obj.get(key, default) if isinstance(obj, dict) else getattr(obj, key, default)


def survey_info(lesson: Any) -> SurveyInfo:
    """A survey lesson of the model (or a dict of the same keys, as in the YAML) as SurveyInfo."""
    scale = _get(lesson, "scale")
    points = int(_get(scale, "points", 0) or 0) if scale is not None else 0
    items = []
    for item in _get(lesson, "items") or []:
        kind = str(_get(item, "type", "text"))
        opts = tuple(_option(o) for o in _get(item, "options") or [])
        if kind == "likert" and not opts and points:
            opts = tuple(Option(str(i), str(i)) for i in range(1, points + 1))
        elif kind == "rating" and not opts:
            opts = tuple(Option(str(i), str(i)) for i in range(11))
        items.append(SurveyItemInfo(str(_get(item, "id")), kind, opts))
    pairs = _get(lesson, "pairs_with")
    return SurveyInfo(str(_get(lesson, "id")), bool(_get(lesson, "anonymous", False)),
                      str(pairs) if pairs else None, tuple(items))


def _option(o: Any) -> Option:
    return Option(str(_get(o, "id")), str(_get(o, "text") or _get(o, "id")))


def _question(quiz: str, q: Any) -> QuestionInfo:
    if q.type in ("single-choice", "multiple-choice"):
        opts = tuple(Option(c.id, c.text, bool(c.correct)) for c in q.choices)
    elif q.type == "true-false":
        opts = (Option("true", "true", bool(q.answer)), Option("false", "false", not q.answer))
    else:
        opts = ()
    return QuestionInfo(q.id, quiz, q.type, opts)


def project_info(root: Path) -> ProjectInfo:
    """The report's view of the project at ``root``; raises ValueError when it does not load."""
    from ..diagnostics import Diagnostics
    from ..load import load_project

    diags = Diagnostics()
    lp = load_project(root, diags)
    if lp is None:
        raise ValueError("the project cannot be loaded; run 'sbfa-pack validate' for details")
    base = str(lp.project.xapi.base_iri).rstrip("/")
    courses: dict[str, CourseInfo] = {}
    for cid, lc in sorted(lp.courses.items()):
        course = lc.course
        iri = f"{base}/courses/{cid}"
        questions: dict[str, QuestionInfo] = {}
        surveys: dict[str, SurveyInfo] = {}
        lessons = []
        for _, lesson in course.lessons():
            lessons.append((lesson.id, str(lesson.title)))
            for q in getattr(lesson, "questions", None) or []:
                if getattr(lesson, "kind", "") == "quiz":
                    questions[q.id] = _question(lesson.id, q)
            if getattr(lesson, "kind", "") == "survey":
                surveys[lesson.id] = survey_info(lesson)
        courses[iri] = CourseInfo(iri, str(course.title), tuple(lessons), questions, surveys)
    exercises = {f"{base}/toolkit/{eid}": str(le.exercise.title) for eid, le in sorted(lp.exercises.items())}
    return ProjectInfo(str(lp.project.name), courses, exercises)
