"""A course: metadata, modules of lessons, and the rules for completion and success."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

from pydantic import Field

from .base import CountryId, Id, LanguageTag, Markdown, Model, PositiveMinutes, Text, Title, Url, Version
from .content import Lesson, Quiz


class Author(Model):
    """A person or organisation credited for the course."""

    name: Title
    organisation: Text | None = None
    url: Url | None = None


class Module(Model):
    """A group of lessons, shown as one section of the course."""

    id: Id
    title: Title
    description: Markdown | None = None
    lessons: list[Lesson] = Field(min_length=1)
    country: CountryId | None = Field(
        default=None, description="the module is for learners in this country only (the course's 'path'); "
        "a module without it is for everyone")


class LearnerPath(Model):
    """The personal path: the learner chooses one of ``countries`` and sees only that country's
    modules (and every module without a country); progress and completion count those."""

    countries: list[CountryId] = Field(min_length=1)


class Completion(Model):
    """When the LMS is told the course is completed.

    ``lessons: all`` means every lesson has been seen; a list names the lessons that must be.
    ``quizzes`` lists the quizzes that must be submitted (e.g. the final quiz). With a ``path``,
    both count only what the learner's path shows: every lesson of the modules for everyone and of
    the chosen country's modules; a lesson or quiz of another country's module is never needed.
    """

    lessons: Literal["all"] | list[Id] = "all"
    quizzes: list[Id] = Field(default_factory=list)


class WeightedQuiz(Model):
    """A quiz in the success rule, with its weight in the course score."""

    quiz: Id
    weight: float = Field(default=1.0, gt=0)


class Success(Model):
    """When the course is passed: the weighted score of the named quizzes reaches the pass mark."""

    pass_mark: float = Field(ge=0, le=100, description="percent")
    quizzes: list[WeightedQuiz] = Field(min_length=1)


class Course(Model):
    """One course; the unit that becomes a package per language and format."""

    id: Id
    version: Version
    title: Title
    description: Markdown
    keywords: list[Title] = Field(default_factory=list)
    language: LanguageTag
    audience: Text | None = None
    outcomes: list[Text] = Field(default_factory=list, max_length=8,
                                 description="what the learner will be able to do: short lines for the welcome screen")
    duration_minutes: PositiveMinutes
    licence: Title = "CC-BY-SA-4.0"
    authors: list[Author] = Field(default_factory=list)
    path: LearnerPath | None = Field(default=None, description="per-country modules: the learner chooses a country")
    completion: Completion = Field(default_factory=Completion)
    success: Success | None = None
    modules: list[Module] = Field(min_length=1)

    def lessons(self) -> Iterator[tuple[Module, Lesson]]:
        for module in self.modules:
            for lesson in module.lessons:
                yield module, lesson

    def quizzes(self) -> Iterator[Quiz]:
        for _, lesson in self.lessons():
            if isinstance(lesson, Quiz):
                yield lesson

    @property
    def runtime_features(self) -> frozenset[str]:
        """Optional runtime parts this course needs (render.unit_features): ``path`` when it declares one."""
        return frozenset({"path"}) if self.path is not None else frozenset()

    def country_of(self, module_id: str) -> str | None:
        """The country a module is for (None: for everyone, or no path)."""
        return next((m.country for m in self.modules if m.id == module_id and self.path is not None), None)

    @property
    def assessed(self) -> bool:
        """True when the course has a pass mark (reports passed/failed rather than completed)."""
        return self.success is not None
