"""What a survey adds to a package, and only to a package with a survey (issue 14 item 1; issue 12's budget)."""

from __future__ import annotations

import json
import re
from pathlib import Path

from sbfa_pack.build import units
from sbfa_pack.diagnostics import Diagnostics
from sbfa_pack.load import load_project
from sbfa_pack.render import render_unit
from sbfa_pack.unit import Unit
from sbfa_pack.xapi import profile
from sbfa_pack.xapi.statements import check_profile

ROOTS = Path(__file__).parents[1] / "roots"


def _unit(root: str) -> Unit:
    diags = Diagnostics()
    lp = load_project(ROOTS / root, diags)
    assert lp is not None and not diags.errors
    return next(u for u in units(lp) if u.kind == "course")


def _data(html: str) -> dict[str, object]:
    m = re.search(r'<script type="application/json" id="sbfa-data">(.*?)</script>', html, re.DOTALL)
    assert m
    return json.loads(m.group(1))  # type: ignore[no-any-return]


def test_survey_part_css_and_strings_only_where_a_course_has_a_survey() -> None:
    """Issue 14 item 1: survey.js, survey.css and the survey strings ship in a package with a survey
    lesson, and cost nothing to one without."""
    with_survey = render_unit(_unit("survey"), "scorm12")
    without = render_unit(_unit("basic"), "scorm12")
    assert b"/* survey.js */" in with_survey["sbfa.js"] and b"/* survey.js */" not in without["sbfa.js"]
    page, other = with_survey["index.html"].decode(), without["index.html"].decode()
    assert ".sv-item" in page and ".sv-item" not in other
    assert "survey_thanks" in _data(page)["strings"] and "survey_thanks" not in _data(other)["strings"]  # type: ignore[operator]


def test_survey_markup() -> None:
    """Issue 14 item 1: one fieldset per item named by its legend; scales as radio groups with visible
    labels and the ends spelled out; options as radios or checkboxes; text with a limit and a counter."""
    page = render_unit(_unit("survey"), "none")["index.html"].decode()
    form = page[page.index('<form class="survey" id="survey-confidence-after"'):]
    form = form[:form.index("</form>")]
    assert form.count('<fieldset class="sv-item"') == 6
    assert form.count('type="radio" name="confidence-after-plan"') == 5
    assert '<span class="sr"> Not sure at all</span>' in form and "1: Not sure at all" in form
    assert form.count('type="radio" name="confidence-after-recommend"') == 11
    assert form.count('type="checkbox" name="confidence-after-topics"') == 3
    assert 'maxlength="80" aria-labelledby="sp-confidence-after-name-idea"' in form
    assert 'data-required="1"' in form and "(required)" in form
    anon = page[page.index('id="l-satisfaction"'):]
    assert 'data-anon="lms" hidden' in anon and "Rather agree" in anon


def test_xapi_profile_has_survey_items_and_the_responded_verb() -> None:
    """Issue 14 item 1 (XP-20, XP-21): one cmi.interaction per survey item at
    <course-iri>/surveys/<lesson>/<item>; the survey lesson typed <base>/xapi/activities/survey; the
    profile checks out with the tincan library."""
    prof = profile(_unit("survey"))
    acts = prof["activities"]
    course = "https://example.org/sbfa/courses/feedback"
    item = acts["survey:confidence-after/topics"]
    assert item["id"] == course + "/surveys/confidence-after/topics" and item["parent"] == "lesson:confidence-after"
    assert item["definition"]["interactionType"] == "choice" and "correctResponsesPattern" not in item["definition"]
    assert acts["survey:satisfaction/clear"]["definition"]["scale"][1] == {"id": "2",
                                                                            "description": {"en": "Rather disagree"}}
    assert acts["survey:confidence-after/name-idea"]["definition"]["interactionType"] == "fill-in"
    assert acts["survey:satisfaction/comments"]["definition"]["interactionType"] == "long-fill-in"
    assert acts["survey:satisfaction/recommend"]["definition"]["interactionType"] == "numeric"
    assert acts["lesson:satisfaction"]["definition"]["type"] == "https://example.org/sbfa/xapi/activities/survey"
    assert prof["verbs"]["responded"]["id"] == "http://adlnet.gov/expapi/verbs/responded"
    assert prof["extensions"]["anonymous"] == "https://example.org/sbfa/xapi/extensions/anonymous"
    assert prof["anonymous"] == "https://example.org/sbfa/anonymous"
    assert check_profile(prof) == []
