"""Career-toolkit exercises: self-assessment, worksheet, calculator, checklist.

Each lives in ``toolkit/<id>.yaml``, is packaged on its own and can be used inside any course.
"""

from __future__ import annotations

import itertools
from typing import Annotated, Literal

from pydantic import Field, model_validator

from .base import Bool, CountryId, Id, LanguageTag, Markdown, Model, Text, Title, Version, rule_error


class _ExerciseBase(Model):
    id: Id
    version: Version
    title: Title
    description: Markdown
    language: LanguageTag
    instructions: Markdown
    example: Markdown = Field(description="a worked example shown to the learner")
    duration_minutes: int = Field(gt=0, le=600)
    keywords: list[Title] = Field(default_factory=list)
    licence: Title = "CC-BY-SA-4.0"


# --- self-assessment ---------------------------------------------------------------------

class LikertItem(Model):
    """A statement answered on the scale; scored 1 (first label) to the number of labels."""

    id: Id
    text: Text
    reverse: Bool = Field(default=False, description="scored from the other end of the scale")
    dimension: Id | None = Field(default=None, description="profile dimension for the chart")


class Band(Model):
    """A range of total scores (min to max, inclusive) with its title and advice."""

    id: Id
    min: float
    max: float
    title: Title
    advice: Markdown


class Dimension(Model):
    """A group of items shown as one bar of the learner's profile."""

    id: Id
    title: Title


class SelfAssessment(_ExerciseBase):
    """Statements answered on a scale, scored into bands with advice."""

    kind: Literal["self-assessment"]
    scale: list[Text] = Field(min_length=2, max_length=7, description="labels, lowest first")
    items: list[LikertItem] = Field(min_length=1)
    dimensions: list[Dimension] = Field(default_factory=list)
    bands: list[Band] = Field(min_length=1, description="by total score, lowest first")

    @model_validator(mode="after")
    def _bands_cover_scores(self) -> SelfAssessment:
        lo, hi = len(self.items), len(self.items) * len(self.scale)
        bands = sorted(self.bands, key=lambda b: b.min)
        if bands[0].min > lo or bands[-1].max < hi:
            raise rule_error(f"bands must cover every possible total score from {lo} to {hi} "
                             f"(they cover {bands[0].min:g} to {bands[-1].max:g})", "bands")
        for a, b in itertools.pairwise(bands):
            if b.min > a.max + 1:
                raise rule_error(f"bands leave a gap between {a.max:g} and {b.min:g}", "bands")
        return self


# --- worksheet -----------------------------------------------------------------------------

FieldType = Literal["short-text", "long-text", "number", "money", "date", "choice"]


class Option(Model):
    """One option of a 'choice' field."""

    id: Id
    label: Text


class WorksheetField(Model):
    """A typed field of a worksheet; text fields need 'max_length'."""

    id: Id
    label: Text
    type: FieldType
    help: Markdown | None = None
    max_length: int | None = Field(default=None, gt=0, le=5000, description="characters, for text fields")
    options: list[Option] = Field(default_factory=list, description="for 'choice' fields")
    area: Id | None = Field(default=None, description="canvas block or SWOT quadrant this field belongs to")
    required: Bool = False
    translator_note: str | None = None

    @model_validator(mode="after")
    def _fits_type(self) -> WorksheetField:
        if self.type == "choice" and len(self.options) < 2:
            raise rule_error("a 'choice' field needs at least two options", "type")
        if self.type != "choice" and self.options:
            raise rule_error("only 'choice' fields have options", "options")
        if self.type in ("short-text", "long-text") and self.max_length is None:
            raise rule_error(f"a '{self.type}' field needs 'max_length' (it bounds the saved state)", "type")
        return self


class Area(Model):
    """A block of a canvas or a SWOT quadrant that groups fields."""

    id: Id
    title: Title
    hint: Text | None = None


class Worksheet(_ExerciseBase):
    """Typed fields the learner fills in and keeps (a form, a business model canvas or a SWOT)."""

    kind: Literal["worksheet"]
    layout: Literal["form", "canvas", "swot"] = "form"
    areas: list[Area] = Field(default_factory=list, description="canvas blocks (9) or SWOT quadrants (4)")
    fields: list[WorksheetField] = Field(min_length=1)
    currency: Annotated[str, Field(pattern=r"^[A-Z]{3}$")] = "EUR"


# --- calculator ----------------------------------------------------------------------------

class CalcInput(Model):
    """A named number the learner enters; its id is used in formulas."""

    id: Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$", max_length=40)]
    label: Text
    type: Literal["number", "money", "percent", "integer"] = "number"
    min: float | None = None
    max: float | None = None
    default: float | None = None
    help: Text | None = None


class CalcOutput(Model):
    """A result computed by a formula over inputs and earlier outputs."""

    id: Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$", max_length=40)]
    label: Text
    formula: Annotated[str, Field(min_length=1, max_length=500)]
    format: Literal["number", "money", "percent", "integer"] = "number"
    explanation: Markdown | None = None


class LocalAmounts(Model):
    """A calculator's worked example in one country: its text, and the inputs' values there (in the
    country's currency, from CLDR: NOK in Norway, PLN in Poland, EUR in Spain, Germany, Greece)."""

    example: Markdown = Field(description="the worked example with this country's amounts")
    defaults: dict[Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$", max_length=40)], float] = Field(
        min_length=1, description="input id -> the value the calculator opens on in this country (every money "
        "input; others where they differ)")


class Calculator(_ExerciseBase):
    """Named inputs and formulas (e.g. start-up costs, break-even); never evaluated as code.

    The inputs' ``default`` values are the worked example's, so the calculator opens on them; an
    exercise gives ``countries`` the example and amounts of countries where they differ."""

    kind: Literal["calculator"]
    currency: Annotated[str, Field(pattern=r"^[A-Z]{3}$")] = Field(
        default="EUR", description="the currency of 'example' and the inputs' defaults")
    inputs: list[CalcInput] = Field(min_length=1)
    outputs: list[CalcOutput] = Field(min_length=1)
    countries: dict[CountryId, LocalAmounts] = Field(
        default_factory=dict, description="per country: the worked example and amounts in its currency")


# --- checklist -----------------------------------------------------------------------------

class CheckItem(Model):
    """One step of a checklist."""

    id: Id
    text: Text
    help: Markdown | None = None
    url: Annotated[str, Field(pattern=r"^https?://\S+$")] | None = None


class CheckGroup(Model):
    """A titled group of checklist steps."""

    id: Id
    title: Title
    items: list[CheckItem] = Field(min_length=1)


class Checklist(_ExerciseBase):
    """Groups of steps the learner ticks off."""

    kind: Literal["checklist"]
    groups: list[CheckGroup] = Field(min_length=1)


Exercise = Annotated[SelfAssessment | Worksheet | Calculator | Checklist, Field(discriminator="kind")]
EXERCISE_KINDS = ("self-assessment", "worksheet", "calculator", "checklist")
