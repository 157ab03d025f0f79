"""Checks of survey lessons across a course: what ``pairs_with`` names, and that a pair can be compared.

Duplicate item and option ids are reported by :func:`.checks.check_ids` (siblings); item shapes
(options, max_length, the scale) by the model.
"""

from __future__ import annotations

from collections.abc import Mapping

from ..diagnostics import Diagnostics
from ..model import Course, Survey
from .files import did_you_mean
from .sources import Source


def check_surveys(course: Course, src: Source, diags: Diagnostics) -> None:
    """``pairs_with`` names an earlier survey of the course sharing at least one item (same id and type)."""
    pos = src.positions
    every = {les.id: les for _, les in course.lessons()}
    earlier: set[str] = set()
    for mi, module in enumerate(course.modules):
        for li, lesson in enumerate(module.lessons):
            if isinstance(lesson, Survey) and lesson.pairs_with is not None:
                span = pos.value(("modules", mi, "lessons", li, "pairs_with"))
                problem = _pair_problem(lesson, every, earlier)
                if problem is not None:
                    code, message = problem
                    diags.error(code, message, src.shown, span.line, span.column)
            earlier.add(lesson.id)


def _pair_problem(lesson: Survey, every: Mapping[str, object], earlier: set[str]) -> tuple[str, str] | None:
    target = lesson.pairs_with or ""
    other = every.get(target)
    if other is None:
        surveys = [i for i, les in every.items() if isinstance(les, Survey) and i != lesson.id]
        return "ref.missing-survey", f"survey '{target}' does not exist in this course{did_you_mean(target, surveys)}"
    if not isinstance(other, Survey):
        return "ref.missing-survey", f"'{target}' is not a survey (it is a {getattr(other, 'kind', '?')} lesson)"
    if target not in earlier:
        where = "is this survey" if other is lesson else "comes later in the course"
        return "survey.pair-order", f"'pairs_with' must name an earlier survey: '{target}' {where}"
    if not {(i.id, i.type) for i in lesson.items} & {(i.id, i.type) for i in other.items}:
        return "survey.pair-items", (f"survey '{target}' shares no item (same id and type) with this one: "
                                     "nothing can be compared before and after")
    return None
