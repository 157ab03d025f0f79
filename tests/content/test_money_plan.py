"""Issue 13 item 2: the business plan and money plan of `money-matters` (module "funding").

A business-plan worksheet, a 12-month cash-flow plan and a sales forecast (toolkit), the cost tables
per country in local currency with the year of each figure, and the lesson on a loan or grant
application. The calculators' worked examples are recomputed in every currency they declare, and
no output is undefined (a division by zero) on the defaults or on the smallest inputs.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sbfa_pack import expr, state
from sbfa_pack.diagnostics import Diagnostics
from sbfa_pack.i18n import catalog
from sbfa_pack.load import LoadedProject, load_project
from sbfa_pack.model import Calculator, CaseStudy, ExerciseRef, Page, Quiz, Worksheet
from sbfa_pack.work import units

REPO = Path(__file__).resolve().parents[2]
COURSE = REPO / "courses" / "money-matters"
CALCULATORS = ("cash-flow-12", "sales-forecast")
CASH = {  # money at the end of months 1..12 in Nadia's worked example, per currency
    "eur": [2400, 1100, 100, -600, -1000, -1100, -900, -700, -500, -300, -100, 100],
    "no": [32400, 19600, 11600, 8400, 10000, 14000, 18000, 22000, 26000, 30000, 34000, 38000],
    "pl": [5500, 2200, 100, -800, -500, 1000, 2500, 4000, 5500, 7000, 8500, 10000],
}
EXPECTED: dict[tuple[str, str], dict[str, float]] = {
    ("sales-forecast", "eur"): {"careful_month": 4620, "hopeful_month": 7700, "careful_year": 50820,
                                "hopeful_year": 84700, "careful_average": 4235},
    ("sales-forecast", "no"): {"careful_month": 60000, "hopeful_month": 100000, "careful_year": 660000,
                               "hopeful_year": 1100000, "careful_average": 55000},
    ("sales-forecast", "pl"): {"careful_month": 15840, "hopeful_month": 26400, "careful_year": 174240,
                               "hopeful_year": 290400, "careful_average": 14520},
    ("cash-flow-12", "eur"): {"start": 4000, "lowest": -1100, "lowest_month": 6, "need_more": 2100},
    ("cash-flow-12", "no"): {"start": 50000, "lowest": 8400, "lowest_month": 4, "need_more": 1600},
    ("cash-flow-12", "pl"): {"start": 10000, "lowest": -800, "lowest_month": 4, "need_more": 3800},
}
SYMBOL = {"eur": "€", "no": "kr", "pl": "zł"}


@pytest.fixture(scope="module")
def lp() -> LoadedProject:
    loaded = load_project(REPO, Diagnostics())  # loading only: test_programme validates the whole
    assert loaded is not None
    return loaded


def _run(calc: Calculator, inputs: dict[str, float]) -> dict[str, float | None]:
    env: dict[str, float] = dict(inputs)
    out: dict[str, float | None] = {}
    for o in calc.outputs:
        value = expr.evaluate(expr.parse(o.formula), env)
        out[o.id] = value
        if value is not None:
            env[o.id] = value
    return out


def _shown(value: float) -> str:
    return f"{abs(value):,.0f}" if value == int(value) else f"{abs(value):,.2f}"


def _calc(lp: LoadedProject, eid: str) -> Calculator:
    calc = lp.exercises[eid].exercise
    assert isinstance(calc, Calculator)
    return calc


@pytest.mark.parametrize(("eid", "country"), [(e, c) for e in CALCULATORS for c in ("eur", "no", "pl")])
def test_worked_examples_are_what_the_calculator_computes_in_every_currency(
        lp: LoadedProject, eid: str, country: str) -> None:
    """Issue 13 item 2: each new calculator opens on its worked example, in euros and in NOK and PLN
    (`countries`), and every figure of the example is what its formulas give."""
    calc = _calc(lp, eid)
    assert calc.currency == "EUR" and set(calc.countries or {}) == {"no", "pl"}
    inputs = {i.id: float(i.default if i.default is not None else 0) for i in calc.inputs}
    example = calc.example
    if country != "eur":
        local = calc.countries[country]  # type: ignore[index]
        inputs, example = {**inputs, **local.defaults}, local.example
    assert SYMBOL[country] in example and all(s not in example for k, s in SYMBOL.items() if k != country)
    got = _run(calc, inputs)
    expected = dict(EXPECTED[eid, country])
    if eid == "cash-flow-12":
        expected |= {f"cash_{n}": v for n, v in enumerate(CASH[country], start=1)}
        months = " · ".join(f"{'−' if v < 0 else ''}{_shown(v)} {SYMBOL[country]}" for v in CASH[country])
        assert months in re.sub(r"\s+", " ", example), f"{country}: the example lists the 12 months"
        assert f"month {expected['lowest_month']:.0f}**" in example
    for name, value in expected.items():
        assert got[name] == pytest.approx(value), name
        assert _shown(value) in example, f"{eid} ({country}): the example should show {name} = {_shown(value)}"


@pytest.mark.parametrize("eid", CALCULATORS)
def test_no_output_is_undefined_on_the_defaults_or_the_smallest_inputs(lp: LoadedProject, eid: str) -> None:
    """Issue 13 item 2: no division by zero (or other undefined result) on the defaults of every
    currency, nor when every input is at its minimum (a learner who has not typed anything yet)."""
    calc = _calc(lp, eid)
    defaults = {i.id: float(i.default or 0) for i in calc.inputs}
    cases = [defaults, {i.id: float(i.min or 0) for i in calc.inputs}]
    cases += [{**defaults, **c.defaults} for c in (calc.countries or {}).values()]
    for inputs in cases:
        got = _run(calc, inputs)
        assert None not in got.values(), [k for k, v in got.items() if v is None]


def test_the_lowest_point_and_its_month_are_the_first_lowest_month(lp: LoadedProject) -> None:
    """Issue 13 item 2: the lowest point, its (first) month and the extra money needed, against a
    direct month-by-month computation, also when two months share the lowest point."""
    calc = _calc(lp, "cash-flow-12")
    cases = [
        {"own_money": 0, "loan": 0, "one_off": 0, "fixed_costs": 1000, "variable_share": 0, "sales_start": 0,
         "growth": 1000, "sales_full": 1000, "cushion": 0},  # −1000 in month 1 and 2 (tie), then flat
        {"own_money": 5000, "loan": 0, "one_off": 0, "fixed_costs": 0, "variable_share": 50, "sales_start": 100,
         "growth": 0, "sales_full": 100, "cushion": 500},  # only grows: lowest in month 1
    ]
    for inputs in cases:
        cash, months = inputs["own_money"] + inputs["loan"] - inputs["one_off"], []
        for n in range(12):
            sales = min(inputs["sales_full"], inputs["sales_start"] + n * inputs["growth"])
            cash += sales * (1 - inputs["variable_share"] / 100) - inputs["fixed_costs"]
            months.append(cash)
        got = _run(calc, inputs)
        assert [got[f"cash_{n}"] for n in range(1, 13)] == pytest.approx(months)
        assert got["lowest"] == min(months) and got["lowest_month"] == months.index(min(months)) + 1
        assert got["need_more"] == max(0, inputs["cushion"] - min(months))


def test_business_plan_has_the_sections_a_lender_asks_for(lp: LoadedProject) -> None:
    """Issue 13 item 2: the worksheet (a form) has the sections a bank, microlender or job centre
    expects, each with a guiding prompt, and bounded text fields."""
    sheet = lp.exercises["business-plan"].exercise
    assert isinstance(sheet, Worksheet) and sheet.layout == "form"
    ids = [f.id for f in sheet.fields]
    assert ids == ["idea", "customers", "competitors", "offer", "marketing", "legal", "start-costs",
                   "own-money", "funding", "money-plan", "risks", "founder"]
    assert all(f.help for f in sheet.fields if f.id != "own-money")
    texts = [f for f in sheet.fields if f.type == "long-text"]
    assert all(f.max_length and f.max_length <= 300 for f in texts)
    assert sum(f.max_length or 0 for f in texts) <= 3200


def test_the_new_exercises_are_packaged_and_fit_scorm12(lp: LoadedProject) -> None:
    """Issue 13 item 2 (RTE-16): `sbfa-pack build` makes a package of each new exercise, and the
    course and each package fit SCORM 1.2's 4,096 characters of saved state."""
    overflow = lp.project.scorm.state_overflow == "browser"
    wanted = {"business-plan", "cash-flow-12", "sales-forecast", "money-matters"}
    found = {u.course.id: u for u in units(lp) if u.course.id in wanted}
    assert set(found) == wanted
    for unit in found.values():
        assert state.worst_case_size(unit, overflow) <= 4096, unit.course.id


