"""What the plain-language check does not count as a rare word (issue 13 item 1, "make the check
fair"): amounts and currencies, addresses, names, official terms the course marks, a question quoted
in the office's language, inflected forms and compounds of common words, Arabic clitics; and what it
still counts (an ordinary hard word, even in bold). On fixtures in en, de and ar."""

from __future__ import annotations

from pathlib import Path

import pytest

from sbfa_pack.diagnostics import Diagnostics
from sbfa_pack.load import load_project
from sbfa_pack.model.project import PlainLanguage
from sbfa_pack.plain import measure
from sbfa_pack.plain.check import names
from sbfa_pack.sources_check import validate_sources

ROOT = Path(__file__).resolve().parent / "project"


def _rare(text: str, lang: str, people: frozenset[str] = frozenset()) -> list[str]:
    plain, terms = measure.plain_text(text, lang)
    return [w for s in measure.sentences(plain) for w in measure.measure_sentence(s, lang, 3.0, terms | people)[1]]


def test_amounts_currencies_addresses_are_not_words() -> None:
    """Issue 13 item 1: zł, kr, NOK, €, numbers, web addresses without https:// and e-mail addresses
    are not rare words, in the source and in translations."""
    assert _rare("It costs 275 kr, 67.65 zł or 17.50 € (NOK 275, PLN 68) at biznes.gov.pl or info@example.org.",
                 "en") == []
    assert _rare("Es kostet 67,65 zł auf podatki.gov.pl.", "de") == []
    plain, _ = measure.plain_text("Write to info@example.org or see www.altinn.no/start.")
    assert "example" not in plain and "altinn" not in plain


def test_official_terms_marked_by_the_course_are_not_rare_but_hard_words_in_bold_are() -> None:
    """Issue 13 item 1: a glossary term link, a host-country word in bold or italics and a question in
    the office's language in quotes are terms; an ordinary hard English word stays rare, bold or not."""
    _, terms = measure.plain_text("**Gewerbeanmeldung** and **jurisdictional**, [Aufenthaltstitel](term:permit)", "en")
    assert {"gewerbeanmeldung", "aufenthaltstitel"} <= terms and "jurisdictional" not in terms
    assert _rare("Ask: \"Jakie dokumenty są potrzebne do zezwolenia na pobyt czasowy w celu wykonywania\n"
                 "pracy?\"", "en") == []
    assert _rare("Prerequisites are **jurisdictional** and comprehensively checked.", "en") == [
        "Prerequisites", "jurisdictional", "comprehensively"]


def test_names_of_founders_and_people_are_not_rare_in_any_language() -> None:
    """Issue 13 item 1: the founders (case studies), the names the source writes (Kofi, kept as it is
    by a translation) and a founder's name as the translated title writes it (ar) are names."""
    lp = load_project(ROOT, Diagnostics())
    assert lp is not None
    people = names(lp)
    assert {"tesfaye", "kofi"} <= people["de"] and "تسفاي" in people["ar"]
    assert "notwithstanding" not in people["en"] and "gewerbeamt" in people["en"]
    assert measure.is_rare("تسفاي", "ar", 3.0) and not _rare("يصنع تسفاي طاولات للمقاهي وللمحلات.", "ar", people["ar"])


def test_the_fixture_page_of_names_amounts_and_terms_passes_in_en_de_ar() -> None:
    """Issue 13 item 1: the page of names, amounts and official words has no rare-word warning in the
    source, its German translation (the terms the source marks stay terms there, marked or not) or
    its Arabic one."""
    diags = Diagnostics()
    validate_sources(ROOT, diags)
    fair = [d for d in diags if d.code == "plain.rare-words" and ("fair" in d.file or "start.po" in d.file)
            and not ("Notwithstanding" in d.message or "بصرف" in d.message or "Ungeachtet" in d.message)]
    assert fair == []


@pytest.mark.parametrize(("word", "lang", "rare"), [
    ("Steuertabelle", "de", False),  # Steuer + Tabelle
    ("skattekontoret", "nb", False),  # skatt-e + kontoret
    ("Krankenversicherungsbeitrag", "de", True),  # a chain of four: still hard
    ("страхуванні", "uk", False),  # a case form of страхування
    ("وتكاليفك", "ar", False),  # و + تكاليف + ك: "and your costs"
    ("jurisdictional", "en", True),
])
def test_forms_and_compounds_of_common_words_are_not_rare(word: str, lang: str, rare: bool) -> None:
    """Issue 13 item 1: an inflected form or a two-part compound of common words, and an Arabic word
    with its clitics, is measured as the common word; long compound chains and hard words stay rare."""
    assert measure.is_rare(word, lang, 3.0, first=True) is rare


def test_a_language_may_have_its_own_figures() -> None:
    """Issue 13 item 1: per-language budgets: a language's own figures over the common ones."""
    b = PlainLanguage.model_validate({"rare_share": 0.12, "languages": {"uk": {"rare_share": 0.15}}})
    assert b.for_language("uk").rare_share == 0.15 and b.for_language("de").rare_share == 0.12
    assert b.for_language("uk").max_sentence_words == b.max_sentence_words


def test_office_names_in_bold_and_terms_do_not_count_in_readability() -> None:
    """Issue 13 item 1: an office's name in bold (**Independent Authority for Public Revenue**) is a
    proper name, and official terms and names do not weigh in the syllables of the readability score
    (the formula is for the text's own language); sentence length still counts them."""
    _, terms = measure.plain_text("Go to the **Independent Authority for Public Revenue** or the **sole trader** desk.",
                                  "en")
    assert "revenue" in terms and "sole" not in terms
    plain, terms = measure.plain_text("You register at the office (*Enhetsregisteret*).", "en")
    f, _ = measure.measure_sentence(measure.sentences(plain)[0], "en", 3.0, terms)
    assert f.words == 6 and f.sounded == 5 and f.syllables == 8  # without En-hets-re-gis-te-ret


def test_a_sentence_ending_in_a_quote_ends_there() -> None:
    """Issue 13 item 1: 'Ask: "Can you say that again?" Then …' is two sentences, in every quoting style."""
    assert measure.sentences('Ask: "Can you say that again?" Then write it down.') == [
        'Ask: "Can you say that again?"', "Then write it down."]
    assert len(measure.sentences("Fragen Sie: „Wie bitte?“ Dann schreiben Sie es auf.")) == 2
    assert len(measure.sentences("Pregunta: «¿Puede repetirlo?» Después escríbelo.")) == 2


def test_spanish_imperatives_with_attached_pronouns_are_forms_of_common_words() -> None:
    """Issue 13 item 1: Spanish writes the object pronouns after an imperative as one word with a
    stress mark ("Rellénala, imprímela y úsala"): each is a form of a common verb, not a rare word;
    an ordinary hard word stays rare."""
    assert _rare("Rellénala, imprímela y úsala como plantilla.", "es") == []
    assert _rare("Rellénala con una palabra epistemológica.", "es") == ["epistemológica"]
