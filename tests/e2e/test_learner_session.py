"""The core's side of the tracking interface (docs/runtime.md), seen through a recording adapter.

The package is rendered for an adapter named "spy" that no file provides; the test page defines
it before the runtime starts, and every call is appended to localStorage synchronously (so calls
made while the page unloads are kept too).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from learner_support import begin, console_errors, course_unit, ready, show, write_site

from sbfa_pack.render import render_unit

pytestmark = pytest.mark.timeout(120)

SPY = """
window.SBFA = window.SBFA || {adapters: {}};
SBFA.adapters = SBFA.adapters || {};
SBFA.adapters.spy = function (env) {
  var mode = localStorage.getItem("spy-mode") || "ok";
  function log(name, arg) {
    var calls = JSON.parse(localStorage.getItem("spy-calls") || "[]");
    calls.push([name, arg === undefined ? null : arg]);
    localStorage.setItem("spy-calls", JSON.stringify(calls));
  }
  return {
    name: "spy", maxState: 4096,
    start: function () {
      log("start");
      if (mode === "no-lms") { return Promise.reject(new Error("no LMS")); }
      return Promise.resolve({state: localStorage.getItem("spy-state"), location: localStorage.getItem("spy-loc"),
                              learner: {id: "l1", name: "Lee", language: "en"},
                              mode: mode === "review" ? "review" : "normal"});
    },
    save: function (state, loc) { log("save", loc); },
    interaction: function (rec) { log("interaction", rec); },
    event: function (ev) { log("event", ev); },
    score: function (s) { log("score", s); },
    status: function (s) { log("status", s); },
    commit: function () {
      log("commit");
      if (mode === "failing") { env.notify("save-failed"); return Promise.resolve(false); }
      env.notify("saved");
      return Promise.resolve(true);
    },
    finish: function () { log("finish"); }
  };
};
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = write_site(render_unit(course_unit("learner"), "spy"), tmp_path_factory.mktemp("spy") / "site")
    (out / "away.html").write_text("<!DOCTYPE html><title>away</title><link rel=\"icon\" href=\"data:,\"><p>away</p>")
    return out


def calls(page: Any, name: str | None = None) -> list[Any]:
    got = json.loads(page.evaluate("localStorage.getItem('spy-calls') || '[]'"))
    return [c for c in got if name is None or c[0] == name]


