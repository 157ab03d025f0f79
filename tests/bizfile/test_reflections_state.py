"""Answerable reflections in the learner state and the business file's part (issue 12 item 4)."""

from __future__ import annotations

from pathlib import Path

from sbfa_pack import state
from sbfa_pack.build import units
from sbfa_pack.diagnostics import Diagnostics
from sbfa_pack.load import load_project
from sbfa_pack.render import render_unit, runtime_js, unit_features
from sbfa_pack.unit import Unit

ROOTS = Path(__file__).resolve().parents[1] / "roots"


def _course(root: str) -> Unit:
    diags = Diagnostics()
    lp = load_project(ROOTS / root, diags)
    assert lp is not None and not diags.errors
    return next(u for u in units(lp) if u.kind == "course")


def test_reflections_count_in_the_scorm_worst_case_unless_kept_in_the_browser() -> None:
    """Issue 12 item 4 (RTE-16): every reflection at REFLECTION_MAX characters in ``r``; none with
    ``scorm.state_overflow: browser`` (the runtime then keeps them in this browser)."""
    unit = _course("learner")
    worst = state.worst_case_state(unit)
    assert worst["r"] == {"amira": {"r1": state.worst_text(state.REFLECTION_MAX)}}
    assert "r" not in state.worst_case_state(unit, overflow=True)
    assert any(name.startswith("reflections of 'amira'") for name, _ in state.largest_parts(unit))
    assert state.decode(state.encode(worst)) == worst


def test_the_case_study_has_a_labelled_box_and_the_part_ships_only_where_needed() -> None:
    """Issue 12 item 4: a text box per prompt (label = the prompt, a counter, the max length);
    bizfile.js only in packages with exercises or case studies."""
    unit = _course("learner")
    page = render_unit(unit, "none")["index.html"].decode()
    assert '<label for="r-amira-r1-a">What would you do first?</label>' in page
    assert f'maxlength="{state.REFLECTION_MAX}" data-case="amira" data-prompt="r1"' in page
    assert "bizfile" in unit_features(unit)
    assert b"/* bizfile.js */" in runtime_js("none", unit_features(unit))  # the part (screens.js only asks for it)
    plain = _course("learner-exam")
    assert "bizfile" not in unit_features(plain)
    assert b"/* bizfile.js */" not in runtime_js("none", unit_features(plain))


def test_each_reflection_prompt_is_an_xapi_activity_under_its_case_study() -> None:
    """Issue 12 item 4: ``responded`` on ``<course-iri>/lessons/<case-id>/reflections/<prompt-id>``,
    a long-fill-in interaction whose parent is the case study (docs/lms.md)."""
    import json
    import re

    page = render_unit(_course("learner"), "xapi")["index.html"].decode()
    data = json.loads(re.search(r'id="sbfa-data">(.*?)</script>', page, re.S).group(1))  # type: ignore[union-attr]
    act = data["xapi"]["activities"]["reflection:amira/r1"]
    assert act["id"] == "https://w3id.org/sbfa/courses/start/lessons/amira/reflections/r1"
    assert act["definition"]["interactionType"] == "long-fill-in"
    assert act["parent"] == "lesson:amira"
    assert "responded" in data["xapi"]["verbs"]
