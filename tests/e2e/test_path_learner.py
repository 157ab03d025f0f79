"""The personal path and money in the learner's currency (issue 12 items 2 and 3), in Chromium
under scorm-again: a course with a module per country (tests/roots/path) shows the learner only
their country's module, in the contents, Back/Next, progress and completion; the choice is saved,
resumed, changeable and reported (interaction ``path_country``); the country is pre-selected by a
launch parameter, the LMS's launch data or the package's language; calculators open on the worked
example in the country's currency."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from learner_support import axe_violations, course_unit, write_site
from scorm12_support import LEARNER, flattened, launch, leave, lms, lms_site

from sbfa_pack import state
from sbfa_pack.build import build
from sbfa_pack.render import render_unit

pytestmark = pytest.mark.timeout(240)
ROOT = Path(__file__).resolve().parents[1] / "roots" / "path"
COMMON = ["intro", "final", "prices"]
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
OVERFLOW = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Path]]:
    tmp = tmp_path_factory.mktemp("path")
    result = build(ROOT, tmp / "dist", formats=["scorm12"], languages=["en", "ar", "uk", "de", "nb", "pl"], jobs=1,
                   only={"abroad"})
    assert not result.diagnostics.errors, [str(d) for d in result.diagnostics]
    yield {b.language: lms_site(tmp / "dist" / b.file, tmp / f"site-{b.language}") for b in result.built}


def shown(frame: Any) -> list[str]:
    """The lessons the contents offer (their ids, in order)."""
    return frame.locator("#sbfa-toc a[data-go]").evaluate_all(
        "els => els.filter(a => !a.closest('[hidden]')).map(a => a.dataset.go)")


def next_order(frame: Any) -> list[str]:
    """The lessons Next walks through from the first one."""
    frame.locator("#sbfa-toc a[data-go]").first.evaluate("a => SBFA.core.go(a.dataset.go, true)")
    order = [frame.locator("section.lesson:not([hidden])").get_attribute("data-lesson")]
    while not frame.locator("#sbfa-next").is_disabled():
        frame.locator("#sbfa-next").click()
        if frame.locator("#sbfa-end:not([hidden])").count():  # the end screen follows the last lesson
            break
        order.append(frame.locator("section.lesson:not([hidden])").get_attribute("data-lesson"))
    return order


def choose(frame: Any, country: str) -> None:
    frame.locator(f"#path-{country}").check()
    frame.locator("#sbfa-path [type=submit]").click()
    frame.locator("#sbfa-path").wait_for(state="hidden")


def interactions(got: dict[str, Any]) -> list[tuple[str, str, str, str]]:
    flat = flattened(got["cmi"]["cmi"])
    n = sum(1 for k in flat if k.startswith("cmi.interactions.") and k.endswith(".id"))
    return [(flat[f"cmi.interactions.{i}.id"], flat.get(f"cmi.interactions.{i}.type", ""),
             flat.get(f"cmi.interactions.{i}.student_response", ""), flat.get(f"cmi.interactions.{i}.result", ""))
            for i in range(n)]


@pytest.mark.parametrize("width", [320, 360, 1280])
@pytest.mark.parametrize("lang", ["en", "ar", "uk"])
def test_choosing_a_country_changes_what_is_shown(sites: dict[str, Path], serve: Any, page: Any,
                                                  lang: str, width: int) -> None:
    """Issue 12 item 2: with nothing pre-selected the chooser comes first (no horizontal scrolling
    at any width); once Germany is chosen the contents, Next order and progress hold the common
    lessons and Germany's only."""
    page.set_viewport_size({"width": width, "height": 740})
    frame = launch(page, serve(sites[lang]), LEARNER)
    frame.locator("#sbfa-path").wait_for()
    assert frame.locator("section.lesson:visible").count() == 0
    assert frame.locator("#sbfa-path input[type=radio]").count() == 4  # no, de, pl, gr
    assert frame.locator("#sbfa-progress-bar").evaluate("p => p.max") == len(COMMON)  # no country yet
    assert frame.locator("#sbfa-back").is_disabled() and frame.locator("#sbfa-pos").inner_text() == ""
    assert frame.locator("html").evaluate(OVERFLOW) <= 0
    choose(frame, "de")
    assert shown(frame) == [*COMMON, "de-steps"]
    assert next_order(frame) == [*COMMON, "de-steps"]
    assert frame.locator("#sbfa-progress-bar").evaluate("p => p.max") == 4
    assert frame.locator("html").evaluate(OVERFLOW) <= 0


