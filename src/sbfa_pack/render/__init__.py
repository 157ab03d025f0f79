"""Rendering a unit into the learner-side files of a package (HTML, runtime JS/CSS, data, assets).

One Jinja environment (autoescape on, strict undefined); templates and static files are package
data. Builders call :func:`render_unit` and add their own manifest.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

import jinja2

from .. import markdown
from ..model import CaseStudy, ExerciseRef, Page, Quiz, ResourceList
from ..unit import Unit


@cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("sbfa_pack.render", "templates"),
        autoescape=jinja2.select_autoescape(("html", "xml", "j2"), default_for_string=True, default=True),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["md"] = lambda text: jinja2.utils.markupsafe.Markup(markdown.to_html(text)) if text else ""
    env.filters["mdinline"] = lambda text: jinja2.utils.markupsafe.Markup(markdown.inline_html(text)) if text else ""
    return env


def static_file(name: str) -> bytes:
    return resources.files("sbfa_pack.render").joinpath("static", name).read_bytes()


def runtime_data(unit: Unit, adapter: str) -> dict[str, Any]:
    """The data the runtime needs: navigation, rules, questions with their keys, exercises."""
    course = unit.course
    lessons = []
    for module, lesson in course.lessons():
        lessons.append({"id": lesson.id, "module": module.id, "kind": lesson.kind, "title": lesson.title})
    data: dict[str, Any] = {
        "v": 1,
        "id": course.id,
        "version": course.version,
        "language": unit.language,
        "adapter": adapter,
        "lessons": lessons,
        "completion": course.completion.model_dump(mode="json"),
        "success": course.success.model_dump(mode="json") if course.success else None,
        "quizzes": {q.id: q.model_dump(mode="json", exclude={"intro", "title"}) for q in course.quizzes()},
        "exercises": {k: v.model_dump(mode="json") for k, v in sorted(unit.exercises.items())},
    }
    return data


def render_unit(unit: Unit, adapter: str) -> dict[str, bytes]:
    """Every learner-side file of the package for ``adapter`` (``scorm12``, ``xapi``, ``cmi5``, ``none``)."""
    env = environment()
    html = env.get_template("course.html.j2").render(
        unit=unit, course=unit.course, lang=unit.language, adapter=adapter,
        Page=Page, CaseStudy=CaseStudy, Quiz=Quiz, ExerciseRef=ExerciseRef, ResourceList=ResourceList,
    )
    files: dict[str, bytes] = {
        "index.html": html.encode(),
        "sbfa.css": static_file("sbfa.css"),
        "sbfa.js": static_file("sbfa.js"),
        "course.json": json.dumps(runtime_data(unit, adapter), ensure_ascii=False, sort_keys=True,
                                  separators=(",", ":")).encode(),
    }
    for name, path in sorted(unit.assets.items()):
        files[name] = path.read_bytes()
    return files
