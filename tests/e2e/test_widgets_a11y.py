"""Accessibility of every exercise kind, left to right (en) and right to left (ar).

axe-core finds no WCAG 2.1 A/AA violation in any exercise, empty or answered (results, chart and
error messages shown); every target is at least 44 px; nothing spills out of a 320 px screen.
Screenshots of the canvas and the calculator at 360×740 and 1280×800 are kept as artefacts.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from widgets_support import LESSONS, axe_script, build_tour, field, open_lesson

pytestmark = [pytest.mark.browser, pytest.mark.timeout(240)]

WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
AXE = """async ([sel, tags]) => {
  const r = await axe.run(document.querySelector(sel), {runOnly: {type: "tag", values: tags}});
  return r.violations.map(v =>
    `${v.id} (${v.impact}): ${v.help} at ` + v.nodes.map(n => n.target.join(" ")).join(", "));
}"""
TARGETS = """w => [...w.querySelectorAll(
    "label.sbfa-opt, button, summary, a, input[type=text], input[type=date], textarea")]
  .filter(n => n.getClientRects().length && !n.closest(".sbfa-sr"))
  .map(n => [n.tagName + " " + n.textContent.trim().slice(0, 30), n.getBoundingClientRect()])
  .filter(([, r]) => r.height < 44 || r.width < 44).map(([name, r]) => `${name}: ${r.width}x${r.height}`)"""
SPILLS = """w => [...w.querySelectorAll("*")].filter(n => { const r = n.getBoundingClientRect();
  return r.width && (r.right > innerWidth + 1 || r.left < -1); }).map(n => n.tagName + "." + n.className)"""


@pytest.fixture(scope="module")
def packages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return build_tour(tmp_path_factory.mktemp("widgets-a11y"))


def _answer(kind: str, w: Any) -> None:
    """Answers that make each widget show its results, its chart and an error message."""
    if kind == "self-assessment":
        for item in ("customers", "price", "savings", "debt"):
            w.locator(f'input[data-field="{item}"][value="2"]').check()
    elif kind == "calculator":
        field(w, "price").fill("25")
        field(w, "unit_cost").fill("10")
        field(w, "tax").fill("150")  # out of range: an error message next to the field
        field(w, "tax").blur()
    elif kind == "checklist":
        field(w, "bank").check()
    else:
        w.locator("textarea, input[type=text]").first.fill("نص تجريبي and some text")
        w.locator(".sbfa-x-submit").click()


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_every_exercise_kind_is_accessible(lang: str, browser: Any, packages: dict[str, Path],
                                           serve: Callable[[Path], str], artifacts: Path) -> None:
    context = browser.new_context(bypass_csp=True, viewport={"width": 1280, "height": 800})  # to inject axe
    try:
        page = context.new_page()
        url = serve(packages[lang])
        open_lesson(page, url, LESSONS["self-assessment"])
        assert page.evaluate("document.documentElement.dir") == ("rtl" if lang == "ar" else "ltr")
        page.add_script_tag(path=str(axe_script()))
        # the check itself works: an unlabelled field is reported
        page.evaluate("() => document.querySelector('.sbfa-x-body').append(document.createElement('input'))")
        assert any(v.startswith("label ") for v in page.evaluate(AXE, ["#l-l-readiness", WCAG]))
        page.evaluate("() => document.querySelector('.sbfa-x-body > input').remove()")
        found: dict[str, list[str]] = {}
        for kind, lesson in LESSONS.items():
            w = open_lesson(page, url, lesson)
            w.locator("details.sbfa-x-ex > summary").click()
            found[f"{kind} (empty)"] = page.evaluate(AXE, [f"#l-{lesson}", WCAG])
            _answer(kind, w)
            found[kind] = page.evaluate(AXE, [f"#l-{lesson}", WCAG])
            found[f"{kind}: targets under 44 px"] = w.evaluate(TARGETS)
        if lang == "en":  # dark mode: every colour comes from the theme's dark values or the system colours
            page.emulate_media(color_scheme="dark")
            for kind, lesson in LESSONS.items():
                open_lesson(page, url, lesson)
                found[f"{kind} (dark)"] = page.evaluate(AXE, [f"#l-{lesson}", WCAG])
            page.emulate_media(color_scheme="light")
        for size in ((360, 740), (1280, 800)):
            page.set_viewport_size({"width": size[0], "height": size[1]})
            for kind in ("canvas", "calculator"):
                w = open_lesson(page, url, LESSONS[kind])
                w.locator(".sbfa-x-body").scroll_into_view_if_needed()
                name = f"widgets-{lang}-{kind}-{size[0]}x{size[1]}"
                page.screenshot(path=str(artifacts / f"{name}.png"))
                page.screenshot(path=str(artifacts / f"{name}-full.png"), full_page=True)
        page.set_viewport_size({"width": 320, "height": 640})
        for kind, lesson in LESSONS.items():
            found[f"{kind}: spills out at 320 px"] = open_lesson(page, url, lesson).evaluate(SPILLS)
    finally:
        context.close()
    (artifacts / f"axe-widgets-{lang}.json").write_text(json.dumps(found, indent=1, ensure_ascii=False))
    problems = {k: v for k, v in found.items() if v}
    assert not problems, json.dumps(problems, indent=1, ensure_ascii=False)