def test_calls_follow_the_contract_from_start_to_finish(site: Path, page: Any, serve: Any) -> None:
    """start first; status once at start; commit per page change; interactions; score before status; finish once."""
    errors = console_errors(page)
    page.add_init_script(SPY)
    base = serve(site)
    ready(page, base + "/index.html")
    assert calls(page)[0] == ["start", None]
    assert calls(page, "status") == [["status", {"completed": False, "passed": None}]]
    assert ["event", {"kind": "lesson-seen", "id": "welcome", "lessonId": "welcome"}] in calls(page)
    page.click("#sbfa-next")
    assert ["event", {"kind": "case-read", "id": "amira", "lessonId": "amira"}] in calls(page)
    assert calls(page, "save")[-1] == ["save", "amira"]
    assert calls(page)[-1] == ["commit", None]
    assert page.inner_text("#sbfa-status") == "Progress saved"
    # typing is saved after a pause, never committed per keystroke
    show(page, "final")
    before = len(calls(page, "commit")), len(calls(page, "save"))
    page.type("#i-final-word", "revenue", delay=40)
    page.wait_for_timeout(900)
    assert len(calls(page, "commit")) == before[0]
    assert len(calls(page, "save")) == before[1] + 1
    # the immediate quiz: one interaction per check, a commit when it is submitted
    show(page, "check")
    page.check("#c-check-fixed-rent")
    page.click("#q-check-fixed [data-check]")
    rec = calls(page, "interaction")[-1][1]
    assert rec["id"] == "fixed" and rec["lessonId"] == "check" and rec["type"] == "single-choice"
    assert rec["response"] == "rent" and rec["correct"] == "rent" and rec["result"] == "correct"
    assert rec["weight"] == 1 and rec["latencyMs"] >= 0 and rec["description"] == "Which is a fixed cost?"
    assert rec["choices"] == [{"id": "rent", "text": "Rent"}, {"id": "flour", "text": "Flour"},
                              {"id": "boxes", "text": "Cake boxes"}]
    page.check("#c-check-tf-false")
    n_commits = len(calls(page, "commit"))
    page.click("#q-check-tf [data-check]")
    assert calls(page, "interaction")[-1][1]["response"] is False
    assert len(calls(page, "commit")) == n_commits + 1
    assert calls(page, "score") == []  # the final quiz is not submitted yet: not assessed
    # the final quiz, all right: weighted course score (1 x 0.5 + 3 x 1) / 4
    show(page, "final")
    for c in ("flour", "sugar"):
        page.check(f"#c-final-variable-{c}")
    for p in ("invoice", "receipt", "budget"):
        page.select_option(f"#m-final-match-{p}", p)
    page.evaluate("""() => { const box = document.querySelector('#q-final-steps .order');
        ['idea', 'plan', 'register'].forEach(i => box.appendChild(box.querySelector(`[data-i=${i}]`)));
        box.dispatchEvent(new Event('change', {bubbles: true})); }""")
    page.fill("#i-final-margin", "12.5")
    page.click("#quiz-final button[type=submit]")
    page.wait_for_selector("#quiz-final .result:not([hidden])")
    recs = {c[1]["id"]: c[1] for c in calls(page, "interaction")}
    assert recs["match"]["response"] == {"invoice": "invoice", "receipt": "receipt", "budget": "budget"}
    assert recs["match"]["choices"][0] == {"id": "invoice", "source": "Invoice", "target": "Asks a customer to pay"}
    assert recs["steps"]["response"] == ["idea", "plan", "register"] and recs["steps"]["result"] == "correct"
    assert recs["word"]["response"] == "revenue" and recs["word"]["correct"] == "revenue"
    assert recs["margin"]["response"] == 12.5 and recs["variable"]["weight"] == 2
    assert calls(page, "score") == [["score", pytest.approx(0.875)]]
    names = [c[0] for c in calls(page)]
    assert names.index("score") < len(names) - 1 - names[::-1].index("status")
    assert calls(page, "status")[-1] == ["status", {"completed": False, "passed": True}]  # "plan"/"links" unseen
    show(page, "plan")
    show(page, "links")
    assert calls(page, "status")[-1] == ["status", {"completed": True, "passed": True}]
    assert "You passed the course" in page.inner_text("#quiz-final .attempts")
    page.goto(base + "/away.html")
    assert [c[0] for c in calls(page)].count("finish") == 1 and calls(page)[-1] == ["finish", None]
    assert not errors


def test_a_failing_lms_is_shown_and_the_answers_stay_in_the_browser(site: Path, page: Any, serve: Any) -> None:
    page.add_init_script("localStorage.getItem('spy-mode') || localStorage.setItem('spy-mode', 'failing');" + SPY)
    ready(page, serve(site) + "/index.html")
    page.click("#sbfa-next")
    status = page.locator("#sbfa-status")
    assert status.inner_text().startswith("Your progress may not have been saved")
    assert status.get_attribute("role") == "status"
    local = json.loads(page.evaluate("localStorage.getItem('sbfa:start:1.2.0')"))
    assert local["d"] == 1  # not confirmed by the LMS: this copy wins at the next start
    show(page, "final")
    page.fill("#i-final-word", "turnover")
    page.wait_for_timeout(800)
    page.reload()
    page.wait_for_selector("html.sbfa-ready")
    begin(page)  # past the welcome screen (issue 12 item 1)
    assert page.is_visible("#l-final") and page.input_value("#i-final-word") == "turnover"


def test_without_an_lms_session_the_course_still_works(site: Path, page: Any, serve: Any) -> None:
    page.add_init_script("localStorage.setItem('spy-mode', 'no-lms');" + SPY)
    ready(page, serve(site) + "/index.html")
    assert page.inner_text("#sbfa-status").startswith("Your progress may not have been saved")
    page.click("#sbfa-next")
    assert page.is_visible("#l-amira")
    assert [c[0] for c in calls(page)] == ["start"]  # nothing more is sent to an adapter that did not start


def test_the_lms_copy_and_the_local_copy_are_merged(site: Path, page: Any, serve: Any) -> None:
    """An LMS state with a later quiz attempt wins that quiz; lessons seen are united; the LMS location wins."""
    base = serve(site)
    page.add_init_script(SPY)
    ready(page, base + "/index.html")
    show(page, "amira")
    lms = {"v": 1, "loc": "links", "seen": ["welcome", "links"], "q": {"fixed": {"r": "rent", "n": 1, "ok": 1},
           "tf": {"r": True, "n": 1, "ok": 1}}, "quiz": {"check": {"done": 1, "s": 1, "n": 1}}, "x": {}, "xd": []}
    page.evaluate("s => { localStorage.setItem('spy-state', SBFA.state.encode(s));"
                  " localStorage.setItem('spy-loc', 'links'); }", lms)
    page.reload()
    page.wait_for_selector("html.sbfa-ready")
    begin(page)  # past the welcome screen (issue 12 item 1)
    state = page.evaluate("SBFA.core.state()")
    assert page.is_visible("#l-links") and set(state["seen"]) == {"welcome", "amira", "links"}
    assert state["quiz"]["check"]["n"] == 1 and state["q"]["fixed"]["r"] == "rent"
    assert page.inner_text("#sbfa-status") in ("Welcome back. You are where you left off.", "Progress saved")


