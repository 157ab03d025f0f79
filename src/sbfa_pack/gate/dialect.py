"""What differs between SCORM 1.2 and SCORM 2004 for the gate: API names, data-model elements, limits.

The checks (scorm.py) are written once against a :class:`Dialect`; each reads the LMS's data model
(scorm-again's ``renderCMIToJSONObject()``) and its call log through these names.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


def _get(cmi: dict[str, Any], dotted: str) -> str:
    node: Any = cmi
    for part in dotted.split(".")[1:]:  # without the leading "cmi"
        node = node.get(part, "") if isinstance(node, dict) else ""
    return "" if node is None else str(node)


@dataclass(frozen=True)
class Dialect:
    format: str
    label: str
    api_class: str  # scorm-again's class
    api_js: str  # its file in scorm-again's dist/
    window_name: str  # where the SCO looks for the API
    initialize: str
    finish: str
    set_value: str
    commit: str
    learner: dict[str, str]
    mastery_element: str
    entry_element: str
    location_element: str
    suspend_limit: int
    notation: bool  # interactions checked against SCORM 1.2 notation (2004: scorm-again's type checks on set)

    def status(self, cmi: dict[str, Any]) -> str:
        """One word for what the LMS shows: 1.2's lesson_status; 2004's success status when known,
        else its completion status."""
        root = cmi.get("cmi", {})
        if self.format == "scorm12":
            return _get(root, "cmi.core.lesson_status")
        success = _get(root, "cmi.success_status")
        return success if success in ("passed", "failed") else _get(root, "cmi.completion_status")

    def score(self, cmi: dict[str, Any]) -> str:
        """The score on 0–100 (1.2: raw; 2004: scaled × 100, as Moodle's grade uses it)."""
        root = cmi.get("cmi", {})
        if self.format == "scorm12":
            return _get(root, "cmi.core.score.raw")
        scaled = _get(root, "cmi.score.scaled")
        try:
            return f"{float(scaled) * 100:g}" if scaled else ""
        except ValueError:
            return scaled

    def location(self, cmi: dict[str, Any]) -> str:
        return _get(cmi.get("cmi", {}), self.location_element)

    def benign(self, call: dict[str, Any]) -> bool:
        """SCORM 2004: GetValue of an element the LMS never set answers 403 'not initialized', as
        the standard says; a SCO asking is not a failed call."""
        return self.format == "scorm2004" and call["fn"] == "GetValue" and call["error"] == "403"

    def benign_message(self, message: str) -> bool:
        return self.format == "scorm2004" and "403: The data model element passed to GetValue" in message

    def done_values(self, log: list[dict[str, Any]]) -> list[str]:
        """Every completed/passed the SCO set (what must never happen at a mere open and close)."""
        names = ("cmi.core.lesson_status",) if self.format == "scorm12" else ("cmi.completion_status",
                                                                              "cmi.success_status")
        return [c["args"][1] for c in log if c["fn"] == self.set_value and c["args"][0] in names
                and c["args"][1] in ("completed", "passed")]


SCORM12 = Dialect(
    "scorm12", "SCORM 1.2", "Scorm12API", "scorm12.js", "API", "LMSInitialize", "LMSFinish", "LMSSetValue", "LMSCommit",
    {"cmi.core.student_id": "sbfa-test", "cmi.core.student_name": "Test, Learner", "cmi.core.credit": "credit",
     "cmi.core.lesson_mode": "normal", "cmi.core.entry": "ab-initio"},
    "cmi.student_data.mastery_score", "cmi.core.entry", "cmi.core.lesson_location", 4096, True)
SCORM2004 = Dialect(
    "scorm2004", "SCORM 2004", "Scorm2004API", "scorm2004.js", "API_1484_11", "Initialize", "Terminate", "SetValue",
    "Commit",
    {"cmi.learner_id": "sbfa-test", "cmi.learner_name": "Test, Learner", "cmi.credit": "credit",
     "cmi.mode": "normal", "cmi.entry": "ab-initio", "cmi.completion_threshold": "1"},
    "cmi.scaled_passing_score", "cmi.entry", "cmi.location", 64000, False)
DIALECTS = {d.format: d for d in (SCORM12, SCORM2004)}
