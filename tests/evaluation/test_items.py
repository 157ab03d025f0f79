"""Item analysis checked against an independent computation (numpy) on the fixture."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from sbfa_pack.evaluation import analysis
from sbfa_pack.evaluation.coursemap import CourseInfo, Option, ProjectInfo, QuestionInfo
from sbfa_pack.evaluation.items import analyse
from sbfa_pack.evaluation.model import Table, partition

from .fixture import COURSE, MATRIX, info, make_store


def _table(tmp_path: Path, key: str, min_group: int = 5) -> Table:
    with make_store(tmp_path / "r.sqlite") as store:
        report = analysis.build(store, info(), min_group)
    return next(t for t in report.tables if t.key == key)


def _col(t: Table, key: str) -> list[object]:
    return [r.cells[t.index(key)] for r in t.rows]


def test_item_statistics_match_numpy(tmp_path: Path) -> None:
    """Issue 14 item 2 (item analysis): difficulty, corrected point-biserial, upper–lower 27 %
    and KR-20 from the first answers equal an independent numpy computation."""
    m = np.array(MATRIX, dtype=float)  # learners 0..7 answered all four questions
    items = _table(tmp_path, "items")
    total = m.sum(axis=1)
    for j in range(4):
        rest = total - m[:, j]
        r = np.corrcoef(m[:, j], rest)[0, 1]
        assert _col(items, "discrimination")[j] == pytest.approx(r, abs=1e-4)
        order = np.argsort(total, kind="stable")
        g = round(0.27 * len(m))
        d = m[order[-g:], j].mean() - m[order[:g], j].mean()
        assert _col(items, "upper_lower")[j] == pytest.approx(d, abs=1e-4)
    # difficulty over everyone who answered: q1 also by learner 8 (right)
    assert _col(items, "difficulty") == pytest.approx([(m[:, 0].sum() + 1) / 9, *m[:, 1:].mean(axis=0)], abs=1e-4)
    p = m.mean(axis=0)
    kr20 = 4 / 3 * (1 - (p * (1 - p)).sum() / total.var())
    rel = _table(tmp_path, "reliability")
    assert rel.rows[0].cells[rel.index("reliability")] == pytest.approx(kr20, abs=1e-4)
    assert rel.rows[0].cells[rel.index("method")] == "kr20"


def test_only_first_attempts_count(tmp_path: Path) -> None:
    """Issue 14 item 2: the fixture's second attempts are all right; item statistics ignore them."""
    items = _table(tmp_path, "items")
    assert _col(items, "difficulty")[3] == 0.5  # q4: 4 of 8 right first time, 8 of 8 the second


def test_flags_in_plain_words() -> None:
    """Issue 14 item 2: too easy (p > .90), too hard (p < .20), negative discrimination (check the
    answer key), and an option nobody picks; SCORM 1.2 letters map to the options in order."""
    learners = [f"l{i}" for i in range(10)]
    q = {"easy": [1] * 10, "hard": [1, 0, 0, 0, 0, 0, 0, 0, 0, 0], "key": [0, 0, 0, 0, 0, 1, 1, 1, 1, 1],
         "good": [1, 1, 1, 1, 1, 1, 0, 0, 0, 0]}
    # learners 0-4 strong, 5-9 weak on every item but "key"
    q["other"] = [1, 1, 1, 1, 1, 0, 0, 0, 0, 0]
    answers = {(COURSE, qid): {lr: (float(v), None) for lr, v in zip(learners, vals, strict=True)}
               for qid, vals in q.items()}
    answers[COURSE, "easy"] = {lr: (1.0, "b") for lr in learners}  # SCORM 1.2 key b = the 2nd option
    questions = {qid: QuestionInfo(qid, "quiz", "true-false") for qid in q}
    questions["easy"] = QuestionInfo("easy", "quiz", "single-choice",
                                     (Option("rent", "Rent"), Option("plan", "Plan", True)))
    pi = ProjectInfo("", {COURSE: CourseInfo(COURSE, "C", (), questions)})
    items, distractors, _ = analyse(answers, pi, 5)
    flags = {r.cells[2]: r.cells[items.index("flags")] for r in items.rows}
    assert flags["easy"] == "too_easy" and flags["hard"] == "too_hard" and "check_key" in str(flags["key"])
    assert flags["good"] == "" and flags["other"] == ""
    shares = {r.cells[2]: (r.cells[distractors.index("chosen")], r.cells[distractors.index("flags")])
              for r in distractors.rows}
    assert shares == {"rent": (0, "nobody_picks"), "plan": (10, "")}


def test_small_items_are_suppressed(tmp_path: Path) -> None:
    """Issue 14 item 2 (privacy): a question answered by fewer learners than the minimum shows no figure."""
    items = _table(tmp_path, "items", min_group=9)
    assert [r.suppressed for r in items.rows] == [False, True, True, True]
    assert items.rows[1].cells[3:] == (None,) * 5


def test_scorm_and_xapi_choice_responses_count_alike() -> None:
    """Issue 14 item 2 (distractors from responses): a multiple-choice answer counts each option it
    names, whether written by xAPI (``budget[,]loan``) or SCORM 1.2 (``{a,c}``, keys in declared order)."""
    options = (Option("budget", "Budget", True), Option("rent", "Rent"), Option("loan", "Loan", True))
    pi = ProjectInfo("", {COURSE: CourseInfo(COURSE, "C", (), {"m": QuestionInfo("m", "quiz", "multiple-choice",
                                                                                  options)})})
    given = {f"l{i}": (1.0, "budget[,]loan" if i % 2 else "{a,c}") for i in range(6)}
    _, distractors, _ = analyse({(COURSE, "m"): given}, pi, 5)
    chosen = {r.cells[2]: r.cells[distractors.index("chosen")] for r in distractors.rows}
    assert chosen == {"budget": 6, "rent": 0, "loan": 6}


@pytest.mark.parametrize(("sizes", "hidden"), [
    ({"en": 6, "de": 3}, {"en", "de"}),  # 9 − 6 = 3 would show de
    ({"en": 6, "de": 3, "el": 2}, {"de", "el"}),  # together 5: enough
    ({"en": 6, "de": 3, "el": 8}, {"de", "en"}),  # the smallest shown one goes
    ({"en": 6, "de": 7}, set()),
])
def test_secondary_suppression(sizes: dict[str, int], hidden: set[str]) -> None:
    """Issue 14 item 2 (privacy): a small group cannot be worked out as the total minus the rest."""
    assert partition(sizes, 5) == hidden
