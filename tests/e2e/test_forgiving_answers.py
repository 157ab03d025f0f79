"""Forgiving answers in Chromium (issue 12 item 8): Arabic-Indic digits in a numeric question of an
Arabic package, fill-in spelling variants, the unanswered questions named and linked, and an
ordering question answered as shown.

Samples: tests/roots/learner-ar (immediate feedback: single choice, ordering, numeric) and
tests/roots/learner (deferred "final": multiple choice, fill-in, matching, ordering, numeric).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from learner_support import begin, build_site, console_errors, ready, show

pytestmark = pytest.mark.timeout(120)


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    tmp = tmp_path_factory.mktemp("forgiving")
    return {"en": build_site("learner", tmp / "en"), "ar": build_site("learner-ar", tmp / "ar")}


def test_arabic_indic_digits_are_accepted_in_a_numeric_question(sites: dict[str, Path], page: Any,
                                                                serve: Any) -> None:
    """Issue 12 item 8: "١٢٫٥" (Arabic-Indic digits, Arabic decimal separator) is 12.5 in an ar
    package, and right; Persian digits and the Arabic thousands separator are read too."""
    errors = console_errors(page)
    ready(page, serve(sites["ar"]) + "/index.html")
    show(page, "final")
    page.fill("#i-final-margin", "١٢٫٥")
    page.click("#q-final-margin [data-check]")
    page.wait_for_selector("#q-final-margin .fb:not([hidden])")
    assert page.inner_text("#q-final-margin .verdict").startswith("✓")
    assert page.evaluate("SBFA.core.state().q.margin") == {"r": 12.5, "n": 1, "ok": 1}
    got = page.evaluate("() => ['٥٠', '۵۰', '١٬٢٥٠', '1,250', '12,5'].map(s => SBFA.parseNumber(s, 'ar'))")
    assert got == [50, 50, 1250, 1250, 12.5]
    assert not errors


def test_fill_in_answers_forgive_case_spaces_punctuation_and_spelling(sites: dict[str, Path], page: Any,
                                                                      serve: Any) -> None:
    """Issue 12 item 8: case, surrounding spaces and a trailing full stop typed on the page; Arabic
    letter variants and tashkeel, Greek accents, per language, by the page's own marking."""
    ready(page, serve(sites["en"]) + "/index.html")
    show(page, "final")
    page.fill("#i-final-word", "  REVENUE. ")
    page.click("#quiz-final button[type=submit]")
    page.click("#quiz-final button[type=submit]")  # submit anyway, the others unanswered
    page.wait_for_selector("#quiz-final .result:not([hidden])")
    assert page.evaluate("SBFA.core.state().q.word.ok") == 1
    got = page.evaluate("""() => {
      const ar = {type: 'fill-in', a: ['عرض تقديمي'], cs: false}, el = {type: 'fill-in', a: ['Επιχείρηση'], cs: false};
      return [SBFA.grade(ar, 'عرض تقديمى', 'ar'), SBFA.grade(ar, 'عرضٌ تقديميّ', 'ar'),
              SBFA.grade(ar, 'عرض تقديمي.', 'ar'), SBFA.grade(ar, 'عرض', 'ar'),
              SBFA.grade(el, 'ΕΠΙΧΕΙΡΗΣΗ', 'el'), SBFA.grade(el, 'επιχειρηση;', 'el')];
    }""")
    assert got == [True, True, True, False, True, True]


def test_unanswered_questions_are_named_and_linked(sites: dict[str, Path], page: Any, serve: Any) -> None:
    """Issue 12 item 8: the alert names each unanswered question, in the order shown, as a link
    that moves the focus into that question."""
    ready(page, serve(sites["en"]) + "/index.html")
    show(page, "final")
    page.click("#quiz-final button[type=submit]")
    links = page.locator("#quiz-final .quiz-alert a")
    assert links.count() == 5
    names = links.all_inner_texts()
    shown = page.locator("#quiz-final .q .q-n").all_inner_texts()
    assert names == shown and names[0] == "Question 1 of 5"
    target = links.nth(2).get_attribute("href")
    assert target and target.startswith("#q-final-")
    links.nth(2).focus()
    page.keyboard.press("Enter")
    assert page.evaluate("h => document.querySelector(h).contains(document.activeElement)", target)


def test_an_ordering_question_is_answerable_as_shown(sites: dict[str, Path], page: Any, serve: Any) -> None:
    """Issue 12 item 8: "This order is my answer" answers an ordering without moving anything; the
    order shown is recorded, unticked it is unanswered again, and it is kept after a reload."""
    ready(page, serve(sites["en"]) + "/index.html")
    show(page, "final")
    shown = page.evaluate("() => [...document.querySelectorAll('#q-final-steps li[data-i]')].map(n => n.dataset.i)")
    keep = page.get_by_label("This order is my answer")
    keep.check()
    assert page.evaluate("SBFA.core.state().q.steps.r") == shown
    keep.uncheck()
    assert page.evaluate("SBFA.core.state().q.steps") is None
    keep.check()
    page.click("#quiz-final button[type=submit]")
    names = page.locator("#quiz-final .quiz-alert a").all_inner_texts()
    assert len(names) == 4  # the ordering is not among the unanswered
    show(page, "welcome")  # moving on saves at once
    page.reload()
    page.wait_for_selector("html.sbfa-ready")
    begin(page)  # past the welcome screen (issue 12 item 1)
    show(page, "final")
    assert page.is_checked("#k-final-steps")
