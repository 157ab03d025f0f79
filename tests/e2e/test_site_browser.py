"""Issue 15, in Debian's Chromium: the site's search and filters from file:// and over HTTP in
en, de and ar (lazily loaded index; Arabic with and without diacritics), the page without
JavaScript, download links against dist/index.json, the language switch, axe-core WCAG 2.1 A/AA on
every page template in en and ar, the keyboard, and no horizontal overflow at 320 px."""

from __future__ import annotations

import hashlib
import json
import re
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from learner_support import axe_violations, begin

from sbfa_pack.build import build
from sbfa_pack.site import build_site

ROOT = Path(__file__).resolve().parents[1] / "roots" / "site"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
TEMPLATES = ["index.html", "404.html", "{l}/index.html", "{l}/resources/index.html", "{l}/courses/index.html",
             "{l}/trainers/index.html", "{l}/trainers/preparing.html", "{l}/trainers/sessions/first-steps.html",
             "{l}/courses/first-steps.html", "{l}/partners.html", "{l}/toolkit/index.html", "{l}/toolkit/swot.html",
             "{l}/stories/index.html", "{l}/stories/first-steps/amira.html"]


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The sample project's packages and site (built once for this module)."""
    tmp = tmp_path_factory.mktemp("site-e2e")
    result = build(ROOT, tmp / "dist", jobs=1)
    assert not result.diagnostics.errors, [str(d) for d in result.diagnostics]
    site = build_site(ROOT, tmp / "site", tmp / "dist")
    assert not site.diagnostics.errors
    return tmp / "site", tmp / "dist"


@pytest.fixture()
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context()
    context.set_default_timeout(15_000)
    yield context.new_page()
    context.close()


def _visible(page: Any) -> list[str]:
    return sorted(page.eval_on_selector_all("#bank-list > li:not([hidden])", "els => els.map(e => e.id)"))


def _search(page: Any, query: str, **filters: str) -> list[str]:
    page.fill("#q", query)
    for name, value in filters.items():
        page.select_option(f"#f-{name}", value)
    page.wait_for_function("lang => window.SBFA_SEARCH && window.SBFA_SEARCH[lang]",
                           arg=page.evaluate("document.documentElement.lang"))
    return _visible(page)


CASES = {
    "en": [("tax", {}, ["r-es-aeat"]), ("", {"country": "de"}, ["r-de-gruender"]),
           ("", {"kind": "funding"}, ["r-eu-funding"]), ("register", {"language": "nb"}, ["r-brreg"])],
    "de": [("umsatzsteuer", {}, ["r-es-aeat"]), ("grundung", {}, ["r-de-gruender"]),
           ("GRÜNDUNG", {}, ["r-de-gruender"]), ("", {"topic": "registration"}, ["r-brreg", "r-es-aeat"])],
    "ar": [("الضرائب", {}, ["r-es-aeat"]), ("الضَّرَائِب", {}, ["r-es-aeat"]), ("ادارة", {}, ["r-es-aeat"]),
           ("النرويج", {"country": "no"}, ["r-brreg"])],
}


@pytest.mark.timeout(120)
@pytest.mark.parametrize("scheme", ["file", "http"])
def test_search_and_filters_work_offline_and_over_http(scheme: str, sample: tuple[Path, Path], page: Any,
                                                       serve: Any) -> None:
    """Issue 15 item resource bank: filters and full-text search from file:// and http://127.0.0.1 in
    en, de, ar; the index is loaded on first use; an Arabic query with and without diacritics (and
    with a bare alef for إ) finds the same resource."""
    site, _ = sample
    base = site.as_uri() if scheme == "file" else serve(site)
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    for lang, cases in CASES.items():
        page.goto(f"{base}/{lang}/resources/index.html")
        assert page.is_visible("#bank-filters")
        assert page.evaluate("!window.SBFA_SEARCH || !window.SBFA_SEARCH[document.documentElement.lang]")
        assert len(_visible(page)) == 4
        for query, filters, expected in cases:
            page.click("button[type=reset]")
            page.wait_for_function("() => document.querySelectorAll('#bank-list > li:not([hidden])').length === 4")
            assert _search(page, query, **filters) == expected, (lang, query, filters)
            count = page.evaluate("n => new Intl.NumberFormat(document.documentElement.lang).format(n)", len(expected))
            assert count in page.text_content("#bank-status")
        page.fill("#q", "zzzz")
        assert _visible(page) == [] and page.is_visible("#bank-none")
    assert errors == []


def test_without_javascript_the_whole_list_shows(sample: tuple[Path, Path], browser: Any) -> None:
    """Issue 15 item resource bank: progressive enhancement."""
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto((sample[0] / "ar/resources/index.html").as_uri())
    assert len(_visible(page)) == 4 and not page.is_visible("#bank-filters")
    context.close()


def test_download_links_resolve_to_files_matching_dist_index(sample: tuple[Path, Path], page: Any,
                                                             serve: Any) -> None:
    """Issue 15 item programme pages: every download link of a course page resolves to a file whose
    sha256 is the one of dist/index.json."""
    site, dist = sample
    index = {p["file"]: p for p in json.loads((dist / "index.json").read_text())["packages"]}
    base = serve(site)
    for lang in ("en", "ar"):
        page.goto(f"{base}/{lang}/courses/first-steps.html")
        links = page.eval_on_selector_all("a[download]", "els => els.map(e => [e.href, e.dataset.sha256])")
        wanted = {f for f, p in index.items() if p["id"] == "first-steps"}
        assert {href.rsplit("/", 1)[1] for href, _ in links} == wanted
        for href, sha in links:
            with urllib.request.urlopen(href) as response:
                data = response.read()
            assert hashlib.sha256(data).hexdigest() == sha == index[href.rsplit("/", 1)[1]]["sha256"]


