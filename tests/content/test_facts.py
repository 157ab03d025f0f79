"""Issue 13: country facts a founder relies on, pinned in the sources and in every translation.

Each test holds one fact the content review (December 2026) found wrong or missing: the figure, the
year it is for, and its official source; and, for translated strings, that every shipped catalog
carries the same figures (the translations inherit a wrong source, so they must follow the fix).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from sbfa_pack.i18n import catalog
from sbfa_pack.load import LoadedProject

REPO = Path(__file__).resolve().parents[2]
COURSE = REPO / "courses" / "starting-in-your-new-country"


@pytest.fixture(scope="module")
def lp() -> LoadedProject:
    from sbfa_pack.diagnostics import Diagnostics
    from sbfa_pack.load import load_project

    loaded = load_project(REPO, Diagnostics())  # loading only: test_programme validates the whole
    assert loaded is not None
    return loaded


def _languages(lp: LoadedProject) -> list[str]:
    return [lang for lang in lp.project.languages if lang != lp.project.source_language]


def _digits(text: str) -> str:
    """``text`` with thousands separators (comma, dot, spaces) between digits removed."""
    return re.sub(r"(?<=\d)[,.\s\u00a0\u202f](?=\d{3}\b)", "", text)


def _translations(lang: str, cat: str, needle: str) -> list[tuple[str, str]]:
    """(msgid, msgstr) of the non-fuzzy entries of ``cat`` in ``lang`` whose msgid contains ``needle``."""
    po = catalog.read(REPO / "locales" / lang / f"{cat}.po")
    found = [(e.msgid, e.msgstr) for e in po if not e.obsolete and needle in e.msgid]
    for msgid, msgstr in found:
        assert msgstr, f"{lang}/{cat}: not translated: {msgid[:60]!r}"
    assert not [e for e in po if not e.obsolete and needle in e.msgid and e.fuzzy], f"{lang}/{cat}: fuzzy"
    return found


def test_germany_small_business_rule_has_both_limits_the_year_and_its_source(lp: LoadedProject) -> None:
    """Issue 13 item 1: §19 UStG since 2025: ≤ €25,000 last year and ≤ €100,000 this year, €100,000 a hard
    ceiling, €25,000 in the first year; with the year and an official source checked December 2026."""
    page = (COURSE / "germany.md").read_text(encoding="utf-8")
    rule = page[page.index("**Small business rule**"):page.index("## Social insurance")]
    for fact in ("last year were at most 25,000 €", "this year are at most 100,000 €",
                 "hard limit", "In the year you start, the limit is 25,000 €", "1 January 2025", "2026",
                 "checked December 2026", "Federal Ministry of Finance"):
        assert fact in rule, fact
    assert "expected" not in page, "the current-year limit is not a forecast since 2025"
    checklist = yaml.safe_load((REPO / "toolkit" / "registration-germany.yaml").read_text(encoding="utf-8"))
    item = next(i for g in checklist["groups"] for i in g["items"] if i["id"] == "small-business-rule")
    for fact in ("25,000 € last year", "100,000 € this year", "over 100,000 €", "2025", "2026"):
        assert fact in item["help"], fact
    assert "expected" not in item["help"]
    source = lp.resources["de-bmf"]
    assert item["url"] == source.url == "https://www.bundesfinanzministerium.de/"
    assert source.checked == "2026-12-03" and "de" in source.countries and "vat" in source.topics
    course = lp.courses["starting-in-your-new-country"].course
    germany = next(m for m in course.modules if m.id == "germany")
    assert any("de-bmf" in getattr(lesson, "items", []) for lesson in germany.lessons)


def test_germany_small_business_limits_are_in_every_translation(lp: LoadedProject) -> None:
    """Issue 13 item 1: every shipped catalog states 25,000 and 100,000 (its own separators) where the source does."""
    for lang in _languages(lp):
        for cat, needle in (("starting-in-your-new-country", "0,000 €"), ("registration-germany", "0,000 €")):
            entries = _translations(lang, cat, needle)
            assert entries, f"{lang}/{cat}: no entry with the limits"
            for msgid, msgstr in entries:
                for figure in ("25000", "100000"):
                    if figure in _digits(msgid):
                        assert figure in _digits(msgstr), f"{lang}/{cat}: {figure} missing in {msgstr[:70]!r}"
                assert "2025" not in msgid or "2025" in msgstr, f"{lang}/{cat}: the year is missing"


def test_spain_has_no_small_business_vat_rule_and_states_the_tarifa_plana(lp: LoadedProject) -> None:
    """Issue 13 item 2: Spain has no small-business VAT exemption (the basics say so too); the tarifa plana is
    80 € a month for 12 months, 12 more below the minimum wage, with its year and source; in every catalog."""
    page = (COURSE / "spain.md").read_text(encoding="utf-8")
    for fact in ("Spain has **no small business rule** for VAT", "from your first\ninvoice",
                 "80 € a month for the first 12 months", "below the minimum\nwage", "80 € for 12 more months",
                 "rules for 2026", "checked December 2026"):
        assert fact in page, fact
    assert "Spain has no such rule" in (COURSE / "tax-vat.md").read_text(encoding="utf-8")
    for rid in ("es-aeat", "es-seg-social"):
        assert lp.resources[rid].checked == "2026-12-03", rid
    for lang in _languages(lp):
        tarifa = _translations(lang, "starting-in-your-new-country", "*tarifa plana*")
        assert tarifa, lang
        for _msgid, msgstr in tarifa:
            assert msgstr.count("80") == 2 and msgstr.count("12") == 2 and "2026" in msgstr, f"{lang}: {msgstr[:80]!r}"
        assert _translations(lang, "starting-in-your-new-country", "Spain has no such rule"), lang


def test_enisa_is_not_offered_to_autonomos(lp: LoadedProject) -> None:
    """Issue 13 item 2: ENISA lends to companies (mostly SLs), not to autónomos: the page and the resource say so."""
    page = (COURSE / "spain.md").read_text(encoding="utf-8")
    assert "**ENISA** lends to\nyoung companies (mostly an SL), **not** to autónomos" in page
    assert "promising new businesses" not in page
    enisa = lp.resources["es-enisa"]
    assert "does not lend to self-employed people" in enisa.description and enisa.checked == "2026-12-03"
    for lang in _languages(lp):
        assert _translations(lang, "resources", "It does not lend to self-employed"), lang


def test_sick_pay_question_says_it_is_optional_for_the_self_employed(lp: LoadedProject) -> None:
    """Issue 13 item 3: `social-covers` asks what social insurance *can* cover; its feedback, like
    social-insurance.md, says sick pay is optional for the self-employed in Germany and Poland."""
    from sbfa_pack.model import MultipleChoice

    course = lp.courses["starting-in-your-new-country"].course
    question = next(q for quiz in course.quizzes() for q in quiz.questions if q.id == "social-covers")
    assert isinstance(question, MultipleChoice)
    assert "usually" not in question.prompt and "can social insurance cover" in question.prompt
    assert {c.id for c in question.choices if c.correct} == {"health", "pension", "sick"}
    feedback = question.feedback
    assert feedback is not None and feedback.correct and feedback.incorrect
    for text in (feedback.correct, feedback.incorrect):
        assert "optional" in text and "Germany and Poland" in text, text
    page = (COURSE / "social-insurance.md").read_text(encoding="utf-8")
    assert "**optional** for them (for example Germany and Poland)" in page
    for lang in _languages(lp):
        assert len(_translations(lang, "starting-in-your-new-country", "(for example Germany and Poland)")) == 3, lang


def test_poland_unregistered_activity_ksef_and_ukrainians(lp: LoadedProject) -> None:
    """Issue 13 item 4: the official term działalność nierejestrowana, a limit on revenue (przychód) tied to
    the minimum wage; KSeF e-invoicing since 2026; Ukrainians with UKR-status PESEL start a JDG like Poles."""
    page = (COURSE / "poland.md").read_text(encoding="utf-8")
    checklist = (REPO / "toolkit" / "registration-poland.yaml").read_text(encoding="utf-8")
    for text in (page, checklist):
        assert "nierejestrowana" in text and "nieewidencjonowana" not in text
        assert "przychód" in text and "225 % of the minimum wage" in text
    assert "**KSeF**" in page and "2026" in page[page.index("**KSeF**"):]
    assert "status **UKR**" in page and "same terms as Polish citizens" in page
    for rid in ("pl-biznes-gov", "pl-podatki", "pl-udsc"):
        assert lp.resources[rid].checked == "2026-12-03", rid
    for lang in _languages(lp):
        for cat in ("starting-in-your-new-country", "registration-poland"):
            po = catalog.read(REPO / "locales" / lang / f"{cat}.po")
            assert not [e for e in po if not e.obsolete and "nieewidencjonowan" in e.msgstr], f"{lang}/{cat}: old term"
        kept = {"225 % of the minimum wage": ("225", "przych"), "**KSeF**": ("KSeF", "2026"),
                "status **UKR**": ("UKR", "PESEL")}
        for needle, tokens in kept.items():
            entries = _translations(lang, "starting-in-your-new-country", needle)
            assert entries, (lang, needle)
            for _msgid, msgstr in entries:
                assert all(token in msgstr for token in tokens), f"{lang}: {tokens} in {msgstr[:70]!r}"


_BRACKETED = re.compile(r" \((\*|„|«|\")([^*)“»\"]+)(\*|“|»|\")[,)]")


def _repeated_terms(text: str) -> list[str]:
    """Terms given again in brackets right after themselves: "**Gewerbe** (*Gewerbe*)", "X („X“, …)"."""
    found = []
    for m in _BRACKETED.finditer(text):
        before = text[:m.start()].replace("*", "").casefold()
        if before.endswith(m.group(2).casefold()):
            found.append(m.group(0))
    return found


def test_translations_do_not_repeat_local_terms_or_use_false_friends(lp: LoadedProject) -> None:
    """Issue 13 item 5: no "**Gewerbe** (*Gewerbe*)" (a local term repeated in brackets in its own language),
    no Norwegian "borgerlønn" (a universal basic income) for Bürgergeld, no German "GmbH" for the SL or sp. z o.o."""
    for lang in _languages(lp):
        for path in sorted((REPO / "locales" / lang).glob("*.po")):
            for e in catalog.read(path):
                if e.obsolete:
                    continue
                assert not _repeated_terms(e.msgstr), f"{lang}/{path.name} {e.msgctxt}: {_repeated_terms(e.msgstr)}"
                assert lang != "nb" or "borgerlønn" not in e.msgstr.casefold(), f"nb/{path.name} {e.msgctxt}"
                if lang == "de" and ("SL" in e.msgid or "spółka" in e.msgid or "sp. z o.o." in e.msgid):
                    assert "GmbH" not in e.msgstr or "GmbH" in e.msgid, f"de/{path.name} {e.msgctxt}: GmbH"


def test_break_even_counts_the_founders_pay_explains_days_and_gives_no_negative_result(lp: LoadedProject) -> None:
    """Issue 13 item 6: break-even includes the founder's own pay (as startup-costs does), explains "days",
    and a price at or below the variable cost gives no result instead of a negative number of units."""
    from sbfa_pack import expr
    from sbfa_pack.model import Calculator

    calc = lp.exercises["break-even"].exercise
    assert isinstance(calc, Calculator)
    inputs = {i.id: i for i in calc.inputs}
    assert "own_pay" in inputs and inputs["days"].help and inputs["fixed_costs"].help
    assert "working days" in calc.instructions and "own pay" in calc.instructions

    def run(**values: float) -> dict[str, float | None]:
        env: dict[str, float] = dict(values)
        out: dict[str, float | None] = {}
        for o in calc.outputs:
            try:
                value = expr.evaluate(expr.parse(o.formula), env)
            except KeyError:  # uses an output that has no result (the runtime shows why)
                value = None
            out[o.id] = value
            if value is not None:
                env[o.id] = value
        return out

    amina = run(fixed_costs=1200, own_pay=1000, price=12, variable_cost=4, days=25)
    assert amina["units"] == 275 and amina["per_day"] == 11
    assert run(fixed_costs=1200, own_pay=0, price=12, variable_cost=4, days=25)["units"] == 150
    for price in (4, 3):  # a sale earns nothing, or loses money: no result, never a negative one
        assert run(fixed_costs=1200, own_pay=1000, price=price, variable_cost=4, days=25)["units"] is None
    lesson = (REPO / "courses" / "money-matters" / "break-even.md").read_text(encoding="utf-8")
    assert "own pay" in lesson and "**275 boxes**" in lesson


def test_greece_names_the_minimum_deemed_income(lp: LoadedProject) -> None:
    """Issue 13 (Greece): the minimum deemed income of the self-employed (since tax year 2023, linked to the
    minimum wage, usually not in the first 3 years), with its source and date; in every catalog."""
    page = (COURSE / "greece.md").read_text(encoding="utf-8")
    for fact in ("**Minimum deemed income** (*ελάχιστο τεκμαρτό εισόδημα*)", "2023 tax year", "minimum wage",
                 "first 3 years", "Source: AADE, checked December 2026"):
        assert fact in page, fact
    assert lp.resources["gr-aade"].checked == "2026-12-03"
    for lang in _languages(lp):
        entries = _translations(lang, "starting-in-your-new-country", "**Minimum deemed income**")
        assert len(entries) == 1 and all(n in entries[0][1] for n in ("2023", "3", "2026")), lang


def test_germany_says_who_may_be_self_employed(lp: LoadedProject) -> None:
    """Issue 13 (Germany): before registration, whether the learner may be self-employed: EU citizens,
    "Erwerbstätigkeit erlaubt", § 21 AufenthG, temporary protection (§ 24) yes; asylum seekers and Duldung
    as a rule not; with the question for the foreigners' office in its own words; in every catalog."""
    page = (COURSE / "germany.md").read_text(encoding="utf-8")
    assert page.index("## May you be self-employed?") < page.index("## Registration")
    for fact in ("Erwerbstätigkeit erlaubt", "**§ 21 AufenthG**", "**§ 24 AufenthG**", "*Aufenthaltsgestattung*",
                 "*Duldung*", "**not**", "Darf ich selbständig arbeiten?", "Source:\nBAMF", "December 2026"):
        assert fact in page, fact
    assert lp.resources["de-bamf"].checked == "2026-12-03"
    for lang in _languages(lp):
        for needle, token in (("§ 21 AufenthG", "§ 21"), ("§ 24 AufenthG", "§ 24"),
                              ("*Duldung*", "Duldung"), ("Darf ich selbständig", "Darf ich selbständig")):
            entries = _translations(lang, "starting-in-your-new-country", needle)
            assert entries and all(token in s for _m, s in entries), (lang, needle)


def test_basic_payment_account_is_personal_not_a_business_account(lp: LoadedProject) -> None:
    """Issue 13 (basics): the right to a basic payment account is a right to a personal account, not a
    business account (bank-records.md); in every catalog."""
    page = (COURSE / "bank-records.md").read_text(encoding="utf-8")
    assert "**personal** account only: it gives no right to a business account" in page
    for lang in _languages(lp):
        assert _translations(lang, "starting-in-your-new-country", "**personal** account only"), lang


def test_poland_sanepid_approval_is_for_food_premises(lp: LoadedProject) -> None:
    """Issue 13 (Poland): Sanepid approval is required for food premises; beauty salons are not 'approved'."""
    checklist = yaml.safe_load((REPO / "toolkit" / "registration-poland.yaml").read_text(encoding="utf-8"))
    item = next(i for g in checklist["groups"] for i in g["items"] if i["id"] == "sanepid")
    assert item["text"].startswith("Food businesses: get approval") and "Food and beauty" not in item["text"]
    for lang in _languages(lp):
        assert _translations(lang, "registration-poland", "Beauty salons: ask Sanepid"), lang
