"""The Smart Business for All programme at the repository root (issue 7): complete, valid, careful.

These tests read the real content, so they say what a partner importing it on day one relies on:
it validates cleanly, every question has feedback, every exercise has instructions and an example,
case studies are labelled composites, country modules name their sources and when they were checked,
worked examples in calculators add up, and every course fits SCORM 1.2's saved state.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from sbfa_pack import expr, state
from sbfa_pack.build import units
from sbfa_pack.diagnostics import Diagnostics
from sbfa_pack.load import LoadedProject
from sbfa_pack.model import (
    QUESTION_TYPES,
    Calculator,
    CaseStudy,
    Checklist,
    ExerciseRef,
    Page,
    Quiz,
    ResourceList,
    SelfAssessment,
    Worksheet,
)
from sbfa_pack.sources_check import validate_sources

REPO = Path(__file__).resolve().parents[2]
COUNTRIES = {"norway": "no", "spain": "es", "germany": "de", "poland": "pl", "greece": "gr"}
# Evaluation instruments (docs/content.md): a questionnaire course and a sheet for trainers, not
# learning content, so the rules for courses and for exercises used in them do not apply.
INSTRUMENT_COURSES = {"follow-up"}
TRAINER_SHEETS = {"observation-sheet"}
# Issue 13 item 3: the model invoices are printable toolkit worksheets of their own; in the course they would
# take SCORM 1.2 state the course no longer has (4,096 characters, test_every_course_fits_scorm12_saved_state).
TOOLKIT_ONLY = {f"invoice-{country}" for country in ("norway", "spain", "germany", "poland", "greece")}


@pytest.fixture(scope="module")
def loaded() -> tuple[LoadedProject, Diagnostics]:
    diags = Diagnostics()
    lp = validate_sources(REPO, diags)
    assert lp is not None, "sbfa.yaml at the repository root cannot be read"
    return lp, diags


@pytest.fixture(scope="module")
def lp(loaded: tuple[LoadedProject, Diagnostics]) -> LoadedProject:
    return loaded[0]


def test_validates_without_errors_or_warnings(loaded: tuple[LoadedProject, Diagnostics]) -> None:
    _, diags = loaded
    problems = [f"{d.file}:{d.line}: {d.severity}[{d.code}] {d.message}" for d in diags.sorted()]
    assert not problems, "\n".join(problems)


def test_the_plain_language_budget_is_on_and_kept(loaded: tuple[LoadedProject, Diagnostics]) -> None:
    """Issue 13 item 1: the programme's sbfa.yaml sets its B1 plain-language budget (not commented
    out), and validate reports no plain.* warning with it."""
    lp, diags = loaded
    budget = lp.project.plain_language
    assert budget is not None and budget.level == "B1" and budget.max_sentence_words == 25
    assert [d.message for d in diags.sorted() if d.code.startswith("plain.")] == []


def test_four_courses_of_three_to_six_modules_with_every_lesson_kind(lp: LoadedProject) -> None:
    assert len(lp.courses) >= 4
    for cid, lc in lp.courses.items():
        if cid in INSTRUMENT_COURSES:
            continue
        course = lc.course
        assert 3 <= len(course.modules) <= 6, cid
        kinds = {type(lesson) for _, lesson in course.lessons()}
        assert {Page, CaseStudy, Quiz, ExerciseRef} <= kinds, f"{cid} lacks a lesson kind"
        assert all(lesson.duration_minutes for _, lesson in course.lessons()), f"{cid}: a lesson has no duration"


def test_every_course_has_a_final_quiz_with_a_pass_mark(lp: LoadedProject) -> None:
    for cid, lc in lp.courses.items():
        if cid in INSTRUMENT_COURSES:
            continue
        course = lc.course
        assert course.success is not None and course.success.pass_mark > 0, cid
        finals = {w.quiz for w in course.success.quizzes}
        assert finals <= set(course.completion.quizzes), f"{cid}: the final quiz must also be required for completion"
        for quiz in course.quizzes():
            if quiz.id in finals:
                assert quiz.pass_mark == course.success.pass_mark, cid


def test_every_question_type_is_used_and_every_question_has_feedback(lp: LoadedProject) -> None:
    questions = [(cid, q) for cid, lc in lp.courses.items() for quiz in lc.course.quizzes() for q in quiz.questions]
    assert {q.type for _, q in questions} == set(QUESTION_TYPES)
    lacking = [f"{cid}/{q.id}" for cid, q in questions
               if not (q.feedback and q.feedback.correct and q.feedback.incorrect)]
    assert not lacking, f"questions without correct and incorrect feedback: {lacking}"


def test_case_studies_are_labelled_composites_with_barriers_and_reflection(lp: LoadedProject) -> None:
    cases = [lesson for lc in lp.courses.values() for _, lesson in lc.course.lessons() if isinstance(lesson, CaseStudy)]
    assert len(cases) >= 6
    assert {"food", "care", "crafts", "digital", "trade"} <= {c.sector for c in cases}
    assert {"language", "qualifications", "credit", "discrimination", "paperwork"} <= {
        b for c in cases for b in c.barriers}
    for case in cases:
        assert case.illustrative, case.id
        assert "illustrative composite" in case.body, f"{case.id}: the body must say the story is a composite"
        assert case.barriers and len(case.reflection) >= 2, case.id


def test_toolkit_has_the_required_exercises_each_with_instructions_and_example(lp: LoadedProject) -> None:
    ex = {eid: le.exercise for eid, le in lp.exercises.items()}
    assert len(ex) >= 8
    assert isinstance(ex["readiness"], SelfAssessment) and len(ex["readiness"].bands) >= 3
    assert isinstance(ex["skills-inventory"], Worksheet)
    assert isinstance(ex["swot"], Worksheet) and ex["swot"].layout == "swot" and len(ex["swot"].areas) == 4
    canvas = ex["business-model-canvas"]
    assert isinstance(canvas, Worksheet) and canvas.layout == "canvas" and len(canvas.areas) == 9
    for calc in ("startup-costs", "break-even", "monthly-budget"):
        assert isinstance(ex[calc], Calculator), calc
    assert isinstance(ex["pitch"], Worksheet)
    for country in COUNTRIES:
        assert isinstance(ex[f"registration-{country}"], Checklist), country
    for eid, exercise in ex.items():
        assert exercise.instructions.strip() and exercise.example.strip(), eid


def test_every_toolkit_exercise_is_used_in_a_course(lp: LoadedProject) -> None:
    used = {lesson.exercise for lc in lp.courses.values() for _, lesson in lc.course.lessons()
            if isinstance(lesson, ExerciseRef)}
    assert set(lp.exercises) - TRAINER_SHEETS - TOOLKIT_ONLY == used


def test_resource_bank_is_tagged_and_well_formed(lp: LoadedProject) -> None:
    resources = list(lp.resources.values())
    assert len(resources) >= 40
    for res in resources:
        parts = urlsplit(res.url)
        assert parts.scheme == "https" and "." in parts.netloc and " " not in res.url, res.id
        assert res.countries and res.topics and res.languages and res.checked, res.id
    for code in COUNTRIES.values():
        assert sum(code in r.countries for r in resources) >= 6, code
    assert len({r.url for r in resources}) == len(resources), "two resources share a URL"


def test_country_modules_name_sources_and_when_they_were_checked(lp: LoadedProject) -> None:
    course = lp.courses["starting-in-your-new-country"].course
    modules = {m.id: m for m in course.modules}
    for country, code in COUNTRIES.items():
        lessons = modules[country].lessons
        # The country's overview page (the residence page before it has its own test: test_residence.py).
        page = next(lesson for lesson in lessons if isinstance(lesson, Page) and not lesson.id.startswith("residence-"))
        assert re.search(r"Checked: [A-Z][a-z]+ 20\d\d", page.body), country
        assert "always check the official source" in page.body, country
        links = next(lesson for lesson in lessons if isinstance(lesson, ResourceList))
        assert all(code in lp.resources[rid].countries for rid in links.items), country
    # Issue 12 item 2: a personal path, one module per country; each learner needs their own only.
    assert course.path is not None and list(course.path.countries) == list(COUNTRIES.values())
    assert {m.id: m.country for m in course.modules if m.country} == COUNTRIES
    # Every lesson but the surveys: each country module's lessons are needed by its own learners only.
    every = [lesson.id for m in course.modules for lesson in m.lessons if lesson.kind != "survey"]
    assert course.completion.lessons == every and course.completion.quizzes == ["final-quiz"]


WORKED_EXAMPLES: dict[str, tuple[dict[str, float], dict[str, float]]] = {
    "startup-costs": ({"equipment": 7500, "first_stock": 800, "deposit": 1800, "launch": 500, "registration": 400,
                       "monthly_fixed": 1400, "reserve_months": 3, "own_money": 5000},
                      {"one_off": 11000, "reserve": 4200, "total": 15200, "to_finance": 10200}),
    "break-even": ({"fixed_costs": 1200, "own_pay": 1000, "price": 12, "variable_cost": 4, "days": 25},
                   {"margin": 8, "to_cover": 2200, "units": 275, "revenue": 3300, "per_day": 11}),
    "monthly-budget": ({"sales": 3200, "materials": 900, "business_rent": 400, "running_costs": 300,
                        "social_insurance": 300, "tax_share": 20, "home_rent": 550, "living": 400, "family": 150},
                       {"business_costs": 1900, "profit": 1300, "tax_reserve": 260, "take_home": 1040,
                        "household": 1100, "balance": -60}),
    "pricing": ({"material": 1, "hours": 0.5, "hourly_pay": 16, "fixed_month": 800, "units_month": 200,
                 "profit_share": 10, "vat_rate": 21},
                {"cost_price": 13, "net_price": 14.3, "gross_price": 17.3}),
}


LOCAL_EXAMPLES: dict[tuple[str, str], dict[str, float]] = {
    ("break-even", "no"): {"margin": 100, "to_cover": 27000, "units": 270, "revenue": 40500, "per_day": 14},
    ("break-even", "pl"): {"margin": 25, "to_cover": 7000, "units": 280, "revenue": 11200, "per_day": 12},
    ("pricing", "no"): {"cost_price": 200, "net_price": 220, "gross_price": 275},
    ("pricing", "pl"): {"cost_price": 50, "net_price": 55, "gross_price": 67.65},
    ("startup-costs", "no"): {"one_off": 130000, "reserve": 54000, "total": 184000, "to_finance": 134000},
    ("startup-costs", "pl"): {"one_off": 42000, "reserve": 15000, "total": 57000, "to_finance": 37000},
    ("monthly-budget", "no"): {"business_costs": 21500, "profit": 20000, "tax_reserve": 6000, "take_home": 14000,
                               "household": 15500, "balance": -1500},
    ("monthly-budget", "pl"): {"business_costs": 7000, "profit": 5000, "tax_reserve": 1000, "take_home": 4000,
                               "household": 4200, "balance": -200},
}
"""Issue 12 item 3: each calculator's worked example in Norway (NOK) and Poland (PLN)."""


