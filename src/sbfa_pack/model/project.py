"""The project file (``sbfa.yaml``) and the resource bank."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from .base import Id, LanguageTag, Markdown, Model, Title, Url

FormatName = Literal["web", "scorm12", "scorm2004", "xapi", "cmi5"]


class ScormOptions(Model):
    """Options of the SCORM packages (1.2 and 2004)."""

    packaging: Literal["single-sco", "sco-per-module"] = "single-sco"
    schemas: str | None = Field(default=None, description="folder holding the official SCORM 1.2 XSDs to ship")
    state_overflow: Literal["fail", "browser"] = Field(
        default="fail",
        description="when worst-case state exceeds 4,096 characters: fail the build, or keep long text in the browser",
    )


class XapiOptions(Model):
    """Options of the xAPI (Tin Can) and cmi5 packages."""

    base_iri: Url = "https://w3id.org/sbfa"
    cmi5_aus: Literal["course", "module"] = Field(
        default="course", description="cmi5 packages: one assignable unit for the whole course, or one per module")


class TranslationPolicy(Model):
    """What the build does with incomplete translations."""

    min_complete: float = Field(default=100, ge=0, le=100, description="percent of strings translated")
    below: Literal["fail", "fallback"] = Field(
        default="fallback", description="below min_complete: fail the build, or use the source language and warn"
    )
    draft: list[LanguageTag] = Field(default_factory=list, description="languages awaiting native review")
    in_progress: list[LanguageTag] = Field(
        default_factory=list,
        description="languages being translated (`sbfa-pack i18n add`), not in 'languages' yet: their catalogs are "
        "updated and checked, and they are built once every string is translated, or when asked (`build --lang`)")


class Theme(Model):
    """Colours, logo and template overrides of the learner pages."""

    primary_colour: str = Field(default="#0b5394", pattern=r"^#[0-9a-fA-F]{6}$")
    logo: str | None = Field(default=None, description="path to an SVG or PNG logo, relative to the project")
    templates: str | None = Field(default=None, description="folder of templates overriding the built-in ones")


class PlainLanguageFor(Model):
    """A language's own plain-language figures; what is not set is the project's."""

    sentence_words: float | None = Field(default=None, gt=0, description="average words per sentence")
    max_sentence_words: int | None = Field(default=None, gt=0, description="a longer sentence is reported")
    rare_zipf: float | None = Field(default=None, ge=0, le=8, description="rarer words (Zipf) count as rare")
    rare_share: float | None = Field(default=None, ge=0, le=1, description="share of rare words")
    rare_words: int | None = Field(default=None, gt=0, description="a sentence with this many rare words is reported")


class PlainLanguage(Model):
    """The plain-language budget of the project's learner-facing text (``validate`` measures it)."""

    level: Literal["A1", "A2", "B1", "B2"] = Field(default="B1", description="the CEFR level the budget stands for")
    sentence_words: float = Field(default=15, gt=0, description="average words per sentence, per catalog and language")
    max_sentence_words: int = Field(default=25, gt=0, description="a longer sentence is reported")
    rare_zipf: float = Field(default=3.0, ge=0, le=8, description="rarer words (Zipf frequency) count as rare")
    rare_share: float = Field(default=0.12, ge=0, le=1, description="share of rare words, per catalog and language")
    rare_words: int = Field(default=3, gt=0, description="a sentence with this many rare words is reported")
    readability: dict[LanguageTag, float] = Field(
        default_factory=lambda: {"en": 60.0, "de": 50.0, "es": 60.0},
        description="minimum readability score where a formula exists (Flesch en, Amstad de, Fernández Huerta es)")
    worst: int = Field(default=3, gt=0, description="sentences reported per catalog, language and kind")
    languages: dict[LanguageTag, PlainLanguageFor] = Field(
        default_factory=dict, description="per-language figures where a language needs other ones (the words of "
        "an inflected language are rarer forms; a compounding language has longer words)")

    def for_language(self, lang: str) -> PlainLanguage:
        """The budget in ``lang``: its own figures (by tag, then by base language) over the common ones."""
        own = self.languages.get(lang) or self.languages.get(lang.split("-")[0])
        if own is None:
            return self
        return self.model_copy(update={k: v for k, v in own.model_dump().items() if v is not None})


class SiteOptions(Model):
    """Options of the static site (``sbfa-pack site``)."""

    base_url: Url | None = Field(
        default=None, description="where the site is published (https://example.org/sbfa/): canonical URLs, "
        "hreflang alternates, Open Graph and sitemap.xml are made from it")


class Project(Model):
    """The project file, sbfa.yaml: name, languages, output formats and LMS options."""

    name: Title
    source_language: LanguageTag = "en"
    languages: list[LanguageTag] = Field(default_factory=lambda: ["en"], min_length=1)
    formats: list[FormatName] = Field(default_factory=lambda: list[FormatName](["scorm12"]), min_length=1)
    packages: Literal["per-language", "multilingual", "both"] = Field(
        default="per-language",
        description="one package per language (most LMSs map an activity to one language), one package carrying "
        "every language in which the learner picks and switches, or both")
    scorm: ScormOptions = Field(default_factory=ScormOptions)
    xapi: XapiOptions = Field(default_factory=XapiOptions)
    translations: TranslationPolicy = Field(default_factory=TranslationPolicy)
    theme: Theme = Field(default_factory=Theme)
    plain_language: PlainLanguage | None = Field(
        default=None, description="the plain-language budget validate measures every learner-facing text against")
    site: SiteOptions = Field(default_factory=SiteOptions)


ResourceKind = Literal["portal", "authority", "support", "template", "guide", "funding", "training", "other"]


class Resource(Model):
    """A resource-bank entry: a link with a plain-words description, tagged for search."""

    id: Id
    title: Title
    url: Url
    description: Markdown
    kind: ResourceKind = "other"
    countries: list[Literal["no", "es", "de", "pl", "gr", "eu", "international"]] = Field(min_length=1)
    topics: list[Id] = Field(min_length=1)
    languages: list[LanguageTag] = Field(min_length=1, description="languages the resource itself is in")
    checked: str | None = Field(default=None, pattern=r"^\d{4}-\d{2}(-\d{2})?$", description="when last checked")


class ResourceBank(Model):
    """One file of ``resources/*.yaml``."""

    resources: list[Resource] = Field(min_length=1)
