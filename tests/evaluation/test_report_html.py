"""report.html without a browser: self-contained, language and direction, translated strings."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sbfa_pack.evaluation import analysis, html
from sbfa_pack.evaluation.strings import REPORT_LANGUAGES, REPORT_STRINGS, catalog_path, strings, template
from sbfa_pack.i18n import catalog

from .fixture import info, make_store


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> analysis.Report:
    path: Path = tmp_path_factory.mktemp("r") / "r.sqlite"
    with make_store(path) as store:
        return analysis.build(store, info(), 5)


def test_self_contained_and_printable(report: analysis.Report) -> None:
    """Issue 14 item 2 (outputs): no external request (no src/href/url() to anything but the page
    itself), inline CSS and SVG with a data table beside each chart, A4 print rules."""
    page = html.render(report, "en").decode()
    assert not re.search(r"""(src|href)=["'](?!#)""", page) and "url(" not in page and "@import" not in page
    assert "<script" not in page and "@page { size: A4" in page
    assert page.count("<svg") == page.count("<figure>") and page.count("<svg") <= page.count("<table>")


@pytest.mark.parametrize(("lang", "direction"), [("en", "ltr"), ("el", "ltr"), ("ar", "rtl")])
def test_language_and_direction(report: analysis.Report, lang: str, direction: str) -> None:
    """Issue 14 item 2 (outputs, RTL-safe): lang and dir on <html>, cells dir=auto; a language
    without a report catalog (ar) gets English strings in an RTL page."""
    page = html.render(report, lang).decode()
    assert f'<html lang="{lang}" dir="{direction}">' in page and 'dir="auto"' in page
    assert strings(lang)["table_items"] in page


def test_every_partner_language_is_translated() -> None:
    """Issue 14 item 2 (the report's interface in en, el, es, de, pl, nb through PO catalogs):
    every string translated, none fuzzy, placeholders kept, and the catalogs in step with the template."""
    keys = [(e.msgctxt, e.msgid) for e in template()]
    for lang in REPORT_LANGUAGES:
        stats = catalog.stats(keys, catalog.read(catalog_path(lang)))
        assert (stats.translated, stats.fuzzy, stats.missing) == (len(REPORT_STRINGS), 0, 0), lang
        assert strings(lang)["fewer_than"].format(n=5) != "fewer than 5" or lang == "en"
        for e in catalog.read(catalog_path(lang)):
            fields = [sorted(re.findall(r"\{\w+\}", text)) for text in (e.msgstr, e.msgid)]
            assert fields[0] == fields[1], (lang, e.msgctxt)
