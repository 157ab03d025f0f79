"""The trainer's guide (``guide/guide.yaml``): sections of Markdown for trainers, and a plan of
group sessions per course whose facts (titles, durations, exercises) come from the courses."""

from __future__ import annotations

from pydantic import Field

from .base import Id, Markdown, Model, Title


class GuideSection(Model):
    """One page of the guide: a title and its Markdown (inline ``body`` or ``body_file``)."""

    id: Id
    title: Title
    body: Markdown


class GuideStep(Model):
    """One activity of a session: its minutes, what the group does, and the course's lessons and
    toolkit exercises it uses (by id: the site shows their titles from the course model)."""

    id: Id
    title: Title
    minutes: int = Field(gt=0, le=240)
    body: Markdown = Field(description="what the trainer and the group do (translated)")
    lessons: list[Id] = Field(default_factory=list, description="ids of lessons of the plan's course")
    exercises: list[Id] = Field(default_factory=list, description="ids of toolkit exercises")


class GuideSession(Model):
    """One group session of a course: its steps' minutes add up to ``minutes``."""

    id: Id
    title: Title
    minutes: int = Field(gt=0, le=480, description="the whole session; the steps' minutes add up to it")
    aims: Markdown
    modules: list[Id] = Field(default_factory=list,
                              description="ids of the course's modules learners do online for this session")
    before: Markdown | None = Field(default=None, description="what learners do online before the session")
    after: Markdown | None = Field(default=None, description="what learners do online after the session")
    materials: Markdown | None = None
    steps: list[GuideStep] = Field(min_length=1)


class Guide(Model):
    """``guide/guide.yaml``: the trainer's guide of the programme."""

    title: Title
    description: Markdown
    sections: list[GuideSection] = Field(default_factory=list)
    plans: dict[Id, list[GuideSession]] = Field(
        default_factory=dict, description="course id → its group sessions, in order")
