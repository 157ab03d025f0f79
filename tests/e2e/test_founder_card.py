"""Founders as people (issue 12 item 11): the portrait on the founder card, the "illustrative story"
label on every card and the course's notice once, at 320 px in English and Arabic (Chromium).
axe-core on the card is in test_listen.py (the case study shown with its portrait, en and ar)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from learner_support import build_site, ready, show

pytestmark = pytest.mark.timeout(120)
OVERFLOW = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"


@pytest.mark.parametrize("root", ["learner", "learner-ar"])
def test_the_founder_card_shows_the_portrait_at_320_px(root: str, page: Any, serve: Any, tmp_path: Path,
                                                       artifacts: Path) -> None:
    """Issue 12 item 11: the portrait with its alt text, sized (no layout shift), loaded, no overflow;
    the notice once in the page, the label on the card."""
    page.set_viewport_size({"width": 320, "height": 640})
    ready(page, serve(build_site(root, tmp_path / "site")) + "/index.html")
    show(page, "amira")
    img = page.locator("#l-amira .founder-card img.portrait")
    assert img.get_attribute("alt") and img.get_attribute("width") == "96" and img.get_attribute("height") == "96"
    page.wait_for_function("() => document.querySelector('#l-amira img.portrait').complete")
    assert page.evaluate("() => document.querySelector('#l-amira img.portrait').naturalWidth") > 0
    assert page.evaluate(OVERFLOW) <= 0
    assert page.locator("#l-amira .founder-card .story-label").count() == 1
    assert page.locator("section.lesson p.note").count() == 1  # the notice, once in the whole course
    page.screenshot(path=str(artifacts / f"founder-card-{root}-320.png"), full_page=True)