def test_a_module_launched_on_its_own_shows_and_decides_only_that_module(site: Path, page: Any, serve: Any) -> None:
    """cmi5 AU / SCORM SCO per module: index.html?module=<id> (docs/runtime.md)."""
    page.add_init_script(SPY)
    ready(page, serve(site) + "/index.html?module=money")
    assert page.is_visible("#l-plan") and page.inner_text("#sbfa-pos") == "Lesson 1 of 3"
    assert page.is_hidden("a[data-go='welcome']") and page.is_visible("a[data-go='final']")
    assert page.is_disabled("#sbfa-back")
    show(page, "links")
    show(page, "final")
    assert page.is_disabled("#sbfa-next")
    page.fill("#i-final-margin", "12.5")
    for _ in range(2):
        page.click("#quiz-final button[type=submit]")
    page.wait_for_selector("#quiz-final .result:not([hidden])")
    # the module's own rules: its lessons seen, its quiz submitted; assessed on "final" alone (1/6 < 60 %)
    assert calls(page, "status")[-1] == ["status", {"completed": True, "passed": False}]
    assert calls(page, "score")[-1] == ["score", pytest.approx(1 / 6)]


def test_a_review_session_shows_answers_without_letting_them_change(site: Path, page: Any, serve: Any) -> None:
    page.add_init_script("localStorage.setItem('spy-mode', 'review');" + SPY)
    ready(page, serve(site) + "/index.html")
    show(page, "final")
    assert page.is_disabled("#i-final-word") and page.is_disabled("#quiz-final button[type=submit]")
    assert page.is_enabled("#sbfa-back")  # moving around stays possible


def test_a_damaged_saved_answer_never_stops_the_course(site: Path, page: Any, serve: Any) -> None:
    errors = console_errors(page)
    page.add_init_script(SPY)
    base = serve(site)
    ready(page, base + "/index.html")
    bad = {"v": 1, "loc": "final", "seen": ["welcome"], "q": {"variable": {"r": 3, "n": 0, "ok": 0},
           "steps": {"r": "idea", "n": 0, "ok": 0}, "word": {"r": "turnover", "n": 0, "ok": 0}},
           "quiz": {}, "x": {}, "xd": []}
    page.evaluate("s => { localStorage.setItem('spy-state', SBFA.state.encode(s));"
                  " localStorage.setItem('spy-loc', 'final'); }", bad)
    page.reload()
    page.wait_for_selector("html.sbfa-ready")
    begin(page)  # past the welcome screen (issue 12 item 1)
    assert page.is_visible("#l-final") and page.input_value("#i-final-word") == "turnover"
    assert "variable" not in page.evaluate("SBFA.core.state().q")
    assert not errors


def test_exercise_values_are_saved_and_submitted_through_the_widget_hook(site: Path, page: Any, serve: Any) -> None:
    """ctx.set keeps values (state.x), a commit reports exercise-progress, ctx.submit sends exercise-submitted."""
    page.add_init_script(SPY)
    ready(page, serve(site) + "/index.html")
    show(page, "plan")
    page.locator("#l-plan input[type=checkbox]").first.check()
    page.wait_for_timeout(900)
    assert page.evaluate("SBFA.core.state().x.costs")  # the tick is in the state
    commits = len(calls(page, "commit"))
    page.click("#sbfa-next")
    assert ["event", {"kind": "exercise-progress", "id": "costs", "lessonId": "plan", "shared": False}] in calls(page)
    assert len(calls(page, "commit")) == commits + 1
    show(page, "plan")
    page.locator("#l-plan button", has_text="I have finished").click()
    submitted = [c[1] for c in calls(page, "event") if c[1]["kind"] == "exercise-submitted"]
    assert len(submitted) == 1 and submitted[0]["id"] == "costs" and submitted[0]["shared"] is False
    assert calls(page)[-1] == ["commit", None] and page.evaluate("SBFA.core.state().xd") == ["costs"]
