"""A survey's answers in the saved learner state, and its worst case (RTE-16: 4,096 characters)."""

from __future__ import annotations

from pathlib import Path

from sbfa_pack import state
from sbfa_pack.build import units
from sbfa_pack.diagnostics import Diagnostics
from sbfa_pack.load import load_project

ROOT = Path(__file__).parents[1] / "roots" / "survey"


def _course():  # type: ignore[no-untyped-def]
    diags = Diagnostics()
    lp = load_project(ROOT, diags)
    assert lp is not None and not diags.errors
    return next(u for u in units(lp) if u.kind == "course")


def test_worst_case_covers_every_survey_answer() -> None:
    """Issue 14 item 1 (RTE-16): every survey submitted (``sd``) and every item of a named survey answered
    at its longest (``sv``): Likert at the top point, every option of a choices item, free text at
    max_length of three-character letters; an anonymous survey's answers are never in the saved state."""
    unit = _course()
    worst = state.worst_case_state(unit)
    assert worst["sd"] == ["confidence-before", "confidence-after", "satisfaction"]
    assert set(worst["sv"]) == {"confidence-before", "confidence-after"}  # satisfaction is anonymous
    after = worst["sv"]["confidence-after"]
    assert after["plan"] == 5 and after["recommend"] == 10 and after["channel"] == "friend"
    assert after["topics"] == ["money", "law", "customers"]
    assert after["name-idea"] == state.WORST_CHAR * 80
    assert state.worst_case_size(unit) == len(state.encode(worst)) <= state.SCORM12_LIMIT
    assert len(state.encode(after)) > 3 * 80
    parts = dict(state.largest_parts(unit))
    assert parts["survey 'confidence-after' (text items name-idea 80)"] == len(state.encode(after))
    assert not any("satisfaction" in p for p in parts)
