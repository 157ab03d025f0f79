"""Data the career-toolkit widgets (``static/runtime/widgets.js``) need, and their interface strings.

The runtime renders every exercise in the browser from :func:`widget_data`: the exercise as the
model has it, with Markdown already rendered to sanitised HTML (the browser has no Markdown
parser) and each calculator formula parsed into the tree of :mod:`sbfa_pack.expr` (the browser
evaluates trees; the CSP forbids ``eval``). Fields the learner never sees are left out, to keep
``course.json`` small on metered connections.

What the widgets keep in the learner state, ``x[exercise-id][id]`` (docs/runtime.md), and what
``ctx.submit`` reports when the learner finishes:

- self-assessment: item id → scale position ``1..len(scale)`` as answered (reverse items are turned
  round only when scored); submit ``{score, max, band}``;
- worksheet: field id → the text as typed (numbers and amounts too, at most 24 characters), the
  option id of a choice, ``YYYY-MM-DD`` for a date; submit ``{filled, of}`` once required fields are set;
- calculator: input id → the text as typed (at most 24 characters); submit ``{outputs: {id: value}}``;
- checklist: item id → ``1`` while ticked (removed when unticked); submit ``{done, of}``.

Calculator conventions the runtime follows (as the toolkit's formulas use them): percentages are
numbers of percent on both sides, so a ``percent`` input typed as ``20`` enters formulas as ``20``
(``price * vat / 100``) and a ``percent`` output of ``60`` is shown as ``60 %``.
"""

from __future__ import annotations

import re
from typing import Any

from .. import expr, markdown
from ..i18n.ui import currency_of
from ..model import COUNTRIES, Exercise
from ..model.toolkit import Calculator, Checklist, SelfAssessment, Worksheet

__all__ = ["CANVAS_SLOTS", "canvas_slots", "widget_data"]


# The nine blocks of a business model canvas, in the order the grid names them, with the words
# that identify a block by its id; authors list areas in the order learners should fill them in.
CANVAS_SLOTS = (("kp", "partner"), ("ka", "activit"), ("kr", "resource"), ("vp", "value|offer|proposition"),
                ("cr", "relation"), ("ch", "channel"), ("cs", "customer|segment|client"), ("co", "cost"),
                ("rv", "revenue|income|sales"))

_DROP = {"keywords", "licence", "version", "language", "duration_minutes"}


def _html(text: str | None) -> str | None:
    return markdown.to_html(text, heading_offset=2) if text else None


def widget_data(ex: Exercise) -> dict[str, Any]:
    """The JSON-ready exercise for the runtime: Markdown as sanitised HTML (``html: 1``), formulas as trees."""
    data = {k: v for k, v in ex.model_dump(mode="json", exclude_none=True).items() if k not in _DROP}
    data["html"] = 1
    for key in ("description", "instructions", "example"):
        data[key] = _html(data[key])
    if isinstance(ex, SelfAssessment):
        for band, model in zip(data["bands"], ex.bands, strict=True):
            band["advice"] = _html(model.advice)
    elif isinstance(ex, Worksheet):
        if ex.layout == "canvas":
            for area, slot in zip(data["areas"], canvas_slots([a.id for a in ex.areas]), strict=True):
                if slot:
                    area["slot"] = slot
        for fld, fmodel in zip(data["fields"], ex.fields, strict=True):
            fld.pop("translator_note", None)
            if fmodel.help:
                fld["help"] = _html(fmodel.help)
    if isinstance(ex, Calculator | Worksheet):
        data.pop("countries", None)
        money = money_data(ex)
        if money:
            data["money"] = money
    if isinstance(ex, Calculator):
        for out, omodel in zip(data["outputs"], ex.outputs, strict=True):
            out["tree"] = expr.parse(omodel.formula)
            del out["formula"]
            if omodel.explanation:
                out["explanation"] = _html(omodel.explanation)
    elif isinstance(ex, Checklist):
        for group, gmodel in zip(data["groups"], ex.groups, strict=True):
            for item, imodel in zip(group["items"], gmodel.items, strict=True):
                if imodel.help:
                    item["help"] = _html(imodel.help)
    return data


def money_data(ex: Calculator | Worksheet) -> dict[str, Any]:
    """Per country, what differs from the exercise as written (issue 12 item 3): the currency (CLDR),
    and a calculator's worked example and amounts there. A country whose currency differs but for
    which a calculator gives no amounts keeps the exercise's own currency and amounts: an amount is
    never shown in a currency it was not written in."""
    money: dict[str, Any] = {}
    has_money = isinstance(ex, Calculator) or any(f.type == "money" for f in ex.fields)
    for country in COUNTRIES:
        currency = currency_of(country)
        local = ex.countries.get(country) if isinstance(ex, Calculator) else None
        if local is not None:
            money[country] = {"currency": currency, "example": _html(local.example), "defaults": dict(local.defaults)}
        elif currency != ex.currency and isinstance(ex, Worksheet) and has_money:
            money[country] = {"currency": currency}
    return money


def canvas_slots(area_ids: list[str]) -> list[str | None]:
    """The grid block of each canvas area: found by its id's words, else the next free block in order.

    Only a canvas of exactly nine areas is laid out as the canvas grid; otherwise every slot is None.
    """
    if len(area_ids) != len(CANVAS_SLOTS):
        return [None] * len(area_ids)
    slots: list[str | None] = []
    for aid in area_ids:
        found = next((s for s, words in CANVAS_SLOTS if re.search(words, aid) and s not in slots), None)
        slots.append(found)
    free = iter(s for s, _ in CANVAS_SLOTS if s not in slots)
    return [s or next(free) for s in slots]
