"""The survey lesson in real Chromium (issue 14 item 1): fill, change, submit, resume; phones and RTL; axe.

The sample tests/roots/survey (English, and Arabic from its PO) is rendered with the `none` adapter
(progress kept in this browser, as on any LMS's resume path). At 320 px and 1280 px: no horizontal
overflow, axe-core's WCAG 2.1 A/AA rules report nothing before and after submitting.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from learner_support import axe_violations, console_errors, course_unit, ready, show, write_site

from sbfa_pack.render import render_unit

TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.fixture()
def axe_page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(bypass_csp=True)
    context.set_default_timeout(15_000)
    yield context.new_page()
    context.close()


def _state(page: Any) -> dict[str, Any]:
    return page.evaluate("JSON.parse(JSON.stringify(SBFA.core.state()))")  # type: ignore[no-any-return]


@pytest.mark.timeout(180)
@pytest.mark.parametrize("lang", ["en", "ar"])
def test_fill_submit_and_resume_a_survey(lang: str, axe_page: Any, serve: Any, tmp_path: Path,
                                         artifacts: Path) -> None:
    """Issue 14 item 1: Likert, choice, choices, text and rating answered; a required item is asked for;
    answers survive a reload and can be changed before submitting; submitted, the survey thanks the
    learner, locks, and counts for completion; an anonymous survey's answers never enter the state;
    no horizontal overflow at 320 and 1280 px; zero WCAG 2.1 A/AA violations (axe-core)."""
    page = axe_page
    base = serve(write_site(render_unit(course_unit("survey", lang if lang != "en" else None), "none"),
                            tmp_path / "site"))
    errors = console_errors(page)
    found: dict[str, Any] = {}
    for width in (320, 1280):
        page.set_viewport_size({"width": width, "height": 800})
        ready(page, base + "/index.html")
        assert page.get_attribute("html", "dir") == ("rtl" if lang == "ar" else "ltr")
        for lesson in ("confidence-before", "confidence-after", "satisfaction"):
            show(page, lesson)
            assert page.evaluate("document.documentElement.scrollWidth") <= width, (lesson, width)
            if width == 320:  # the same markup at both widths: axe once
                found[lesson] = axe_violations(page, TAGS)
        page.screenshot(path=str(artifacts / f"survey-{lang}-{width}.png"), full_page=True)
    # A required item unanswered: the learner is told and taken to it.
    form = "#survey-confidence-after"
    show(page, "confidence-after")
    page.click(f"{form} button[type=submit]")
    page.wait_for_selector(f"{form} .sv-alert:not([hidden])")
    assert page.evaluate("document.activeElement.name") == "confidence-after-plan"
    found["alert"] = axe_violations(page, TAGS)
    page.click(f"{form} [data-item=plan] .pt >> nth=1")
    page.click(f"{form} [data-item=channel] label >> nth=2")
    page.click(f"{form} [data-item=topics] label >> nth=0")
    page.click(f"{form} [data-item=topics] label >> nth=2")
    page.fill(f"{form} [data-item=name-idea] input", "Café on wheels")
    page.click(f"{form} [data-item=recommend] .pt >> nth=9")
    assert "66" in page.text_content(f"{form} [data-item=name-idea] .sv-count")  # 80 - 14 characters left
    page.wait_for_timeout(700)  # the core saves after a short pause
    ready(page, base + "/index.html")  # resume: the answers come back, still changeable
    show(page, "confidence-after")
    assert page.is_checked(f"{form} [data-item=plan] input[value='2']")
    assert page.input_value(f"{form} [data-item=name-idea] input") == "Café on wheels"
    page.click(f"{form} [data-item=plan] .pt >> nth=3")  # changed before submitting
    page.click(f"{form} button[type=submit]")
    page.wait_for_selector(f"{form} .sv-done:not([hidden])")
    found["submitted"] = axe_violations(page, TAGS)
    st = _state(page)
    assert st["sd"] == ["confidence-after"]
    assert st["sv"]["confidence-after"] == {"plan": 4, "channel": "web", "topics": ["money", "customers"],
                                            "name-idea": "Café on wheels", "recommend": 9}
    assert page.is_disabled(f"{form} [data-item=plan] input >> nth=0")
    # The anonymous survey: answers only in this browser until sent, never in the saved state.
    show(page, "satisfaction")
    anon = "#survey-satisfaction"
    assert page.is_visible(f"{anon} ~ .sv-anon, .sv-anon[data-anon=xapi]")
    page.click(f"{anon} [data-item=clear] .pt >> nth=3")
    page.fill(f"{anon} [data-item=comments] textarea", "More about taxes, please.")
    page.click(f"{anon} button[type=submit]")
    page.wait_for_selector(f"{anon} .sv-done:not([hidden])")
    st = _state(page)
    assert "satisfaction" in st["sd"] and "satisfaction" not in st.get("sv", {})
    assert "taxes" not in page.evaluate("JSON.stringify(localStorage)")
    # Completion needs the two named surveys submitted and the page seen.
    assert page.evaluate("SBFA.core.decide().completed") is False
    show(page, "confidence-before")
    page.click("#survey-confidence-before [data-item=plan] .pt >> nth=0")
    page.click("#survey-confidence-before button[type=submit]")
    show(page, "welcome")
    assert page.evaluate("SBFA.core.decide()") == {"completed": True, "passed": None, "score": None}
    report = {k: v for k, v in found.items() if v}
    (artifacts / f"axe-survey-{lang}.json").write_text(json.dumps(found, indent=1, ensure_ascii=False))
    assert not report, json.dumps(report, indent=1, ensure_ascii=False)
    assert not errors