def test_completion_needs_the_common_lessons_and_the_chosen_country_only(sites: dict[str, Path], serve: Any,
                                                                           page: Any) -> None:
    """Issue 12 item 2: the common lessons + Greece's module complete the course (without Norway's
    or Germany's); the choice is a `path_country` fill-in interaction (a country code is no SCORM 1.2
    choice response, RTE-26; Issue 16 item 3), result neutral, and is kept in suspend_data within
    the 4,096 characters."""
    frame = launch(page, serve(sites["en"]), LEARNER)
    choose(frame, "gr")
    assert not frame.locator("html").evaluate("() => SBFA.core.decide().completed")
    frame.locator("html").evaluate("() => SBFA.core.go('final', true)")
    frame.locator("#c-final-q1-true").check()
    frame.locator("#l-final form.quiz [type=submit]").click()
    for lesson in ["prices", "gr-steps"]:
        frame.locator("html").evaluate("(_, id) => SBFA.core.go(id, true)", lesson)
    assert frame.locator("html").evaluate("() => SBFA.core.decide().completed"), frame.locator("html").evaluate(
        "() => JSON.stringify([SBFA.core.state(), SBFA.data.completion, SBFA.data.lessons])")
    assert frame.locator("#sbfa-progress-text").inner_text().startswith("4 ")
    leave(page)
    got = lms(page)
    assert got["cmi"]["cmi"]["core"]["lesson_status"] == "completed"
    assert ("path_country", "fill-in", "gr", "neutral") in interactions(got)
    saved = state.decode(got["cmi"]["cmi"]["suspend_data"])
    assert saved is not None and saved["c"] == "gr"
    assert "no-steps" not in saved["seen"] and "de-steps" not in saved["seen"]


def test_the_choice_survives_resume_and_can_be_changed(sites: dict[str, Path], serve: Any, page: Any,
                                                       browser: Any) -> None:
    """Issue 12 item 2: relaunched with what the LMS stored, the course opens on the chosen
    country (no chooser); "Change country" in the contents switches to Norway, recorded again."""
    base = serve(sites["uk"])
    frame = launch(page, base, LEARNER)
    choose(frame, "gr")
    leave(page)
    stored = {k: v for k, v in flattened(lms(page)["cmi"]["cmi"]).items() if not k.startswith("cmi.interactions.")}
    context = browser.new_context()
    try:
        page2 = context.new_page()
        frame2 = launch(page2, base, {**stored, **LEARNER, "cmi.core.entry": "resume"})
        assert frame2.locator("#sbfa-path").is_hidden()
        assert shown(frame2) == [*COMMON, "gr-steps"]
        frame2.locator("#sbfa-toc").evaluate("d => { d.open = true; }")
        frame2.locator("#sbfa-path-change").click()
        assert frame2.locator("#path-gr").is_checked()
        choose(frame2, "no")
        assert shown(frame2) == [*COMMON, "no-steps", "no-links"]
        leave(page2)
        assert ("path_country", "fill-in", "no", "neutral") in interactions(lms(page2))
    finally:
        context.close()


@pytest.mark.parametrize(("how", "expected"), [("url", "no"), ("launch_data", "gr"), ("language", "de")])
def test_pre_selection(sites: dict[str, Path], serve: Any, page: Any, how: str, expected: str) -> None:
    """Issue 12 item 2: `?country=no` on the launch URL, `country=gr` in cmi.launch_data, or a
    German package open on that country's path without asking."""
    lang = "de" if how == "language" else "en"
    data = {**LEARNER, "cmi.launch_data": "country=gr"} if how == "launch_data" else LEARNER
    frame = launch(page, serve(sites[lang]), data, launch="pkg/index.html?country=no" if how == "url" else
                   "pkg/index.html")
    assert frame.locator("#sbfa-path").is_hidden()
    assert frame.locator("html").evaluate("() => SBFA.core.country()") == expected
    assert next(x for x in shown(frame) if x not in COMMON).startswith(expected)


@pytest.mark.parametrize(("lang", "money", "price"), [("nb", "187,50\u00a0kr", "150"), ("pl", "61,50\u00a0zł", "50"),
                                                      ("de", "13,20\u00a0€", "12")])
