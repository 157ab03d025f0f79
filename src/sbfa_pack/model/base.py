"""Shared base and domain types of the course model."""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, Strict, StringConstraints
from pydantic_core import PydanticCustomError

from .text import check_line, check_text

# An id that is stable, never derived from text or position, and safe in URLs, xs:ID (after a
# prefix), IRIs and PO contexts: lower-case ASCII letters, digits and single hyphens.
ID_PATTERN = r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$"
Id = Annotated[str, StringConstraints(pattern=ID_PATTERN, max_length=64)]

# BCP 47 language tag, as far as a course needs it (language, optional script and region).
LANG_PATTERN = r"^[a-z]{2,3}(?:-[A-Z][a-z]{3})?(?:-(?:[A-Z]{2}|[0-9]{3}))?$"
LanguageTag = Annotated[str, StringConstraints(pattern=LANG_PATTERN)]

SEMVER_PATTERN = r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-[0-9A-Za-z.-]+)?$"
Version = Annotated[str, StringConstraints(pattern=SEMVER_PATTERN)]

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1), AfterValidator(check_text)]
"""Translatable plain text (one line or a few); no control characters (see ``model.text``)."""

Title = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1), AfterValidator(check_line)]
"""Translatable text of one line (a title, a name, a keyword): no tab, line break or control character."""

Markdown = Annotated[str, StringConstraints(min_length=1), AfterValidator(check_text)]
"""Translatable Markdown source; rendered and sanitised by the render step, never here."""

Bool = Annotated[bool, Strict()]
"""Yes or no: only YAML's ``true`` and ``false``. The loader reads YAML 1.2, where ``no``, ``yes``,
``on`` and ``off`` are text; strict, so such text is an error here, never quietly read as a bool."""

CountryId = Literal["no", "es", "de", "pl", "gr"]
"""A partner country: ISO 3166-1 alpha-2, lower case (``no`` stays text: the loader reads YAML 1.2)."""
COUNTRIES: tuple[CountryId, ...] = ("no", "es", "de", "pl", "gr")

Url = Annotated[str, StringConstraints(pattern=r"^https?://[^\s/$.?#][^\s]*$")]
Percent = Annotated[float, Field(ge=0, le=100)]
PositiveMinutes = Annotated[int, Field(gt=0, le=100_000)]

_ID_RE = re.compile(ID_PATTERN)


def is_id(value: str) -> bool:
    """True when ``value`` is a valid stable id."""
    return bool(_ID_RE.match(value))


class Model(BaseModel):
    """Base of every model class: frozen, unknown keys rejected, numbers finite (no inf or nan)."""

    model_config = ConfigDict(frozen=True, extra="forbid", strict=False, str_strip_whitespace=False, defer_build=True,
                              allow_inf_nan=False)


def rule_error(message: str, field: str) -> PydanticCustomError:
    """The error a model rule raises: its message, and the field it is about (for the diagnostic's place)."""
    return PydanticCustomError("rule", message.replace("{", "{{").replace("}", "}}"), {"field": field})


class LessonBase(Model):
    """What every lesson kind has: a stable id, a title and an optional duration."""

    id: Id
    title: Title
    duration_minutes: int | None = Field(default=None, gt=0, le=600)
