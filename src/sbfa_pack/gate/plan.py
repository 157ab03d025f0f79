"""Answer plans from the course model: what a learner answers, right or wrong, and the score it earns.

The gate drives the page by the markup the templates render, with the answers taken from the
model (never from the answer keys inside the package), so a package that marks a right answer
wrong, or reports another score than the model's rule gives, fails.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from ..model.content import (
    FillIn,
    Matching,
    MultipleChoice,
    Numeric,
    Ordering,
    Question,
    Quiz,
    SingleChoice,
    TrueFalse,
)
from ..model.survey import Survey
from ..unit import Unit

WRONG_TEXT = "zqxj wrong"


@dataclass(frozen=True)
class QuizPlan:
    """The answers to one quiz: ``[{"q": id, "type": t, "value": v}]`` for the page driver."""

    quiz: str
    right: list[dict[str, Any]]
    wrong: list[dict[str, Any]]
    wrong_share: float
    """The quiz score (0–1) the wrong answers earn, by the questions' weights."""


@dataclass(frozen=True)
class Plan:
    """Everything the gate knows about one of our packages from its course model."""

    kind: str  # "course" or "exercise"
    lessons: list[str]
    quizzes: list[QuizPlan] = field(default_factory=list)
    assessed: bool = False
    pass_mark: float | None = None
    wrong_score: float | None = None
    """The course score (0–100) the wrong walk earns; None when the course has no success rule."""
    questions: int = 0
    exercise_kind: str | None = None
    surveys: list[str] = field(default_factory=list)
    """The survey lessons: the walk answers and submits each (a survey counts once submitted)."""
    countries: list[str] = field(default_factory=list)
    """The course's personal path (a module per country): the walk chooses the first when the
    package has no country of its own."""
    lesson_country: dict[str, str] = field(default_factory=dict)
    """The lessons of a country's module, and that country."""

    def for_country(self, country: str | None) -> Plan:
        """The plan of a learner of ``country``: the lessons and quizzes of the modules for everyone
        and of that country's (the success rule scores only quizzes every learner sees)."""
        if not self.lesson_country:
            return self
        mine = [les for les in self.lessons if self.lesson_country.get(les, country) == country]
        quizzes = [qp for qp in self.quizzes if qp.quiz in mine]
        return replace(self, lessons=mine, quizzes=quizzes, questions=sum(len(q.right) for q in quizzes),
                       surveys=[s for s in self.surveys if s in mine], lesson_country={})


def _number(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else repr(float(x))


def right_answer(q: Question) -> Any:
    if isinstance(q, SingleChoice):
        return next(c.id for c in q.choices if c.correct)
    if isinstance(q, MultipleChoice):
        return sorted(c.id for c in q.choices if c.correct)
    if isinstance(q, TrueFalse):
        return "true" if q.answer else "false"
    if isinstance(q, FillIn):
        return str(q.answers[0])
    if isinstance(q, Numeric):
        return _number(q.answer)
    if isinstance(q, Matching):
        return {p.id: p.id for p in q.pairs}
    assert isinstance(q, Ordering)
    return [it.id for it in q.items]


def wrong_answer(q: Question) -> Any:
    """A wrong answer to ``q``; the right one when no answer can be wrong (every choice right)."""
    if isinstance(q, SingleChoice):
        return next(c.id for c in q.choices if not c.correct)
    if isinstance(q, MultipleChoice):
        right = sorted(c.id for c in q.choices if c.correct)
        wrong = [c.id for c in q.choices if not c.correct]
        return sorted(right + wrong[:1]) if wrong else right[:1] if len(right) > 1 else right
    if isinstance(q, TrueFalse):
        return "false" if q.answer else "true"
    if isinstance(q, FillIn):
        return WRONG_TEXT
    if isinstance(q, Numeric):
        return _number(q.answer + q.tolerance + max(1.0, abs(q.answer)))
    if isinstance(q, Matching):
        ids = [p.id for p in q.pairs]
        return {a: b for a, b in zip(ids, ids[1:] + ids[:1], strict=True)}
    return "keep"  # the order shown is always scrambled (quiz.js arrange), hence wrong


def _quiz_plan(quiz: Quiz) -> QuizPlan:
    right = [{"q": q.id, "type": q.type, "value": right_answer(q)} for q in quiz.questions]
    # The first question right, the others wrong: a score the model must predict, not just 0.
    wrong = [right[0], *({"q": q.id, "type": q.type, "value": wrong_answer(q)} for q in quiz.questions[1:])]
    ok = [w["value"] == r["value"] for w, r in zip(wrong, right, strict=True)]
    weights = [q.weight for q in quiz.questions]
    total = sum(weights)
    wrong_share = sum(w for w, k in zip(weights, ok, strict=True) if k) / total if total else 0.0
    return QuizPlan(quiz.id, right, wrong, wrong_share)


def plan_for(unit: Unit) -> Plan:
    """The plan of a localised unit (a course, or a toolkit exercise packaged on its own)."""
    course = unit.course
    lessons = [les.id for _, les in course.lessons()]
    if unit.kind == "exercise":
        ex = next(iter(unit.exercises.values()), None)
        return Plan("exercise", lessons, exercise_kind=ex.kind if ex else None)
    quizzes = [_quiz_plan(q) for q in course.quizzes()]
    wrong_score = None
    if course.success is not None:
        by_id = {qp.quiz: qp for qp in quizzes}
        rule = course.success.quizzes
        weights = sum(w.weight for w in rule)
        wrong_score = 100 * sum(w.weight * by_id[w.quiz].wrong_share for w in rule) / weights
    countries: list[str] = list(course.path.countries) if course.path is not None else []
    by_country = {les.id: c for m, les in course.lessons() if (c := course.country_of(m.id))}
    return Plan("course", lessons, quizzes, course.assessed,
                course.success.pass_mark if course.success else None, wrong_score,
                sum(len(q.right) for q in quizzes),
                surveys=[les.id for _, les in course.lessons() if isinstance(les, Survey)],
                countries=countries, lesson_country=by_country)
