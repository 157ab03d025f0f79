"""A package unit: what one package is built from (a course, or one exercise on its own)."""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, TypeVar

from .model import Course, Exercise, ExerciseRef, GlossaryEntry, Module, Project, Resource
from .terms import terms_used


@dataclass(frozen=True)
class Unit:
    """Everything a builder needs for one course (or exercise) in one language; pure data.

    A toolkit exercise packaged on its own is wrapped as a one-lesson course, so every builder
    and the runtime deal with courses only.
    """

    kind: Literal["course", "exercise"]
    course: Course
    language: str
    project: Project
    exercises: dict[str, Exercise] = field(default_factory=dict)
    resources: dict[str, Resource] = field(default_factory=dict)
    assets: dict[str, Path] = field(default_factory=dict)
    """Package path under ``assets/``-relative names as written in the sources → file on disk."""
    source_language: str = "en"
    ui_languages: tuple[str, ...] = ()
    """For a multilingual package: every language it carries (empty for one-language packages)."""
    variants: tuple[Unit, ...] = ()
    """The same course in the other languages of a multilingual package (filled by the build)."""
    root: Path | None = None
    """The project folder (where ``locales/`` is); None for units built in code."""
    country: str | None = None
    """The country the package opens pre-selected for (``build --country``); None: from the language."""
    glossary: dict[str, GlossaryEntry] = field(default_factory=dict)
    """The glossary entries the course and its exercises mark (and only those), in glossary order."""

    @property
    def id(self) -> str:
        return self.course.id

    @property
    def package_stem(self) -> str:
        """Predictable file stem: ``<id>-<version>-<lang>``, or ``-mul`` for a multilingual package; then
        ``-<country>`` for a package built for one country (``build --country``)."""
        stem = f"{self.course.id}-{self.course.version}-{'mul' if self.ui_languages else self.language}"
        return f"{stem}-{self.country}" if self.country else stem


def exercise_course(ex: Exercise) -> Course:
    """Wrap a toolkit exercise as a course of one module with one lesson, for packaging on its own."""
    lesson = ExerciseRef(kind="exercise", id=ex.id, title=ex.title, exercise=ex.id,
                         duration_minutes=ex.duration_minutes)
    return Course(
        id=ex.id, version=ex.version, title=ex.title, description=ex.description, keywords=ex.keywords,
        language=ex.language, duration_minutes=ex.duration_minutes, licence=ex.licence,
        modules=[Module(id="exercise", title=ex.title, lessons=[lesson])],
    )


def marked_terms(*models: Course | Exercise) -> set[str]:
    """The glossary ids marked anywhere in the Markdown of ``models``."""
    found: set[str] = set()

    def visit(value: object) -> None:
        if isinstance(value, str):
            found.update(terms_used(value))
        elif isinstance(value, dict):
            for v in value.values():
                visit(v)
        elif isinstance(value, list):
            for v in value:
                visit(v)

    for model in models:
        visit(model.model_dump(mode="python"))
    return found


T = TypeVar("T")


def per_unit(fn: Callable[[Unit], T]) -> Callable[[Unit], T]:
    """Remember ``fn``'s answer for the last unit it was asked about (that very object).

    A build makes the formats of one unit × language one after the other from the same localised
    unit, and they ask the same questions (its xAPI activities, its lesson HTML). Only the last
    unit is kept, so memory stays that of one unit; the answer is shared, not copied: treat it as
    read-only."""
    last: list[tuple[Unit, T]] = []

    @functools.wraps(fn)
    def remembered(unit: Unit) -> T:
        if last and last[0][0] is unit:
            return last[0][1]
        value = fn(unit)
        last[:] = [(unit, value)]
        return value

    return remembered
