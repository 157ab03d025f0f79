"""The ``survey`` lesson kind: an ungraded questionnaire (Likert items, choices, free text, a 0–10 rating).

A survey never counts toward a score or a pass; it is done once submitted. Its item ids are its
own (not the course's id space): a post-survey repeats the item ids of the pre-survey it
``pairs_with``, and the report compares the answers of items with the same id and type.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from .base import Bool, Id, LessonBase, Markdown, Model, Text, Title, rule_error

ITEM_TYPES = ("likert", "choice", "choices", "text", "long-text", "rating")
"""Survey item types, as written in the YAML."""
MAX_TEXT = {"text": 500, "long-text": 5000}
"""The largest ``max_length`` of each free-text type (characters)."""
DEFAULT_TEXT = {"text": 200, "long-text": 1000}
"""``max_length`` when an item does not say."""


class Scale(Model):
    """The declared Likert scale of a survey: 2 to 11 points, the end labels, optional per-point labels."""

    points: int = Field(ge=2, le=11)
    low: Title = Field(description="label of point 1")
    high: Title = Field(description="label of the last point")
    labels: list[Title] | None = Field(default=None, description="one label per point, lowest first (optional)")

    @model_validator(mode="after")
    def _labels_fit(self) -> Scale:
        if self.labels is not None and len(self.labels) != self.points:
            raise rule_error(f"'labels' needs one label per point ({self.points}), found {len(self.labels)}", "labels")
        return self


class SurveyOption(Model):
    """One option of a choice or choices item."""

    id: Id
    text: Text


class SurveyItem(Model):
    """One item of a survey; ``type`` decides what the learner gives."""

    id: Id
    type: Literal["likert", "choice", "choices", "text", "long-text", "rating"]
    prompt: Markdown
    options: list[SurveyOption] = Field(default_factory=list, max_length=36,
                                        description="for choice and choices items (at least 2)")
    max_length: int | None = Field(default=None, gt=0, le=5000, description="characters, for text and long-text")
    required: Bool = False
    translator_note: str | None = None

    @model_validator(mode="after")
    def _fits_type(self) -> SurveyItem:
        if self.type in ("choice", "choices"):
            if len(self.options) < 2:
                raise rule_error(f"a '{self.type}' item needs 'options' (at least 2, found {len(self.options)})",
                                 "options")
        elif self.options:
            raise rule_error(f"'options' are only for choice and choices items, not '{self.type}'", "options")
        if self.max_length is not None:
            if self.type not in MAX_TEXT:
                raise rule_error(f"'max_length' is only for text and long-text items, not '{self.type}'",
                                 "max_length")
            if self.max_length > MAX_TEXT[self.type]:
                raise rule_error(f"'max_length' of a '{self.type}' item is at most {MAX_TEXT[self.type]}",
                                 "max_length")
        return self

    @property
    def limit(self) -> int:
        """The most characters a text item takes (0 for other types)."""
        return self.max_length or DEFAULT_TEXT.get(self.type, 0)


class Survey(LessonBase):
    """An ungraded questionnaire; never counts toward score or pass, done once submitted."""

    kind: Literal["survey"]
    intro: Markdown | None = None
    anonymous: Bool = Field(default=False, description="true: nothing identifying is sent, values only")
    pairs_with: Id | None = Field(default=None, description="on a post-survey: the id of the earlier pre-survey")
    scale: Scale | None = Field(default=None, description="the Likert scale (needed by likert items)")
    items: list[SurveyItem] = Field(min_length=1, max_length=60)
    required: Bool = Field(default=False, description="every item must be answered (items may say so one by one)")

    @model_validator(mode="after")
    def _scale_when_likert(self) -> Survey:
        if self.scale is None and any(i.type == "likert" for i in self.items):
            raise rule_error("a survey with likert items needs a 'scale' (points, low, high)", "scale")
        return self

    def is_required(self, item: SurveyItem) -> bool:
        """Whether ``item`` must be answered before the survey can be submitted."""
        return self.required or item.required
