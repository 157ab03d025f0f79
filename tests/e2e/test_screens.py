"""The welcome and end screens (issue 12 items 1 and 5), in Chromium: a new learner starts on the
welcome screen (description, outcomes, time, modules, how progress is kept), a returning one on the
bookmark; the end screen puts the result first with the runtime's own rules (under scorm-again:
what the LMS is told), links what is left, and offers a printable A4 certificate with the LMS's name."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from learner_support import axe_violations, course_unit, ready, write_site
from phones_support import no_overflow
from scorm12_support import LEARNER, build_package, launch, lms, lms_site

from sbfa_pack.render import render_unit

pytestmark = pytest.mark.timeout(240)
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# Every lesson seen and every quiz that counts submitted, with the score given: the course is then decided.
FINISH = """(x, y) => { const st = SBFA.core.state(), s = typeof x === "number" ? x : y;
  SBFA.data.lessons.forEach(l => { if (!st.seen.includes(l.id)) st.seen.push(l.id); });
  const graded = SBFA.data.success ? SBFA.data.success.quizzes.map(w => w.quiz) : [];
  SBFA.data.completion.quizzes.concat(graded).forEach(q => { st.quiz[q] = {done: true, s: s, n: 1}; });
  SBFA.screens.end(true); }"""


@pytest.fixture()
def axe_page(browser: Any) -> Iterator[Any]:
    """A page whose CSP lets the test inject axe-core."""
    context = browser.new_context(bypass_csp=True)
    context.set_default_timeout(15_000)
    yield context.new_page()
    context.close()


def site(tmp: Path, lang: str, adapter: str = "none") -> Path:
    unit = course_unit("learner", None if lang == "en" else lang)
    return write_site(render_unit(unit, adapter), tmp / f"{lang}-{adapter}")


def test_a_new_learner_starts_on_the_welcome_screen(tmp_path: Path, page: Any, serve: Any) -> None:
    """Issue 12 item 1: the welcome screen shows the description, the outcomes, the time, the
    modules with their time and how progress is kept; Start opens the first lesson; after a reload
    the learner is on the bookmark, and the contents bring the welcome back with Continue."""
    base = serve(site(tmp_path, "en"))
    ready(page, base + "/index.html", start=False)
    w = page.locator("#sbfa-welcome")
    assert w.is_visible() and page.locator("section.lesson:visible").count() == 0
    text = w.inner_text()
    assert "A course that uses every lesson kind" in text
    assert w.locator("ul li").all_inner_texts() == ["Describe your business idea in one sentence",
                                                    "Work out what your product costs",
                                                    "Find the offices that register a business"]
    assert "45 minutes" in text and "saved in this browser on this device" in text
    assert w.locator("ol li").count() >= 2
    page.locator("#sbfa-start").click()
    first = page.locator("section.lesson:visible")
    assert first.count() == 1 and w.is_hidden()
    page.locator("#sbfa-next").click()
    here = page.locator("section.lesson:visible").get_attribute("id")
    page.reload()
    page.wait_for_selector("html.sbfa-ready")
    assert page.locator("section.lesson:visible").get_attribute("id") == here and w.is_hidden()
    page.evaluate("() => { document.getElementById('sbfa-toc').open = true; }")
    page.locator("[data-screen=welcome]").click()
    assert w.is_visible() and page.locator("#sbfa-start").inner_text() == "Continue"
    assert page.evaluate("() => document.activeElement.id") == "sbfa-welcome-h"
    page.locator("#sbfa-start").click()
    assert page.locator("section.lesson:visible").get_attribute("id") == here


def test_an_lms_package_says_the_platform_keeps_progress() -> None:
    """Issue 12 item 1: in a SCORM package the welcome says the learning platform saves progress."""
    page = render_unit(course_unit("learner"), "scorm12")["index.html"].decode()
    html = page[page.index('id="sbfa-welcome"'):page.index("</section>", page.index('id="sbfa-welcome"'))]
    assert "saved by your learning platform" in html and "saved in this browser" not in html


@pytest.mark.parametrize("lang", ["en", "ar", "uk"])
def test_both_screens_fit_every_width_and_pass_axe(tmp_path: Path, axe_page: Any, serve: Any, lang: str) -> None:
    """Issue 12 items 1 and 5: no horizontal scrolling at 320, 360 and 1280 px on the welcome and
    the end screen with its certificate (phones_support.no_overflow, as test_phones.py); axe-core
    finds no WCAG 2.1 A/AA violation (en, ar). Their screenshots are in test_gallery.py."""
    page, base = axe_page, serve(site(tmp_path, lang))
    page.set_viewport_size({"width": 360, "height": 740})
    ready(page, base + "/index.html", start=False)
    for screen in ("welcome", "end"):
        if screen == "end":
            page.evaluate(FINISH, 0.9)
        for width in (320, 360, 1280):
            page.set_viewport_size({"width": width, "height": 800 if width > 400 else 740})
            no_overflow(page, f"{lang} {width}px {screen}")
        if lang != "uk":
            assert axe_violations(page, TAGS) == [], screen


def test_the_certificate_prints_on_one_a4_page(tmp_path: Path, page: Any, serve: Any) -> None:
    """Issue 12 item 5: a learner with no LMS name types it (never saved); printed, only the
    certificate shows, on one A4 page."""
    base = serve(site(tmp_path, "ar"))
    ready(page, base + "/index.html")
    page.evaluate(FINISH, 1)
    page.locator("#sbfa-cert-in").fill("Amira Haddad")
    assert page.locator("#sbfa-cert-who").inner_text() == "Amira Haddad"
    assert "Amira" not in page.evaluate("() => localStorage.length ? Object.values(localStorage).join() : ''")
    page.emulate_media(media="print")
    assert page.locator(".cert-page").is_visible() and page.locator("#sbfa-result").is_hidden()
    pdf = page.pdf(prefer_css_page_size=True)
    assert pdf.count(b"/Type /Page\n") + pdf.count(b"/Type /Page>") + pdf.count(b"/Type /Page/") == 1 or \
        pdf.count(b"/MediaBox [0 0 595") == 1, "not one A4 page"


@pytest.fixture(scope="module")
def lms_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("screens")
    return lms_site(build_package(tmp), tmp / "site")


@pytest.mark.parametrize(("score", "status", "result"), [
    (0.85, "passed", "You passed – 85%"),
    (0.55, "failed", "You have not passed yet – 55%, you need 70%"),
    (None, "incomplete", "Still to do:"),
])
def test_the_end_screen_says_what_the_lms_is_told(lms_dir: Path, serve: Any, page: Any, score: float | None,
                                                  status: str, result: str) -> None:
    """Issue 12 item 5 (scorm-again): the result first, as the LMS records it; what is left is
    linked; the certificate (passed only) carries the LMS's name as "First Last"."""
    frame = launch(page, serve(lms_dir), LEARNER)
    if score is None:
        frame.locator("html").evaluate("() => SBFA.screens.end(true)")
    else:
        frame.locator("html").evaluate(FINISH, score)
    assert frame.locator("#sbfa-result").inner_text() == result
    assert lms(page)["cmi"]["cmi"]["core"]["lesson_status"] == status
    todo = frame.locator("#sbfa-todo a").evaluate_all("as => as.map(a => a.dataset.go)")
    assert ("final" in todo) == (status != "passed")
    assert frame.locator("#sbfa-cert").is_visible() == (status == "passed")
    if status == "passed":
        assert frame.locator("#sbfa-cert-who").inner_text() == "Amira Haddad"
        assert frame.locator("#sbfa-cert-in").is_hidden()
    if todo:
        frame.locator("#sbfa-todo a").first.click()
        assert frame.locator(f"#l-{todo[0]}").is_visible()
