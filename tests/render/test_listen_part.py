"""The Listen part (issue 12 item 9): where it ships, what it weighs, and the buttons it drives."""

from __future__ import annotations

import gzip
from pathlib import Path

import lxml.html

from sbfa_pack.build import units
from sbfa_pack.diagnostics import Diagnostics
from sbfa_pack.load import load_project
from sbfa_pack.render import render_unit, runtime_js, unit_features
from sbfa_pack.unit import Unit


def test_listen_ships_with_text_lessons_only(basic_unit: Unit, roots: Path) -> None:
    """Issue 12 item 9: ``listen.js?listen`` is in a course with a page or case study, not in a
    toolkit exercise's package; each page and case study has the (hidden) buttons."""
    assert "listen" in unit_features(basic_unit)
    assert b"/* listen.js */" in render_unit(basic_unit, "scorm12")["sbfa.js"]
    doc = lxml.html.fromstring(render_unit(basic_unit, "none")["index.html"])
    for section in doc.xpath("//section[contains(@class, 'kind-page') or contains(@class, 'kind-case-study')]"):
        box = section.xpath(".//p[@class='listen']")[0]
        assert box.get("hidden") is not None  # shown by the runtime only when a voice exists
        toggle, stop = box.xpath("button")
        assert toggle.get("aria-pressed") == "false" and toggle.text == "Listen" and stop.get("hidden") is not None
    diags = Diagnostics()
    lp = load_project(roots / "toolkit-all", diags)
    assert lp is not None
    exercise = next(u for u in units(lp) if u.kind != "course")
    assert "listen" not in unit_features(exercise)


def test_listen_weighs_at_most_0_6_kb_gzip() -> None:
    """Issue 12 item 9 (runtime ≤ 32 KB gzip): what the part adds to a course's ``sbfa.js``."""
    base = frozenset({"page"})
    added = (len(gzip.compress(runtime_js("scorm12", base | {"listen"}), 9, mtime=0))
             - len(gzip.compress(runtime_js("scorm12", base), 9, mtime=0)))
    assert 0 < added <= 614


def test_the_illustrative_notice_is_shown_once_per_course() -> None:
    """Issue 12 item 11: the course's notice on its first illustrative case study only; the short
    "Illustrative story" label on every illustrative founder card (a programme course with five)."""
    diags = Diagnostics()
    lp = load_project(Path(__file__).resolve().parents[2], diags)
    assert lp is not None
    unit = next(u for u in units(lp) if u.kind == "course" and u.course.id == "from-idea-to-business")
    doc = lxml.html.fromstring(render_unit(unit, "none")["index.html"])
    stories = doc.xpath("//section[contains(@class, 'kind-case-study')]")
    assert len(stories) >= 2
    notices = doc.xpath("//p[@class='note'][starts-with(., 'The stories in this course are illustrative')]")
    assert len(notices) == 1 and notices[0].getparent() is stories[0]
    assert len(doc.xpath("//div[@class='founder-card']/p[@class='story-label']")) == len(stories)
