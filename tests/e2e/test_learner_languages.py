"""A multilingual package: the learner switches language mid-course, in place, and keeps everything.

The same course is rendered in English (launched), German and Arabic; the interface strings
come from the interface catalogs. Progress, answers and the bookmark are keyed by stable ids,
so they carry over; the page is never reloaded (a SCORM SCO must not unload).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from learner_support import console_errors, course_unit, ready, show, write_site

from sbfa_pack.render import render_unit

pytestmark = pytest.mark.timeout(120)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    unit = course_unit("learner")
    variants = [replace(unit, language=lang) for lang in ("de", "ar")]
    return write_site(render_unit(unit, "none", variants), tmp_path_factory.mktemp("multi") / "site")


def test_switching_language_keeps_progress_answers_and_place(site: Path, page: Any, serve: Any) -> None:
    errors = console_errors(page)
    base = serve(site)
    ready(page, base + "/index.html")
    page.evaluate("window.__sameDocument = true")
    names = page.locator("#sbfa-lang option").all_inner_texts()
    assert names == ["العربية", "Deutsch", "English"]  # each language named in itself
    assert page.get_attribute("#sbfa-lang option[value='ar']", "lang") == "ar"
    show(page, "check")
    page.check("#c-check-fixed-rent")
    page.click("#q-check-fixed [data-check]")
    show(page, "final")
    page.fill("#i-final-word", "revenue")
    page.select_option("#sbfa-lang", "de")
    page.wait_for_selector("html[lang='de']", state="attached")
    assert page.evaluate("window.__sameDocument") is True  # switched in place
    assert page.is_visible("#l-final") and page.input_value("#i-final-word") == "revenue"
    assert page.inner_text("#sbfa-next").strip().startswith("Weiter")
    assert page.evaluate("document.activeElement.id") == "sbfa-lang"
    show(page, "check")
    assert page.is_checked("#c-check-fixed-rent") and page.is_disabled("#c-check-fixed-rent")
    assert page.inner_text("#sbfa-progress-text") != ""
    page.select_option("#sbfa-lang", "ar")
    page.wait_for_selector("html[lang='ar']", state="attached")
    assert page.get_attribute("html", "dir") == "rtl"
    state = page.evaluate("SBFA.core.state()")
    assert state["lang"] == "ar" and {"welcome", "check", "final"} <= set(state["seen"])
    assert state["q"]["fixed"]["ok"] == 1 and state["q"]["word"]["r"] == "revenue"
    # the choice is remembered: the next launch opens in Arabic where the learner was
    page.reload()
    page.wait_for_selector("html[lang='ar'].sbfa-ready", state="attached")
    assert page.is_visible("#l-check")
    assert not errors


def test_the_browser_language_is_the_default(site: Path, browser: Any, serve: Any) -> None:
    context = browser.new_context(locale="de-DE")
    page = context.new_page()
    ready(page, serve(site) + "/index.html")
    page.wait_for_selector("html[lang='de']", state="attached")
    assert page.input_value("#sbfa-lang") == "de"
    context.close()
