"""The activities of a unit and their xAPI definitions, built once as ``tincan`` objects.

tincan.xml, cmi5.xml and the statements the runtime sends (through ``xapi.json``) all take
their ids, names and interaction definitions from :func:`activities`, so what an LMS imports and
what the LRS receives cannot disagree. Building them as ``tincan.ActivityDefinition`` objects
makes the library check types and field names for us (xAPI 1.0.3 §2.4.4.1; checklist XP-20).
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from typing import Any

import nh3
import tincan

from .. import markdown
from ..model import (
    CaseStudy,
    ExerciseRef,
    FillIn,
    Matching,
    MultipleChoice,
    Numeric,
    Ordering,
    Quiz,
    SingleChoice,
    Survey,
    TrueFalse,
)
from ..model.content import Question
from ..unit import Unit, per_unit
from .iri import Iris, iris

ADL = "http://adlnet.gov/expapi/activities/"
COURSE, MODULE, LESSON, ASSESSMENT, INTERACTION = (
    ADL + "course", ADL + "module", ADL + "lesson", ADL + "assessment", ADL + "cmi.interaction")
XAPI_VERSION = "1.0.3"


@dataclass(frozen=True)
class Activity:
    """One activity: its IRI, its role in the course and its checked definition."""

    key: str  # "course", or "<kind>:<stable id>" (module, lesson, question, exercise)
    iri: str
    definition: tincan.ActivityDefinition
    parent: str | None = None  # key of the parent activity (module of a lesson, quiz of a question)
    extra: dict[str, Any] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        """The definition as xAPI 1.0.3 JSON (what the runtime puts into ``object.definition``)."""
        return dict(self.definition.as_version(XAPI_VERSION))


def plain(text: str | None) -> str:
    """Markdown to one line of plain text, for names and descriptions in language maps."""
    if not text:
        return ""
    rendered = nh3.clean(markdown.to_html(text), tags=set(), strip_comments=True)
    return " ".join(html.unescape(rendered).split())


def _lang(unit: Unit, text: str) -> tincan.LanguageMap:
    return tincan.LanguageMap({unit.language: text})


def _components(unit: Unit, pairs: list[tuple[str, str]]) -> list[tincan.InteractionComponent]:
    return [tincan.InteractionComponent(id=i, description=_lang(unit, plain(t))) for i, t in pairs]


def _interaction(unit: Unit, q: Question) -> dict[str, Any]:
    """interactionType, correctResponsesPattern and component lists in xAPI's response format."""
    if isinstance(q, SingleChoice | MultipleChoice):
        right = [c.id for c in q.choices if c.correct]
        return {"interaction_type": "choice", "correct_responses_pattern": ["[,]".join(right)],
                "choices": _components(unit, [(c.id, c.text) for c in q.choices])}
    if isinstance(q, TrueFalse):
        return {"interaction_type": "true-false", "correct_responses_pattern": ["true" if q.answer else "false"]}
    if isinstance(q, FillIn):
        # One pattern per accepted answer; xAPI compares case-insensitively unless told otherwise.
        prefix = "{case_matters=true}" if q.case_sensitive else ""
        return {"interaction_type": "fill-in", "correct_responses_pattern": [prefix + a for a in q.answers]}
    if isinstance(q, Matching):
        # The runtime's response maps a source pair id to a target pair id, so both lists use pair ids.
        return {"interaction_type": "matching",
                "correct_responses_pattern": ["[,]".join(f"{p.id}[.]{p.id}" for p in q.pairs)],
                "source": _components(unit, [(p.id, p.source) for p in q.pairs]),
                "target": _components(unit, [(p.id, p.target) for p in q.pairs])}
    if isinstance(q, Ordering):
        return {"interaction_type": "sequencing", "correct_responses_pattern": ["[,]".join(i.id for i in q.items)],
                "choices": _components(unit, [(i.id, i.text) for i in q.items])}
    if isinstance(q, Numeric):
        lo, hi = q.answer - q.tolerance, q.answer + q.tolerance
        pattern = _num(q.answer) if q.tolerance == 0 else f"{_num(lo)}[:]{_num(hi)}"
        return {"interaction_type": "numeric", "correct_responses_pattern": [pattern]}
    raise TypeError(f"no xAPI interaction for question type {type(q).__name__}")  # pragma: no cover


def _num(value: float) -> str:
    """Shortest decimal text of a number (``15`` rather than ``15.0``)."""
    text = repr(round(value, 10))
    return text[:-2] if text.endswith(".0") else text


def _definition(unit: Unit, kind: str, name: str, description: str | None = None,
                **more: Any) -> tincan.ActivityDefinition:
    definition = tincan.ActivityDefinition(type=kind, name=_lang(unit, name), **more)
    if description:
        definition.description = _lang(unit, description)
    return definition


