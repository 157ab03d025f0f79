"""The checks that still apply to a course whose file failed schema validation.

Its schema errors are reported already. Everything that does not depend on the failed part is
checked too, so that one run reports every problem: ids, the references of each lesson that is
itself valid, the completion and success rules, and every link and image in its Markdown. A
lesson that failed keeps its id (a rule that names it is not "missing").
"""

from __future__ import annotations

import hashlib
import re
from functools import cache
from typing import Any

from pydantic import TypeAdapter, ValidationError

from ..diagnostics import Diagnostics
from ..model import Lesson, Project, Resource
from ..model.base import LANG_PATTERN
from .checks import check_ids, check_lesson_refs, check_markdown, check_rules
from .sources import Broken, LoadedExercise, Source
from .yamlpos import Path as DataPath


@cache
def _lesson() -> TypeAdapter[Any]:
    return TypeAdapter(Lesson)


def _items(value: Any) -> list[tuple[int, dict[str, Any]]]:
    """The mappings of a list (the rest failed validation and is reported)."""
    return [(i, v) for i, v in enumerate(value) if isinstance(v, dict)] if isinstance(value, list) else []


def _mapping(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _ids(value: Any) -> list[str]:
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


def check_unvalidated(data: dict[str, Any], src: Source, body_files: dict[DataPath, str],
                      project: Project | None, exercises: dict[str, LoadedExercise],
                      resources: dict[str, Resource], broken: Broken, diags: Diagnostics) -> None:
    """Check what can still be checked in the parsed ``course.yaml`` (``data``, body files inlined)."""
    check_ids(data, src, "course", diags)
    lessons: dict[str, DataPath] = {}
    quizzes: set[str] = set()
    for mi, module in _items(data.get("modules")):
        for li, raw in _items(module.get("lessons")):
            here: DataPath = ("modules", mi, "lessons", li)
            ident = raw.get("id")
            if not isinstance(ident, str):
                continue
            lessons[ident] = here
            if raw.get("kind") == "quiz":
                quizzes.add(ident)
            try:
                lesson = _lesson().validate_python(raw)
            except ValidationError:
                continue  # reported with the course; its own references are checked once it is valid
            check_lesson_refs(lesson, here, src, exercises, resources, broken, diags)
    completion = _mapping(data.get("completion"))
    success = _mapping(data.get("success"))
    check_rules(src, lessons, quizzes, _ids(completion.get("quizzes")), _ids(completion.get("lessons")),
                _ids([w.get("quiz") for _, w in _items(success.get("quizzes"))]), diags)
    language = data.get("language")
    if project is not None and isinstance(language, str) and re.match(LANG_PATTERN, language) \
            and language != project.source_language:
        span = src.positions.value(("language",))
        diags.warning("i18n.source-language",
                      f"course language '{language}' differs from the project's source language "
                      f"'{project.source_language}'", src.shown, span.line, span.column)
    check_markdown(data, src, src.path.parent, diags, body_files, {}, hashlib.sha256())
