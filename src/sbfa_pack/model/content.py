"""Lesson kinds and the questions of quizzes."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, model_validator

from .base import Bool, Id, Markdown, Model, Text, Title, Url, rule_error
from .base import LessonBase as _LessonBase
from .survey import Survey


class Feedback(Model):
    """Feedback shown after a question is answered."""

    correct: Markdown | None = None
    incorrect: Markdown | None = None


class Choice(Model):
    """One answer of a choice question; 'correct: true' marks the right one(s)."""

    id: Id
    text: Text
    correct: Bool = False
    feedback: Markdown | None = None


class _QuestionBase(Model):
    id: Id
    prompt: Markdown
    weight: float = Field(default=1.0, gt=0, le=1000)
    feedback: Feedback | None = None
    translator_note: str | None = None


class SingleChoice(_QuestionBase):
    """A question with exactly one correct choice."""

    type: Literal["single-choice"]
    choices: list[Choice] = Field(min_length=2, max_length=26)
    shuffle: Bool = True

    @model_validator(mode="after")
    def _one_correct(self) -> SingleChoice:
        n = sum(c.correct for c in self.choices)
        if n != 1:
            raise rule_error(f"a single-choice question needs exactly one choice with 'correct: true' (found {n})",
                             "choices")
        return self


class MultipleChoice(_QuestionBase):
    """A question with one or more correct choices; all must be picked."""

    type: Literal["multiple-choice"]
    choices: list[Choice] = Field(min_length=2, max_length=26)
    shuffle: Bool = True

    @model_validator(mode="after")
    def _some_correct(self) -> MultipleChoice:
        if not any(c.correct for c in self.choices):
            raise rule_error("a multiple-choice question needs at least one choice with 'correct: true'", "choices")
        return self


class TrueFalse(_QuestionBase):
    """A statement the learner marks true or false ('answer')."""

    type: Literal["true-false"]
    answer: Bool


class FillIn(_QuestionBase):
    """A short typed answer, compared with the accepted 'answers'."""

    type: Literal["fill-in"]
    answers: list[Text] = Field(min_length=1, description="accepted answers")
    case_sensitive: Bool = False
    max_length: int = Field(default=60, gt=0, le=250)


class MatchPair(Model):
    """One source and the target it must be matched with."""

    id: Id
    source: Text
    target: Text


class Matching(_QuestionBase):
    """Pairs the learner matches; shown shuffled."""

    type: Literal["matching"]
    pairs: list[MatchPair] = Field(min_length=2, max_length=12)


class OrderItem(Model):
    """One item of an ordering question."""

    id: Id
    text: Text


class Ordering(_QuestionBase):
    """Items the learner puts in order; 'items' are written in the correct order."""

    type: Literal["ordering"]
    items: list[OrderItem] = Field(min_length=2, max_length=12, description="in the correct order")


class Numeric(_QuestionBase):
    """A number, right when within 'tolerance' of 'answer'."""

    type: Literal["numeric"]
    answer: float
    tolerance: float = Field(default=0, ge=0)
    unit: Text | None = None


Question = Annotated[
    SingleChoice | MultipleChoice | TrueFalse | FillIn | Matching | Ordering | Numeric,
    Field(discriminator="type"),
]
QUESTION_TYPES = ("single-choice", "multiple-choice", "true-false", "fill-in", "matching", "ordering", "numeric")


class Page(_LessonBase):
    """A page of Markdown: ``body`` inline, or ``body_file`` beside course.yaml."""

    kind: Literal["page"]
    body: Markdown


class Portrait(Model):
    """A portrait or scene of a founder: a packaged image (beside the course) and what it shows."""

    src: str = Field(min_length=1, description="the image file, relative to the course folder")
    alt: Text = Field(description="what the image shows, for learners who cannot see it")


class FounderVideo(Model):
    """A short video of a founder: a packaged file with its WebVTT captions (WCAG 1.2.2), never autoplayed."""

    src: str = Field(min_length=1, description="the video file (MP4 or WebM), relative to the course folder")
    captions: str = Field(pattern=r"\.vtt$", description="the WebVTT captions file, relative to the course folder")


class Founder(Model):
    """The founder a case study is about."""

    name: Title
    country_of_origin: Text | None = None
    lives_in: Text | None = None
    business: Text
    image: Portrait | None = None
    video: FounderVideo | None = None


class Prompt(Model):
    """A reflection prompt; the learner's note is kept with their progress."""

    id: Id
    text: Text


class CaseStudy(_LessonBase):
    """A founder's story with reflection prompts; composites must say so."""

    kind: Literal["case-study"]
    founder: Founder
    illustrative: Bool = Field(description="true when the story is an illustrative composite")
    sector: Literal["food", "care", "crafts", "digital", "trade", "cleaning", "construction", "other"]
    barriers: list[Literal[
        "language", "qualifications", "credit", "discrimination", "paperwork", "networks",
        "care-duties", "residence-status", "setback", "accessibility", "other"
    ]] = Field(default_factory=list)
    body: Markdown
    reflection: list[Prompt] = Field(min_length=1)


class Quiz(_LessonBase):
    """Questions with feedback; may count towards the course's success rule."""

    kind: Literal["quiz"]
    intro: Markdown | None = None
    questions: list[Question] = Field(min_length=1)
    shuffle: Bool = False
    attempts: int = Field(default=0, ge=0, le=100, description="0 = unlimited")
    feedback: Literal["immediate", "deferred", "none"] = "immediate"
    pass_mark: float | None = Field(default=None, ge=0, le=100)


class ExerciseRef(_LessonBase):
    """A career-toolkit exercise (``toolkit/<exercise>.yaml``) used inside the course."""

    kind: Literal["exercise"]
    exercise: Id
    intro: Markdown | None = None


class InlineResource(Model):
    """A link given in the lesson itself rather than in the resource bank."""

    id: Id
    title: Title
    url: Url
    description: Text | None = None


class ResourceList(_LessonBase):
    """Links to resource-bank entries (by id) and/or inline resources."""

    kind: Literal["resources"]
    intro: Markdown | None = None
    items: list[Id] = Field(default_factory=list, description="ids of resource-bank entries")
    links: list[InlineResource] = Field(default_factory=list)

    @model_validator(mode="after")
    def _not_empty(self) -> ResourceList:
        if not self.items and not self.links:
            raise rule_error("a resources lesson needs 'items' (resource-bank ids) or 'links'", "kind")
        return self


Lesson = Annotated[Page | CaseStudy | Quiz | ExerciseRef | ResourceList | Survey, Field(discriminator="kind")]
LESSON_KINDS = ("page", "case-study", "quiz", "exercise", "resources", "survey")
