"""The programme's case studies (issue 13 item 5): one in every module of course 1, twelve or more in
all, every partner country at least twice, sectors not split by gender, and the situations a real
programme shows (care duties, temporary protection, a failed first attempt)."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from sbfa_pack.diagnostics import Diagnostics
from sbfa_pack.load import LoadedProject, load_project
from sbfa_pack.model import CaseStudy

REPO = Path(__file__).resolve().parents[2]
NOTICE = ("*This story is an illustrative composite: it brings together experiences of several\n"
          "founders. Names and details are invented.*")
COUNTRIES = {"Norway", "Spain", "Germany", "Poland", "Greece"}
# The sectors of the women in the first seven stories (catering, cleaning, care): a new story must
# show a woman elsewhere.
FIRST_WOMEN_SECTORS = {"food", "cleaning", "care"}


def _gender(case: CaseStudy) -> str:
    """'f' or 'm' from the pronouns the story uses for its founder."""
    words = Counter(re.findall(r"\b(she|her|he|his|him)\b", case.body.lower()))
    female, male = words["she"] + words["her"], words["he"] + words["his"] + words["him"]
    assert female != male, f"{case.id}: the story's pronouns do not tell who the founder is"
    return "f" if female > male else "m"


@pytest.fixture(scope="module")
def lp() -> LoadedProject:
    loaded = load_project(REPO, Diagnostics())  # loading only: test_programme validates the whole
    assert loaded is not None
    return loaded


@pytest.fixture(scope="module")
def cases(lp: LoadedProject) -> dict[str, tuple[str, str, CaseStudy]]:
    return {lesson.id: (cid, module.id, lesson) for cid, lc in lp.courses.items()
            for module in lc.course.modules for lesson in module.lessons if isinstance(lesson, CaseStudy)}


def test_twelve_case_studies_one_in_every_module_of_course_one(
        lp: LoadedProject, cases: dict[str, tuple[str, str, CaseStudy]]) -> None:
    """Issue 13 item 5: at least 12 case studies, and every module of `from-idea-to-business` has one
    (`own-business.md` promises a story in every module)."""
    assert len(cases) >= 12, sorted(cases)
    course = lp.courses["from-idea-to-business"].course
    without = [m.id for m in course.modules if not any(isinstance(lesson, CaseStudy) for lesson in m.lessons)]
    assert not without, f"modules of from-idea-to-business without a case study: {without}"


def test_every_country_twice_and_sectors_across_genders(cases: dict[str, tuple[str, str, CaseStudy]]) -> None:
    """Issue 13 item 5: all five partner countries at least twice; at least one woman in a sector none
    of the first women had, and one man in food, care or tailoring."""
    where = Counter(c.founder.lives_in for _, _, c in cases.values())
    assert {k: where[k] for k in COUNTRIES if where[k] < 2} == {}, where
    women = {c.sector for _, _, c in cases.values() if _gender(c) == "f"}
    assert women - FIRST_WOMEN_SECTORS, f"every woman works in {sorted(women)}"
    men = [c for _, _, c in cases.values() if _gender(c) == "m"]
    assert any(c.sector in {"food", "care"} or "tailor" in c.body for c in men), "no man in food, care or tailoring"


def test_the_situations_and_the_residence_status(cases: dict[str, tuple[str, str, CaseStudy]]) -> None:
    """Issue 13 item 5: a woman with childcare duties, a founder under temporary protection (Poland's
    special act: UKR status PESEL, CEIDG), a failed first attempt, and Samir's residence status told."""
    barriers = {cid: set(c.barriers) for cid, (_, _, c) in cases.items()}
    care = [c for _, _, c in cases.values() if "care-duties" in c.barriers and _gender(c) == "f"]
    assert care, "no woman with childcare constraints"
    protected = [c for _, _, c in cases.values() if "temporary protection" in c.body]
    assert protected and all("UKR" in c.body and "CEIDG" in c.body for c in protected)
    assert any("setback" in b for b in barriers.values()), "no failed first attempt"
    samir = cases["case-samir"][2]
    assert "residence-status" in samir.barriers and "arraigo" in samir.body


def test_every_case_study_is_labelled_with_prompts_about_the_learner(
        cases: dict[str, tuple[str, str, CaseStudy]]) -> None:
    """Issue 13 item 5: each story is illustrative, opens with the notice, and has two or more
    reflection prompts, at least one of them about the learner's own plans ("you"/"your")."""
    for cid, (_, _, case) in cases.items():
        assert case.illustrative, cid
        assert case.body.startswith(NOTICE), f"{cid}: the body must open with the illustrative notice"
        assert len(case.reflection) >= 2, cid
        assert any(re.search(r"\byour?\b", p.text, re.IGNORECASE) for p in case.reflection), cid


# The modules of money-matters and marketing-first-customers that now have their own story.
COVERED = {"money-matters": ["pricing", "break-even", "start-up-costs", "cash-flow", "funding"]}


def test_the_money_and_marketing_modules_covered_have_a_case_study(lp: LoadedProject) -> None:
    """Issue 13 item 5: every module of money-matters and marketing-first-customers listed in COVERED
    has a case study after its basics page, and the course's completion list names it."""
    for cid, modules in COVERED.items():
        course = lp.courses[cid].course
        for module in (m for m in course.modules if m.id in modules):
            found = [lesson for lesson in module.lessons if isinstance(lesson, CaseStudy)]
            assert found, f"{cid}/{module.id} has no case study"
            assert all(c.id in course.completion.lessons for c in found), f"{cid}/{module.id}"
