"""The programme's trainer's guide (issue 13 item 7): every course has a plan of one or two group
sessions of two to three hours whose steps add up; the sections cover what a trainer needs; the
guide's catalog is translated in every language; the "For trainers" pages are built in every language."""

from __future__ import annotations

from pathlib import Path

import pytest

from sbfa_pack.diagnostics import Diagnostics
from sbfa_pack.i18n.localise import table
from sbfa_pack.i18n.units import GUIDE, catalog_of
from sbfa_pack.load import LoadedProject, load_project
from sbfa_pack.site import content, guide

REPO = Path(__file__).resolve().parents[2]
SECTIONS = {"programme", "preparing", "stories", "self-check", "evaluation", "countries"}


@pytest.fixture(scope="module")
def lp() -> LoadedProject:
    diags = Diagnostics()
    loaded = load_project(REPO, diags)
    assert loaded is not None and loaded.guide is not None, "guide/guide.yaml is missing or invalid"
    assert not [str(d) for d in diags if d.code.startswith("guide.") or d.file.startswith("guide/")]
    return loaded


def test_every_course_has_one_or_two_sessions_of_two_to_three_hours(lp: LoadedProject) -> None:
    """Issue 13 item 7: a session plan per course; each session 120–180 minutes, its steps adding
    up to it, with a break in the sessions of the courses and an exercise of the toolkit used."""
    assert lp.guide is not None
    assert set(lp.guide.plans) == set(lp.courses)
    for cid, sessions in lp.guide.plans.items():
        assert 1 <= len(sessions) <= 2, cid
        for s in sessions:
            assert 120 <= s.minutes <= 180, (cid, s.id)
            assert sum(step.minutes for step in s.steps) == s.minutes, (cid, s.id)
            assert s.aims and s.before and s.after, (cid, s.id)
        used = {e for s in sessions for step in s.steps for e in step.exercises}
        assert used <= set(lp.exercises) and (used or cid == "follow-up"), cid


def test_the_sections_cover_a_trainers_needs(lp: LoadedProject) -> None:
    """Issue 13 item 7: the programme, preparing a group, the stories' prompts, the self-check before
    and after, the evaluation instruments (with the observation sheet and `sbfa-pack report`) and
    adapting to each country."""
    assert lp.guide is not None
    sections = {s.id: s.body for s in lp.guide.sections}
    assert set(sections) == SECTIONS
    assert "observation sheet" in sections["evaluation"] and "sbfa-pack report" in sections["evaluation"]
    assert "3–6 months" in sections["evaluation"]
    for word in ("interpreter", "offline", "Childcare", "languages"):
        assert word in sections["preparing"], word
    for word in ("residence status", "money", "fails", "private"):
        assert word in sections["stories"], word
    assert "Before the course" in sections["self-check"] and "After the course" in sections["self-check"]


def test_the_guide_is_translated_in_every_language(lp: LoadedProject) -> None:
    """Issue 13 item 7: ``locales/<lang>/guide.po`` holds every string of the guide, as drafts."""
    keys = {m.key for m in catalog_of(lp, GUIDE)}
    for lang in lp.project.languages:
        if lang == lp.project.source_language:
            continue
        tab = table(REPO, lang, GUIDE)
        missing = keys - tab.keys()
        assert not missing, (lang, sorted(missing)[:3])
        assert lang in lp.project.translations.draft


def test_the_trainers_pages_exist_for_every_course_in_every_language(lp: LoadedProject) -> None:
    """Issue 13 item 7: the site yields the guide's index, its sections and a plan page per course."""
    p = content.project(lp, {}, [])
    for lang in ("en", "ar"):
        keys = [key for key, _, _ in guide.pages(p, content.localised(p, lang))]
        assert keys[0] == "trainers/index.html"
        assert {f"trainers/{s}.html" for s in SECTIONS} <= set(keys)
        assert {f"trainers/sessions/{c}.html" for c in lp.courses} <= set(keys)
