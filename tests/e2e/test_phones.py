"""Phones first, everywhere (issue 12 item 7; WCAG 2.1 1.4.10 Reflow, WCAG 2.2 2.4.11).

tests/roots/phones has every lesson kind, question type and exercise kind, with long Ukrainian,
German and Greek words, long addresses, a table and long menu options; it is rendered in en, ar
(right to left) and uk and walked at 320, 360 and 1280 px. Screenshots at 320 px are kept in
test-artifacts/.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from learner_support import axe_violations, begin, console_errors, course_unit, ready, show, write_site
from phones_support import no_overflow
from scorm12_support import LEARNER, build_package, launch, lms, lms_site

from sbfa_pack.render import render_unit

pytestmark = pytest.mark.timeout(240)
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    tmp = tmp_path_factory.mktemp("phones")
    return {lang: write_site(render_unit(course_unit("phones", None if lang == "en" else lang), "none"), tmp / lang)
            for lang in ("en", "ar", "uk")}


@pytest.fixture()
def csp_free_page(browser: Any) -> Iterator[Any]:
    """A page that lets the test inject axe-core (the package's CSP forbids inline scripts)."""
    context = browser.new_context(bypass_csp=True)
    context.set_default_timeout(15_000)
    yield context.new_page()
    context.close()


def answer_final(page: Any) -> None:
    page.check("#c-final-single-flour")
    page.check("#c-final-multi-pack")
    page.check("#c-final-tf-false")
    page.fill("#i-final-fill", "Найвисококваліфікованішими")
    for source, target in (("p1", "p2"), ("p2", "p1"), ("p3", "p3")):
        page.select_option(f"#m-final-match-{source}", target)
    page.click("#q-final-order [data-move='1']")
    page.fill("#i-final-num", "31")
    page.click("#quiz-final [type=submit]")
    page.wait_for_selector("#quiz-final .result:not([hidden])")


@pytest.mark.parametrize("lang", ["en", "ar", "uk"])
def test_no_horizontal_overflow_on_any_lesson(lang: str, sites: dict[str, Path], csp_free_page: Any, serve: Any,
                                              artifacts: Path) -> None:
    """Issue 12 item 7: at 320, 360 and 1280 px no lesson, question or exercise is wider than the
    screen (matching menus with long options, long words, addresses, tables) — WCAG 1.4.10 Reflow;
    a wide table scrolls in its own focusable region; worksheet radios sit beside their text."""
    page = csp_free_page
    errors = console_errors(page)
    base = serve(sites[lang])
    page.set_viewport_size({"width": 320, "height": 640})
    ready(page, base + "/index.html")
    lessons = page.evaluate("SBFA.data.lessons.map(l => l.id)")
    for width in (1280, 360, 320):
        page.set_viewport_size({"width": width, "height": 640 if width < 1000 else 800})
        for lesson in lessons:
            show(page, lesson)
            no_overflow(page, f"{lang} {width}px {lesson}")
    show(page, "long")
    box = page.locator("#l-long .table-box")
    assert box.get_attribute("tabindex") == "0" and box.get_attribute("aria-label")
    assert page.evaluate("b => b.scrollWidth > b.clientWidth", box.element_handle()), "the table scrolls in its box"
    if lang != "uk":
        assert axe_violations(page, TAGS) == []
        page.screenshot(path=str(artifacts / f"phones-{lang}-320-long-words.png"), full_page=True)
    show(page, "x-readiness")  # the long self-check, one statement at a time
    assert page.locator("#l-x-readiness .sbfa-steps").is_visible()
    if lang != "uk":
        assert axe_violations(page, TAGS) == []
        page.screenshot(path=str(artifacts / f"phones-{lang}-320-self-check-step.png"))
    show(page, "x-pitch")
    radio = page.locator("#l-x-pitch .sbfa-opt input").first.bounding_box()
    text = page.locator("#l-x-pitch .sbfa-opt span").first.bounding_box()
    assert radio and text
    assert abs((radio["y"] + radio["height"] / 2) - (text["y"] + text["height"] / 2)) < 4, "radio beside its text"
    assert page.evaluate("getComputedStyle(document.querySelector('#l-x-pitch .sbfa-opt')).fontWeight") == "400"
    if lang != "uk":
        radios = artifacts / f"phones-{lang}-320-worksheet-radios.png"
        page.locator("#l-x-pitch fieldset").first.screenshot(path=str(radios))
    show(page, "final")
    answer_final(page)
    no_overflow(page, f"{lang} 320px final quiz marked")
    if lang != "uk":
        assert axe_violations(page, TAGS) == []
        page.screenshot(path=str(artifacts / f"phones-{lang}-320-final-quiz.png"), full_page=True)
    assert errors == []


def test_focus_never_hidden_under_the_sticky_footer(sites: dict[str, Path], page: Any, serve: Any) -> None:
    """Issue 12 item 7 (WCAG 2.2 2.4.11 Focus Not Obscured): tabbing through the contents and a long
    worksheet at 1280x800, every focused element is above the sticky footer."""
    base = serve(sites["en"])
    page.set_viewport_size({"width": 1280, "height": 800})
    ready(page, base + "/index.html")
    show(page, "x-pitch")
    hidden = []
    for n in range(45):
        page.keyboard.press("Tab")
        # The page scrolls smoothly (scroll-behavior: smooth): measure once the scroll has settled.
        page.evaluate("""() => new Promise(done => {
          let last = -1;
          const tick = () => { if (window.scrollY === last) { done(); return; }
            last = window.scrollY; requestAnimationFrame(() => requestAnimationFrame(tick)); };
          tick();
        })""")
        got = page.evaluate("""() => {
          const el = document.activeElement, foot = document.querySelector('footer.bottom');
          if (!el || el === document.body || foot.contains(el)) return null;
          const r = el.getBoundingClientRect();
          return {what: el.outerHTML.slice(0, 80), bottom: r.bottom, top: foot.getBoundingClientRect().top};
        }""")
        if got and got["bottom"] > got["top"] + 0.5:
            hidden.append((n, got))
    assert hidden == []


def test_back_goes_to_the_previous_lesson_in_the_sco(tmp_path: Path, page: Any, serve: Any) -> None:
    """Issue 12 item 7: the browser's Back (the Android back gesture) shows the previous lesson in
    the same SCO (no LMSFinish, still initialised under scorm-again), Forward comes back, and Back
    from the first lesson leaves the course as before; a restore adds no history entry."""
    base = serve(lms_site(build_package(tmp_path), tmp_path / "site"))
    page.goto("about:blank")
    frame = launch(page, base, dict(LEARNER))
    start = page.evaluate("history.length")
    lessons = page.main_frame.child_frames[0].evaluate("SBFA.data.lessons.map(l => l.id)")
    assert len(lessons) >= 2
    frame.locator("#sbfa-next").click()
    frame.locator(f"#l-{lessons[1]}:not([hidden])").wait_for()
    assert page.evaluate("history.length") == start + 1
    page.evaluate("history.back()")
    frame.locator(f"#l-{lessons[0]}:not([hidden])").wait_for()
    assert frame.locator(f"#l-{lessons[0]} h1").evaluate("h => h === document.activeElement")
    page.evaluate("history.forward()")
    frame.locator(f"#l-{lessons[1]}:not([hidden])").wait_for()
    calls = [c["fn"] for c in lms(page)["log"]]
    assert calls.count("LMSInitialize") == 1 and "LMSFinish" not in calls
    assert page.evaluate("LMS.isInitialized()")
    page.evaluate("history.back()")
    frame.locator(f"#l-{lessons[0]}:not([hidden])").wait_for()
    page.evaluate("setTimeout(() => history.back(), 0)")  # this one unloads the page
    page.wait_for_url("about:blank")


def test_long_self_check_one_statement_at_a_time(sites: dict[str, Path], page: Any, serve: Any,
                                                  artifacts: Path) -> None:
    """Issue 12 item 7: a self-check of twelve statements shows one at a time with Back/Next and the
    count "Question n of 12"; answers on hidden statements are kept, and the result appears once all
    are answered; after a reload it opens at the first statement not answered yet."""
    base = serve(sites["en"])
    page.set_viewport_size({"width": 320, "height": 640})
    ready(page, base + "/index.html")
    show(page, "x-readiness")
    box = page.locator("#l-x-readiness")
    assert box.locator(".sbfa-likert > li:visible").count() == 1
    assert box.locator(".sbfa-step-n").inner_text() == "Question 1 of 12"
    assert box.locator(".sbfa-steps [data-step='-1']").is_disabled()

    def answer(first: int, last: int) -> None:
        for n in range(first, last + 1):
            box.locator(f'input[data-field="i{n}"][value="3"]').check()
            if n < 12:
                box.locator(".sbfa-steps [data-step='1']").click()
                assert box.locator(".sbfa-step-n").inner_text() == f"Question {n + 1} of 12"
                assert page.evaluate("document.activeElement.tagName") == "FIELDSET"

    answer(1, 6)
    page.reload()
    page.wait_for_selector("html.sbfa-ready")
    begin(page)  # past the welcome screen (issue 12 item 1)
    show(page, "x-readiness")
    assert box.locator(".sbfa-step-n").inner_text() == "Question 7 of 12", "resumes at the first open statement"
    answer(7, 12)
    assert box.locator(".sbfa-steps [data-step='1']").is_disabled()
    for _ in range(6):
        box.locator(".sbfa-steps [data-step='-1']").click()
    assert box.locator('input[data-field="i6"][value="3"]').is_checked(), "answers are kept"
    assert box.locator(".sbfa-chart").is_visible()
    no_overflow(page, "en 320px self-check result")
    page.screenshot(path=str(artifacts / "phones-en-320-self-check.png"), full_page=True)
