"""Surveys and toolkit use on the fixture, against hand-worked values."""

from __future__ import annotations

import math
import statistics
from pathlib import Path

import pytest

from sbfa_pack.evaluation import analysis
from sbfa_pack.evaluation.model import Report, Table

from .fixture import COMMENTS, POST, PRE, info, make_store


def _report(tmp_path: Path, min_group: int = 5, with_project: bool = True) -> Report:
    with make_store(tmp_path / "r.sqlite") as store:
        return analysis.build(store, info() if with_project else None, min_group)


def _table(report: Report, key: str) -> Table:
    return next(t for t in report.tables if t.key == key)


def test_pre_post_change_with_a_t_interval(tmp_path: Path) -> None:
    """Issue 14 item 2 (surveys): paired learners' mean change and its 95 % interval, worked by
    hand: t(.975, 6) = 2.447 from the printed table."""
    t = _table(_report(tmp_path), "prepost")
    (row,) = t.rows
    d = [b - a for a, b in zip(PRE, POST, strict=True)]
    half = 2.447 * statistics.stdev(d) / math.sqrt(len(d))
    m = statistics.mean(d)
    assert row.cells[t.index("pairs")] == 7
    assert row.cells[t.index("mean_before"):] == pytest.approx((statistics.mean(PRE), statistics.mean(POST), m,
                                                                m - half, m + half), abs=1e-3)


def test_distributions_and_unattributed_free_text(tmp_path: Path) -> None:
    """Issue 14 item 2 (surveys): each Likert point's share, every point listed (also those no one
    chose); free text listed without any learner, in a fixed order that is not the order given."""
    report = _report(tmp_path)
    dist = _table(report, "survey")
    pre = [(r.cells[3], r.cells[6]) for r in dist.rows if r.cells[1] == "pre"]
    assert pre == [(str(p), PRE.count(p)) for p in range(1, 6)]
    free = _table(report, "free_text")
    assert [c.key for c in free.columns] == ["course", "survey", "item", "answer"]
    answers = [r.cells[3] for r in free.rows]
    assert sorted(answers) == sorted(COMMENTS) and answers != COMMENTS
    assert answers == [r.cells[3] for r in _table(_report(tmp_path / "again"), "free_text").rows]


def test_small_free_text_lists_are_suppressed(tmp_path: Path) -> None:
    """Issue 14 item 2 (privacy): a free-text list from fewer learners than the minimum is one
    suppressed row; an item's kind is guessed without the project."""
    free = _table(_report(tmp_path, min_group=7, with_project=False), "free_text")
    assert [(r.suppressed, r.cells) for r in free.rows] == [(True, (free.rows[0].cells[0], "post", "comments", None))]


def test_toolkit_use_and_consented_sharing(tmp_path: Path) -> None:
    """Issue 14 item 2 (toolkit): used, completed, and shared only where values were sent."""
    t = _table(_report(tmp_path), "toolkit")
    assert [r.cells for r in t.rows] == [("Monthly budget", 6, 5, 0.8333, 2)]
    overview = _table(_report(tmp_path / "o"), "overview")
    assert overview.rows[0].cells[3] == 9  # anonymous survey answers are no learners
