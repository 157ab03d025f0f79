"""The data the runtime reads from the page: navigation, rules, answer keys, exercises, strings.

It is embedded in ``index.html`` as ``<script type="application/json" id="sbfa-data">`` (not
executed, so the CSP allows it, and it saves a request). Text the learner reads is in the HTML;
this holds only what the runtime needs to decide, so it stays small.
"""

from __future__ import annotations

import json
from typing import Any

import babel

from ..i18n.ui import LANGUAGE_COUNTRY
from ..model import (
    Course,
    Exercise,
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
from ..ui_text import SURVEY_STRINGS, WIDGET_STRINGS
from ..unit import Unit
from .ui_strings import strings_for


def direction(lang: str) -> str:
    """``rtl`` for languages written right to left (Arabic, Persian, Urdu, Hebrew...), else ``ltr``."""
    try:
        order = babel.Locale.parse(lang.replace("-", "_")).character_order
    except (ValueError, babel.UnknownLocaleError):
        return "ltr"
    return "rtl" if order == "right-to-left" else "ltr"


def language_name(lang: str) -> str:
    """The language's name in that language (``Deutsch``, ``العربية``), for the language switcher."""
    try:
        name = babel.Locale.parse(lang.replace("-", "_")).get_display_name(lang.replace("-", "_"))
    except (ValueError, babel.UnknownLocaleError):
        return lang
    return (name[:1].upper() + name[1:]) if name else lang


def country_label(country: str, lang: str) -> str:
    """A host country's name in ``lang`` (``gr`` → ``Griechenland``) from CLDR; the id when unknown."""
    code = {"gr": "GR", "no": "NO"}.get(country, country.upper())
    try:
        name = babel.Locale.parse(lang.replace("-", "_")).territories.get(code)
    except (ValueError, babel.UnknownLocaleError):
        return country
    return str(name) if name else country


def answer_key(q: Question) -> dict[str, Any]:
    """What the quiz engine needs to mark one question (its text stays in the HTML)."""
    base: dict[str, Any] = {"id": q.id, "type": q.type, "w": q.weight}
    if isinstance(q, SingleChoice):
        return base | {"a": next(c.id for c in q.choices if c.correct), "shuffle": q.shuffle}
    if isinstance(q, MultipleChoice):
        return base | {"a": [c.id for c in q.choices if c.correct], "shuffle": q.shuffle}
    if isinstance(q, TrueFalse):
        return base | {"a": q.answer}
    if isinstance(q, FillIn):
        return base | {"a": list(q.answers), "cs": q.case_sensitive}
    if isinstance(q, Matching):
        return base | {"a": [p.id for p in q.pairs]}
    if isinstance(q, Ordering):
        return base | {"a": [i.id for i in q.items]}
    if isinstance(q, Numeric):
        return base | {"a": q.answer, "tol": q.tolerance}
    raise TypeError(f"unknown question type {type(q).__name__}")  # pragma: no cover - the model is closed


def quiz_pass_mark(course: Course, quiz: Quiz) -> float | None:
    """A quiz's pass mark: its own, else the course's when the course is assessed on this quiz alone."""
    if quiz.pass_mark is not None:
        return quiz.pass_mark
    if course.success and [w.quiz for w in course.success.quizzes] == [quiz.id]:
        return course.success.pass_mark
    return None


def quiz_data(course: Course, quiz: Quiz) -> dict[str, Any]:
    return {
        "shuffle": quiz.shuffle, "attempts": quiz.attempts, "feedback": quiz.feedback,
        "pass": quiz_pass_mark(course, quiz), "questions": [answer_key(q) for q in quiz.questions],
    }


def _exercise_data(ex: Exercise) -> dict[str, Any]:
    # The widgets engineer's module prepares exercises for the browser (Markdown as HTML,
    # formulas as trees); until it exists the model as it is will do for the fallback view.
    try:
        from .widgets import widget_data
    except ImportError:
        return ex.model_dump(mode="json")
    return widget_data(ex)


def _xapi_profile(unit: Unit) -> dict[str, Any] | None:
    # Embedded for the xapi/cmi5 adapters: one request less on a slow line (docs/runtime.md).
    try:
        from ..xapi import profile
    except ImportError:
        return None
    return profile(unit)


def _completion(unit: Unit) -> dict[str, Any]:
    """The completion rule; a toolkit exercise on its own also needs to be used (issue 12 item 6):
    opening it shows its one lesson, which must not be enough."""
    rule: dict[str, Any] = unit.course.completion.model_dump(mode="json")
    if unit.kind == "exercise":
        rule["exercises"] = sorted(unit.exercises)
    return rule


def preselected(unit: Unit) -> str | None:
    """The country the package opens on: the build option, else the language's (nb → no, el → gr,
    es, de, pl; others none); on a personal path only one of its countries."""
    c = unit.country or LANGUAGE_COUNTRY.get(unit.language.split("-")[0])
    path = unit.course.path
    return c if c and (path is None or c in path.countries) else None


def _path(unit: Unit) -> dict[str, Any]:
    """The personal path for path.js: countries, module → country, and the pre-selection."""
    course = unit.course
    assert course.path is not None
    return {"c": list(course.path.countries), "m": {m.id: m.country for m in course.modules if m.country}}


def runtime_data(unit: Unit, adapter: str) -> dict[str, Any]:
    """Everything the runtime needs for ``unit``, JSON-ready and deterministic."""
    course = unit.course
    lessons = [{"id": lesson.id, "module": module.id, "kind": lesson.kind} for module, lesson in course.lessons()]
    extra: dict[str, Any] = {}
    if adapter in ("xapi", "cmi5"):
        xapi = _xapi_profile(unit)
        if xapi is not None:
            extra["xapi"] = xapi
    if unit.course.path is not None:
        extra["path"] = _path(unit)
    pre = preselected(unit)
    if pre:
        extra["pre"] = pre
    return extra | {
        "v": 1,
        "id": course.id,
        "version": course.version,
        "title": course.title,
        "language": unit.language,
        "dir": direction(unit.language),
        "adapter": adapter,
        "lessons": lessons,
        "completion": _completion(unit),
        "success": course.success.model_dump(mode="json") if course.success else None,
        "quizzes": {q.id: quiz_data(course, q) for q in course.quizzes()},
        "exercises": {k: _exercise_data(v) for k, v in sorted(unit.exercises.items())},
        "strings": _strings(unit.language, any(les["kind"] == "survey" for les in lessons)),
    }


def _strings(lang: str, surveys: bool) -> dict[str, str]:
    """The runtime's strings; a survey's only where the course has one (they cost every other package bytes)."""
    table = strings_for(lang, {**WIDGET_STRINGS, **SURVEY_STRINGS})
    return table if surveys else {k: v for k, v in table.items() if k not in SURVEY_STRINGS}


def data_json(data: object) -> str:
    """JSON safe inside a ``<script>`` element: ``<`` escaped so no ``</script>`` can end it early.

    Never ``Infinity`` or ``NaN`` (``JSON.parse`` refuses them, and the runtime could not start):
    the loader refuses non-finite numbers, so one here is a bug and raises."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False)
    return text.replace("<", "\\u003c").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