def test_language_switch_keeps_the_page(sample: tuple[Path, Path], page: Any) -> None:
    """Issue 15 item languages: the switch leads to the same page in the other language, RTL for ar."""
    site, _ = sample
    page.goto((site / "de/stories/first-steps/amira.html").as_uri())
    page.click(".langs a[hreflang=ar]")
    assert page.url.endswith("/ar/stories/first-steps/amira.html")
    assert page.evaluate("document.documentElement.dir") == "rtl"
    assert page.text_content("h1") == "مخبز أميرة"
    page.click(".langs a[hreflang=en]")
    assert page.url.endswith("/en/stories/first-steps/amira.html")


def test_a_toolkit_exercise_is_usable_in_the_browser(sample: tuple[Path, Path], page: Any) -> None:
    """Issue 15 item toolkit online: the exercise page opens the exercise in the web format, in its
    language, from file://; its runtime starts."""
    page.goto((sample[0] / "de/toolkit/swot.html").as_uri())
    page.click("a.button")
    page.wait_for_selector("html.sbfa-ready")
    begin(page)  # past the welcome screen (issue 12 item 1)
    assert page.url.endswith("/web/swot/de/index.html")
    assert page.evaluate("document.documentElement.lang") == "de"


@pytest.mark.timeout(240)
@pytest.mark.parametrize("lang", ["en", "ar"])
def test_every_template_is_axe_clean_keyboard_usable_and_fits_320px(lang: str, sample: tuple[Path, Path],
                                                                   browser: Any, serve: Any) -> None:
    """Issue 15 item quality: axe-core WCAG 2.1 A/AA zero violations on every page template, the
    skip link first in the tab order, no horizontal overflow at 320 px. Issue 13 item 7: the trainer's
    guide pages (index, a section, a course's session plans) too."""
    site, _ = sample
    base = serve(site)
    context = browser.new_context(bypass_csp=True, viewport={"width": 320, "height": 640})
    context.set_default_timeout(15_000)
    page = context.new_page()
    found: dict[str, Any] = {}
    for template in TEMPLATES:
        url = f"{base}/{template.format(l=lang)}"
        page.goto(url)
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.className") == "skip", template
        page.keyboard.press("Enter")
        page.wait_for_url("**#main", timeout=5000)  # the fragment navigation lands after the key press
        assert page.url.endswith("#main"), template
        if "resources" in template:
            page.fill("#q", "tax")  # the enhanced form, in use
        violations = axe_violations(page, TAGS)
        if violations:
            found[template] = violations
        wide = page.evaluate("document.documentElement.scrollWidth")
        assert wide <= 320, f"{template}: {wide} px wide at 320 px"
    context.close()
    assert found == {}


@pytest.mark.timeout(120)
def test_a_bank_on_several_pages_searches_all_of_them(tmp_path: Path, page: Any) -> None:
    """Issue 15 item resource bank: with the bank split into pages (a large bank, here pages of 3),
    search and filters find resources of every page from file://; clearing them restores the page."""
    from sbfa_pack.site import content

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(content, "BANK_PAGE_SIZE", 3)
        assert not build_site(ROOT, tmp_path / "site", tmp_path / "no-dist").diagnostics.errors
    page.goto((tmp_path / "site/ar/resources/index.html").as_uri())
    assert len(_visible(page)) == 3 and page.is_visible("#bank-pager")
    assert _search(page, "النرويج") == ["r-brreg"]  # on page 2
    assert not page.is_visible("#bank-pager")
    page.click("button[type=reset]")
    page.wait_for_function("() => document.querySelectorAll('#bank-list > li:not([hidden])').length === 3")
    assert page.is_visible("#bank-pager")
    page.select_option("#f-country", "no")
    page.wait_for_function("() => document.querySelectorAll('#bank-list > li:not([hidden])').length === 1")
    assert _visible(page) == ["r-brreg"]


@pytest.mark.timeout(120)
def test_the_trainers_session_plan_prints_on_a4_mirrored_in_arabic(sample: tuple[Path, Path], page: Any) -> None:
    """Issue 13 item 7: the print stylesheet in Chromium: A4 pages from the CSS, the menus not
    printed, and the Arabic plan mirrored (the steps' mark on the right, the reading side)."""
    site, _ = sample
    page.goto((site / "ar/trainers/sessions/first-steps.html").as_uri())
    page.emulate_media(media="print")
    assert page.eval_on_selector(".top nav", "e => getComputedStyle(e).display") == "none"
    sides = page.eval_on_selector(".steps > li", "e => [getComputedStyle(e).borderRightWidth, "
                                                 "getComputedStyle(e).borderLeftWidth]")
    assert sides == ["3px", "0px"]
    pdf = page.pdf(prefer_css_page_size=True)
    boxes = re.findall(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", pdf)
    assert boxes and all(round(float(w)) == 595 and round(float(h)) == 842 for w, h in boxes)  # A4 in points
