"""Links never end the learner's session (issue 17 item 14), clicked in Debian's Chromium.

The sample tests/roots/links puts a web link, a packaged PDF and another packaged file (and an
in-page anchor) in every lesson kind: page, case study, quiz (intro, prompt, choices, feedback),
exercise (intro and the checklist widget's texts and link), resources. The SCORM 1.2 package runs
in scorm-again's API in the LMS page (as Moodle frames a SCO); every link is clicked. Each must
open a new tab or download, while the course frame stays on the course with the session open:
LMSInitialize done, no LMSFinish, scorm-again not terminated. Nothing reaches the network: web
addresses are answered by a stub (the new tab is what matters, not its content).
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from scorm12_support import LEARNER, go, launch, leave, lms_site

pytestmark = pytest.mark.timeout(300)

ROOT = Path(__file__).resolve().parents[1] / "roots" / "links"
LESSONS = ("page", "story", "quiz", "exercise", "help")
LEAVING = "a[href]:not([href^='#'])"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from sbfa_pack.build import build

    tmp = tmp_path_factory.mktemp("links")
    root = tmp / "links"
    shutil.copytree(ROOT, root)
    result = build(root, tmp / "dist", jobs=1, only={"links"})
    assert not result.diagnostics.errors, [str(d) for d in result.diagnostics]
    return lms_site(tmp / "dist" / result.built[0].file, tmp / "site")


@pytest.fixture()
def lms_page(browser: Any) -> Iterator[Any]:
    """A page whose context answers every address off this machine with a stub page."""
    context = browser.new_context(accept_downloads=True)
    context.set_default_timeout(15_000)
    context.route(re.compile(r"^https?://(?!127\.0\.0\.1[:/])"),
                  lambda route: route.fulfill(status=200, content_type="text/html",
                                              body="<!DOCTYPE html><title>elsewhere</title><p>elsewhere"))
    yield context.new_page()
    context.close()


def session(page: Any) -> dict[str, Any]:
    """What the LMS knows: initialised, finished, terminated; and where the course frame is."""
    return page.evaluate("""() => {
        const sco = document.getElementById('sco');
        let url = 'another site', ready = false;
        try {
            url = sco.contentWindow.location.href;
            ready = sco.contentDocument.documentElement.classList.contains('sbfa-ready');
        } catch (e) { /* the frame left the course for another origin */ }
        return {init: LOG.some(c => c.fn === 'LMSInitialize' && String(c.ret) === 'true'),
                finish: LOG.some(c => c.fn === 'LMSFinish'), terminated: LMS.isTerminated(), url, ready};
    }""")


def reveal(sco: Any, lesson: str) -> None:
    """Show what hides links until the learner acts: a quiz's feedback, an exercise's example."""
    if lesson == "quiz":
        sco.check("#c-quiz-q1-web")
        sco.click("#q-quiz-q1 [data-check]")
        sco.wait_for_selector("#q-quiz-q1 .fb-ok:not([hidden])")
    sco.evaluate("id => document.querySelectorAll('#l-' + id + ' details').forEach(d => { d.open = true; })", lesson)


def click_away(page: Any, link: Any) -> str:
    """Click ``link``; return "tab" or "download" for what the browser did."""
    href = link.get_attribute("href")
    try:
        if link.get_attribute("download") is not None:
            with page.expect_download() as dl:
                link.click()
            dl.value.cancel()
            return "download"
        with page.context.expect_page() as tab:
            link.click()
        tab.value.close()
        return "tab"
    except PlaywrightTimeout:
        raise AssertionError(f"{href} opened no new tab and downloaded nothing; the LMS now: {session(page)}") from None


def test_every_link_in_every_lesson_kind_keeps_the_session(site: Path, lms_page: Any, serve: Any) -> None:
    """Issue 17 item 14 (RTE-4: LMSFinish only when the learner leaves): web links, packaged PDFs
    and other packaged files, in every lesson kind, open a new tab or download; the SCO stays."""
    page = lms_page
    base = serve(site)
    launch(page, base, LEARNER)
    sco = page.main_frame.child_frames[0]
    course_url = sco.url
    # the learner can tell beforehand: a mark drawn by the stylesheet (screen readers get the words)
    marks = sco.evaluate("""() => ['guide.pdf', 'sheet.xlsx'].map(h => getComputedStyle(
        document.querySelector('#l-page a[href="' + h + '"]'), '::after').content)""")
    assert "↗" in marks[0] and "↓" in marks[1], marks
    clicked: dict[str, dict[str, int]] = {}
    for lesson in LESSONS:
        go(page, lesson)
        reveal(sco, lesson)
        links = sco.locator(f"#l-{lesson} {LEAVING}")
        seen: dict[str, int] = {}
        for i in range(links.count()):
            link = links.nth(i)
            href = link.get_attribute("href") or ""
            assert link.is_visible(), f"{lesson}: {href} is hidden"
            kind = click_away(page, link)
            what = "web" if href.startswith("http") else href.rsplit(".", 1)[-1]
            seen[f"{what} {kind}"] = seen.get(f"{what} {kind}", 0) + 1
            now = session(page)
            assert now == {"init": True, "finish": False, "terminated": False, "url": course_url, "ready": True}, \
                f"{lesson}: after clicking {href}: {now}"
        clicked[lesson] = seen
    # every kind of link was clicked in every lesson kind (the exercise's are the widget's own)
    for lesson, seen in clicked.items():
        assert seen.get("web tab", 0) >= 1 and seen.get("pdf tab", 0) >= 1 and seen.get("xlsx download", 0) >= 1, \
            f"{lesson}: {seen}"
    # an in-page anchor stays in the page, as it always did
    go(page, "page")
    with pytest.raises(PlaywrightTimeout), page.context.expect_page(timeout=1_000):
        sco.click("#l-page a[href='#h-page']")
    assert session(page)["url"].startswith(course_url)
    # and leaving for real still finishes the session (pagehide), once
    leave(page)
    assert [c["fn"] for c in page.evaluate("LOG")].count("LMSFinish") == 1


def test_a_link_without_a_target_is_sent_to_a_new_tab_at_the_click(site: Path, lms_page: Any, serve: Any) -> None:
    """Issue 17 item 14: a link the build did not write (a project's template, a script's HTML) would
    unload the SCO in its own window; the runtime opens it in a new tab instead."""
    page = lms_page
    base = serve(site)
    launch(page, base, LEARNER)
    sco = page.main_frame.child_frames[0]
    course_url = sco.url
    sco.evaluate("""() => {
        const p = document.querySelector('#l-page .prose');
        for (const [id, href] of [['x-web', 'https://elsewhere.example.org/'], ['x-pdf', 'guide.pdf'],
                                  ['x-top', 'https://elsewhere.example.org/top']]) {
            const a = document.createElement('a'); a.id = id; a.href = href; a.textContent = id;
            if (id === 'x-top') { a.target = '_top'; }
            p.appendChild(a);
        }
    }""")
    for link in ("#x-web", "#x-pdf", "#x-top"):
        assert click_away(page, sco.locator(link)) == "tab"
        assert session(page) == {"init": True, "finish": False, "terminated": False, "url": course_url, "ready": True}


SPY = """window.SBFA = window.SBFA || {}; SBFA.adapters = SBFA.adapters || {};
SBFA.adapters.spy = function () {
  window.RECORDED = [];
  function ok() { return Promise.resolve(true); }
  return {name: "spy", maxState: 4096, start: function () { return Promise.resolve({}); }, save: function () {},
          interaction: function (rec) { window.RECORDED.push(rec); }, event: function () {}, score: function () {},
          status: function () {}, commit: ok, finish: function () {}};
};"""


def test_recorded_quiz_texts_leave_out_the_words_for_screen_readers(page: Any, serve: Any,
                                                                      tmp_path: Path) -> None:
    """Issue 17 item 14: a link in a prompt or a choice says "(opens in a new tab)" to screen readers,
    but the interaction sent to the LMS or LRS describes the question without those words."""
    from learner_support import course_unit, ready, show, write_site

    from sbfa_pack.render import render_unit

    page.add_init_script(SPY)
    ready(page, serve(write_site(render_unit(course_unit("links"), "spy"), tmp_path / "site")) + "/index.html")
    show(page, "quiz")
    assert page.text_content("#qp-quiz-q1 a >> nth=0") == "the web guide (opens in a new tab)"
    page.check("#c-quiz-q1-web")
    page.click("#q-quiz-q1 [data-check]")
    rec = page.evaluate("RECORDED[RECORDED.length - 1]")
    assert rec["description"] == "Which guide is on the web? See the web guide, the PDF guide, the sheet."
    assert [c["text"] for c in rec["choices"]] == ["The web guide", "The PDF guide", "The sheet"]
