"""The programme's evaluation instruments (issue 13 item 8; docs/content.md "Evaluation instruments"):
a pre/post check and a satisfaction survey in every course, the follow-up course, the trainer's
observation sheet, and the report reading what they record."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from click.testing import CliRunner

from sbfa_pack.cli import main
from sbfa_pack.diagnostics import Diagnostics
from sbfa_pack.evaluation import vocab
from sbfa_pack.evaluation.store import Record, Store
from sbfa_pack.load import LoadedProject, load_project
from sbfa_pack.model import Survey, Worksheet
from sbfa_pack.model.course import Course

REPO = Path(__file__).resolve().parents[2]
PROGRAMME = ["from-idea-to-business", "marketing-first-customers", "money-matters", "running-your-business",
             "starting-in-your-new-country"]
PRE, POST, SATISFACTION = "before-you-start", "after-the-course", "what-did-you-think"


@pytest.fixture(scope="module")
def lp() -> LoadedProject:
    loaded = load_project(REPO, Diagnostics())
    assert loaded is not None
    return loaded


def _surveys(course: Course) -> dict[str, Survey]:
    return {lesson.id: lesson for _, lesson in course.lessons() if isinstance(lesson, Survey)}


@pytest.mark.parametrize("cid", PROGRAMME)
def test_every_course_has_a_paired_pre_and_post_check(lp: LoadedProject, cid: str) -> None:
    """Issue 13 item 8: the pre check opens the first module, the post check repeats its items
    (same ids, types and options) and pairs with it; 4-5 likert items on a 5-point scale and 2-3
    choice items; neither is graded nor required for completion."""
    course = lp.courses[cid].course
    surveys = _surveys(course)
    pre, post = surveys[PRE], surveys[POST]
    assert course.modules[0].lessons[0].id == PRE
    assert post.pairs_with == PRE
    assert [(i.id, i.type, [o.id for o in i.options]) for i in pre.items] == \
        [(i.id, i.type, [o.id for o in i.options]) for i in post.items]
    types = [i.type for i in pre.items]
    assert 4 <= types.count("likert") <= 5 and 2 <= types.count("choice") <= 3
    assert pre.scale is not None and pre.scale.points == 5 and pre.scale == post.scale
    assert not pre.anonymous and not post.anonymous
    lessons = course.completion.lessons
    assert lessons != "all" and not set(surveys) & set(lessons), "no learner is held back by a survey"
    ids = [lesson.id for _, lesson in course.lessons()]
    assert ids.index(POST) > max(ids.index(q.id) for q in course.quizzes() if q.id == "final-quiz")


@pytest.mark.parametrize("cid", PROGRAMME)
def test_every_course_ends_with_an_anonymous_satisfaction_survey(lp: LoadedProject, cid: str) -> None:
    """Issue 13 item 8: the satisfaction survey follows the post check, is anonymous and asks the
    0-10 rating, 4-6 likert items, the two open questions and how the course was taken."""
    course = lp.courses[cid].course
    ids = [lesson.id for _, lesson in course.lessons()]
    survey = _surveys(course)[SATISFACTION]
    assert survey.anonymous and ids.index(SATISFACTION) == ids.index(POST) + 1
    types = {i.id: i.type for i in survey.items}
    assert types["overall"] == "rating" and 4 <= list(types.values()).count("likert") <= 6
    assert types["most-useful"] == types["change"] == "long-text"
    how = next(i for i in survey.items if i.id == "how")
    assert [o.id for o in how.options] == ["alone", "group", "both"]


def test_the_follow_up_course_asks_without_identifying(lp: LoadedProject) -> None:
    """Issue 13 item 8: a one-module, one-survey follow-up course of about ten minutes; consent to be
    contacted is a choice, and no item asks for a name, a phone or an e-mail."""
    course = lp.courses["follow-up"].course
    assert course.duration_minutes == 10 and len(course.modules) == 1
    (survey,) = _surveys(course).values()
    assert [lesson.id for _, lesson in course.lessons()] == [survey.id]
    items = {i.id: i for i in survey.items}
    assert [o.id for o in items["status"].options] == ["started", "planning", "decided-not"]
    assert items["recommend"].type == "rating" and items["contact"].type == "choice"
    assert {"registered", "country", "helped", "hard"} <= set(items)
    assert not any(word in str(i.prompt).lower() for i in survey.items for word in ("name", "phone", "e-mail"))


def test_the_observation_sheet_is_a_printable_worksheet(lp: LoadedProject) -> None:
    """Issue 13 item 8: the trainer's observation sheet is a toolkit worksheet with the session's
    facts and the trainer's notes."""
    sheet = lp.exercises["observation-sheet"].exercise
    assert isinstance(sheet, Worksheet)
    types = {f.id: f.type for f in sheet.fields}
    assert types["date"] == "date" and types["participants"] == "number" and types["engagement"] == "choice"
    assert {"session", "worked", "language", "technical", "follow-ups"} <= set(types)


def test_the_report_computes_the_change_from_the_programme_surveys(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 13 item 8: records at the programme's own survey IRIs (money-matters, item 'price')
    give a pre/post change in `sbfa-pack report --project` (six learners: 2→4, 3→4, 1→3, 4→4, 2→3,
    3→5; mean change 1.1667)."""
    monkeypatch.setenv("SBFA_REPORT_KEY", bytes(range(32)).hex())
    course = "https://w3id.org/sbfa/courses/money-matters"
    before, after = [2, 3, 1, 4, 2, 3], [4, 4, 3, 4, 3, 5]
    recs = [Record(f"{i}-{sid}", "t", "2026", f"2026-01-0{1 + k}T00:00:00Z", f"learner{i}", f"r{i}", vocab.RESPONDED,
                   f"{course}/surveys/{sid}/price", "", course, "1.0.0", "en", "", response=str(v))
            for k, (sid, values) in enumerate(((PRE, before), (POST, after))) for i, v in enumerate(values)]
    with Store(tmp_path / "s.sqlite") as store:
        store.add(recs)
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["report", "--store", str(tmp_path / "s.sqlite"), "--project", str(REPO),
                                       "--out", str(out)])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO((out / "prepost.csv").read_text(encoding="utf-8-sig"))))
    (row,) = [r for r in rows if r["item"] == "price"]
    assert (row["before"], row["after"], row["pairs"]) == (PRE, POST, "6")
    assert float(row["mean_change"]) == pytest.approx(sum(after) / 6 - sum(before) / 6, abs=1e-3)


def test_calculator_inputs_may_stay_in_the_browser(lp: LoadedProject) -> None:
    """Issue 13 item 8 (RTE-16): with `scorm.state_overflow: browser` a calculator's typed inputs are
    browser-only like long free text (their lengths stay in `xl`), so money-matters, whose quizzes
    and calculators filled suspend_data, has room for its survey answers."""
    from sbfa_pack import state
    from sbfa_pack.build import units

    budget = lp.exercises["monthly-budget"].exercise
    assert state.browser_only_fields(budget) == [i.id for i in budget.inputs]  # type: ignore[union-attr]
    unit = next(u for u in units(lp) if u.course.id == "money-matters")
    worst = state.worst_case_state(unit, overflow=True)
    assert worst["x"]["monthly-budget"] == {} and worst["xl"]["monthly-budget"]
    assert set(worst["sv"]) == {PRE, POST} and state.worst_case_size(unit, overflow=True) <= 4096
