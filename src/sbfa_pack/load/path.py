"""Checks of a course's personal path (``path: {countries: [...]}`` and modules with ``country``).

The rules (docs/format.md, "A personal path"): a module's country must be one of the path's; a
course with country modules declares its path; a path has country modules; a country of the path
without a module of its own is a warning (its learners see only the modules for everyone); the
success rule scores only quizzes every learner sees; a completion list that names lessons or
quizzes of some countries' modules but not of the others' is a warning (learners of different
countries would need unequal work).
"""

from __future__ import annotations

from typing import Protocol

from ..diagnostics import Diagnostics
from ..model import Course
from .sources import Source
from .yamlpos import Path as DataPath


class _Report(Protocol):
    def __call__(self, code: str, message: str, where: DataPath, warning: bool = False) -> None: ...


def check_path(course: Course, src: Source, diags: Diagnostics) -> None:
    """Report every problem of the course's path, each at its key or value."""
    pos = src.positions

    def report(code: str, message: str, where: DataPath, warning: bool = False) -> None:
        span = pos.value(where)
        (diags.warning if warning else diags.error)(code, message, src.shown, span.line, span.column)

    path = course.path
    countries = list(path.countries) if path else []
    for i, c in enumerate(countries):
        if c in countries[:i]:
            report("path.duplicate-country", f"country '{c}' is listed twice", ("path", "countries", i))
    with_modules: set[str] = set()
    for mi, module in enumerate(course.modules):
        if module.country is None:
            continue
        with_modules.add(module.country)
        if path is None:
            report("path.no-path", f"module '{module.id}' is for country '{module.country}', but the course "
                   "declares no 'path' (add 'path: {countries: [...]}')", ("modules", mi, "country"))
        elif module.country not in countries:
            report("path.unknown-country", f"country '{module.country}' is not in the path's countries "
                   f"({', '.join(dict.fromkeys(countries))})", ("modules", mi, "country"))
    if path is None:
        return
    if not with_modules:
        report("path.no-country-modules", "the path has no country modules (give modules 'country: <id>')",
               ("path",))
        return
    for i, c in enumerate(countries):
        if c not in with_modules and c not in countries[:i]:
            report("path.country-without-module", f"no module is for country '{c}': its learners see only the "
                   "modules for everyone", ("path", "countries", i), warning=True)
    _check_rules(course, report)


def _check_rules(course: Course, report: _Report) -> None:
    # Quizzes are lessons: one map of lesson id -> its module's country covers both.
    where = {lesson.id: module.country for module, lesson in course.lessons()}
    if course.success:
        for i, w in enumerate(course.success.quizzes):
            if where.get(w.quiz):
                report("path.success-country-quiz", f"quiz '{w.quiz}' is in a module for '{where[w.quiz]}' only: the "
                       "success rule must score quizzes every learner sees", ("success", "quizzes", i, "quiz"))
    named = [("lessons", i, lid) for i, lid in enumerate(course.completion.lessons)
             if isinstance(course.completion.lessons, list)]
    named += [("quizzes", i, q) for i, q in enumerate(course.completion.quizzes)]
    per_country = {c for _, _, ident in named if (c := where.get(ident))}
    modules = {m.country for m in course.modules if m.country}
    missing = sorted(modules - per_country)
    if per_country and missing:
        first = next((k, i) for k, i, ident in named if where.get(ident))
        report("path.uneven-completion", "completion names lessons of the modules for "
               f"{', '.join(sorted(per_country))} but none of {', '.join(missing)}: learners of those countries "
               "would need less",
               ("completion", *first), warning=True)