@pytest.mark.parametrize(("eid", "country"), [(eid, c) for eid in sorted(WORKED_EXAMPLES) for c in ("eur", "no", "pl")])
def test_calculator_worked_examples_add_up(lp: LoadedProject, eid: str, country: str) -> None:
    """The numbers in each calculator's example text are what the calculator itself computes, and
    the calculator opens on them (its defaults), in euros and, Issue 12 item 3, in every currency
    it declares (NOK, PLN: `countries`)."""
    calc = lp.exercises[eid].exercise
    assert isinstance(calc, Calculator)
    inputs, expected = WORKED_EXAMPLES[eid]
    assert {i.id: i.default for i in calc.inputs} == inputs, "the calculator opens on the worked example"
    example = calc.example
    if country != "eur":
        local = calc.countries[country]  # type: ignore[index]
        inputs, expected, example = {**inputs, **local.defaults}, LOCAL_EXAMPLES[eid, country], local.example
        assert {"no": "kr", "pl": "zł"}[country] in example and "€" not in example
    assert set(inputs) == {i.id for i in calc.inputs}
    env: dict[str, float] = dict(inputs)
    for out in calc.outputs:
        value = expr.evaluate(expr.parse(out.formula), env)
        assert value is not None, out.id
        env[out.id] = value
    for name, value in expected.items():
        assert env[name] == pytest.approx(value), name
        shown = f"{abs(value):,.2f}".removesuffix(".00").removesuffix("0") if value % 1 else f"{abs(value):,.0f}"
        assert shown in example, f"{eid} ({country}): the example should show {name} = {shown}"


