"""A survey in a SCORM 2004 package, scorm-again's Scorm2004API as the LMS (issue 14 item 1).

Each answered item: one interaction ``<lesson-id>_<item-id>`` in SCORM 2004 notation (likert the
point, choice the option ids joined ``[,]``, fill-in the text, numeric the rating), result
``neutral``, the prompt as description; no weighting, no score; the anonymous survey's free text
never reaches the LMS.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from scorm2004_support import LEARNER, go, launch, leave, lms, lms_site
from survey_support import answer_after, answer_anonymous, build_survey

pytestmark = pytest.mark.timeout(180)


def test_survey_interactions_in_scorm2004(tmp_path: Path, serve: Any, page: Any) -> None:
    """Issue 14 item 1: ids, types, responses and results of a survey's interactions in SCORM 2004."""
    base = serve(lms_site(build_survey(tmp_path, "scorm2004"), tmp_path / "site"))
    frame = launch(page, base, LEARNER)
    go(page, "confidence-after")
    answer_after(frame)
    go(page, "satisfaction")
    answer_anonymous(frame)
    leave(page)
    got = lms(page)
    assert [c for c in got["log"] if c["fn"] == "SetValue" and c["error"] != "0"] == []
    items = got["cmi"]["cmi"]["interactions"]
    rows = [items[k] for k in sorted(items, key=int)] if isinstance(items, dict) else list(items)
    assert [(r["id"], r["type"], r["learner_response"], r["result"]) for r in rows] == [
        ("confidence-after_plan", "likert", "5", "neutral"),
        ("confidence-after_prices", "likert", "1", "neutral"),
        ("confidence-after_channel", "choice", "office", "neutral"),
        ("confidence-after_topics", "choice", "law[,]money", "neutral"),
        ("confidence-after_name-idea", "fill-in", "Bakery & café «Ωμέγα»", "neutral"),
        ("confidence-after_recommend", "numeric", "10", "neutral"),
        ("satisfaction_clear", "likert", "4", "neutral"),
        ("satisfaction_recommend", "numeric", "7", "neutral"),
    ]
    assert rows[0]["description"] == "I can write a simple business plan."
    sets = [c["args"][0] for c in got["log"] if c["fn"] == "SetValue"]
    assert not any(s.startswith("cmi.score") or s.endswith(".weighting") for s in sets)
    assert "zebras" not in str(got["log"])
