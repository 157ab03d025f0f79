"""A survey in a SCORM 1.2 package, scorm-again as the LMS (issue 14 item 1; RTE-21, RTE-24, RTE-26).

Each answered item is one interaction ``<lesson-id>_<item-id>`` of the SCORM 1.2 type, result
``neutral``, never a weighting or a score; an anonymous survey sends its chosen values only, never
its free text, and its answers never enter suspend_data; a relaunch restores a survey in progress.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from scorm12_support import LEARNER, flattened, go, launch, leave, lms, lms_site
from survey_support import answer_after, answer_anonymous, build_survey

from sbfa_pack import state

pytestmark = pytest.mark.timeout(180)
RTE26 = {"likert": r"^[0-9a-z]$", "choice": r"^\{?[0-9a-z](,[0-9a-z])*\}?$", "numeric": r"^-?\d+(\.\d+)?$",
         "fill-in": r"^.{0,255}$"}


def _interactions(cmi: dict[str, Any]) -> list[dict[str, Any]]:
    items = cmi["cmi"]["interactions"]
    return [items[k] for k in sorted(items, key=int)] if isinstance(items, dict) else list(items)


def test_survey_answers_are_neutral_interactions(tmp_path: Path, serve: Any, page: Any, browser: Any) -> None:
    """Issue 14 item 1 (RTE-21, RTE-26): ids, types and responses of every answered item; no score; the
    anonymous survey's comment never reaches the LMS; the answers of an unsent survey come back on resume."""
    base = serve(lms_site(build_survey(tmp_path, "scorm12"), tmp_path / "site"))
    frame = launch(page, base, LEARNER)
    go(page, "confidence-before")
    frame.locator("#survey-confidence-before [data-item=prices] .pt >> nth=2").click()  # not submitted
    go(page, "confidence-after")
    answer_after(frame)
    go(page, "satisfaction")
    answer_anonymous(frame)
    leave(page)
    got = lms(page)
    assert got["messages"] == [] and [c for c in got["log"] if c["error"] != "0"] == []
    rows = [(r["id"], r["type"], r["student_response"], r["result"]) for r in _interactions(got["cmi"])]
    assert rows == [
        ("confidence-after_plan", "likert", "5", "neutral"),
        ("confidence-after_prices", "likert", "1", "neutral"),
        ("confidence-after_channel", "choice", "b", "neutral"),
        ("confidence-after_topics", "choice", "{a,b}", "neutral"),
        ("confidence-after_name-idea", "fill-in", "Bakery & café «Ωμέγα»", "neutral"),
        ("confidence-after_recommend", "numeric", "10", "neutral"),
        ("satisfaction_clear", "likert", "4", "neutral"),
        ("satisfaction_recommend", "numeric", "7", "neutral"),
    ]
    assert all(re.match(RTE26[t], r) for _, t, r, _ in rows)
    sets = [c["args"][0] for c in got["log"] if c["fn"] == "LMSSetValue"]
    assert not any(s.startswith("cmi.core.score") or s.endswith(".weighting") for s in sets)
    assert "zebras" not in str(got["log"]) and "zebras" not in str(got["cmi"])
    core = got["cmi"]["cmi"]["core"]
    assert core["lesson_status"] == "incomplete"  # confidence-before not submitted yet
    saved = state.decode(got["cmi"]["cmi"]["suspend_data"])
    assert saved is not None and saved["sd"] == ["confidence-after", "satisfaction"]
    assert set(saved["sv"]) == {"confidence-before", "confidence-after"} and saved["sv"]["confidence-before"] == {
        "prices": 3}
    # Relaunch with what the LMS stored: the survey in progress comes back, the sent one stays sent.
    stored = {k: v for k, v in flattened(got["cmi"]["cmi"]).items() if not k.startswith("cmi.interactions.")}
    context = browser.new_context()
    page2 = context.new_page()
    try:
        frame2 = launch(page2, base, {**stored, **LEARNER, "cmi.core.entry": "resume"})
        go(page2, "confidence-before")
        assert frame2.locator("#survey-confidence-before [data-item=prices] input[value='3']").is_checked()
        frame2.locator("#survey-confidence-before [data-item=plan] .pt >> nth=1").click()
        frame2.locator("#survey-confidence-before [type=submit]").click()
        frame2.locator("#survey-confidence-before .sv-done:not([hidden])").wait_for()
        go(page2, "confidence-after")
        assert frame2.locator("#survey-confidence-after [data-item=name-idea] input").input_value() == \
            "Bakery & café «Ωμέγα»"
        assert frame2.locator("#survey-confidence-after .sv-done").is_visible()
        go(page2, "welcome")
        leave(page2)
        again = lms(page2)
        assert again["cmi"]["cmi"]["core"]["lesson_status"] == "completed"
        ids = [r["id"] for r in _interactions(again["cmi"])]
        assert ids == ["confidence-before_plan", "confidence-before_prices"]
    finally:
        context.close()
