"""The ``xapi`` format: a Tin Can package (Rustici launch) with ``tincan.xml`` at the root.

The course is the first activity and the only one with ``<launch>`` (mod_tincanlaunch reads the
first activity by position; checklist XP-1…XP-6); modules, lessons, questions with their full
interaction definitions and toolkit exercises follow. ``xapi.json`` gives the runtime the same
ids and definitions. No LRS endpoint or credential is ever written into a package: the runtime
reads them from the launch URL, and without them works standalone, recording nothing.
"""

from __future__ import annotations

import json
from typing import Any

from lxml import etree

from ..render import render_unit
from ..unit import Unit
from ..xapi import activities, check_profile, profile
from . import Builder, register

TINCAN_NS = "http://projecttincan.com/tincan.xsd"
_LISTS = ("choices", "scale", "source", "target", "steps")


def profile_file(unit: Unit) -> bytes:
    """``xapi.json``: the runtime's xAPI profile, checked with the ``tincan`` library first."""
    data = profile(unit)
    problems = check_profile(data)
    if problems:  # the definitions come from validated course data: this is a bug, not an input error
        raise AssertionError("invalid xAPI definitions: " + "; ".join(problems))
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def learner_files(unit: Unit, adapter: str) -> dict[str, bytes]:
    """The rendered learner files; render puts ``adapters/xapi-common.js`` before the adapter."""
    return render_unit(unit, adapter=adapter)


def tincan_xml(unit: Unit, launch: str = "index.html") -> bytes:
    """The package's tincan.xml (validates against tincan.xsd)."""
    root = etree.Element(f"{{{TINCAN_NS}}}tincan", nsmap={None: TINCAN_NS})  # type: ignore[dict-item]  # lxml: None = default namespace
    acts = etree.SubElement(root, f"{{{TINCAN_NS}}}activities")
    seen: set[str] = set()
    for i, act in enumerate(activities(unit)):
        if act.iri in seen:  # a toolkit exercise packaged on its own is also the course activity
            continue
        seen.add(act.iri)
        d = act.as_json()
        el = _sub(acts, "activity", None, id=act.iri, type=d["type"])
        for lang, text in sorted(d["name"].items()):
            _sub(el, "name", text, lang=lang)
        for lang, text in sorted((d.get("description") or d["name"]).items()):
            _sub(el, "description", text, lang=lang)
        if i == 0:
            _sub(el, "launch", launch, lang=unit.language)
        if "interactionType" in d:
            _sub(el, "interactionType", d["interactionType"])
        if d.get("correctResponsesPattern"):
            patterns = _sub(el, "correctResponsePatterns", None)
            for pattern in d["correctResponsesPattern"]:
                _sub(patterns, "correctResponsePattern", pattern)
        for name in _LISTS:
            if d.get(name):
                _components(_sub(el, name, None), d[name])
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _sub(parent: etree._Element, tag: str, text: str | None, **attrs: str) -> etree._Element:
    el = etree.SubElement(parent, f"{{{TINCAN_NS}}}{tag}", {k: v for k, v in attrs.items() if v is not None})
    if text is not None:
        el.text = text
    return el


def _components(parent: etree._Element, items: list[dict[str, Any]]) -> None:
    for item in items:
        comp = _sub(parent, "component", None)
        _sub(comp, "id", item["id"])
        for lang, text in sorted(item["description"].items()):
            _sub(comp, "description", text, lang=lang)


@register
class XapiBuilder(Builder):
    """Tin Can package: learner files with the ``xapi`` adapter, tincan.xml and xapi.json."""

    name = "xapi"
    title = "xAPI / Tin Can package (Rustici launch; Moodle mod_tincanlaunch)"

    def files(self, unit: Unit) -> dict[str, bytes]:
        files = learner_files(unit, "xapi")
        files["xapi.json"] = profile_file(unit)
        files["tincan.xml"] = tincan_xml(unit)
        return files

    def report(self, unit: Unit) -> dict[str, object]:
        return {"activity_id": profile(unit)["course"]}
