"""The programme's glossary (issue 12 item 10, issue 13 item 4): the words a founder meets in the
five partner countries, with the official term of each, marked where they first appear in the
lessons and translated into every language of the programme."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from sbfa_pack.diagnostics import Diagnostics
from sbfa_pack.i18n import catalog
from sbfa_pack.i18n.units import GLOSSARY, catalog_of
from sbfa_pack.load import LoadedProject, load_project
from sbfa_pack.model import COUNTRY_LANGUAGES
from sbfa_pack.terms import marks

REPO = Path(__file__).resolve().parents[2]
REQUIRED = {"registration", "sole-trader", "vat", "vat-number", "tax-number", "invoice", "social-insurance",
            "health-insurance", "pension-contributions", "business-bank-account", "bookkeeping", "accountant",
            "trade-licence", "residence-permit", "self-employment-permit", "e-id", "e-invoicing", "deposit",
            "break-even", "cash-flow", "microloan", "chamber-of-commerce", "one-stop-shop", "tax-return",
            "quarterly-vat-return"}


@pytest.fixture(scope="module")
def lp() -> LoadedProject:
    diags = Diagnostics()
    loaded = load_project(REPO, diags)
    assert loaded is not None and not diags.errors, [str(d) for d in diags.errors]
    return loaded


def test_entries_name_the_official_term_in_every_country_with_a_source(lp: LoadedProject) -> None:
    """Issue 12 item 10: ≥ 25 entries, each with the official term of all five countries, a source
    URL and the date it was checked."""
    assert len(lp.glossary) >= 25 and lp.glossary.keys() >= REQUIRED
    for gid, entry in lp.glossary.items():
        assert set(entry.official) == set(COUNTRY_LANGUAGES), gid
        assert entry.source and entry.checked == "2026-12-03", gid
    assert lp.glossary["registration"].official["de"] == "Gewerbeanmeldung"
    assert lp.glossary["sole-trader"].official["no"].startswith("enkeltpersonforetak")


def test_terms_are_marked_once_per_lesson_in_the_agreed_courses(lp: LoadedProject) -> None:
    """Issue 12 item 10: ≥ 40 marks across the four courses, at most one per term and lesson; in
    starting-in-your-new-country only in its basics module (the country pages are rewritten elsewhere) and,
    Issue 13 item 3, in each country's digital-administration lesson (`<country>-digital`)."""
    total = 0
    for cid, lc in lp.courses.items():
        for module in lc.course.modules:
            for lesson in module.lessons:
                found = marks(str(lesson.model_dump(mode="python")))
                country_page = module.id != "basics" and not lesson.id.endswith("-digital")
                if cid == "starting-in-your-new-country" and country_page:
                    assert not found, (cid, lesson.id)
                repeated = [t for t, n in Counter(found).items() if n > 1]
                assert not repeated, (cid, lesson.id, repeated)
                total += len(found)
    assert total >= 40


def test_every_entry_is_translated_in_every_language(lp: LoadedProject) -> None:
    """Issue 12 item 10: the glossary catalog is complete (drafts) in all seven translations."""
    keys = [m.key for m in catalog_of(lp, GLOSSARY)]
    assert len(keys) == 2 * len(lp.glossary)
    for lang in lp.project.languages:
        if lang == lp.project.source_language:
            continue
        stats = catalog.stats(keys, catalog.read(catalog.po_path(lp.root, lang, GLOSSARY)))
        assert stats.percent == 100.0, lang
