"""Translated packages in the browser: Arabic right to left, Greek and Ukrainian, from PO files.

The sample tests/roots/i18n-rtl is translated into ar, el and uk (locales/<lang>/first-week.po);
each language is localised as the build does, rendered and served. Screenshots are kept in
test-artifacts/ for review by native speakers.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from learner_support import ready, show, write_site

from sbfa_pack.build import units
from sbfa_pack.diagnostics import Diagnostics
from sbfa_pack.i18n.localise import localise
from sbfa_pack.load import load_project
from sbfa_pack.render import render_unit

ROOT = Path(__file__).resolve().parents[1] / "roots" / "i18n-rtl"
EXPECT = {
    "ar": ("rtl", "خطّط لأسبوعك", "التالي"),
    "el": ("ltr", "Σχεδιάστε την εβδομάδα σας", "Επόμενο"),
    "uk": ("ltr", "Сплануйте свій тиждень", "Далі"),
}


def site(lang: str, out: Path) -> Path:
    diags = Diagnostics()
    lp = load_project(ROOT, diags)
    assert lp is not None and not diags.errors, [str(d) for d in diags]
    unit = next(u for u in units(lp) if u.kind == "course")
    return write_site(render_unit(localise(unit, lang, root=ROOT), "none"), out)


@pytest.mark.timeout(120)
@pytest.mark.parametrize("lang", ["ar", "el", "uk"])
def test_translated_package(lang: str, page: Any, serve: Any, tmp_path: Path, artifacts: Path) -> None:
    """lang and dir on <html>, translated content and interface; in Arabic the pager is mirrored."""
    direction, title, next_label = EXPECT[lang]
    base = serve(site(lang, tmp_path / lang))
    page.set_viewport_size({"width": 360, "height": 740})
    ready(page, base + "/index.html")
    assert page.get_attribute("html", "lang") == lang
    assert page.get_attribute("html", "dir") == direction
    show(page, "plan")
    assert page.inner_text("#l-plan h1").strip() == title
    assert next_label in page.inner_text("#sbfa-next")
    back = page.locator("#sbfa-back").bounding_box()
    nxt = page.locator("#sbfa-next").bounding_box()
    assert back and nxt
    if direction == "rtl":
        assert nxt["x"] < back["x"], "in Arabic 'next' must be on the left, 'back' on the right"
        assert page.evaluate("getComputedStyle(document.querySelector('#l-plan li')).direction") == "rtl"
    else:
        assert back["x"] < nxt["x"]
    page.screenshot(path=str(artifacts / f"i18n-{lang}-360-lesson.png"), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
