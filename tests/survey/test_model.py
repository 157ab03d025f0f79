"""The survey lesson kind in sources: model rules, cross-checks with their places, PO strings, inventory."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from sbfa_pack.diagnostics import Diagnostics
from sbfa_pack.i18n.units import catalogs
from sbfa_pack.inventory import collect
from sbfa_pack.load import load_project
from sbfa_pack.sources_check import validate_sources

ROOT = Path(__file__).parents[1] / "roots" / "survey"

HEAD = """id: demo
version: 1.0.0
title: Demo
description: A demo.
language: en
duration_minutes: 10
modules:
  - id: m
    title: M
    lessons:
"""


def _diags(tmp_path: Path, lessons: str) -> list[str]:
    (tmp_path / "sbfa.yaml").write_text("name: Survey case\nformats: [web]\n")
    course = tmp_path / "courses" / "demo"
    course.mkdir(parents=True)
    (course / "course.yaml").write_text(HEAD + lessons)
    diags = Diagnostics()
    validate_sources(tmp_path, diags)
    return [f"{d.line}:{d.column}: {d.code}: {d.message}" for d in diags.errors]


PRE = """      - id: pre
        kind: survey
        title: Before
        scale: {points: 5, low: No, high: Yes}
        items:
          - {id: plan, type: likert, prompt: I can plan.}
"""


@pytest.mark.parametrize(("lessons", "expected"), [
    (PRE.replace("points: 5", "points: 12"), "14:25: schema.value: 'points': Input should be less than or equal to 11"),
    (PRE.replace("          - {id: plan, type: likert, prompt: I can plan.}\n",
                 "          - {id: plan, type: likert, prompt: A}\n          - {id: plan, type: rating, prompt: B}\n"),
     "17:18: ref.duplicate-id: id 'plan' is already used on line 16"),
    (PRE + "          - {id: where, type: choice, prompt: Where?}\n",
     "17:13: schema.rule: a 'choice' item needs 'options' (at least 2, found 0)"),
    (PRE.replace("        scale: {points: 5, low: No, high: Yes}\n", ""),
     "11:9: schema.rule: a survey with likert items needs a 'scale'"),
    (PRE + "      - id: post\n        kind: survey\n        title: After\n        pairs_with: prre\n"
     "        items:\n          - {id: plan, type: rating, prompt: How much?}\n",
     "20:21: ref.missing-survey: survey 'prre' does not exist in this course (did you mean 'pre'?)"),
    (PRE.replace("      - id: pre\n", "      - id: pre\n        pairs_with: post\n") +
     "      - id: post\n        kind: survey\n        title: After\n        items:\n"
     "          - {id: plan, type: rating, prompt: How much?}\n",
     "12:21: survey.pair-order: 'pairs_with' must name an earlier survey: 'post' comes later"),
    (PRE + "      - id: post\n        kind: survey\n        title: After\n        pairs_with: pre\n"
     "        items:\n          - {id: plan, type: rating, prompt: How much?}\n",
     "20:21: survey.pair-items: survey 'pre' shares no item (same id and type)"),
    (PRE + "      - id: page\n        kind: page\n        title: P\n        body: Hi\n"
     "      - id: post\n        kind: survey\n        title: After\n        pairs_with: page\n"
     "        items:\n          - {id: plan, type: rating, prompt: How much?}\n",
     "24:21: ref.missing-survey: 'page' is not a survey (it is a page lesson)"),
    (PRE + "          - {id: idea, type: text, prompt: Idea?, max_length: 900}\n",
     "17:51: schema.rule: 'max_length' of a 'text' item is at most 500"),
])
def test_survey_diagnostics_are_located(tmp_path: Path, lessons: str, expected: str) -> None:
    """Issue 14 item 1: a survey's mistakes (scale out of range, duplicate item ids, options missing,
    no scale, unknown, later or incomparable ``pairs_with``) are errors at their file line and column."""
    found = _diags(tmp_path, lessons)
    assert any(line.startswith(expected) for line in found), found


def test_sample_loads_and_pairs(tmp_path: Path) -> None:
    """Issue 14 item 1: the sample's pre/post pair and anonymous survey load without a diagnostic."""
    assert _diags(tmp_path, PRE + "      - id: post\n        kind: survey\n        title: After\n"
                  "        pairs_with: pre\n        scale: {points: 5, low: No, high: Yes}\n"
                  "        items:\n          - {id: plan, type: likert, prompt: I can plan.}\n") == []
    diags = Diagnostics()
    lp = load_project(ROOT, diags)
    assert lp is not None and not diags.errors


def test_every_survey_text_is_in_the_po_template() -> None:
    """Issue 14 item 1: titles, intros, prompts, options and the scale's labels go through the PO workflow."""
    diags = Diagnostics()
    lp = load_project(ROOT, diags)
    assert lp is not None
    keys = {(m.context, m.msgid) for m in catalogs(lp)["feedback"]}
    for key in [("start/confidence-before/intro", "Tell us **before** you start. There are no wrong answers."),
                ("start/confidence-before/items/plan/prompt", "I can write a simple business plan."),
                ("start/confidence-before/scale/low", "Not sure at all"),
                ("start/confidence-before/scale/high", "Very sure"),
                ("end/satisfaction/scale/labels", "Rather agree"),
                ("end/confidence-after/items/channel/options/office/text", "The job centre"),
                ("end/satisfaction/items/comments/prompt", "Anything else you want to tell us?")]:
        assert key in keys


def test_inventory_counts_surveys(tmp_path: Path) -> None:
    """Issue 14 item 1: the inventory counts surveys, anonymous and paired ones, items by type, and their
    free text in the course's text budget."""
    root = tmp_path / "p"
    shutil.copytree(ROOT, root)
    inv = collect(root)
    assert inv["lessons"]["survey"] == 3
    assert inv["surveys"] == {"total": 3, "anonymous": 1, "paired": 1,
                              "items": {"choice": 1, "choices": 1, "likert": 5, "long-text": 1, "rating": 2, "text": 1}}
    assert inv["courses"]["feedback"]["text_budget"] == 80 + 300
