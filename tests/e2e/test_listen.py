"""Listen (issue 12 item 9): text lessons and case studies read aloud by the browser's speech
synthesis, in Chromium with a stubbed ``speechSynthesis`` that records what it is asked to say.

The stub (installed before the page's scripts) offers the voices a test chooses, records each
``speak`` (text, language), ``pause``, ``resume`` and ``cancel``, and ends the current utterance
when the test says so. Samples: tests/roots/learner (en) and tests/roots/learner-ar (ar).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from learner_support import axe_violations, build_site, console_errors, ready, show

pytestmark = pytest.mark.timeout(180)
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
STUB = """
(() => {
  const log = [];
  const voice = l => ({lang: l.replace("~", ""), name: l, localService: !l.startsWith("~")});  // ~: a network voice
  let voices = null;  // the test's choice (window.__voices, set by a later init script), read when asked
  window.__log = log;
  window.SpeechSynthesisUtterance = function (text) { this.text = text; };
  const ss = {
    getVoices: () => voices || (window.__voices || "en-US").split(",").map(voice),
    speak(u) { log.push(["speak", u.text, u.lang, u.voice && u.voice.lang]); ss.cur = u; },
    pause() { log.push(["pause"]); }, resume() { log.push(["resume"]); },
    cancel() { log.push(["cancel"]); const u = ss.cur; ss.cur = null; if (u && u.onend) { u.onend(); } },
  };
  window.__setVoices = langs => { voices = langs.map(voice); ss.onvoiceschanged(); };
  window.__end = () => { const u = ss.cur; ss.cur = null; u.onend(); };
  Object.defineProperty(window, "speechSynthesis", {value: ss, configurable: true});
})();
"""


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    tmp = tmp_path_factory.mktemp("listen")
    return {"en": build_site("learner", tmp / "en"), "ar": build_site("learner-ar", tmp / "ar")}


@pytest.fixture()
def stubbed(browser: Any) -> Iterator[Any]:
    """A page with the speech stub; CSP bypassed so that axe can be injected."""
    context = browser.new_context(bypass_csp=True)
    context.set_default_timeout(15_000)
    context.add_init_script(STUB)
    yield context.new_page()
    context.close()


def spoken(page: Any) -> list[list[str]]:
    return page.evaluate("window.__log.filter(e => e[0] === 'speak')")


def test_listen_reads_the_lesson_pauses_resumes_and_stops_on_leaving(stubbed: Any, sites: dict[str, Path],
                                                                     serve: Any) -> None:
    """Issue 12 item 9: the page's text (headings, paragraphs, list items; no image, no hidden part),
    in chunks, in the lesson's language; pause, resume; leaving the lesson stops the reading."""
    page = stubbed
    errors = console_errors(page)
    ready(page, serve(sites["en"]) + "/index.html")
    show(page, "welcome")
    listen = "#l-welcome .listen button >> nth=0"
    stop = "#l-welcome .listen button >> nth=1"
    assert page.is_visible(listen) and not page.is_visible(stop)
    assert page.get_attribute(listen, "aria-pressed") == "false"
    page.focus(listen)
    page.keyboard.press("Enter")  # keyboard operable
    assert page.get_attribute(listen, "aria-pressed") == "true" and page.is_visible(stop)
    first = spoken(page)
    assert first == [["speak", "Welcome", "en", "en-US"]]
    texts = ["Welcome"]
    for _ in range(10):
        page.evaluate("window.__end()")
        said = spoken(page)
        if len(said) == len(texts):
            break
        texts.append(said[-1][1])
    assert texts == ["Welcome", "Starting a business is a journey.", "This course takes about 45 minutes.",
                     "What you will learn", "how costs work",
                     "where to find help (for example Altinn (opens in a new tab))"]
    assert page.get_attribute(listen, "aria-pressed") == "false" and not page.is_visible(stop)  # read to the end
    # pause and resume, then leaving the lesson stops it
    page.click(listen)
    page.click(listen)
    assert page.evaluate("window.__log.slice(-1)[0]") == ["pause"]
    assert page.get_attribute(listen, "aria-pressed") == "false" and page.is_visible(stop)
    page.click(listen)
    assert page.evaluate("window.__log.slice(-1)[0]") == ["resume"]
    assert page.get_attribute(listen, "aria-pressed") == "true"
    count = len(spoken(page))
    show(page, "amira")
    assert page.evaluate("window.__log.slice(-1)[0]") == ["cancel"]
    assert len(spoken(page)) == count  # nothing more read after leaving
    # the case study has its own button; Stop ends the reading
    page.click("#l-amira .listen button >> nth=0")
    assert spoken(page)[-1][1] == "Amira's bakery"
    page.click("#l-amira .listen button >> nth=1")
    assert page.evaluate("window.__log.slice(-1)[0]") == ["cancel"]
    assert page.get_attribute("#l-amira .listen button >> nth=0", "aria-pressed") == "false"
    assert not errors


def test_listen_is_hidden_without_a_voice_for_the_language(stubbed: Any, sites: dict[str, Path],
                                                           serve: Any) -> None:
    """Issue 12 item 9: no voice of the device for the lesson's language → no button (a network voice
    does not count: nothing is sent anywhere); a voice loaded late shows it."""
    page = stubbed
    page.add_init_script("window.__voices = 'fr-FR,de-DE,~ar-SA'")  # an Arabic voice on the network: not used
    ready(page, serve(sites["ar"]) + "/index.html")
    show(page, "welcome")
    assert not page.is_visible("#l-welcome .listen")
    page.evaluate("window.__setVoices(['fr-FR', 'ar_SA'])")  # Android names voices ar_SA
    assert page.is_visible("#l-welcome .listen")
    page.click("#l-welcome .listen button >> nth=0")
    assert spoken(page)[0][2:] == ["ar", "ar_SA"]


def test_listen_is_absent_without_speech_synthesis(page: Any, sites: dict[str, Path], serve: Any) -> None:
    """Issue 12 item 9: a browser without the API never shows the button."""
    page.add_init_script("delete Window.prototype.speechSynthesis; delete window.speechSynthesis")
    ready(page, serve(sites["en"]) + "/index.html")
    show(page, "welcome")
    assert page.locator("#l-welcome .listen").count() == 1 and not page.is_visible("#l-welcome .listen")


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_listen_has_no_wcag21_aa_violation(lang: str, stubbed: Any, sites: dict[str, Path], serve: Any) -> None:
    """Issue 12 item 9: axe-core WCAG 2.1 A/AA, the buttons shown, idle and reading."""
    page = stubbed
    page.add_init_script("window.__voices = 'en-GB,ar-EG'")
    ready(page, serve(sites[lang]) + "/index.html")
    show(page, "amira")
    assert page.is_visible("#l-amira .listen")
    idle = axe_violations(page, TAGS)
    page.click("#l-amira .listen button >> nth=0")
    assert not idle and not axe_violations(page, TAGS)