def test_the_funding_module_teaches_the_money_plan_and_the_application(lp: LoadedProject) -> None:
    """Issue 13 item 2: module "funding" holds the money plan, the three exercises, the application
    lesson and a check of at least 4 questions; all are needed for completion."""
    course = lp.courses["money-matters"].course
    module = next(m for m in course.modules if m.id == "funding")
    lessons = {lesson.id: lesson for lesson in module.lessons}
    assert [lessons[k].exercise for k in ("my-sales-forecast", "my-cash-flow-plan", "my-business-plan")  # type: ignore[union-attr]
            if isinstance(lessons[k], ExerciseRef)] == ["sales-forecast", "cash-flow-12", "business-plan"]
    for page in ("money-plan", "loan-application"):
        assert isinstance(lessons[page], Page)
    body = lessons["loan-application"].body  # type: ignore[union-attr]
    for part in ("What lenders ask for", "Documents", "Why applications are refused", "Where to get help",
                 "cash-flow plan", "residence permit"):
        assert part in body, part
    check = lessons["check-funding"]
    assert isinstance(check, Quiz) and len(check.questions) >= 4
    new = {"costs-by-country", "money-plan", "my-sales-forecast", "my-cash-flow-plan", "my-business-plan",
           "loan-application", "check-funding"}
    assert new <= set(course.completion.lessons)  # type: ignore[arg-type]


