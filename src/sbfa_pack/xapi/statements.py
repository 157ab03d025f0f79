"""Verbs, extension keys and the runtime's xAPI profile (``xapi.json`` in a package).

The runtime adapters (``adapters/xapi.js``, ``adapters/cmi5.js``) build statements only from
this profile: activity ids and definitions, verbs with their display maps, and our extension
keys. :func:`check_profile` builds one sample statement per verb and activity with the
``tincan`` library and serialises it as xAPI 1.0.3, so a profile that would yield invalid
statements fails the build rather than the learner's LRS.
"""

from __future__ import annotations

import json
from typing import Any

import tincan

from ..unit import Unit, per_unit
from .activities import INTERACTION, XAPI_VERSION, Activity, activities
from .iri import iris

_ADL_VERB = "http://adlnet.gov/expapi/verbs/"
VERBS: dict[str, str] = {
    name: _ADL_VERB + name
    for name in ("initialized", "experienced", "answered", "responded", "progressed", "completed", "passed",
                 "failed", "suspended", "resumed", "terminated")
}
"""Every verb the runtime sends (ADL vocabulary; checklist XP-16, C5-9)."""
PATH_VERB = _ADL_VERB + "preferred"
"""Sent when the learner chooses or changes their country (a course with a personal path only)."""
CERTIFICATE_VERB = "http://id.tincanapi.com/verb/earned"
"""Sent when the learner prints the certificate of the end screen (a course; issue 12 item 5): ADL
has no verb for it, the xAPI registry's "earned" says it."""

CMI5_CATEGORY = "https://w3id.org/xapi/cmi5/context/categories/cmi5"
CMI5_MOVEON = "https://w3id.org/xapi/cmi5/context/categories/moveon"
CMI5_MASTERY = "https://w3id.org/xapi/cmi5/context/extensions/masteryscore"
CMI5_PROGRESS = "https://w3id.org/xapi/cmi5/result/extensions/progress"
STATE_ID = "https://w3id.org/sbfa/xapi/state/learner"
"""stateId of the learner-state document (bookmark, answers) in the State API."""


@per_unit
def profile(unit: Unit) -> dict[str, Any]:
    """What the runtime needs to build statements for ``unit`` (serialised as ``xapi.json``)."""
    ids = iris(unit)
    acts: dict[str, Any] = {}
    for act in activities(unit):
        item: dict[str, Any] = {"id": act.iri, "definition": _statement_definition(act)}
        if act.parent:
            item["parent"] = act.parent
        if "weight" in act.extra:
            item["weight"] = act.extra["weight"]
        acts[act.key] = item
    data: dict[str, Any] = {
        "version": XAPI_VERSION,
        "course": ids.course,
        "language": unit.language,
        "activities": acts,
        "verbs": {name: {"id": iri, "display": {"en-US": name}} for name, iri in VERBS.items()},
        "extensions": {
            "exerciseValues": ids.extension("extensions/exercise-values"),
            "cmi5Progress": CMI5_PROGRESS,
            "masteryScore": CMI5_MASTERY,
            "anonymous": ids.extension("extensions/anonymous"),
        },
        "anonymous": f"{ids.base}/anonymous",
        "categories": {"cmi5": CMI5_CATEGORY, "moveOn": CMI5_MOVEON},
        "stateId": STATE_ID,
    }
    if unit.kind == "course":  # issue 12 item 5: the certificate printed on the end screen
        data["verbs"]["earned"] = {"id": CERTIFICATE_VERB, "display": {"en-US": "earned"}}
    if unit.course.path is not None:  # issue 12 item 2: the country on every statement, and its choice
        data["verbs"]["preferred"] = {"id": PATH_VERB, "display": {"en-US": "preferred"}}
        data["extensions"]["country"] = ids.extension("extensions/country")
    return data


def _statement_definition(act: Activity) -> dict[str, Any]:
    """Questions carry their full interaction definition; other activities only type and name,
    because every byte is paid for on a metered phone connection."""
    full = act.as_json()
    if full.get("type") == INTERACTION:
        return full
    return {k: full[k] for k in ("type", "name") if k in full}


def check_profile(data: dict[str, Any]) -> list[str]:
    """Build a sample statement for every verb and activity with ``tincan``; return the problems.

    The library is slow (about 0.3 ms a statement, 30 ms a course), so a profile of the same
    shape as one already checked (the same course in another language or format: only texts
    and language tags differ) is not checked again."""
    shape = json.dumps(_shape(data), sort_keys=True)
    if shape in _CHECKED:
        return []
    problems = _check(data)
    if not problems:
        _CHECKED[shape] = None
        while len(_CHECKED) > 64:
            del _CHECKED[next(iter(_CHECKED))]
    return problems


_CHECKED: dict[str, None] = {}
_TEXTS = ("name", "description", "display")


def _shape(value: Any) -> Any:
    """``value`` without its language: language maps become their size, the profile's language
    (a tag the project file's model already checked) goes."""
    if isinstance(value, dict):
        return {k: len(v) if k in _TEXTS and isinstance(v, dict) else _shape(v) for k, v in value.items()
                if k != "language"}
    if isinstance(value, list):
        return [_shape(v) for v in value]
    return value


def _check(data: dict[str, Any]) -> list[str]:
    problems: list[str] = []
    actor = tincan.Agent(account=tincan.AgentAccount(home_page="https://lms.example.org", name="learner"))
    verbs = list(data["verbs"].items())
    acts = list(data["activities"].items())
    # Every verb once (with the course) and every activity once: the combinations add nothing.
    pairs = [(v, acts[0]) for v in verbs] + [(verbs[0], a) for a in acts[1:]]
    for (name, verb), (key, act) in pairs:
        try:
            statement = tincan.Statement(
                id="6b0d3c8e-2f1a-4c5b-9e7d-0a1b2c3d4e5f", actor=actor,
                verb=tincan.Verb(id=verb["id"], display=tincan.LanguageMap(verb["display"])),
                object=tincan.Activity(id=act["id"], definition=tincan.ActivityDefinition(act["definition"])),
                context=tincan.Context(registration="0f1e2d3c-4b5a-4968-8776-655443322110", language=data["language"]),
            )
            statement.to_json(XAPI_VERSION)
        except (TypeError, ValueError, AttributeError) as exc:
            problems.append(f"{name} {key}: {exc}")
    return problems
