"""The evaluation report's HTML in Chromium: axe-core finds no WCAG 2.1 A/AA violation (en and
a partner language), and the page makes no request of its own."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from learner_support import axe_violations

from evaluation.fixture import info, make_store
from sbfa_pack.evaluation import analysis, html

pytestmark = [pytest.mark.browser, pytest.mark.timeout(120)]
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.fixture()
def axe_page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(bypass_csp=True)  # the report's CSP forbids the injected axe script
    context.set_default_timeout(15_000)
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("lang", ["en", "de"])
def test_report_has_no_wcag21_aa_violation(lang: str, axe_page: Any, serve: Any, tmp_path: Path,
                                           artifacts: Path) -> None:
    """Issue 14 item 2 (outputs): axe-core reports nothing on report.html, with suppressed rows,
    charts and every table present; nothing is fetched but the page itself."""
    with make_store(tmp_path / "r.sqlite") as store:
        report = analysis.build(store, info(), 5, identify=True)
    site = tmp_path / "site"
    site.mkdir()
    (site / "report.html").write_bytes(html.render(report, lang))
    requests: list[str] = []
    axe_page.on("request", lambda r: requests.append(r.url))
    axe_page.set_viewport_size({"width": 1280, "height": 900})
    axe_page.goto(f"{serve(site)}/report.html")
    assert requests == [axe_page.url]
    assert axe_page.locator("svg[role=img]").count() >= 4
    axe_page.screenshot(path=str(artifacts / f"report-{lang}.png"), full_page=True)
    assert axe_violations(axe_page, TAGS) == []