def test_calculator_opens_on_the_worked_example_in_the_countrys_currency(
        sites: dict[str, Path], serve: Any, page: Any, lang: str, money: str, price: str) -> None:
    """Issue 12 item 3: the calculator opens on the worked example of the learner's country (NOK
    in Norway, PLN in Poland, EUR in Germany), formatted for the page's language."""
    frame = launch(page, serve(sites[lang]), LEARNER)
    frame.locator("html").evaluate("() => SBFA.core.go('prices', true)")
    x = frame.locator("#x-prices .sbfa-x")
    assert x.locator('[data-field="price"]').input_value() == price
    out = x.locator('[data-output="gross"]').inner_text()
    assert money in out, out


@pytest.fixture()
def axe_page(browser: Any) -> Iterator[Any]:
    """A page whose CSP lets the test inject axe-core (the package's own CSP forbids inline scripts)."""
    context = browser.new_context(bypass_csp=True)
    context.set_default_timeout(15_000)
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_chooser_and_contents_are_accessible(lang: str, axe_page: Any, serve: Any, tmp_path: Path,
                                             artifacts: Path) -> None:
    """Issue 12 item 2: the country chooser and the contents with "Change country" have no WCAG 2.1
    A/AA violation (axe-core), in English and in Arabic (right to left); screenshots of both at
    phone and desktop width go to the gallery."""
    page = axe_page
    base = serve(write_site(render_unit(course_unit("path", lang), "none"), tmp_path / "site"))
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(base + "/index.html")
    page.wait_for_selector("#sbfa-path:not([hidden])")
    assert page.get_attribute("html", "dir") == ("rtl" if lang == "ar" else "ltr")
    found = {"chooser": axe_violations(page, TAGS)}
    page.screenshot(path=str(artifacts / f"{lang}-phone-path-chooser.png"))
    page.check("#path-de")
    page.click("#sbfa-path [type=submit]")
    page.wait_for_selector("#sbfa-path", state="hidden")
    page.set_viewport_size({"width": 1280, "height": 800})
    page.evaluate("() => { document.getElementById('sbfa-toc').open = true; }")
    found["contents"] = axe_violations(page, TAGS)
    page.screenshot(path=str(artifacts / f"{lang}-desk-path-contents.png"))
    assert not {k: v for k, v in found.items() if v}, found


def test_one_sco_per_module_shows_each_module_as_it_is(tmp_path: Path, serve: Any, page: Any) -> None:
    """Issue 12 item 2: with `sco-per-module` the LMS lists the modules; a country module's SCO opens
    on its lessons, with no chooser and nothing hidden."""
    root = tmp_path / "p"
    shutil.copytree(ROOT, root)
    with (root / "sbfa.yaml").open("a") as fh:
        fh.write("scorm:\n  packaging: sco-per-module\n")
    result = build(root, tmp_path / "dist", formats=["scorm12"], languages=["en"], jobs=1, only={"abroad"})
    assert not result.diagnostics.errors, [str(d) for d in result.diagnostics]
    site = lms_site(tmp_path / "dist" / result.built[0].file, tmp_path / "site")
    frame = launch(page, serve(site), LEARNER, launch="pkg/index.html?sco=greece")
    assert frame.locator("#sbfa-path").is_hidden()
    assert frame.locator("section.lesson:not([hidden])").get_attribute("data-lesson") == "gr-steps"


def test_scorm2004_records_the_choice(tmp_path: Path, serve: Any, page: Any) -> None:
    """Issue 12 item 2 under SCORM 2004 (scorm-again): `path_country`, type choice, learner_response
    the id (a valid short identifier), result neutral; scorm-again reports no error."""
    from scorm2004_support import LEARNER as LEARNER2004
    from scorm2004_support import leave as leave2004
    from scorm2004_support import lms_site as site2004
    from scorm2004_support import values_set

    result = build(ROOT, tmp_path / "dist", formats=["scorm2004"], languages=["en"], jobs=1, only={"abroad"})
    assert not result.diagnostics.errors, [str(d) for d in result.diagnostics]
    frame = launch(page, serve(site2004(tmp_path / "dist" / result.built[0].file, tmp_path / "site")), LEARNER2004)
    choose(frame, "pl")
    leave2004(page)
    log = page.evaluate("() => LOG")
    ids = values_set(log, "cmi.interactions.0.id")
    assert ids == ["path_country"]
    assert values_set(log, "cmi.interactions.0.type") == ["choice"]
    assert values_set(log, "cmi.interactions.0.learner_response") == ["pl"]
    assert values_set(log, "cmi.interactions.0.result") == ["neutral"]
    assert [c for c in log if c["fn"] == "SetValue" and c["error"] != "0"] == []
