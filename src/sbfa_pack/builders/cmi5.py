"""The ``cmi5`` format: ``cmi5.xml`` course structure plus the learner files with the cmi5 adapter.

One AU for the whole course (the default), or one AU per module (``au: module`` builder option).
``moveOn`` and ``masteryScore`` come from the course rules, the same rules the runtime applies:
a course with a pass mark moves on when completed and passed, with the pass mark as mastery
score; without one, when completed (CMI5 §13.1.4; checklist C5-1…C5-3). Each AU's launch URL is
relative; the LMS adds the cmi5 launch parameters.
"""

from __future__ import annotations

from decimal import Decimal

from lxml import etree

from ..model import Module
from ..unit import Unit
from ..xapi import activities, iris, plain
from . import Builder, register
from .xapi import learner_files, profile_file

CMI5_NS = "https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd"


def _sub(parent: etree._Element, tag: str, text: str | None = None, **attrs: str) -> etree._Element:
    el = etree.SubElement(parent, f"{{{CMI5_NS}}}{tag}", attrs)
    if text is not None:
        el.text = text
    return el


def _text(parent: etree._Element, tag: str, lang: str, text: str) -> None:
    _sub(_sub(parent, tag), "langstring", text, lang=lang)


def mastery_score(unit: Unit, module: Module | None = None) -> str | None:
    """The pass mark as a cmi5 masteryScore (0..1, at most 4 decimals), or None when not assessed.

    For a per-module AU only a module holding one of the assessed quizzes has one."""
    success = unit.course.success
    if success is None:
        return None
    if module is not None:
        assessed = {w.quiz for w in success.quizzes}
        if not any(lesson.id in assessed for lesson in module.lessons):
            return None
    value = (Decimal(str(success.pass_mark)) / 100).quantize(Decimal("0.0001"))
    return format(value.normalize(), "f")


def cmi5_xml(unit: Unit, per_module: bool = False, launch: str = "index.html") -> bytes:
    """The package's cmi5.xml (validates against CourseStructure.xsd)."""
    ids = iris(unit)
    acts = {a.key: a for a in activities(unit)}
    lang = unit.language
    course = unit.course
    root = etree.Element(f"{{{CMI5_NS}}}courseStructure", nsmap={None: CMI5_NS})  # type: ignore[dict-item]  # lxml: None = default namespace
    el = _sub(root, "course", id=ids.course)
    _text(el, "title", lang, course.title)
    _text(el, "description", lang, plain(course.description) or course.title)
    if not per_module or len(course.modules) == 1:
        _au(root, f"{ids.course}/au", lang, course.title, plain(course.description) or course.title,
            launch, mastery_score(unit))
    else:
        for module in course.modules:
            name = acts[f"module:{module.id}"].definition.name[lang]
            # Our own query parameter; cmi5 reserves endpoint, fetch, actor, registration, activityId.
            _au(root, f"{ids.course}/au/{module.id}", lang, name, plain(module.description) or name,
                f"{launch}?module={module.id}", mastery_score(unit, module))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _au(root: etree._Element, ident: str, lang: str, title: str, description: str, url: str,
        mastery: str | None) -> None:
    attrs = {"id": ident, "moveOn": "CompletedAndPassed" if mastery is not None else "Completed",
             "launchMethod": "AnyWindow"}
    if mastery is not None:
        attrs["masteryScore"] = mastery
    au = _sub(root, "au", **attrs)
    _text(au, "title", lang, title)
    _text(au, "description", lang, description)
    _sub(au, "url", url)


@register
class Cmi5Builder(Builder):
    """cmi5 package: learner files with the ``cmi5`` adapter, cmi5.xml and xapi.json."""

    name = "cmi5"
    title = "cmi5 package (ILIAS, SCORM Cloud; Moodle with mod_cmi5launch)"

    def files(self, unit: Unit) -> dict[str, bytes]:
        files = learner_files(unit, "cmi5")
        files["xapi.json"] = profile_file(unit)
        # Builder option, or ``xapi.cmi5_aus: module`` in sbfa.yaml.
        aus = self.options.get("au") or unit.project.xapi.cmi5_aus
        files["cmi5.xml"] = cmi5_xml(unit, per_module=aus == "module")
        return files

    def report(self, unit: Unit) -> dict[str, object]:
        score = mastery_score(unit)
        out: dict[str, object] = {"moveOn": "CompletedAndPassed" if score is not None else "Completed"}
        if score is not None:
            out["masteryScore"] = score
        return out
