"""The project glossary (``glossary/*.yaml``): plain words, short explanations and the word the
learner meets at the office in each host country."""

from __future__ import annotations

from pydantic import Field

from .base import Id, Markdown, Model, Title, Url

COUNTRY_LANGUAGES: dict[str, str] = {"de": "de", "es": "es", "gr": "el", "no": "nb", "pl": "pl"}
"""The host countries a glossary entry names an official term for, and the language of that term
(its ``lang`` attribute): Germany, Spain, Greece, Norway, Poland."""


class GlossaryEntry(Model):
    """One glossary entry. ``term`` and ``explanation`` are translated; ``official`` never is: it is
    the exact word the learner meets at the office in each country."""

    id: Id
    term: Title = Field(description="the plain word, as the courses use it (translated)")
    explanation: Markdown = Field(description="one or two short plain sentences (translated)")
    official: dict[str, Title] = Field(
        default_factory=dict,
        description="the host country's own term, by country id (de, es, gr, no, pl); not translated")
    see: list[Id] = Field(default_factory=list, description="ids of related entries")
    source: Url | None = Field(default=None, description="an official page that uses the terms")
    checked: str | None = Field(default=None, pattern=r"^\d{4}-\d{2}(-\d{2})?$",
                                description="when the official terms were last checked")


class GlossaryFile(Model):
    """One file of ``glossary/*.yaml``."""

    glossary: list[GlossaryEntry] = Field(min_length=1)
