"""Issue 13 item 4 (support and language): support organisations per country in the resource bank, and
the bureaucratic-language kit of the basics (phrasebook, interpreter rights, model letters, a short story,
a check with scenario questions), with the glossary words a founder meets at the office.
These tests read the real content."""

from __future__ import annotations

from pathlib import Path

import pytest

from sbfa_pack.diagnostics import Diagnostics
from sbfa_pack.load import LoadedProject, load_project
from sbfa_pack.model import COUNTRY_LANGUAGES, Page, ResourceList
from sbfa_pack.terms import marks

REPO = Path(__file__).resolve().parents[2]
COURSE = "starting-in-your-new-country"
CATEGORIES = ("mentoring", "migrant-support", "microfinance", "equality")
BANK_COUNTRIES = ("de", "es", "gr", "no", "pl", "eu")
LINKS_LESSON = {"de": "germany-links", "es": "spain-links", "gr": "greece-links", "no": "norway-links",
                "pl": "poland-links"}
EQUALITY_BODIES = {"de": "de-antidiskriminierungsstelle", "es": "es-cedre", "gr": "gr-synigoros",
                   "no": "no-ldo", "pl": "pl-rpo", "eu": "eu-equinet"}
OFFICE_WORDS = {"appointment", "interpreter", "reference-number", "deadline", "decision", "appeal",
                "payment-reminder", "proof-of-address", "power-of-attorney", "bank-statement"}
LETTERS = ("Asking for an appointment", "Asking what a letter means", "Asking for more time to pay",
           "Answering a request for documents", "A formal complaint")
PHRASES = ("I would like an", "Please speak slowly", "What does the word", "I need an",
           "send me this in writing", "By which date", "My reference number is")


@pytest.fixture(scope="module")
def lp() -> LoadedProject:
    loaded = load_project(REPO, Diagnostics())
    assert loaded is not None
    return loaded


def _lesson(lp: LoadedProject, lesson_id: str) -> object:
    course = lp.courses[COURSE].course
    return next(lesson for m in course.modules for lesson in m.lessons if lesson.id == lesson_id)


@pytest.mark.parametrize("country", BANK_COUNTRIES)
def test_every_country_has_each_kind_of_support(lp: LoadedProject, country: str) -> None:
    """Issue 13 item 4: each country of the bank (and Europe) has mentoring, a migrant-support
    organisation, microfinance and the equality body, each checked with an https address."""
    own = [r for r in lp.resources.values() if country in r.countries]
    for category in CATEGORIES:
        found = [r for r in own if category in r.topics]
        assert found, (country, category)
        assert all(r.url.startswith("https://") and r.checked for r in found), (country, category)
    assert EQUALITY_BODIES[country] in {r.id for r in own if "equality" in r.topics}


@pytest.mark.parametrize("country", sorted(LINKS_LESSON))
def test_each_country_module_lists_its_support_organisations(lp: LoadedProject, country: str) -> None:
    """Issue 13 item 4: the country's official-sources lesson shows every category to its learners."""
    lesson = _lesson(lp, LINKS_LESSON[country])
    assert isinstance(lesson, ResourceList)
    shown = [lp.resources[rid] for rid in lesson.items]
    for category in CATEGORIES:
        assert any(category in r.topics for r in shown), (country, category)


def test_what_the_review_criticised_in_the_resource_bank(lp: LoadedProject) -> None:
    """Issue 13 item 4 (review §6): ENISA does not lend to autónomos (MicroBank does); KRS filings go
    through prs.ms.gov.pl; a residence resource and a recognition resource in every country; Germany
    links the Make it in Germany portal for self-employment."""
    assert "does not lend to self-employed" in str(lp.resources["es-enisa"].description)
    assert "autónomos" in str(lp.resources["es-microbank"].description)
    assert "prs.ms.gov.pl" in str(lp.resources["pl-ekrs"].description)
    for country in LINKS_LESSON:
        topics = [r.topics for r in lp.resources.values() if country in r.countries]
        assert any("residence" in t for t in topics), country
        assert any("recognition" in t for t in topics) or country == "es", country
    lesson = _lesson(lp, "germany-links")
    assert isinstance(lesson, ResourceList) and "de-make-it-in-germany" in lesson.items


def test_talking_to_offices_comes_before_the_final_quiz_and_counts(lp: LoadedProject) -> None:
    """Issue 13 item 4: the lesson sits in the basics before the final quiz and is in the completion
    list (docs/format.md: every lesson except surveys listed). It has no quiz of its own: the course's
    SCORM 1.2 worst case is exactly 4,096 characters with it (docs/content.md)."""
    course = lp.courses[COURSE].course
    basics = [lesson.id for lesson in next(m for m in course.modules if m.id == "basics").lessons]
    at = basics.index("talking-to-offices")
    assert basics[at + 1] == "final-quiz"
    listed = course.completion.lessons
    assert isinstance(listed, list) and "talking-to-offices" in listed


def test_the_phrasebook_interpreter_rights_and_model_letters(lp: LoadedProject) -> None:
    """Issue 13 item 4: phrases for calls and appointments, what is (and is not) guaranteed about
    interpreters, five model letters with blanks, and a short story."""
    page = _lesson(lp, "talking-to-offices")
    assert isinstance(page, Page)
    body = (REPO / "courses" / COURSE / "talking-to-offices.md").read_text(encoding="utf-8")
    for phrase in PHRASES:
        assert phrase in body, phrase
    assert "no general right to a free interpreter" in body and "tolkeloven" in body
    letters = body.split("## Model letters and e-mails", 1)[1].split("## A short story", 1)[0]
    for n, title in enumerate(LETTERS, 1):
        section = letters.split(f"### {n}. {title}", 1)[1].split("###", 1)[0]
        assert "> **Subject:**" in section and "[reference number]" in section.replace("your ", ""), title
        assert section.count("[") - section.count("](") >= 3, title
    assert "## A short story" in body and "**Think about it:**" in body


def test_office_words_in_the_glossary_with_every_country_and_marked(lp: LoadedProject) -> None:
    """Issue 13 item 4: the words met at the office are glossary entries with each country's official
    term, and the lesson marks each of them once."""
    assert lp.glossary.keys() >= OFFICE_WORDS
    for gid in OFFICE_WORDS:
        entry = lp.glossary[gid]
        assert set(entry.official) == set(COUNTRY_LANGUAGES) and all(entry.official.values()), gid
    assert lp.glossary["deadline"].official["de"] == "Frist"
    assert lp.glossary["proof-of-address"].official["de"] == "Meldebescheinigung"
    assert lp.glossary["payment-reminder"].official["de"] == "Mahnung"
    found = marks(str(_lesson(lp, "talking-to-offices").model_dump(mode="python")))
    assert set(found) >= OFFICE_WORDS and len(found) == len(set(found))
