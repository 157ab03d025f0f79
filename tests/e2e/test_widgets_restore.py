"""Every exercise kind keeps the learner's answers: fill it in, reload the package, find everything back.

Also: a worksheet completed with the keyboard only, the calculator's live and locale-aware results
with plain messages for bad input, and the learner's own copy (print view and download).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from widgets_support import LESSONS, build_tour, console_problems, field, open_lesson

pytestmark = [pytest.mark.browser, pytest.mark.timeout(120)]


@pytest.fixture(scope="module")
def packages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return build_tour(tmp_path_factory.mktemp("widgets"))


@pytest.fixture()
def en(packages: dict[str, Path], serve: Callable[[Path], str]) -> str:
    return serve(packages["en"])


_ITEMS = {"customers": "I know who my customers are.", "price": "I know what price customers will pay.",
          "savings": "I have savings for the first months.", "debt": "I worry about paying back a loan."}
_SCALE = ["Not true", "A little true", "Mostly true", "Very true"]


def _readiness(w: Any, check: bool) -> None:
    picks = {"customers": 4, "price": 3, "savings": 2, "debt": 1}  # debt is reverse-scored: 1 counts 4
    for item, value in picks.items():
        radio = w.locator(f'input[data-field="{item}"][value="{value}"]')
        if check:
            assert radio.is_checked(), item
        else:
            w.get_by_role("group", name=_ITEMS[item]).get_by_text(_SCALE[value - 1], exact=True).click()
    assert "Your score: 13 out of 16" in w.inner_text()
    assert "Ready to start" in w.inner_text()
    assert "Book a meeting with a business adviser" in w.inner_text()  # the band's advice
    profile = w.locator(".sbfa-chart").inner_text().split("\n")
    assert profile == ["Market", "3.5 out of 4", "Money", "3 out of 4"]  # the chart says it in words too


PITCH = {"name": "Olena's Cleaning", "idea": "Weekly cleaning\nfor small offices", "customers": "40",
         "price": "1,250.50", "start": "2027-03-15"}


def _pitch(w: Any, check: bool) -> None:
    for name, value in PITCH.items():
        if check:
            assert field(w, name).input_value() == value, name
        else:
            field(w, name).fill(value)
    assert w.locator(".sbfa-x-help strong").first.inner_text() == "who"  # help is Markdown, shown as HTML
    assert w.get_by_text("Count regular customers only.").is_visible()
    services = w.locator('input[data-field="sector"][value="services"]')
    if check:
        assert services.is_checked()
    else:
        w.get_by_text("Services", exact=True).click()  # the label is the target, not only the small circle


def _areas(ids: str) -> Callable[[Any, bool], None]:
    def run(w: Any, check: bool) -> None:
        for name in ids.split():
            if check:
                assert field(w, name).input_value() == f"my {name}: ✓ «ok»", name
            else:
                field(w, name).fill(f"my {name}: ✓ «ok»")
    return run


def _calculator(w: Any, check: bool) -> None:
    values = {"price": "25", "unit_cost": "10", "tax": "20"}
    for name, value in values.items():
        if check:
            assert field(w, name).input_value() == value
        else:
            field(w, name).fill(value)
    assert w.locator('[data-output="margin"]').inner_text() == "€15.00"
    assert w.locator('[data-output="sales"]').inner_text() == "80"
    assert w.locator('[data-output="share"]').inner_text() == "60%"
    assert w.locator('[data-output="net"]').inner_text() == "€12.00"


def _checklist(w: Any, check: bool) -> None:
    for name in ("name", "tax-id", "bank"):
        if check:
            assert field(w, name).is_checked(), name
        else:
            field(w, name).check()
    assert not field(w, "form").is_checked()
    assert "3 of 4 done" in w.inner_text()


FILL = {
    "self-assessment": _readiness, "worksheet form": _pitch, "calculator": _calculator, "checklist": _checklist,
    "canvas": _areas("customers value channels relationships revenue resources activities partners costs"),
    "swot": _areas("s w o t"),
}


@pytest.mark.parametrize("kind", list(LESSONS))
def test_answers_survive_a_reload(kind: str, page: Any, en: str) -> None:
    """The learner reloads at once after typing (no pause): the pending answer is saved on pagehide."""
    problems = console_problems(page)
    widget = open_lesson(page, en, LESSONS[kind])
    FILL[kind](widget, False)
    page.reload()
    widget = open_lesson(page, en, LESSONS[kind])
    FILL[kind](widget, True)
    assert not problems, problems


def _tab_to(page: Any, selector: str, limit: int = 40) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement && document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"{selector} is not reachable with Tab")


def test_worksheet_completed_with_the_keyboard_only(page: Any, en: str) -> None:
    widget = open_lesson(page, en, LESSONS["worksheet form"])
    _tab_to(page, "summary")
    page.keyboard.press("Enter")  # the example opens from the keyboard
    assert widget.locator("details.sbfa-x-ex").get_attribute("open") is not None
    _tab_to(page, '[data-field="name"]')
    page.keyboard.type("Olena's Cleaning")
    page.keyboard.press("Tab")
    page.keyboard.type("Weekly cleaning")
    page.keyboard.press("Tab")  # into the sector radio group: arrows move and choose
    page.keyboard.press("Space")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Tab")
    page.keyboard.type("40")
    page.keyboard.press("Tab")
    page.keyboard.type("1250.50")
    page.keyboard.press("Tab")
    page.keyboard.type("03152027")  # month, day, year segments of the date field
    _tab_to(page, ".sbfa-x-submit")
    page.keyboard.press("Enter")
    status = widget.locator(".sbfa-x-status")
    assert status.inner_text() == "Done. Your answers are saved."
    saved = page.evaluate("SBFA.core.state()")
    assert saved["x"]["pitch"] == {"name": "Olena's Cleaning", "idea": "Weekly cleaning", "sector": "services",
                                   "customers": "40", "price": "1250.50", "start": "2027-03-15"}
    assert "pitch" in saved["xd"]
    # the print and download buttons come next in the tab order; focus is visible on them
    _tab_to(page, "button:not(.sbfa-x-submit)", 2)
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"


def test_worksheet_asks_for_required_fields_before_finishing(page: Any, en: str) -> None:
    widget = open_lesson(page, en, LESSONS["worksheet form"])
    page.wait_for_timeout(500)
    assert "pitch" not in page.evaluate("SBFA.core.state()")["x"], "opening an exercise changed nothing"
    widget.locator(".sbfa-x-submit").click()
    assert widget.locator(".sbfa-x-status").inner_text() == "Please fill in: Business name"
    assert page.evaluate("document.activeElement.dataset.field") == "name"
    assert "pitch" not in page.evaluate("SBFA.core.state()")["xd"]


def test_calculator_is_live_locale_aware_and_never_shows_nan(page: Any, packages: dict[str, Path],
                                                              serve: Callable[[Path], str]) -> None:
    for lang in ("en", "ar"):
        w = open_lesson(page, serve(packages[lang]), LESSONS["calculator"])
        assert field(w, "fixed").input_value() == "1200"  # the default
        margin = w.locator('[data-output="margin"]')
        assert margin.inner_text() == "—"
        field(w, "price").fill("25")
        field(w, "unit_cost").fill("10")
        want = page.evaluate("[new Intl.NumberFormat(document.documentElement.lang, "
                             "{style: 'currency', currency: 'EUR'}).format(15), document.documentElement.lang]")
        assert [margin.inner_text(), want[1]] == want  # formatted as the package language does
        field(w, "unit_cost").fill("25")  # margin 0: the break-even count would divide by zero
        assert w.locator('[data-output="sales"]').inner_text() == "—"
        assert w.locator(".sbfa-calc-note").nth(1).inner_text() != ""
        if lang == "en":
            assert "divide by zero" in w.inner_text()
        field(w, "unit_cost").fill("ten")
        field(w, "unit_cost").blur()
        assert field(w, "unit_cost").get_attribute("aria-invalid") == "true"
        if lang == "en":
            assert "Please enter a number, for example 1250.5." in w.inner_text()
            assert "Correct the values marked above" in w.inner_text()
        field(w, "tax").fill("150")
        assert field(w, "tax").get_attribute("aria-invalid") == "true"
        text = w.inner_text()
        assert "NaN" not in text and "Infinity" not in text and "undefined" not in text
        field(w, "unit_cost").fill("10")
        field(w, "tax").fill("20")
        # screen readers hear the results once typing pauses (a polite live region)
        live = "#l-l-break-even .sbfa-calc-res [aria-live]"
        page.wait_for_function("s => document.querySelector(s).textContent.includes('Margin')", arg=live)
        assert field(w, "unit_cost").get_attribute("aria-invalid") is None


def test_learners_own_copy_prints_and_downloads(page: Any, en: str, artifacts: Path) -> None:
    widget = open_lesson(page, en, LESSONS["canvas"])
    _areas("customers value channels relationships revenue resources activities partners costs")(widget, False)
    with page.expect_download() as info:
        widget.get_by_text("Download my answers").click()
    download = info.value
    assert download.suggested_filename == "canvas.html"
    html = Path(download.path()).read_text()
    assert '<html lang="en" dir="ltr">' in html and "<title>Business model canvas</title>" in html
    assert html.count("✓ «ok»") == 9 and "<script" not in html
    (artifacts / "widgets-canvas-download.html").write_text(html)

    page.evaluate("() => { window.print = () => { window.printCalls = (window.printCalls || 0) + 1; }; }")
    widget.get_by_role("button", name="Print").click()
    assert page.evaluate("window.printCalls") == 1
    page.emulate_media(media="print")
    doc = page.locator("body > .sbfa-print-doc")
    assert doc.is_visible() and not page.locator("main").first.is_visible()
    assert doc.locator(".sbfa-slot-kp h2").inner_text() == "Key partners"
    box = {slot: doc.locator(f".sbfa-slot-{slot}").bounding_box() for slot in ("kp", "ka", "kr", "co", "rv")}
    assert box["kp"]["y"] == box["ka"]["y"] < box["kr"]["y"] < box["co"]["y"] == box["rv"]["y"]  # the nine-box grid
    assert box["kp"]["x"] < box["ka"]["x"] == box["kr"]["x"] and box["co"]["x"] < box["rv"]["x"]
    page.set_viewport_size({"width": 1123, "height": 794})  # A4 landscape at 96 dpi: a picture of the page
    page.screenshot(path=str(artifacts / "widgets-canvas-print.png"), full_page=True)
    pdf = page.pdf(prefer_css_page_size=True, print_background=True)
    (artifacts / "widgets-canvas-print.pdf").write_bytes(pdf)
    pages = pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages")
    assert pages == 1, f"the canvas prints on {pages} pages"


def test_swot_prints_as_four_quadrants(page: Any, en: str) -> None:
    widget = open_lesson(page, en, LESSONS["swot"])
    field(widget, "s").fill("I speak three languages")
    page.evaluate("() => { window.print = () => {}; }")
    widget.get_by_role("button", name="Print").click()
    page.emulate_media(media="print")
    areas = page.locator("body > .sbfa-print-doc .sbfa-ws-area")
    boxes = [areas.nth(i).bounding_box() for i in range(4)]
    assert boxes[0]["y"] == boxes[1]["y"] < boxes[2]["y"] == boxes[3]["y"]
    assert boxes[0]["x"] == boxes[2]["x"] < boxes[1]["x"] == boxes[3]["x"]
    assert areas.first.inner_text().split() == ["Strengths", "I", "speak", "three", "languages"]
    assert "(not filled in)" in areas.nth(1).inner_text()


def test_the_browsers_own_print_command_gives_the_clean_copy_too(page: Any, en: str) -> None:
    widget = open_lesson(page, en, LESSONS["worksheet form"])
    field(widget, "name").fill("Olena's Cleaning")
    page.evaluate("() => { SBFA.learner = {id: 'o1', name: 'Olena K.'}; }")  # as an LMS would tell the runtime
    page.evaluate("() => window.dispatchEvent(new Event('beforeprint'))")
    copy = page.locator("body > .sbfa-print-doc")
    assert copy.count() == 1 and "Olena's Cleaning" in copy.inner_text()
    assert copy.locator("h1 + p").inner_text() == "Olena K."
    assert "(not filled in)" in copy.inner_text()  # every question is on paper, answered or not
    page.evaluate("() => window.dispatchEvent(new Event('afterprint'))")
    assert copy.count() == 0
