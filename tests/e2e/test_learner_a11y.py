"""Accessibility of every distinct learner page template, in an LTR and an RTL language.

axe-core (tests/e2e/node_modules/axe-core) runs in Debian's Chromium on: a page, a case study,
a quiz before and after answering, a resource list and an exercise page; the WCAG 2.1 A and AA
rules must report nothing. Screenshots of a lesson page and a quiz at 360x740 and 1280x800 are
saved as test artefacts.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from learner_support import axe_violations, build_site, console_errors, ready, show

TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
ROOTS = {"ltr": "learner", "rtl": "learner-ar"}


@pytest.fixture()
def axe_page(browser: Any) -> Iterator[Any]:
    """A page whose CSP lets the test inject axe-core (the package's own CSP forbids inline scripts)."""
    context = browser.new_context(bypass_csp=True)
    context.set_default_timeout(15_000)
    yield context.new_page()
    context.close()


@pytest.mark.timeout(180)
@pytest.mark.parametrize("direction", ["ltr", "rtl"])
def test_every_template_has_no_wcag21_aa_violation(direction: str, axe_page: Any, serve: Any, tmp_path: Path,
                                                   artifacts: Path) -> None:
    """WCAG 2.1 A/AA (axe tags wcag2a, wcag2aa, wcag21a, wcag21aa) on each lesson template, light and dark."""
    page = axe_page
    base = serve(build_site(ROOTS[direction], tmp_path / "site"))
    errors = console_errors(page)
    page.set_viewport_size({"width": 1280, "height": 800})
    ready(page, base + "/index.html")
    assert page.get_attribute("html", "dir") == direction
    lessons = {"page": "welcome", "case-study": "amira", "exercise": "plan", "resources": "links", "quiz": "final"}
    found: dict[str, list[dict[str, Any]]] = {}
    for kind, lesson in lessons.items():
        show(page, lesson)
        found[kind] = axe_violations(page, TAGS)
    # the quiz after answering: feedback, marks and the result are shown
    quiz = "#l-final"
    page.click(f"{quiz} .choice label >> nth=0")
    page.click(f"{quiz} button[type=submit]")
    if page.is_visible(f"{quiz} .quiz-alert"):
        page.click(f"{quiz} button[type=submit]")
    page.wait_for_selector(f"{quiz} .result:not([hidden])")
    found["quiz answered"] = axe_violations(page, TAGS)
    # dark mode has its own colours: the same pages again (the quiz as answered)
    page.emulate_media(color_scheme="dark")
    for kind, lesson in lessons.items():
        show(page, lesson)
        found[f"{kind} (dark)"] = axe_violations(page, TAGS)
    report = {k: v for k, v in found.items() if v}
    (artifacts / f"axe-learner-{direction}.json").write_text(json.dumps(found, indent=1, ensure_ascii=False))
    assert not report, json.dumps(report, indent=1, ensure_ascii=False)
    assert not errors


@pytest.mark.timeout(120)
@pytest.mark.parametrize("direction", ["ltr", "rtl"])
def test_screenshots_of_a_lesson_and_a_quiz(direction: str, page: Any, serve: Any, tmp_path: Path,
                                           artifacts: Path) -> None:
    """Phone (360x740, and 740x360 in landscape) and desktop (1280x800) views, kept in test-artifacts/."""
    base = serve(build_site(ROOTS[direction], tmp_path / "site"))
    for width, height in ((360, 740), (740, 360), (1280, 800)):
        page.set_viewport_size({"width": width, "height": height})
        ready(page, base + "/index.html")
        show(page, "welcome")
        page.screenshot(path=str(artifacts / f"learner-{direction}-{width}x{height}-lesson.png"))
        show(page, "final")
        page.screenshot(path=str(artifacts / f"learner-{direction}-{width}x{height}-quiz.png"), full_page=True)
        # readable without zoom: nothing wider than the screen
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        page.evaluate("localStorage.clear()")
