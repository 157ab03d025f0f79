"""SCORM 1.2 when the LMS misbehaves or is missing (scorm-again host, Debian's Chromium).

Rule ids: shared/notes/standards-checklist.md. The host's FAULTS make the next n LMSSetValue or
LMSCommit calls return "false" (with error 0, as a busy server would) or throw.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from learner_support import begin
from scorm12_support import LEARNER, build_package, launch, lms, lms_site

from sbfa_pack import state

pytestmark = pytest.mark.timeout(180)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    tmp = tmp_path_factory.mktemp("scorm12-faults")
    yield lms_site(build_package(tmp), tmp / "site")


def status_class(frame: Any) -> str:
    return str(frame.locator("#sbfa-status").get_attribute("class") or "")


def answer_check_quiz(frame: Any) -> None:
    frame.locator("#sbfa-next").click()
    frame.locator("#c-check-fixed-rent").check()
    frame.locator("#c-check-variable-rent").check()
    frame.locator("#c-check-vat-true").check()
    frame.locator("#i-check-word").fill("Gewinn")
    frame.locator("#quiz-check [type=submit]").click()
    frame.locator("#quiz-check .result:not([hidden])").wait_for()


@pytest.mark.parametrize("how,kind", [("false", "set"), ("throw", "set"), ("false", "commit"), ("throw", "commit")])
def test_failed_calls_are_retried_and_the_learner_is_told(site: Path, serve: Any, page: Any, how: str,
                                                          kind: str) -> None:
    """RTE-5, RTE-6: LMSSetValue or LMSCommit fails for a while (returns "false" with error 0, or
    throws); the learner sees that progress may not be saved, the adapter retries on its own, and
    once the LMS recovers it holds every answer (suspend data and interactions 0..3, no gap) and
    the learner sees 'saved'."""
    base = serve(site)
    frame = launch(page, base, {**LEARNER, "cmi.student_data.mastery_score": "70"})
    page.evaluate("([how, kind]) => { FAULTS.how = how; FAULTS[kind] = 3; }", [how, kind])
    answer_check_quiz(frame)
    frame.locator("#sbfa-status.is-retrying, #sbfa-status.is-save-failed").wait_for(timeout=10_000)
    assert frame.locator("#sbfa-status").inner_text().strip()
    # Recovery: the retries (1 s, 2 s, 4 s...) get through once the faults are used up.
    frame.locator("#sbfa-status.is-saved").wait_for(timeout=30_000)
    got = lms(page)
    assert page.evaluate("FAULTS.set + FAULTS.commit") == 0
    cmi = got["cmi"]["cmi"]
    saved = state.decode(cmi["suspend_data"])
    assert saved is not None
    assert {k: v["r"] for k, v in saved["q"].items()} == {"fixed": "rent", "variable": ["rent"], "vat": True,
                                                         "word": "Gewinn"}
    items = cmi["interactions"]
    rows = [items[k] for k in sorted(items, key=int)] if isinstance(items, dict) else items
    assert [r["id"] for r in rows] == ["check_fixed", "check_variable", "check_vat", "check_word"]
    assert [r["result"] for r in rows] == ["correct", "wrong", "wrong", "wrong"]
    assert cmi["core"]["lesson_location"] == "check"
    real_errors = [c for c in got["log"] if c["error"] not in ("0", "fault")]
    assert real_errors == []


def test_no_lms_still_works_and_keeps_progress_in_the_browser(site: Path, serve: Any, page: Any) -> None:
    """RTE-1: opened outside an LMS (no API in any parent or opener) the course works, says progress is
    kept in this browser, and a reload resumes from the local copy."""
    base = serve(site)
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(f"{base}/pkg/index.html")
    page.wait_for_selector("html.sbfa-ready")
    begin(page)  # past the welcome screen (issue 12 item 1)
    assert "is-local-only" in (page.get_attribute("#sbfa-status", "class") or "")
    answer_check_quiz(page.main_frame)
    page.reload()
    page.wait_for_selector("html.sbfa-ready")
    begin(page)  # past the welcome screen (issue 12 item 1)
    page.wait_for_selector("#l-check:not([hidden])")
    assert page.is_checked("#c-check-fixed-rent")
    assert errors == []


def test_api_found_through_the_opener(site: Path, serve: Any, page: Any) -> None:
    """RTE-1, MDL-7: with 'Display package: New window' the SCO runs in a popup and finds the API
    through window.opener; it initialises once and sets 'incomplete'."""
    base = serve(site)
    page.add_init_script("window.HOST = {data: " + str(LEARNER).replace("'", '"') + "};")
    page.goto(f"{base}/index.html")
    with page.expect_popup() as info:
        page.evaluate("() => window.open('pkg/index.html', 'sco')")
    popup = info.value
    popup.wait_for_selector("html.sbfa-ready")
    begin(popup)  # past the welcome screen (issue 12 item 1)
    got = lms(page)
    assert [c["fn"] for c in got["log"]].count("LMSInitialize") == 1
    assert got["cmi"]["cmi"]["core"]["lesson_status"] == "incomplete"
    popup.close()


@pytest.mark.parametrize("frames,found", [(5, True), (7, False)])
def test_api_discovery_is_bounded(site: Path, serve: Any, page: Any, frames: int, found: bool) -> None:
    """RTE-1: the API is found through up to 7 parents (5 frames in between: 6 hops); beyond that the
    search stops and the course runs on its own, keeping progress in the browser."""
    base = serve(site)
    page.add_init_script("window.HOST = " + json.dumps(
        {"launch": f"nest.html?d={frames}&launch=pkg/index.html", "data": LEARNER}) + ";")
    page.goto(f"{base}/index.html")
    sco = page.frame_locator("#sco")
    for _ in range(frames):
        sco = sco.frame_locator("#inner")
    sco.locator("html.sbfa-ready").wait_for(timeout=30_000)
    calls = [c["fn"] for c in lms(page)["log"]]
    assert ("LMSInitialize" in calls) is found
    expected = "is-local-only" if not found else ""
    assert expected in (sco.locator("#sbfa-status").get_attribute("class") or "")


def test_saved_data_that_does_not_parse_starts_fresh(site: Path, serve: Any, page: Any) -> None:
    """RTE-35: suspend_data and lesson_location are read on every start and used only when they
    parse: another tool's data or an unknown lesson never break the course, it starts afresh."""
    base = serve(site)
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    frame = launch(page, base, {**LEARNER, "cmi.core.entry": "resume", "cmi.core.lesson_status": "incomplete",
                                "cmi.suspend_data": '{"v":1,"loc":"final"}<&>', "cmi.core.lesson_location": "gone"})
    frame.locator("#l-welcome:not([hidden])").wait_for()
    assert not frame.locator("#c-check-fixed-rent").is_checked()
    frame.locator("#sbfa-next").click()
    frame.locator("#l-check:not([hidden])").wait_for()
    saved = state.decode(lms(page)["cmi"]["cmi"]["suspend_data"])
    assert saved is not None and saved["seen"] == ["welcome", "check"]
    assert errors == []