def _table(body: str, country: str) -> str:
    return body.split(f"## {country}\n", 1)[1].split("\n## ", 1)[0]


def test_cost_tables_per_country_with_the_year_and_source_of_each_figure() -> None:
    """Issue 13 item 2: a cost table per country in local currency, every row with its year and
    source; accountant prices marked as typical ranges; the figures a founder relies on pinned."""
    body = (COURSE / "costs-by-country.md").read_text(encoding="utf-8")
    assert "**Checked: 3 December 2026.**" in body
    for country, money in {"Germany": "€", "Spain": "€", "Poland": "zł", "Norway": "kr", "Greece": "€"}.items():
        table = _table(body, country)
        assert "| Cost | How much | Year | Source |" in table, country
        rows = [r for r in table.splitlines() if r.startswith("| ") and "---" not in r][1:]
        assert len(rows) >= 3, country
        assert all(re.search(r"\| 20\d\d \|", r) for r in rows), f"{country}: a row without its year"
        assert "| typical range, not official |" in table and money in table, country
    germany, spain, poland, norway = (_table(body, c) for c in ("Germany", "Spain", "Poland", "Norway"))
    assert re.search(r"lowest amount in 2025 was about 250 € a month .*1,248\.33 €.*\| 2025 \|", germany)
    assert re.search(r"80 € a month for the first 12 months\. 12 more months .*\| 2026 \|", spain)
    assert re.search(r"\*CEIDG\* \| Free \| 2026", poland)
    assert "First 6 months: no social contributions (*ulga na start*). Then 24 months" in poland
    assert re.search(r"\*Enhetsregisteret\* \| Free\.", norway) and "No fixed monthly amount" in norway


@pytest.mark.parametrize("lang", ["es", "de", "pl", "nb", "el", "uk", "ar"])
def test_cost_figures_are_in_every_translation(lang: str) -> None:
    """Issue 13 item 2: each catalog's translation of the tables keeps the figures and their years."""
    po = catalog.read(REPO / "locales" / lang / "money-matters.po")
    found = {e.msgid: e.msgstr for e in po if not e.obsolete and e.msgctxt == "start-up-costs/costs-by-country/body"
             and e.msgid.startswith("| Cost |")}
    assert len(found) == 5, lang
    for msgid, msgstr in found.items():
        assert msgstr, f"{lang}: a cost table is not translated"
        digits = re.findall(r"\d[\d,.]*\d|\d", msgid)
        plain = re.sub(r"(?<=\d)[,.\s\u00a0\u202f](?=\d{3}\b)", "", msgstr)
        for figure in digits:
            bare = re.sub(r"(?<=\d),(?=\d{3}\b)", "", figure).replace(".", ",")
            assert bare in plain.replace(".", ","), (lang, figure)


def test_the_cash_flow_module_has_a_story_of_a_seasonal_low_point(lp: LoadedProject) -> None:
    """Issue 13 items 2 and 5: the cash-flow module gets a case study (an EU-mobile woman in tourism,
    a setback) whose residence status is told, and which uses the 12-month plan and its lowest point."""
    course = lp.courses["money-matters"].course
    module = next(m for m in course.modules if m.id == "cash-flow")
    case = next(lesson for lesson in module.lessons if isinstance(lesson, CaseStudy))
    assert case.illustrative and "setback" in case.barriers and case.founder.lives_in == "Norway"
    for part in ("EU citizen", "registered with the police", "*Enhetsregisteret*", "cash-flow plan for 12 months",
                 "lowest point"):
        assert part in case.body, part
    assert case.id in course.completion.lessons  # type: ignore[operator]
