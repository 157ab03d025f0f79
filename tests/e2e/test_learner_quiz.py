"""The quiz engine in Chromium: every question type, feedback modes, attempts, keyboard-only use.

The sample (tests/roots/learner) has an immediate-feedback quiz ("check": single choice,
true/false) and a deferred one with two attempts, shuffled questions and weights ("final":
multiple choice, fill-in, matching, ordering, numeric).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from learner_support import begin, build_site, console_errors, ready, show

pytestmark = pytest.mark.timeout(120)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_site("learner", tmp_path_factory.mktemp("learner") / "site")


def focused(page: Any) -> str:
    return str(page.evaluate("document.activeElement && (document.activeElement.id || document.activeElement.className"
                             " || document.activeElement.tagName)"))


def tab_to(page: Any, selector: str, limit: int = 80) -> None:
    """Press Tab until the element matching ``selector`` has the focus (keyboard only)."""
    for _ in range(limit):
        if page.evaluate("s => document.activeElement === document.querySelector(s)", selector):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {selector}; focus is on {focused(page)}")


def position(page: Any, qid: str, item: str) -> int:
    return int(page.evaluate(
        "([q, i]) => [...document.querySelectorAll(`#q-final-${q} li[data-i]`)].findIndex(n => n.dataset.i === i)",
        [qid, item]))


def test_keyboard_only_completes_the_final_quiz(site: Path, page: Any, serve: Any) -> None:
    """Tab, Space, Enter and the arrow keys alone answer all five question types and submit."""
    errors = console_errors(page)
    page.set_viewport_size({"width": 1280, "height": 800})
    ready(page, serve(site) + "/index.html")
    tab_to(page, "a[data-go='final']")
    page.keyboard.press("Enter")
    assert focused(page) == "h-final"  # focus follows navigation to the lesson's heading
    for choice in ("flour", "sugar"):
        tab_to(page, f"#c-final-variable-{choice}")
        page.keyboard.press("Space")
    tab_to(page, "#i-final-word")
    page.keyboard.type(" Revenue ")
    for pair in ("invoice", "receipt", "budget"):
        sel = f"#m-final-match-{pair}"
        tab_to(page, sel)
        for _ in range(5):
            if page.input_value(sel) == pair:
                break
            page.keyboard.press("ArrowDown")
        assert page.input_value(sel) == pair
    for target, item in enumerate(("idea", "plan", "register")):
        button = f"#q-final-steps li[data-i='{item}'] [data-move='-1']"
        tab_to(page, button)
        while position(page, "steps", item) > target:
            page.keyboard.press("Enter")  # the button keeps the focus as its item moves
    tab_to(page, "#i-final-margin")
    page.keyboard.type("12.5")
    tab_to(page, "#quiz-final button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_selector("#quiz-final .result:not([hidden])")
    assert page.evaluate("document.activeElement.classList.contains('result')")
    assert page.inner_text("#quiz-final .score") == "Your score: 100%"
    assert "passed" in page.inner_text("#quiz-final .outcome")
    assert page.locator("#quiz-final .verdict").all_inner_texts() == ["✓ Correct."] * 5
    assert not errors


def test_immediate_feedback_marks_each_question_and_keeps_it(site: Path, page: Any, serve: Any) -> None:
    ready(page, serve(site) + "/index.html")
    show(page, "check")
    page.check("#c-check-fixed-flour")
    page.click("#q-check-fixed [data-check]")
    fb = "#q-check-fixed .fb"
    assert page.evaluate("document.activeElement === document.querySelector('#q-check-fixed .fb')")
    assert page.inner_text(f"{fb} .verdict") == "✗ Not quite."
    assert page.is_visible(f"{fb} .fb-ko") and not page.is_visible(f"{fb} .fb-ok")
    assert page.is_visible("#q-check-fixed [data-c='flour'] .choice-fb")  # per-choice feedback
    assert "(Not quite)" in page.inner_text("#q-check-fixed [data-c='flour'] label")  # not by colour alone
    assert page.is_disabled("#c-check-fixed-rent")  # one check per attempt
    assert page.is_hidden("#quiz-check .result")
    page.check("#c-check-tf-true")
    page.click("#q-check-tf [data-check]")
    page.wait_for_selector("#quiz-check .result:not([hidden])")  # the last check submits the quiz
    assert page.inner_text("#quiz-check .score") == "Your score: 50%"
    page.reload()
    page.wait_for_selector("html.sbfa-ready")
    begin(page)  # past the welcome screen (issue 12 item 1)
    assert page.is_visible("#l-check")  # bookmark
    assert page.inner_text("#quiz-check .score") == "Your score: 50%"
    assert page.is_checked("#c-check-fixed-flour") and page.is_disabled("#c-check-fixed-flour")


def test_deferred_feedback_attempts_and_the_right_answers_at_the_end(site: Path, page: Any, serve: Any) -> None:
    ready(page, serve(site) + "/index.html")
    show(page, "final")
    assert page.locator("#quiz-final [data-check]").count() == 0
    page.click("#quiz-final button[type=submit]")
    alert = page.inner_text("#quiz-final .quiz-alert")
    assert alert.startswith("5 questions are not answered yet") and page.is_visible("#quiz-final .quiz-alert")
    page.fill("#i-final-margin", "13")
    page.click("#quiz-final button[type=submit]")  # still one missing: asked again
    page.click("#quiz-final button[type=submit]")
    page.wait_for_selector("#quiz-final .result:not([hidden])")
    assert page.inner_text("#quiz-final .score") == "Your score: 0%"
    assert page.inner_text("#quiz-final .attempts").startswith("You have 1 attempt left.")
    assert page.is_hidden("#q-final-margin .solution")  # not while an attempt is left
    page.click("#quiz-final [data-retry]")
    assert page.input_value("#i-final-margin") == "" and page.is_enabled("#i-final-margin")
    page.fill("#i-final-margin", "12,5")  # a decimal comma is understood too
    page.fill("#i-final-word", "profit")
    page.click("#quiz-final button[type=submit]")
    page.click("#quiz-final button[type=submit]")
    page.wait_for_selector("#quiz-final .result:not([hidden])")
    assert page.inner_text("#q-final-margin .verdict") == "✓ Correct."
    assert page.inner_text("#q-final-word .solution") == "Correct answer: revenue"
    assert page.inner_text("#quiz-final .attempts").startswith("You have used all your attempts.")
    assert page.is_hidden("#quiz-final [data-retry]")
    # weights: numeric (1) of 6 -> 17 %
    assert page.inner_text("#quiz-final .score") == "Your score: 17%"
    state = page.evaluate("SBFA.core.state()")
    assert state["quiz"]["final"] == {"done": 1, "s": pytest.approx(1 / 6), "n": 2}
    assert state["q"]["margin"] == {"r": 12.5, "n": 2, "ok": 1}


def test_numbers_are_read_as_the_language_writes_them(site: Path, page: Any, serve: Any) -> None:
    ready(page, serve(site) + "/index.html")
    cases = [("12.5", "en", 12.5), ("12,5", "en", 12.5), ("1,250", "en", 1250), ("1 250,5", "de", 1250.5),
             ("1.250", "de", 1250), ("12.5", "de", 12.5), ("−3", "en", -3), ("abc", "en", None), ("", "en", None)]
    got = page.evaluate(
        "cs => cs.map(([s, l]) => { const v = SBFA.parseNumber(s, l); return Number.isNaN(v) ? null : v; })",
        [[s, lang] for s, lang, _ in cases])
    assert got == [want for *_, want in cases]


def test_ordering_items_can_be_dragged_by_their_grip(site: Path, page: Any, serve: Any) -> None:
    ready(page, serve(site) + "/index.html")
    show(page, "final")
    items = "#q-final-steps li[data-i]"
    last = page.locator(items).nth(2)
    target = last.get_attribute("data-i")
    grip = last.locator(".grip").bounding_box()
    top = page.locator(items).nth(0).bounding_box()
    assert grip and top
    page.mouse.move(grip["x"] + grip["width"] / 2, grip["y"] + grip["height"] / 2)
    page.mouse.down()
    page.mouse.move(top["x"] + 20, top["y"] + 5, steps=8)
    page.mouse.up()
    assert page.locator(items).nth(0).get_attribute("data-i") == target
    assert page.evaluate("SBFA.core.state().q.steps.r")[0] == target  # kept like any answer


def test_no_feedback_and_one_attempt(page: Any, serve: Any, tmp_path: Path) -> None:
    """feedback: none shows neither verdicts nor the score; a case-sensitive fill-in; no second attempt."""
    ready(page, serve(build_site("learner-exam", tmp_path / "exam")) + "/index.html")
    assert page.locator("#quiz-exam [data-check], #quiz-exam .fb").count() == 0
    page.check("#c-exam-tf-true")
    page.fill("#i-exam-word", "oslo")
    page.click("#quiz-exam button[type=submit]")
    page.wait_for_selector("#quiz-exam .result:not([hidden])")
    assert page.inner_text("#quiz-exam .score") == "Your answers have been submitted."
    assert page.inner_text("#quiz-exam .outcome") == ""
    assert page.is_hidden("#quiz-exam [data-retry]") and page.is_disabled("#c-exam-tf-false")
    assert page.locator("#quiz-exam .ok, #quiz-exam .ko").count() == 0
    state = page.evaluate("SBFA.core.state()")
    assert state["q"]["word"]["ok"] == 0 and state["quiz"]["exam"]["s"] == 0.5  # "oslo" is not "Oslo"
    assert page.evaluate("SBFA.core.decide()") == {"completed": True, "passed": True, "score": 0.5}
