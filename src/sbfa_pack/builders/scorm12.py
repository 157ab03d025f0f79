"""The ``scorm12`` format: a SCORM 1.2 zip that imports into Moodle and tracks through ``cmi.*``.

Files: the rendered course with the ``scorm12`` tracking adapter, ``imsmanifest.xml`` at the root
(:mod:`.scorm12_manifest`) and, when the user names a folder holding them, the official SCORM 1.2
schema files (``--schemas DIR``, ``SBFA_SCORM_SCHEMAS`` or ``scorm.schemas`` in sbfa.yaml): the
project never ships copies of its own (CAM-13, CAM-41).

The learner state must fit SCORM 1.2's 4,096 characters of ``suspend_data`` (RTE-16) in the worst
case (:mod:`sbfa_pack.state`); a course that could outgrow it fails to build with
:class:`StateTooLarge`, unless it opts into ``scorm.state_overflow: browser`` (long free text kept
in the browser, its length in ``suspend_data``).
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

from .. import state
from ..errors import SbfaError
from ..model import Matching, MultipleChoice, Ordering, Quiz, SingleChoice, Survey
from ..paths import inside
from ..render import render_unit
from ..render.data import data_json
from ..unit import Unit
from . import Builder, register
from .scorm12_manifest import SCHEMA_FILES, Sco, manifest_xml, mastery_text

SCHEMAS_ENV = "SBFA_SCORM_SCHEMAS"


class StateTooLarge(SbfaError):
    """The worst-case learner state of a package is longer than its SCORM version keeps."""

    code = "scorm12.state-too-large"
    standard = "SCORM 1.2"
    limit = state.SCORM12_LIMIT
    advice = ("lower the max_length of free-text fields, or set 'scorm: {state_overflow: browser}' in sbfa.yaml "
              "to keep long texts in the learner's browser")

    def __init__(self, *, unit_kind: str, unit_id: str, language: str, size: int, parts: list[tuple[str, int]]) -> None:
        self.args_kw = {"unit_kind": unit_kind, "unit_id": unit_id, "language": language, "size": size,
                        "parts": parts}
        need = ", ".join(f"{name} {n:,}" for name, n in parts[:3] if n > 0)
        src = f"courses/{unit_id}/course.yaml" if unit_kind == "course" else f"toolkit/{unit_id}.yaml"
        super().__init__(
            file=src,
            message=f"{unit_kind} '{unit_id}' ({language}): the saved learner state can reach {size:,} characters, "
            f"over {self.standard}'s {self.limit:,} for cmi.suspend_data (largest: {need}); {self.advice}",
        )

    def __reduce__(self) -> tuple[Any, ...]:
        # Raised inside build worker processes: rebuild from keywords when unpickled in the parent.
        return (_rebuild, (type(self), self.args_kw))


def _rebuild(cls: type[StateTooLarge], kw: dict[str, Any]) -> StateTooLarge:
    return cls(**kw)


class SchemasMissing(SbfaError):
    """The folder named for the official schema files does not hold them."""

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild_missing, (str(self),))


def _rebuild_missing(message: str) -> SchemasMissing:
    return SchemasMissing(message=message)


@register
class Scorm12Builder(Builder):
    name = "scorm12"
    title = "SCORM 1.2 (Moodle, ILIAS, Chamilo, itslearning, Canvas)"

    def files(self, unit: Unit) -> dict[str, bytes]:
        overflow = self._overflow(unit)
        size = state.worst_case_size(unit, overflow)
        if size > state.SCORM12_LIMIT:
            raise StateTooLarge(unit_kind=unit.kind, unit_id=unit.id, language=unit.language, size=size,
                                parts=state.largest_parts(unit, overflow))
        files = render_unit(unit, adapter="scorm12")
        scos = self.scos(unit)
        _with_scorm_data(files, unit, scos, overflow)
        schemas = self._schemas(unit)
        for name, path in schemas.items():
            files[name] = path.read_bytes()
        files["imsmanifest.xml"] = manifest_xml(unit, scos, files, schemas_shipped=bool(schemas))
        return files

    def report(self, unit: Unit) -> dict[str, object]:
        """The worst-case state size, and the status the LMS will see (RTE-28: one of the two kinds)."""
        return {"worst_case_state": state.worst_case_size(unit, self._overflow(unit)),
                "reports": " + ".join(sorted({"passed/failed" if sco.mastery else "completed"
                                              for sco in self.scos(unit)}))}

    @staticmethod
    def _overflow(unit: Unit) -> bool:
        return unit.project.scorm.state_overflow == "browser"

    @staticmethod
    def scos(unit: Unit) -> list[Sco]:
        """The launchable items: the whole course, or one per module (``scorm.packaging``)."""
        course = unit.course
        pass_mark = course.success.pass_mark if course.success else None
        if unit.project.scorm.packaging == "single-sco" or len(course.modules) == 1:
            mastery = mastery_text(pass_mark) if pass_mark is not None else None
            return [Sco(course.id, course.title, "", mastery)]
        graded = {w.quiz for w in course.success.quizzes} if course.success else set()
        out = []
        for module in course.modules:
            assessed = pass_mark is not None and any(
                isinstance(les, Quiz) and les.id in graded for les in module.lessons)
            out.append(Sco(f"{course.id}-{module.id}", module.title, f"?sco={module.id}",
                           mastery_text(pass_mark) if assessed and pass_mark is not None else None))
        return out

    def _schemas(self, unit: Unit) -> dict[str, Path]:
        """Official schema files to copy to the package root: {} when no folder was named."""
        named = self.options.get("schemas") or os.environ.get(SCHEMAS_ENV) or unit.project.scorm.schemas
        if not named:
            return {}
        folder = Path(str(named))
        root = getattr(unit, "root", None)  # the project folder, when the pipeline provides it
        key = "--schemas" if self.options.get("schemas") else SCHEMAS_ENV if os.environ.get(SCHEMAS_ENV) \
            else "scorm.schemas"
        if key == "scorm.schemas" and root is not None:
            # scorm.schemas of the project (untrusted): a folder of the project (the loader says so too)
            project_folder = inside(Path(root), folder)
            if project_folder is None:
                raise SchemasMissing(message=f"scorm.schemas: '{named}' is outside the project folder")
            folder = project_folder
        elif not folder.is_absolute() and root is not None:
            folder = Path(root) / folder
        sub = "scorm12/" if (folder / "scorm12").is_dir() else ""
        # Each file must really be in the named folder: a link to anywhere else is not shipped.
        found = {n: inside(folder, sub + n) for n in SCHEMA_FILES}
        outside = [n for n, path in found.items() if path is None]
        if outside:
            raise SchemasMissing(message=f"{key}: in the SCORM 1.2 schema folder '{named}', {', '.join(outside)} "
                                 "leads outside that folder (a link): not shipped")
        missing = [n for n, path in found.items() if path is None or not path.is_file()]
        if missing:
            raise SchemasMissing(message=f"the SCORM 1.2 schema folder '{named}' lacks {', '.join(missing)} "
                                 "(it needs the four official files, e.g. shared/standards/scorm12/)")
        return {n: path for n, path in found.items() if path is not None}


# Found by its id whatever the attribute order (a project may override the page template).
_DATA = re.compile(r'(<script\b[^>]*\bid="sbfa-data"[^>]*>)(.*?)(</script>)', re.DOTALL)


def _with_scorm_data(files: dict[str, bytes], unit: Unit, scos: list[Sco], overflow: bool) -> None:
    """Add what the scorm12 adapter needs to the runtime data embedded in index.html (``data.scorm``)."""
    with_runtime_data(files, scorm_data(unit, scos, overflow))


def with_runtime_data(files: dict[str, bytes], scorm: dict[str, Any]) -> None:
    """Put ``scorm`` into the runtime data embedded in index.html as ``data.scorm``."""
    html = files["index.html"].decode()
    match = _DATA.search(html)
    if match is None:
        raise RuntimeError("index.html has no sbfa-data block for the SCORM adapter")  # a bug, not user error
    data = json.loads(match.group(2))
    data["scorm"] = scorm
    text = data_json(data)
    files["index.html"] = (html[: match.start(2)] + text + html[match.end(2):]).encode()


def module_rules(unit: Unit) -> dict[str, Any]:
    """Per module: its lessons and its graded quizzes with their weights (docs/runtime.md, scorm data)."""
    course = unit.course
    weights = {w.quiz: w.weight for w in course.success.quizzes} if course.success else {}
    rules: dict[str, Any] = {
        module.id: {"lessons": [les.id for les in module.lessons],
                    "quizzes": {les.id: weights[les.id] for les in module.lessons if les.id in weights}}
        for module in course.modules}
    for module in course.modules:  # a survey counts once submitted (state.sd), never when only seen
        surveys = [les.id for les in module.lessons if isinstance(les, Survey)]
        if surveys:
            rules[module.id]["surveys"] = surveys
    return rules


def scorm_data(unit: Unit, scos: list[Sco], overflow: bool, limit: int = state.SCORM12_LIMIT) -> dict[str, Any]:
    """Limits, overflow fields, response keys in declared order (RTE-26) and per-SCO rules."""
    course = unit.course
    sco_rules = module_rules(unit) if len(scos) > 1 else {}
    keys: dict[str, list[str]] = {}
    for quiz in course.quizzes():
        for q in quiz.questions:
            if isinstance(q, SingleChoice | MultipleChoice):
                keys[q.id] = [c.id for c in q.choices]
            elif isinstance(q, Matching):
                keys[q.id] = [p.id for p in q.pairs]
            elif isinstance(q, Ordering):
                keys[q.id] = [i.id for i in q.items]
    return {
        "maxState": limit,
        "overflow": "browser" if overflow else "fail",
        "browserOnly": {eid: state.browser_only_fields(ex) for eid, ex in sorted(unit.exercises.items())
                        if overflow and state.browser_only_fields(ex)},
        "surveyOnly": {les.id: state.browser_only_items(les) for _, les in course.lessons()
                       if overflow and isinstance(les, Survey) and state.browser_only_items(les)},
        "passMark": course.success.pass_mark if course.success else None,
        "scos": sco_rules,
        "keys": keys,
    }
