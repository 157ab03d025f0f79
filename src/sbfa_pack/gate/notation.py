"""SCORM 1.2 notation of interactions (RTE data model, cmi.interactions.n.*): what an LMS accepts.

A pattern or response in another notation (SCORM 2004's ``a[.]b``, ``true``, ids longer than one
character) is refused or mangled by strict LMSs; the gate names the first one it sees.
"""

from __future__ import annotations

import re
from typing import Any

_CHAR = r"[0-9a-z]"
_LIST = rf"{_CHAR}(?:,{_CHAR})*"
FORMATS: dict[str, re.Pattern[str]] = {
    "true-false": re.compile(r"^[01tf]$"),
    "choice": re.compile(rf"^(?:{_CHAR}|\{{(?:{_LIST})?\}})$"),
    "fill-in": re.compile(r"^.{0,255}$", re.S),
    "numeric": re.compile(r"^-?(?:\d+(?:\.\d*)?|\.\d+)$"),
    "likert": re.compile(rf"^{_CHAR}?$"),
    "matching": re.compile(rf"^\{{?{_CHAR}\.{_CHAR}(?:,{_CHAR}\.{_CHAR})*\}}?$"),
    "performance": re.compile(r"^.{0,255}$", re.S),
    "sequencing": re.compile(rf"^{_LIST}$"),
}
RESULTS = re.compile(r"^(?:correct|wrong|unanticipated|neutral|-?\d+(?:\.\d+)?)$")


def rows(cmi: dict[str, Any]) -> list[dict[str, Any]]:
    """The interactions of scorm-again's ``renderCMIToJSONObject()``, in order."""
    items = cmi.get("cmi", {}).get("interactions", {})
    if isinstance(items, dict):
        return [items[k] for k in sorted(items, key=lambda k: int(k) if str(k).isdigit() else 0)]
    return list(items) if isinstance(items, list) else []


def _patterns(row: dict[str, Any]) -> list[str]:
    cr = row.get("correct_responses") or {}
    items = cr.values() if isinstance(cr, dict) else cr
    return [str(i.get("pattern", "")) for i in items if isinstance(i, dict)]


def problems(row: dict[str, Any]) -> list[str]:
    """What is wrong with one interaction in SCORM 1.2 terms (empty when nothing)."""
    ident, kind = str(row.get("id", "")), str(row.get("type", ""))
    fmt = FORMATS.get(kind)
    if fmt is None:
        return [f"interaction '{ident}': type '{kind}' is not a SCORM 1.2 interaction type"]
    out = []
    for pattern in _patterns(row):
        if not fmt.match(pattern):
            out.append(f"interaction '{ident}' ({kind}): correct_responses pattern '{pattern}' is not in "
                       "SCORM 1.2 notation")
    response = str(row.get("student_response", ""))
    if response and not fmt.match(response):
        out.append(f"interaction '{ident}' ({kind}): student_response '{response}' is not in SCORM 1.2 notation")
    result = str(row.get("result", ""))
    if result and not RESULTS.match(result):
        out.append(f"interaction '{ident}': result '{result}' is not a SCORM 1.2 result")
    return out
