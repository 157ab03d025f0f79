"""Fixes from the review of the translations and of the case studies (issue 13, "Translations"; items 4
and 5 of the plain-language task): official terms not doubled, no false friends, fill-in answers a
learner can type, and the residence status of Grace and Olena told plainly in every language."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import polib
import pytest

from sbfa_pack.diagnostics import Diagnostics
from sbfa_pack.load import LoadedProject, load_project
from sbfa_pack.model import CaseStudy

REPO = Path(__file__).resolve().parents[2]
LANGS = ("es", "de", "pl", "nb", "el", "uk", "ar")
CATALOGS = sorted((REPO / "locales").glob("*/*.po"))
# "**Gewerbe** (*Gewerbe*)", "ΑΦΜ (ΑΦΜ, AFM)", "Bürgergeld („Bürgergeld”)": the same term twice.
_DOUBLED = re.compile(r"([^\W\d_][\w\- ]{1,58}?)[*\s]*\(\s*[*„“\"«]*\1[*“”\"»]*\s*[,)]", re.I)


def _entries(path: Path) -> list[polib.POEntry]:
    return [e for e in polib.pofile(str(path)) if not e.obsolete and e.msgstr]


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", " ".join(text.split()))


@pytest.mark.parametrize("path", CATALOGS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_official_terms_are_not_doubled(path: Path) -> None:
    """Issue 13 item 4: a host-country term stays in the host language once, never "**Gewerbe**
    (*Gewerbe*)" (de, nb, pl, el review findings)."""
    doubled = [(e.linenum, m.group(0)) for e in _entries(path) for m in _DOUBLED.finditer(_nfc(e.msgstr))
               if not _DOUBLED.search(_nfc(e.msgid))]
    assert doubled == []


def test_no_false_friends_for_benefits_and_company_forms() -> None:
    """Issue 13 item 4: Norwegian "borgerlønn" (a basic income) is not Bürgergeld; German does not call
    the Spanish SL a "GmbH"."""
    nb = [e.linenum for p in (REPO / "locales" / "nb").glob("*.po") for e in _entries(p)
          if "borgerlønn" in e.msgstr.lower()]
    assert nb == []
    sl = [e.linenum for p in (REPO / "locales" / "de").glob("*.po") for e in _entries(p)
          if re.search(r"\bSL\b|Sociedad Limitada", e.msgid) and "GmbH" in e.msgstr]
    assert sl == []


@pytest.mark.parametrize("path", CATALOGS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_fill_in_answers_need_no_vowel_marks(path: Path) -> None:
    """Issue 13 item 4: a translated fill-in answer is the form a learner types: no tanwīn (the
    runtime ignores tashkeel, but not the alif of "حساباً", so "حساب" was marked wrong)."""
    answers = [e for e in _entries(path) if (e.msgctxt or "").endswith("/answers")]
    marked = [(e.linenum, e.msgstr) for e in answers
              if re.search("[\u064b-\u065f]", e.msgstr) or e.msgstr.endswith(("اً", "ًا"))]
    assert marked == []


@pytest.fixture(scope="module")
def lp() -> LoadedProject:
    loaded = load_project(REPO, Diagnostics())
    assert loaded is not None
    return loaded


def _case(lp: LoadedProject, course: str, case: str) -> CaseStudy:
    found = [le for _, le in lp.courses[course].course.lessons() if le.id == case]
    assert len(found) == 1 and isinstance(found[0], CaseStudy)
    return found[0]


@pytest.mark.parametrize(("course", "case", "says"), [
    ("starting-in-your-new-country", "case-grace", ("*Beschäftigung erlaubt*", "*Ausländerbehörde*",
                                                   "*selbständige\nTätigkeit erlaubt*")),
    ("marketing-first-customers", "case-olena", ("temporary protection", "*UKR*", "CEIDG")),
])
def test_the_founders_residence_status_is_told_in_every_language(lp: LoadedProject, course: str, case: str,
                                                                 says: tuple[str, ...]) -> None:
    """Issue 13 item 5: Grace's and Olena's residence status and that it allows self-employment, as the
    residence pages say it, in the story and in all seven translations."""
    body = _case(lp, course, case).body
    paragraph = next(p for p in body.split("\n\n") if p.startswith("**Papers first.**"))
    assert all(s in paragraph for s in says)
    for lang in LANGS:
        po = {e.msgid: e.msgstr for e in _entries(REPO / "locales" / lang / f"{course}.po")}
        assert paragraph in po, lang
        assert "*UKR*" in po[paragraph] or "*selbständige Tätigkeit erlaubt*" in po[paragraph], lang


def test_olenas_budget_example_in_poland_tells_her_status() -> None:
    """Issue 13 item 5: the monthly budget's example in złoty (Olena in Kraków) says her status."""
    text = (REPO / "toolkit" / "monthly-budget.yaml").read_text(encoding="utf-8")
    pl = text[text.index("  pl:"):]
    assert "temporary protection (PESEL with the status *UKR*)" in pl


PAGES = ("germany", "greece", "norway", "poland", "spain", "permits", "residence-germany", "residence-greece",
         "residence-norway", "residence-poland", "residence-spain")


def test_the_country_pages_read_at_b1_in_english(lp: LoadedProject) -> None:
    """Issue 13 item 2: the country pages the review graded D (Flesch 35–58) are within the example B1
    budget in English: readability, words per sentence, no long sentence, no sentence of rare words."""
    from sbfa_pack.model.project import PlainLanguage
    from sbfa_pack.plain.check import measure, names

    budget = PlainLanguage.model_validate({"level": "B1", "sentence_words": 15, "max_sentence_words": 25,
                                           "rare_zipf": 3.0, "rare_share": 0.12, "rare_words": 3,
                                           "readability": {"en": 60, "de": 50, "es": 60}, "worst": 3})
    sc = measure(lp, "starting-in-your-new-country", "en", budget, names(lp)["en"])
    for page in PAGES:
        f = sc.files[f"courses/starting-in-your-new-country/{page}.md"]
        score = f.readability("en")
        assert score is not None and score >= 60 and f.words_per_sentence <= 15, (page, score)
    hits = [h for h in sc.long + sc.rare if h.file.rsplit("/", 1)[-1][:-3] in PAGES]
    assert hits == []
