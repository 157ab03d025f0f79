"""The glossary in a real Chromium (issue 12 item 10).

A marked term is a button that shows its explanation and the official term of the learner's
country (all countries' when none is chosen) on tap, click, Enter or keyboard focus; Escape and a
tap elsewhere close it. axe-core WCAG 2.1 A/AA finds nothing with it open (en and ar, light and
dark); at 320 px nothing overflows. Without JavaScript the term is a link to the page's glossary.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from learner_support import axe_violations, console_errors, course_unit, ready, show, write_site

from sbfa_pack.render import render_unit

TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
POP = "#l-first .gl-pop"


@pytest.fixture()
def axe_page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(bypass_csp=True, has_touch=True)
    context.set_default_timeout(15_000)
    yield context.new_page()
    context.close()


def _site(lang: str, out: Path) -> Path:
    return write_site(render_unit(course_unit("glossary", lang), "none"), out)


@pytest.mark.timeout(180)
def test_terms_open_close_show_the_countrys_word_and_pass_axe(axe_page: Any, serve: Any, tmp_path: Path,
                                                               artifacts: Path) -> None:
    """Issue 12 item 10: tap and focus open a term, Escape and a tap elsewhere close it, the chosen
    country's official term is shown; axe zero violations (en, ar); no overflow at 320 px."""
    page = axe_page
    errors = console_errors(page)
    base = serve(_site("en", tmp_path / "en"))
    page.set_viewport_size({"width": 320, "height": 640})
    ready(page, base + "/index.html")
    assert page.is_hidden("#sbfa-glossary")
    term = page.locator("#l-first button.term[data-term=registration]")
    assert term.get_attribute("aria-expanded") == "false" and term.inner_text() == "register your business"
    # a tap, with no country chosen: the explanation and every country's word
    term.tap()
    assert term.get_attribute("aria-expanded") == "true"
    pop = page.locator(POP)
    assert "tell the authorities" in pop.inner_text()
    for word in ("Gewerbeanmeldung", "alta de autónomo", "Γ.Ε.ΜΗ.", "enkeltpersonforetak", "wpis do CEIDG"):
        assert pop.locator(f"i:text-is('{word}')").is_visible()
    assert pop.locator("i[lang=el]").inner_text() == "Γ.Ε.ΜΗ."
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    page.screenshot(path=str(artifacts / "glossary-en-320-open.png"))
    assert axe_violations(page, TAGS) == []
    page.keyboard.press("Escape")
    assert term.get_attribute("aria-expanded") == "false" and page.locator(POP).count() == 0
    # the learner chose Germany: keyboard focus opens the term with the German word only
    page.evaluate("SBFA.core.state().c = 'de'")
    vat = page.locator("#l-first button.term[data-term=vat]")
    vat.focus()
    assert vat.get_attribute("aria-expanded") == "true"
    assert pop.locator("li:visible").all_inner_texts() == ["Umsatzsteuer"]
    assert "At the office:" in pop.inner_text()
    # a tap elsewhere closes it; Enter opens it again
    page.locator("#l-first h1").tap()
    assert vat.get_attribute("aria-expanded") == "false"
    vat.focus()
    page.keyboard.press("Escape")
    page.keyboard.press("Enter")
    assert vat.get_attribute("aria-expanded") == "true"
    page.emulate_media(color_scheme="dark")
    assert axe_violations(page, TAGS) == []
    # a term of another lesson is upgraded too
    show(page, "money")
    assert page.locator("#l-money button.term[data-term=invoice]").count() == 1
    assert not errors

    # Arabic, right to left: the official words keep their own language and direction
    page.emulate_media(color_scheme="light")
    base = serve(_site("ar", tmp_path / "ar"))
    ready(page, base + "/index.html")
    assert page.get_attribute("html", "dir") == "rtl"
    page.locator("#l-first button.term[data-term=registration]").tap()
    assert page.locator(POP).is_visible()
    assert page.locator(f"{POP} i[lang=de]").get_attribute("dir") == "ltr"
    assert "في المكتب:" in page.locator(POP).inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    page.screenshot(path=str(artifacts / "glossary-ar-320-open.png"))
    assert axe_violations(page, TAGS) == []
    assert not errors


@pytest.mark.timeout(60)
def test_without_javascript_a_term_links_to_the_glossary(browser: Any, serve: Any, tmp_path: Path) -> None:
    """Issue 12 item 10: without JavaScript a term is a plain link to its entry at the end of the page
    (item 1: the course opens on its welcome screen, whose Start shows the first lesson)."""
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(serve(_site("de", tmp_path / "de")) + "/index.html")
        page.click("#sbfa-start")  # the welcome screen's Start shows the first lesson without JavaScript too
        link = page.locator("#l-first a.term[data-term=registration]")
        assert link.get_attribute("href") == "#gl-registration"
        link.click()
        assert page.evaluate("location.hash") == "#gl-registration"
        entry = page.locator("#gl-registration")
        assert entry.is_visible() and "Gewerbeanmeldung" in entry.inner_text()
        assert "Sie melden den Behörden" in entry.inner_text()
    finally:
        context.close()
