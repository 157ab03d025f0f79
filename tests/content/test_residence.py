"""Issue 13 item 1 ("May I be self-employed?") and item 6 (country checks that test understanding).

Each country module starts with a residence page: a decision path by residence status, the country's
self-employment permit, temporary protection, and what to ask at the immigration office, with its
official sources beside the lesson. Each country check has at least four questions, with a scenario
question on residence status and no throw-away options. These tests read the sources directly.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from sbfa_pack.diagnostics import Diagnostics
from sbfa_pack.i18n import catalog
from sbfa_pack.load import yamlpos

REPO = Path(__file__).resolve().parents[2]
COURSE = REPO / "courses" / "starting-in-your-new-country"
COUNTRIES = ["norway", "spain", "germany", "poland", "greece"]
# What each page must name: the immigration office (in the office's language), the country's own
# self-employment permit, and temporary protection.
NAMES = {
    "norway": ["UDI", "politiet", "residence permit for self-employed persons", "Temporary collective protection"],
    "spain": ["Oficina de Extranjería", "autorización de residencia y trabajo por cuenta propia", "arraigo",
              "Temporary protection"],
    "germany": ["Ausländerbehörde", "§21 AufenthG", "§24 AufenthG", "Temporary protection"],
    "poland": ["urząd wojewódzki", "zezwolenie na pobyt czasowy w celu wykonywania działalności gospodarczej",
               "Temporary protection"],
    "greece": ["αρμόδια υπηρεσία αλλοδαπών", "Αποκεντρωμένη Διοίκηση",
               "residence permit for independent economic activity", "Temporary protection"],
}


@pytest.fixture(scope="module")
def course() -> dict[str, Any]:
    parsed = yamlpos.parse((COURSE / "course.yaml").read_text(encoding="utf-8"), "course.yaml", Diagnostics())
    assert parsed is not None and isinstance(parsed[0], dict)
    return parsed[0]


def _module(course: dict[str, Any], mid: str) -> dict[str, Any]:
    return next(m for m in course["modules"] if m["id"] == mid)


def _page(country: str) -> str:
    """The page with each line break inside a paragraph or list item read as one space."""
    text = (COURSE / f"residence-{country}.md").read_text(encoding="utf-8")
    return re.sub(r"\n(?=[^\n#>-])", " ", text)


@pytest.mark.parametrize("country", COUNTRIES)
def test_each_country_module_starts_with_the_residence_page(course: dict[str, Any], country: str) -> None:
    """Issue 13 item 1: "May I be self-employed?" comes first in each country module, before registration."""
    first = _module(course, country)["lessons"][0]
    assert first["id"] == f"residence-{country}" and first["kind"] == "page"
    assert first["body_file"] == f"residence-{country}.md"
    assert first["title"].startswith("May I be self-employed")


@pytest.mark.parametrize("country", COUNTRIES)
def test_each_residence_page_names_office_permit_protection_and_what_to_ask(country: str) -> None:
    """Issue 13 item 1: the decision path starts at the residence document, covers the situations, names the
    office, the self-employment permit and temporary protection, and ends with what to ask and a warning."""
    page = _page(country)
    assert "## Start here: look at your residence document" in page
    for situation in ("EU", "refugee", "Asylum seeker", "No papers", "Family member", "student"):
        assert situation.lower() in page.lower(), (country, situation)
    for name in NAMES[country]:
        assert name in page, (country, name)
    ask = page.split("## What to ask at the immigration office", 1)
    assert len(ask) == 2, country
    questions = re.findall(r'^- "(.+?)" – (.+)$', ask[1], re.MULTILINE)
    assert 3 <= len(questions) <= 5, country
    assert "can cost you your permit" in ask[1]
    assert "Checked: 3 December 2026" in page


@pytest.mark.parametrize("country", COUNTRIES)
def test_each_residence_lesson_carries_its_official_sources(country: str) -> None:
    """Issue 13 item 1: the source URL and the date checked sit in a YAML comment beside the lesson."""
    text = (COURSE / "course.yaml").read_text(encoding="utf-8")
    block = text.split(f"- id: residence-{country}\n", 1)[1].split("body_file:", 1)[0]
    assert "checked 2026-12-03" in block and "https://" in block


def test_key_residence_facts_are_pinned() -> None:
    """Issue 13 item 1: Poland: UKR status allows a JDG in CEIDG, and the business permit ends the special act's
    rights; Germany: §21 and §24 AufenthG, and Duldung and Aufenthaltsgestattung generally do not allow
    self-employment; Spain: arraigo permits allow self-employment (Reglamento of 2024, since May 2025)."""
    pl = _page("poland")
    assert "*UKR*" in pl and "register a JDG in CEIDG like a Polish citizen" in pl
    assert "since 1 April 2023" in pl and "you lose the rights of the special act" in pl
    de = _page("germany")
    assert re.search(r"\*Aufenthaltsgestattung\*:\*\* generally no", de)
    assert re.search(r"\(\*Duldung\*\) or no papers:\*\* generally no", de)
    assert "over 45" in de and "§21(5)" in de
    es = _page("spain")
    assert "Reglamento of 2024 (in force since May 2025)" in es
    assert "*arraigo* permits allow work for an employer and self-employment" in es


def test_every_country_check_has_four_questions_and_a_residence_scenario(course: dict[str, Any]) -> None:
    """Issue 13 item 6: each country check has at least four questions, one of them a scenario on the
    residence page, and no throw-away options such as "At the police" or "At your bank"."""
    for country in COUNTRIES:
        check = next(lesson for lesson in _module(course, country)["lessons"] if lesson["id"] == f"{country}-check")
        questions = check["questions"]
        assert len(questions) >= 4, country
        text = yaml.safe_dump(questions, allow_unicode=True)
        assert re.search(r"permit|Duldung|protection|refugee", text), country
        for throwaway in ("At the police", "At your bank"):
            assert throwaway not in text, (country, throwaway)
    pl = next(q for q in _module(course, "poland")["lessons"][-1]["questions"] if q["id"] == "pl-ukr")
    assert "Olha" in pl["prompt"] and "UKR" in pl["prompt"] and "CEIDG" in pl["prompt"]
    assert [c["id"] for c in pl["choices"] if c.get("correct")] == ["allowed"]


@pytest.mark.parametrize("lang", ["es", "de", "pl", "nb", "el", "uk", "ar"])
def test_residence_pages_are_translated(lang: str) -> None:
    """Issue 13 item 1: every new string of the residence pages is translated in each catalog (drafts)."""
    po = catalog.read(REPO / "locales" / lang / "starting-in-your-new-country.po")
    entries = [e for e in po if not e.obsolete and (e.msgctxt or "").count("/") >= 2
               and (e.msgctxt or "").split("/")[1].startswith("residence-")]
    assert len(entries) >= 5 * 15, lang
    assert all(catalog.is_translated(e) for e in entries), lang