def test_every_course_fits_scorm12_saved_state(lp: LoadedProject) -> None:
    """RTE-16: cmi.suspend_data holds 4,096 characters; the build refuses a course that could outgrow it."""
    overflow = lp.project.scorm.state_overflow == "browser"
    for unit in units(lp):
        assert state.worst_case_size(unit, overflow) <= 4096, unit.course.id


def test_course_durations_match_their_lessons(lp: LoadedProject) -> None:
    """A course's estimate is its required lessons plus, when some modules are optional (or per
    country, on a personal path), the longest of them."""
    for cid, lc in lp.courses.items():
        course = lc.course
        needed = course.completion.lessons

        def minutes_of(lessons: list[Any], needed: Any = needed) -> int:
            return sum(lesson.duration_minutes or 0 for lesson in lessons if needed == "all" or lesson.id in needed)

        if course.path is not None:
            common = sum(minutes_of(m.lessons) for m in course.modules if not m.country)
            per_country = [minutes_of(m.lessons) for m in course.modules if m.country]
            assert course.duration_minutes == common + max(per_country), cid
            continue
        required = course.completion.lessons
        minutes = {m.id: sum(lesson.duration_minutes or 0 for lesson in m.lessons
                             if required == "all" or lesson.id in required) for m in course.modules}
        optional = [sum(lesson.duration_minutes or 0 for lesson in m.lessons) for m in course.modules
                    if required != "all" and not minutes[m.id]]
        assert course.duration_minutes == sum(minutes.values()) + max(optional, default=0), cid


def test_every_shipped_language_is_complete_with_alt_texts_and_marked_draft(lp: LoadedProject) -> None:
    """Languages in sbfa.yaml are complete (no English fallback), translate every image's alt text,
    and are listed as drafts while no native speaker has reviewed them."""
    from sbfa_pack.inventory import collect

    languages = collect(REPO)["languages"]
    for lang in lp.project.languages:
        info = languages[lang]
        if info["source"]:
            continue
        assert info["percent"] == 100.0, f"{lang} is {info['percent']} % translated"
        assert info["images_without_alt"] == 0, f"{lang}: an image lost its alt text"
        if info["status"] == "draft":
            assert lang in lp.project.translations.draft, f"{lang} has draft catalogs but is not in translations.draft"
