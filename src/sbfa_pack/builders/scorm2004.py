"""The ``scorm2004`` format: a SCORM 2004 4th Edition zip that tracks through ``API_1484_11``.

Files: the rendered course with the ``scorm2004`` tracking adapter and ``imsmanifest.xml`` at the
root (:mod:`.scorm2004_manifest`). The SCOs are those of SCORM 1.2 (``scorm.packaging``: one for
the course, or one per module), and so is the runtime data the adapter reads (``data.scorm``),
with SCORM 2004's budget: the learner state must fit 64,000 characters of ``suspend_data``
(S4-8) in the worst case (:mod:`sbfa_pack.state`). Long free texts stay in the browser
(``scorm.state_overflow: browser``) only when the whole state could not fit otherwise.
"""

from __future__ import annotations

from .. import state
from ..render import render_unit
from ..unit import Unit
from . import Builder, register
from .scorm12 import Scorm12Builder, module_rules, scorm_data, with_runtime_data
from .scorm12 import StateTooLarge as Scorm12StateTooLarge
from .scorm2004_manifest import course_objective_id, manifest_xml, measure_text, objective_id


class StateTooLarge(Scorm12StateTooLarge):
    """The worst-case learner state of a package is longer than SCORM 2004 keeps."""

    code = "scorm2004.state-too-large"
    standard = "SCORM 2004"
    limit = state.SCORM2004_LIMIT


@register
class Scorm2004Builder(Builder):
    name = "scorm2004"
    title = "SCORM 2004 4th Edition (SCORM Cloud, national platforms; Moodle in part)"

    def files(self, unit: Unit) -> dict[str, bytes]:
        overflow, size = self.budget(unit)
        if size > state.SCORM2004_LIMIT:
            raise StateTooLarge(unit_kind=unit.kind, unit_id=unit.id, language=unit.language, size=size,
                                parts=state.largest_parts(unit, overflow))
        files = render_unit(unit, adapter="scorm2004")
        scos = Scorm12Builder.scos(unit)
        data = scorm_data(unit, scos, overflow, state.SCORM2004_LIMIT)
        del data["keys"]  # SCORM 2004 responses are the ids themselves
        success = unit.course.success
        if success is not None:
            data["passScaled"] = float(measure_text(success.pass_mark))
        if len(scos) == 1 and len(unit.course.modules) > 1:
            # One SCO: each module is a secondary objective (cmi.objectives), decided by the same rules.
            data["objectives"] = {objective_id(m): rules for m, rules in module_rules(unit).items()}
        data["objective"] = course_objective_id(unit)
        with_runtime_data(files, data)
        files["imsmanifest.xml"] = manifest_xml(unit, scos, files, success.pass_mark if success else None)
        return files

    def report(self, unit: Unit) -> dict[str, object]:
        """The worst-case state size and what the LMS will see (completion and success apart)."""
        assessed = unit.course.success is not None
        return {"worst_case_state": self.budget(unit)[1],
                "reports": "completed + passed/failed" if assessed else "completed"}

    @staticmethod
    def budget(unit: Unit) -> tuple[bool, int]:
        """Whether long texts stay in the browser, and the worst-case state size that follows.

        They stay there only when the project asks for it and the whole state could not fit."""
        size = state.worst_case_size(unit, False)
        if size > state.SCORM2004_LIMIT and unit.project.scorm.state_overflow == "browser":
            return True, state.worst_case_size(unit, True)
        return False, size