@per_unit
def activities(unit: Unit) -> list[Activity]:
    """Every activity of ``unit`` in course order: the course first (launchable), then modules,
    lessons, questions and the toolkit exercises they use."""
    ids = iris(unit)
    course = unit.course
    out = [Activity("course", ids.course, _definition(unit, COURSE, course.title, plain(course.description)))]
    seen_exercises: set[str] = set()
    for module in course.modules:
        out.append(Activity(f"module:{module.id}", ids.module(module.id),
                            _definition(unit, MODULE, module.title, plain(module.description) or module.title),
                            parent="course"))
        for lesson in module.lessons:
            out.append(Activity(f"lesson:{lesson.id}", ids.lesson(lesson.id),
                                _definition(unit, _lesson_type(ids, lesson), lesson.title, lesson.title),
                                parent=f"module:{module.id}", extra={"kind": lesson.kind}))
            if isinstance(lesson, Quiz):
                out.extend(_questions(unit, ids, lesson))
            elif isinstance(lesson, Survey):
                out.extend(_survey_items(unit, ids, lesson))
            elif isinstance(lesson, CaseStudy):  # reflections answered (bizfile.js; docs/lms.md)
                out.extend(Activity(f"reflection:{lesson.id}/{p.id}", f"{ids.lesson(lesson.id)}/reflections/{p.id}",
                                    _definition(unit, INTERACTION, p.text[:250], p.text,
                                                interaction_type="long-fill-in"),
                                    parent=f"lesson:{lesson.id}") for p in lesson.reflection)
            elif isinstance(lesson, ExerciseRef) and lesson.exercise not in seen_exercises:
                seen_exercises.add(lesson.exercise)
                out.append(_exercise(unit, ids, lesson))
    return out


def _lesson_type(ids: Iris, lesson: object) -> str:
    if isinstance(lesson, Quiz):
        return ASSESSMENT
    if isinstance(lesson, CaseStudy):
        return ids.extension("activities/case-study")
    if isinstance(lesson, Survey):
        return ids.extension("activities/survey")
    return LESSON


_SURVEY_TYPES = {"likert": "likert", "choice": "choice", "choices": "choice", "text": "fill-in",
                 "long-text": "long-fill-in", "rating": "numeric"}
"""interactionType of each survey item type (docs/lms.md); a survey has no correct responses."""


def _scale(survey: Survey) -> list[tuple[str, str]]:
    """The Likert scale's components: ids "1".."N", described by their labels (or the ends' labels)."""
    sc = survey.scale
    if sc is None:
        return []
    labels = sc.labels or [sc.low if n == 1 else sc.high if n == sc.points else str(n) for n in range(1, sc.points + 1)]
    return [(str(n), labels[n - 1]) for n in range(1, sc.points + 1)]


def _survey_items(unit: Unit, ids: Iris, survey: Survey) -> list[Activity]:
    """One cmi.interaction activity per item: ``<course-iri>/surveys/<lesson-id>/<item-id>``."""
    out = []
    for item in survey.items:
        more: dict[str, Any] = {"interaction_type": _SURVEY_TYPES[item.type]}
        if item.type == "likert":
            more["scale"] = _components(unit, _scale(survey))
        elif item.type in ("choice", "choices"):
            more["choices"] = _components(unit, [(o.id, o.text) for o in item.options])
        definition = _definition(unit, INTERACTION, plain(item.prompt)[:250] or item.id, plain(item.prompt), **more)
        out.append(Activity(f"survey:{survey.id}/{item.id}", ids.survey_item(survey.id, item.id), definition,
                            parent=f"lesson:{survey.id}", extra={"survey": survey.id}))
    return out


def _questions(unit: Unit, ids: Iris, quiz: Quiz) -> list[Activity]:
    out = []
    for q in quiz.questions:
        definition = _definition(unit, INTERACTION, plain(q.prompt)[:250] or q.id, plain(q.prompt),
                                 **_interaction(unit, q))
        out.append(Activity(f"question:{q.id}", ids.question(q.id), definition, parent=f"lesson:{quiz.id}",
                            extra={"weight": q.weight}))
    return out


def _exercise(unit: Unit, ids: Iris, ref: ExerciseRef) -> Activity:
    ex = unit.exercises.get(ref.exercise)
    kind = ex.kind if ex is not None else "exercise"
    title = ex.title if ex is not None else ref.title
    description = plain(ex.description) if ex is not None else ""
    return Activity(f"exercise:{ref.exercise}", ids.exercise(ref.exercise),
                    _definition(unit, ids.extension(f"activities/{kind}"), title, description or title),
                    parent=f"lesson:{ref.id}")
