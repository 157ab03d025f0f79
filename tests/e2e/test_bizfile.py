"""My business file and answerable reflections (issue 12 item 4), in Chromium.

tests/roots/phones has a case study and every exercise kind, in en, ar (right to left) and uk: the
learner writes a reflection, fills a worksheet and a calculator, ticks a checklist item; the
business file lists them all (the calculator with its inputs and results), keeps them after a
reload, prints on A4, and downloads as one page that shows the same without JavaScript.
Screenshots of the file are taken by test_gallery.py.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from learner_support import axe_violations, console_errors, course_unit, ready, show, write_site
from phones_support import no_overflow

from sbfa_pack.render import render_unit

pytestmark = [pytest.mark.browser, pytest.mark.timeout(240)]
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
REFLECTION = "Поговорю з сусідами\nі запитаю ціну."

# The parts of the dialog wider than the viewport or past its edges, and the page's widths.
@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    tmp = tmp_path_factory.mktemp("bizfile")
    return {lang: write_site(render_unit(course_unit("phones", None if lang == "en" else lang), "none"), tmp / lang)
            for lang in ("en", "ar", "uk")}


@pytest.fixture()
def csp_free_page(browser: Any) -> Iterator[Any]:
    """A page that accepts downloads and lets the test inject axe-core."""
    context = browser.new_context(bypass_csp=True, accept_downloads=True)
    context.set_default_timeout(15_000)
    yield context.new_page()
    context.close()


def fill_in(page: Any) -> None:
    show(page, "founder")
    page.get_by_label("Що б ви зробили першим?").fill(REFLECTION)
    show(page, "x-pitch")
    page.fill('#l-x-pitch [data-field="name"]', "Olena's Cleaning")
    show(page, "x-break-even")
    for name, value in (("fixed", "1200"), ("price", "40"), ("unit_cost", "15")):
        page.fill(f'#l-x-break-even [data-field="{name}"]', value)
    show(page, "x-registration")
    page.check('#l-x-registration [data-field="name"]')


def file_text(page: Any) -> str:
    page.evaluate("SBFA.bizfile.open()")
    text: str = page.locator("dialog.sbfa-bf article").inner_text()
    return text


def test_business_file_collects_everything_survives_reload_downloads_and_prints(
        sites: dict[str, Path], csp_free_page: Any, serve: Any, tmp_path: Path) -> None:
    """Issue 12 item 4: a reflection, a worksheet, a calculator (inputs and results) and a checklist
    in one file; after a reload; the download without JavaScript; printed on A4."""
    page = csp_free_page
    errors = console_errors(page)
    ready(page, serve(sites["en"]) + "/index.html")
    fill_in(page)
    text = file_text(page)
    for expected in ("My business file", "Що б ви зробили першим?", "Поговорю з сусідами", "Olena's Cleaning",
                     "Fixed costs per month", "€1,200.00", "Price per sale", "€40.00", "Margin per sale", "€25.00",
                     "☑ I chose a business name.", "☐ I chose a legal form.", "1 of"):
        assert expected in text, (expected, text)
    page.keyboard.press("Escape")  # the dialog closes with the keyboard
    assert not page.evaluate("document.querySelector('dialog.sbfa-bf').open")

    page.wait_for_timeout(700)  # the core saves after a pause
    page.reload()
    page.wait_for_selector("html.sbfa-ready")
    show(page, "founder")
    assert page.get_by_label("Що б ви зробили першим?").input_value() == REFLECTION
    again = file_text(page)
    for expected in ("Поговорю з сусідами", "Olena's Cleaning", "€25.00", "☑ I chose a business name."):
        assert expected in again

    # The contents have an entry that opens it too.
    page.keyboard.press("Escape")
    page.click("#sbfa-bf-open")
    assert page.evaluate("document.querySelector('dialog.sbfa-bf').open")

    with page.expect_download() as info:
        page.locator("dialog.sbfa-bf a[download]").click()
    saved = tmp_path / "business-file.html"
    info.value.save_as(saved)
    offline = page.context.browser.new_context(java_script_enabled=False)
    try:
        other = offline.new_page()
        other.goto(saved.as_uri())
        shown = other.locator("body").inner_text()
        assert other.locator("script").count() == 0
        assert other.evaluate("document.documentElement.lang") == "en"
        for expected in ("Поговорю з сусідами", "Olena's Cleaning", "Price per sale", "€40.00", "€25.00",
                         "☑ I chose a business name."):
            assert expected in shown
    finally:
        offline.close()

    # The browser's print command while the file is open prints the file alone, on A4.
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    copy = page.locator("body > .sbfa-print-doc")
    assert copy.count() == 1 and "My business file" in copy.inner_text() and "€25.00" in copy.inner_text()
    page.emulate_media(media="print")
    shown = page.evaluate("[...document.body.children].filter(e => getComputedStyle(e).display !== 'none')"
                          ".map(e => e.className)")
    assert shown == ["sbfa-print-doc sbfa-bf-doc"], shown
    assert page.pdf(format="A4").startswith(b"%PDF")
    page.emulate_media(media="screen")
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    assert copy.count() == 0
    assert not errors, errors


@pytest.mark.parametrize("lang", ["en", "ar", "uk"])
def test_business_file_fits_phones_and_desktops(lang: str, sites: dict[str, Path], csp_free_page: Any,
                                                serve: Any) -> None:
    """Issue 12 item 4: the file at 320, 360 and 1280 px without horizontal scrolling, mirrored in
    Arabic (phones_support.no_overflow, as test_phones.py); axe finds nothing in en and ar."""
    page = csp_free_page
    ready(page, serve(sites[lang]) + "/index.html")
    fill_in(page)
    for width in (320, 360, 1280):
        page.set_viewport_size({"width": width, "height": 800})
        page.evaluate("SBFA.bizfile.open()")
        no_overflow(page, f"{lang} {width}px business file")
    if lang == "ar":
        assert page.evaluate("getComputedStyle(document.querySelector('dialog.sbfa-bf article')).direction") == "rtl"
    if lang != "uk":
        assert axe_violations(page, TAGS) == []


def test_reflection_survives_a_relaunch_under_scorm_again(tmp_path: Path, browser: Any, serve: Any) -> None:
    """Issue 12 item 4 (RTE-16): a reflection goes into cmi.suspend_data (within 4,096) and comes
    back on a relaunch in a fresh browser profile (no local copy), listed in the business file."""
    from scorm12_support import LEARNER, flattened, launch, leave, lms, lms_site

    from sbfa_pack.build import build
    from sbfa_pack.state import decode

    result = build(Path(__file__).resolve().parents[1] / "roots" / "learner", tmp_path / "dist", formats=["scorm12"])
    assert not result.diagnostics.errors, [str(d) for d in result.diagnostics]
    base = serve(lms_site(tmp_path / "dist" / result.built[0].file, tmp_path / "site"))
    first = browser.new_context()
    try:
        page = first.new_page()
        frame = launch(page, base, dict(LEARNER))
        page.main_frame.child_frames[0].evaluate("SBFA.core.go('amira', true)")
        box = frame.get_by_label("What would you do first?")
        box.fill("Ask my neighbours.")
        box.blur()
        leave(page)
        stored = flattened(lms(page)["cmi"]["cmi"])
    finally:
        first.close()
    assert (decode(stored["cmi.suspend_data"]) or {})["r"] == {"amira": {"r1": "Ask my neighbours."}}
    relaunch = {k: v for k, v in stored.items() if not k.startswith("cmi.interactions.")}
    relaunch.update({**LEARNER, "cmi.core.entry": "resume"})
    second = browser.new_context()
    try:
        page = second.new_page()
        frame = launch(page, base, relaunch)
        page.main_frame.child_frames[0].evaluate("SBFA.core.go('amira', true)")
        assert frame.get_by_label("What would you do first?").input_value() == "Ask my neighbours."
        page.main_frame.child_frames[0].evaluate("SBFA.bizfile.open()")
        assert "Ask my neighbours." in frame.locator("dialog.sbfa-bf article").inner_text()
    finally:
        second.close()
