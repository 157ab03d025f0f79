"""SCORM 2004 4th Edition end to end: the built package in Debian's Chromium, scorm-again's
Scorm2004API as the LMS (tests/e2e/scorm2004_host/), every call logged with the error code after it.

Rule ids: shared/notes/standards-checklist.md (S4-* for SCORM 2004, MDL-* for Moodle).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from scorm2004_support import (
    LEARNER,
    build_package,
    console_errors,
    flattened,
    go,
    launch,
    leave,
    lms,
    lms_site,
    values_set,
)
from test_scorm12_walkthrough import CUSTOMERS, answer_check_quiz, answer_final_quiz, fill_worksheet, next_lesson

from sbfa_pack import state

pytestmark = pytest.mark.timeout(180)
DURATION = re.compile(r"^P(?:\d+D)?T(?:\d+H)?(?:\d+M)?(?:\d+(?:\.\d{1,2})?S)$")
TIMESTAMP = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{2}Z$")
PASSING = {"cmi.scaled_passing_score": "0.7"}  # what an LMS reads from the manifest's minNormalizedMeasure


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Path]]:
    tmp = tmp_path_factory.mktemp("scorm2004")
    pkgs = {mode: build_package(tmp, mode) for mode in ("single-sco", "sco-per-module")}
    yield {mode: lms_site(pkg, tmp / f"site-{mode}") for mode, pkg in pkgs.items()}


def answer_wrong(frame: Any) -> None:
    """The check quiz right, the final quiz wrong (the final quiz alone is graded)."""
    frame.locator("#m-final-pairs-rent").select_option("flour")
    frame.locator("#m-final-pairs-flour").select_option("rent")
    frame.locator("#q-final-steps li[data-i]").last.locator("[data-move='-1']").click()  # answered, any order
    frame.locator("#i-final-margin").fill("60")
    frame.locator("#quiz-final [type=submit]").click()
    frame.locator("#quiz-final .result:not([hidden])").wait_for()


def interactions(cmi: dict[str, Any]) -> list[dict[str, Any]]:
    items = cmi["cmi"]["interactions"]
    return [items[k] for k in sorted(items, key=int)] if isinstance(items, dict) else list(items)


def pattern(row: dict[str, Any]) -> str:
    cr = row["correct_responses"]
    return str(cr["0"]["pattern"] if isinstance(cr, dict) else cr[0]["pattern"])


def check_call_log(got: dict[str, Any]) -> None:
    """S4-8: Initialize once first, Terminate once last, committed just before; no call failed
    (GetValue of an element the LMS never set answers 403 'not initialized', as the standard says)
    and scorm-again reported nothing; interactions appended at n = count; session_time an ISO 8601
    duration, set once."""
    log = got["log"]
    assert [m for m in got["messages"] if "403: The data model element passed to GetValue" not in m["message"]] == []
    fns = [c["fn"] for c in log]
    assert fns[0] == "Initialize" and fns.count("Initialize") == 1
    assert fns[-1] == "Terminate" and fns.count("Terminate") == 1
    assert fns[-2:] == ["Commit", "Terminate"]
    assert [c for c in log if c["error"] != "0" and not (c["fn"] == "GetValue" and c["error"] == "403")] == []
    seen_n: list[int] = []
    for c in log:
        m = re.match(r"cmi\.interactions\.(\d+)\.id$", c["args"][0]) if c["fn"] == "SetValue" else None
        if m:
            seen_n.append(int(m.group(1)))
    assert seen_n == list(range(len(seen_n)))
    times = values_set(log, "cmi.session_time")
    assert len(times) == 1 and DURATION.match(times[0]), times


def walk(frame: Any, page: Any, right: bool = True) -> None:
    next_lesson(frame, "check")
    answer_check_quiz(frame)
    next_lesson(frame, "pitch-ex")
    fill_worksheet(frame)
    next_lesson(frame, "final")
    if right:
        answer_final_quiz(frame)
    else:
        answer_wrong(frame)


@pytest.mark.parametrize("mode", ["single-sco", "sco-per-module"])
def test_opened_and_closed_is_incomplete(sites: dict[str, Path], serve: Any, page: Any, mode: str) -> None:
    """Issue 18 must-show: open-and-close leaves completion 'incomplete', success 'unknown' and
    cmi.exit 'suspend' (S4-8), in both packaging modes."""
    base = serve(sites[mode])
    launch(page, base, {**LEARNER, **PASSING} if mode == "single-sco" else LEARNER,
           launch="pkg/index.html" + ("?sco=basics" if mode == "sco-per-module" else ""))
    leave(page)
    got = lms(page)
    cmi = got["cmi"]["cmi"]
    assert (cmi["completion_status"], cmi["success_status"], cmi["exit"]) == ("incomplete", "unknown", "suspend")
    assert values_set(got["log"], "cmi.completion_status") == ["incomplete"]
    assert values_set(got["log"], "cmi.success_status") == []
    check_call_log(got)


def test_full_walk_right_answers_is_completed_and_passed(sites: dict[str, Path], serve: Any, page: Any) -> None:
    """Issue 18 must-show: every lesson, every question type right, the worksheet done: completion
    'completed' and success 'passed' set apart, score.scaled 1 (raw 100 of 0..100), exit 'normal';
    interactions in SCORM 2004 formats with learner_response, result, weighting, latency,
    timestamp and description; the module objectives; a suspend_data within 64,000 (S4-6, S4-8);
    no console error."""
    base = serve(sites["single-sco"])
    errors = console_errors(page)
    frame = launch(page, base, {**LEARNER, **PASSING})
    walk(frame, page)
    leave(page)
    got = lms(page)
    cmi = got["cmi"]["cmi"]
    assert (cmi["completion_status"], cmi["success_status"]) == ("completed", "passed")
    assert (cmi["score"]["scaled"], cmi["score"]["raw"], cmi["score"]["min"], cmi["score"]["max"]) == (
        "1", "100", "0", "100")
    assert cmi["exit"] == "normal" and cmi["location"] == "final" and cmi["progress_measure"] == "1"
    assert values_set(got["log"], "cmi.completion_status") == ["incomplete", "completed"]
    assert values_set(got["log"], "cmi.success_status") == ["passed"]
    assert values_set(got["log"], "cmi.score.scaled") == ["1"]
    rows = interactions(got["cmi"])
    assert [(r["id"], r["type"], r["learner_response"], pattern(r), r["result"]) for r in rows] == [
        ("check_fixed", "choice", "rent", "rent", "correct"),
        ("check_variable", "choice", "flour[,]packaging", "flour[,]packaging", "correct"),
        ("check_vat", "true-false", "false", "false", "correct"),
        ("check_word", "fill-in", "profit", "profit", "correct"),
        ("final_pairs", "matching", "flour[.]flour[,]rent[.]rent", "flour[.]flour[,]rent[.]rent", "correct"),
        ("final_steps", "sequencing", "idea[,]plan[,]register", "idea[,]plan[,]register", "correct"),
        ("final_margin", "numeric", "40", "39.5[:]40.5", "correct"),
    ]
    assert all(DURATION.match(r["latency"]) and r["weighting"] == "1" and TIMESTAMP.match(r["timestamp"])
               for r in rows)
    assert rows[0]["description"] == "Which is a fixed cost?"
    objectives = cmi["objectives"]
    objs = {o["id"]: o for o in (objectives.values() if isinstance(objectives, dict) else objectives)}
    assert objs["module.basics"]["completion_status"] == "completed"
    assert (objs["module.plan"]["completion_status"], objs["module.plan"]["success_status"],
            objs["module.plan"]["score"]["scaled"]) == ("completed", "passed", "1")
    suspend = cmi["suspend_data"]
    assert len(suspend) <= state.SCORM2004_LIMIT
    saved = state.decode(suspend)
    assert saved is not None and saved["x"]["pitch"]["customers"] == CUSTOMERS
    check_call_log(got)
    assert errors == []


def test_full_walk_wrong_answers_is_completed_and_failed(sites: dict[str, Path], serve: Any, page: Any) -> None:
    """Issue 18 must-show: the same walk with the graded quiz wrong: 'completed' and 'failed', the
    score below the pass mark, exit 'suspend' (the learner may come back and try again)."""
    base = serve(sites["single-sco"])
    frame = launch(page, base, {**LEARNER, **PASSING})
    walk(frame, page, right=False)
    leave(page)
    got = lms(page)
    cmi = got["cmi"]["cmi"]
    assert (cmi["completion_status"], cmi["success_status"], cmi["exit"]) == ("completed", "failed", "suspend")
    assert float(cmi["score"]["scaled"]) < 0.7
    assert [r["result"] for r in interactions(got["cmi"])][-3:] == ["incorrect", "incorrect", "incorrect"]
    check_call_log(got)


def test_resume_at_the_bookmark(sites: dict[str, Path], serve: Any, page: Any, browser: Any) -> None:
    """Issue 18 must-show: leave half way (exit 'suspend'), relaunch with what the LMS stored and
    cmi.entry 'resume': the course opens at cmi.location with every answer and field restored."""
    base = serve(sites["single-sco"])
    frame = launch(page, base, {**LEARNER, **PASSING})
    next_lesson(frame, "check")
    answer_check_quiz(frame)
    next_lesson(frame, "pitch-ex")
    fill_worksheet(frame)
    leave(page)
    got = lms(page)
    assert got["cmi"]["cmi"]["exit"] == "suspend" and got["cmi"]["cmi"]["location"] == "pitch-ex"
    stored = {k: v for k, v in flattened(got["cmi"]["cmi"]).items() if not k.startswith("cmi.interactions.")}
    context = browser.new_context()
    try:
        page2 = context.new_page()
        frame2 = launch(page2, base, {**stored, **LEARNER, **PASSING, "cmi.entry": "resume"})
        frame2.locator("#l-pitch-ex:not([hidden])").wait_for()
        assert frame2.locator('#x-pitch-ex [data-field="customers"]').input_value() == CUSTOMERS
        go(page2, "check")
        assert frame2.locator("#c-check-variable-packaging").is_checked()
        again = lms(page2)
        assert values_set(again["log"], "cmi.completion_status") == []  # still incomplete: not sent again
    finally:
        context.close()


def test_review_mode_changes_no_status(sites: dict[str, Path], serve: Any, page: Any) -> None:
    """MDL-17: in review mode without credit the package sets no completion, success, score or exit."""
    base = serve(sites["single-sco"])
    launch(page, base, {**LEARNER, "cmi.mode": "review", "cmi.credit": "no-credit", "cmi.entry": "resume",
                        "cmi.completion_status": "completed", "cmi.success_status": "passed",
                        "cmi.score.scaled": "0.85"})
    leave(page)
    got = lms(page)
    for element in ("cmi.completion_status", "cmi.success_status", "cmi.score.scaled", "cmi.exit"):
        assert values_set(got["log"], element) == [], element
    assert (got["cmi"]["cmi"]["completion_status"], got["cmi"]["cmi"]["success_status"]) == ("completed", "passed")
    check_call_log(got)


def test_sco_per_module_walkthrough(sites: dict[str, Path], serve: Any, page: Any, browser: Any) -> None:
    """Issue 18 must-show, per-module SCOs: the content module ends 'completed' with success
    'unknown' and no score; the graded module 'completed' + 'passed' with score.scaled 1; no
    console error."""
    base = serve(sites["sco-per-module"])
    errors = console_errors(page)
    frame = launch(page, base, LEARNER, launch="pkg/index.html?sco=basics")
    next_lesson(frame, "check")
    answer_check_quiz(frame)
    leave(page)
    basics = lms(page)
    cmi = basics["cmi"]["cmi"]
    assert (cmi["completion_status"], cmi["success_status"], cmi["score"]["scaled"]) == ("completed", "unknown", "")
    assert [r["type"] for r in interactions(basics["cmi"])] == ["choice", "choice", "true-false", "fill-in"]
    check_call_log(basics)
    context = browser.new_context()
    try:
        page2 = context.new_page()
        errors2 = console_errors(page2)
        frame2 = launch(page2, base, {**LEARNER, **PASSING}, launch="pkg/index.html?sco=plan")
        frame2.locator("#l-pitch-ex:not([hidden])").wait_for()
        fill_worksheet(frame2)
        next_lesson(frame2, "final")
        answer_final_quiz(frame2)
        leave(page2)
        plan = lms(page2)
        cmi = plan["cmi"]["cmi"]
        assert (cmi["completion_status"], cmi["success_status"], cmi["score"]["scaled"]) == (
            "completed", "passed", "1")
        check_call_log(plan)
        assert errors == errors2 == []
    finally:
        context.close()


ALL_TYPES = [
    {"type": "single-choice", "response": "rent", "correct": "rent"},
    {"type": "multiple-choice", "response": ["packaging", "flour"], "correct": ["flour", "packaging"]},
    {"type": "true-false", "response": False, "correct": False},
    {"type": "fill-in", "response": "الربح", "correct": "profit"},
    {"type": "fill-in", "response": "Καφέ " * 80, "correct": "profit"},
    {"type": "matching", "response": {"rent": "flour", "flour": "rent"}, "correct": {"rent": "rent", "flour": "flour"}},
    {"type": "ordering", "response": ["plan", "idea", "register"], "correct": ["idea", "plan", "register"]},
    {"type": "numeric", "response": 12.5, "correct": 40},
    {"type": "likert", "response": "agree", "correct": None},
]


def test_every_interaction_type_is_accepted_in_the_browser(sites: dict[str, Path], serve: Any, page: Any) -> None:
    """Issue 18 must-show (S4-8): the adapter's own interaction records for choice, true-false,
    fill-in, long-fill-in, matching, sequencing, numeric and likert, sent from the course page to a
    second scorm-again Scorm2004API (the course's own session holds the first): every SetValue is
    accepted (true, error 0) and the LMS stores each learner_response as sent."""
    base = serve(sites["single-sco"])
    launch(page, base, LEARNER)
    sco = page.main_frame.child_frames[0]
    got = sco.evaluate("""recs => {
      const lms = new parent.Scorm2004API({autocommit: false, lmsCommitUrl: false, logLevel: 5});
      const calls = [];
      window.API_1484_11 = {
        Initialize: a => lms.Initialize(a), Terminate: a => lms.Terminate(a), Commit: a => lms.Commit(a),
        GetValue: e => lms.GetValue(e), GetLastError: () => lms.GetLastError(),
        GetErrorString: c => lms.GetErrorString(c), GetDiagnostic: c => lms.GetDiagnostic(c),
        SetValue: (e, v) => { const r = lms.SetValue(e, v); calls.push([e, v, String(r), String(lms.GetLastError())]);
          return r; }
      };
      const A = SBFA.adapters.scorm2004({data: SBFA.data, notify: () => {}});
      return A.start().then(() => {
        recs.forEach((r, i) => A.interaction(Object.assign({id: "q" + i, lessonId: "all", result: "incorrect",
          weight: 1, latencyMs: 1500, description: "Question " + i}, r)));
        return A.commit();
      }).then(ok => ({ok: ok, calls: calls, cmi: lms.renderCMIToJSONObject(),
                      types: recs.map(r => SBFA.adapters.scorm2004.formats.type(r))}));
    }""", ALL_TYPES)
    assert got["ok"] is True
    assert sorted(set(got["types"])) == ["choice", "fill-in", "likert", "long-fill-in", "matching", "numeric",
                                         "sequencing", "true-false"]
    sets = [c for c in got["calls"] if ".interactions." in c[0]]
    assert [c for c in sets if c[2:] != ["true", "0"]] == []
    responses = [c[1] for c in sets if c[0].endswith(".learner_response")]
    assert len(responses) == len(ALL_TYPES)
    rows = interactions(got["cmi"])
    assert [r["type"] for r in rows] == got["types"]
    assert [r["learner_response"] for r in rows] == responses and responses[4] == "Καφέ " * 80
