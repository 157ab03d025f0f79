"""The learner-state encoding (format 1) and the worst-case size of a unit's saved state.

The runtime saves the state object of docs/runtime.md as one string (SCORM 1.2 ``suspend_data``,
at most 4,096 characters). The encoding is the same here and in ``render/static/runtime/state.js``
(tests run both on the same states). It uses printable ASCII only, never ``" ' \\ < > &`` (the
characters LMSs are known to mangle when they store values in SQL, XML or HTML), and costs at most
three characters per UTF-16 unit of learner text, whatever the script:

* ``1`` (format version), then one value;
* object ``(key:value,key:value)`` — keys that are ids are written bare, others as strings;
* array ``[a,b]``; ``T`` true, ``F`` false, ``N`` null; numbers as JavaScript writes them;
* string ``*...*``: the 79 characters of :data:`LITERAL` stand for themselves, every other UTF-16
  unit ``u`` is three characters ``PREFIX[u // 7744] + DIGIT[u % 7744 // 88] + DIGIT[u % 88]``.

The worst case of a unit is the length of the encoding of its worst-case state: every lesson seen,
every question answered with its longest response, every field at its ``max_length`` of
characters that each need three, every number as long as a JavaScript number can be (typed numbers
as 24 characters of text), every checklist ticked, every case-study reflection answered at
:data:`REFLECTION_MAX` characters (``r``; kept only in the browser under ``scorm.state_overflow:
browser``), every survey submitted with every item answered at its longest (``sv``, ``sd``:
:func:`worst_survey`; an anonymous survey's answers never enter the saved state, only its id in
``sd``), the country of a personal path chosen (:func:`worst_case_state`).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from typing import Any

from .model import (
    Calculator,
    CaseStudy,
    Checklist,
    Exercise,
    FillIn,
    Matching,
    MultipleChoice,
    Numeric,
    Ordering,
    SelfAssessment,
    SingleChoice,
    Survey,
    SurveyItem,
    TrueFalse,
    Worksheet,
)
from .unit import Unit

FORMAT = "1"
SCORM12_LIMIT = 4096
SCORM2004_LIMIT = 64000
"""SCORM 2004's ``cmi.suspend_data`` (at least 64,000 characters, S4-8)."""
_UNSAFE = "\"'\\<>&"
DIGITS = "".join(chr(c) for c in range(0x21, 0x7F) if chr(c) not in _UNSAFE)
"""The 88 characters used as escape digits (printable ASCII without space and the unsafe six)."""
PREFIXES = "`^|~{}_=$"
"""Escape prefixes: ``PREFIXES[u // 7744]`` starts the three-character form of UTF-16 unit ``u``."""
QUOTE = "*"
LITERAL = " " + "".join(c for c in DIGITS if c not in PREFIXES + QUOTE)
_LITERAL_SET = frozenset(LITERAL)
_BASE = len(DIGITS)
_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")

WORST_NUMBER = -2.2250738585072014e-308
"""A number whose JavaScript text is as long as any (24 characters)."""
WORST_CHAR = "\u0628"
"""Arabic letter beh: like every character outside :data:`LITERAL`, it encodes as three."""
NUMBER_CHARS = 24
"""Number fields keep the text the learner typed (``"1 250,50"``); their inputs take at most this many
characters (as many as the longest JavaScript number), so they cost at most 3 × 24 + 2."""
REFLECTION_MAX = 500  # characters of a case-study reflection answer at most (a few sentences)
MAX_ATTEMPTS = 9999
"""The runtime stops counting attempts here, so ``n`` takes at most four digits."""


class StateError(ValueError):
    """A value the encoding cannot represent (a type that is not JSON data)."""


def encode(value: Any) -> str:
    """The format-1 text of a JSON-like value (dict, list, str, int, float, bool, None)."""
    out: list[str] = [FORMAT]
    _value(value, out)
    return "".join(out)


def _value(v: Any, out: list[str]) -> None:
    if v is None or v is True or v is False:
        out.append("N" if v is None else ("T" if v else "F"))
    elif isinstance(v, int | float):
        out.append(js_number(v))
    elif isinstance(v, str):
        out.append(encode_text(v))
    elif isinstance(v, dict):
        out.append("(")
        for i, (k, item) in enumerate(v.items()):
            if i:
                out.append(",")
            out.append(k if _BARE_KEY.fullmatch(k) else encode_text(k))
            out.append(":")
            _value(item, out)
        out.append(")")
    elif isinstance(v, list | tuple):
        out.append("[")
        for i, item in enumerate(v):
            if i:
                out.append(",")
            _value(item, out)
        out.append("]")
    else:
        raise StateError(f"cannot encode a {type(v).__name__} in the learner state")


def encode_text(text: str) -> str:
    """A string as ``*...*``, escaping every UTF-16 unit that is not in :data:`LITERAL`."""
    parts = [QUOTE]
    raw = text.encode("utf-16-le", "surrogatepass")
    for i in range(0, len(raw), 2):
        u = raw[i] | raw[i + 1] << 8
        ch = chr(u) if u < 0x80 else ""
        if ch in _LITERAL_SET and ch:
            parts.append(ch)
        else:
            r = u % (_BASE * _BASE)
            parts.append(PREFIXES[u // (_BASE * _BASE)] + DIGITS[r // _BASE] + DIGITS[r % _BASE])
    parts.append(QUOTE)
    return "".join(parts)


def js_number(x: float) -> str:
    """``String(x)`` as JavaScript writes it (shortest round-trip digits, JS exponent rules)."""
    if isinstance(x, bool):
        raise StateError("booleans are not numbers here")
    if isinstance(x, float) and not math.isfinite(x):
        return "N"  # JSON.stringify writes null for NaN and infinities; so do we
    if abs(x) < 2**53 and (isinstance(x, int) or x.is_integer()):
        return str(int(x))
    x = float(x)
    sign = "-" if x < 0 else ""
    mant, _, exp_s = repr(abs(x)).partition("e")
    digits = mant.replace(".", "")
    point = (mant.index(".") if "." in mant else len(mant)) + (int(exp_s) if exp_s else 0)
    lead = len(digits) - len(digits.lstrip("0"))
    digits, point = digits.strip("0"), point - lead
    k, n = len(digits), point
    if k <= n <= 21:
        return sign + digits + "0" * (n - k)
    if 0 < n <= 21:
        return sign + digits[:n] + "." + digits[n:]
    if -6 < n <= 0:
        return sign + "0." + "0" * -n + digits
    e = n - 1
    mantissa = digits[0] + ("." + digits[1:] if k > 1 else "")
    return f"{sign}{mantissa}e{'+' if e > 0 else '-'}{abs(e)}"


def decode(text: str) -> dict[str, Any] | None:
    """The state of a format-1 text; None when it does not parse, is not an object or has another
    ``v`` (the runtime then starts fresh)."""
    if not isinstance(text, str) or not text.startswith(FORMAT):
        return None
    try:
        value, end = _parse(text, 1)
    except (IndexError, ValueError, KeyError):
        return None
    if end != len(text) or not isinstance(value, dict) or value.get("v", 1) != 1:
        return None
    return value


def _parse(s: str, i: int) -> tuple[Any, int]:
    c = s[i]
    if c in "TFN":
        return {"T": True, "F": False, "N": None}[c], i + 1
    if c == QUOTE:
        return _parse_text(s, i)
    if c in "([":
        close = ")" if c == "(" else "]"
        items: list[Any] = []
        obj: dict[str, Any] = {}
        i += 1
        while s[i] != close:
            if items or obj:
                if s[i] != ",":
                    raise ValueError("expected ,")
                i += 1
            if c == "(":
                if s[i] == QUOTE:
                    key, i = _parse_text(s, i)
                else:
                    j = s.index(":", i)
                    key, i = s[i:j], j
                    if not _BARE_KEY.fullmatch(key):
                        raise ValueError("bad key")
                if s[i] != ":":
                    raise ValueError("expected :")
                obj[key], i = _parse(s, i + 1)
            else:
                item, i = _parse(s, i)
                items.append(item)
        return (obj if c == "(" else items), i + 1
    m = re.compile(r"-?\d+(\.\d+)?([eE][+-]?\d+)?").match(s, i)
    if not m:
        raise ValueError(f"unexpected {c!r}")
    num = float(m.group())
    return (int(num) if num.is_integer() and "e" not in m.group() and "." not in m.group() else num), m.end()


def _parse_text(s: str, i: int) -> tuple[str, int]:
    units: list[int] = []
    i += 1
    while s[i] != QUOTE:
        c = s[i]
        if c in PREFIXES:
            units.append(PREFIXES.index(c) * _BASE * _BASE + DIGITS.index(s[i + 1]) * _BASE + DIGITS.index(s[i + 2]))
            i += 3
        elif c in _LITERAL_SET:
            units.append(ord(c))
            i += 1
        else:
            raise ValueError(f"unexpected {c!r} in text")
    raw = b"".join(u.to_bytes(2, "little") for u in units)
    return raw.decode("utf-16-le", "surrogatepass"), i + 1


# --- worst case ----------------------------------------------------------------------------------

def _longest(ids: Iterable[str]) -> str:
    return max(ids, key=len)


def worst_text(max_length: int) -> str:
    """The costliest text of ``max_length`` characters."""
    return WORST_CHAR * max_length


def worst_response(q: object) -> Any:
    """The longest response a question can be saved with (docs/runtime.md, RESPONSE)."""
    if isinstance(q, SingleChoice):
        return _longest(c.id for c in q.choices)
    if isinstance(q, MultipleChoice):
        return [c.id for c in q.choices]
    if isinstance(q, TrueFalse):
        return False
    if isinstance(q, FillIn):
        return worst_text(q.max_length)
    if isinstance(q, Matching):
        target = _longest(p.id for p in q.pairs)
        return {p.id: target for p in q.pairs}
    if isinstance(q, Ordering):
        return [i.id for i in q.items]
    if isinstance(q, Numeric):
        return WORST_NUMBER
    raise StateError(f"unknown question type {type(q).__name__}")


def worst_item(item: SurveyItem, points: int) -> Any:
    """The longest saved answer of a survey item (docs/runtime.md, ``sv``)."""
    if item.type == "likert":
        return points
    if item.type == "rating":
        return 10
    if item.type == "choice":
        return _longest(o.id for o in item.options)
    if item.type == "choices":
        return [o.id for o in item.options]
    return worst_text(item.limit)


def worst_survey(survey: Survey, overflow: bool = False) -> dict[str, Any]:
    """The fullest ``sv[survey-id]`` value: every item answered with its longest answer; with
    ``overflow`` long texts are left out of it (:func:`browser_only_items`)."""
    points = survey.scale.points if survey.scale else 0
    left_out = set(browser_only_items(survey)) if overflow else set()
    return {item.id: worst_item(item, points) for item in survey.items if item.id not in left_out}


def browser_only_items(survey: Survey) -> list[str]:
    """Survey items kept only in the browser under ``scorm.state_overflow: browser`` (long-text)."""
    return [i.id for i in survey.items if i.type == "long-text"] if not survey.anonymous else []


def _surveys(unit: Unit) -> list[Survey]:
    return [lesson for _, lesson in unit.course.lessons() if isinstance(lesson, Survey)]


def browser_only_fields(ex: Exercise) -> list[str]:
    """Fields kept only in the browser under ``scorm.state_overflow: browser``: long free text, and
    a calculator's typed inputs (its results are computed from them again)."""
    if isinstance(ex, Worksheet):
        return [f.id for f in ex.fields if f.type == "long-text"]
    if isinstance(ex, Calculator):
        return [i.id for i in ex.inputs]
    return []


def worst_exercise(ex: Exercise, overflow: bool = False) -> dict[str, Any]:
    """The fullest ``x[exercise-id]`` value; with ``overflow`` long texts are left out of it."""
    if isinstance(ex, Worksheet):
        values: dict[str, Any] = {}
        for f in ex.fields:
            if overflow and f.type == "long-text":
                continue
            if f.type in ("short-text", "long-text"):
                values[f.id] = worst_text(f.max_length or 0)
            elif f.type == "choice":
                values[f.id] = _longest(o.id for o in f.options)
            elif f.type == "date":
                values[f.id] = "2026-11-27"
            else:
                values[f.id] = worst_text(NUMBER_CHARS)
        return values
    if isinstance(ex, Calculator):
        return {} if overflow else {i.id: worst_text(NUMBER_CHARS) for i in ex.inputs}
    if isinstance(ex, Checklist):
        return {item.id: 1 for g in ex.groups for item in g.items}
    if isinstance(ex, SelfAssessment):
        return {item.id: len(ex.scale) for item in ex.items}
    raise StateError(f"unknown exercise kind {type(ex).__name__}")


def worst_case_state(unit: Unit, overflow: bool = False) -> dict[str, Any]:
    """The state of a learner who did everything, with every value as long as it can be."""
    lesson_ids = [lesson.id for _, lesson in unit.course.lessons()]
    quizzes = list(unit.course.quizzes())
    state: dict[str, Any] = {
        "v": 1,
        "loc": _longest(lesson_ids),
        "seen": lesson_ids,
        "q": {q.id: {"r": worst_response(q), "n": quiz.attempts or MAX_ATTEMPTS, "ok": 1}
              for quiz in quizzes for q in quiz.questions},
        "quiz": {quiz.id: {"done": 1, "s": WORST_NUMBER, "n": quiz.attempts or MAX_ATTEMPTS} for quiz in quizzes},
        "x": {eid: worst_exercise(ex, overflow) for eid, ex in sorted(unit.exercises.items())},
        "xd": sorted(unit.exercises),
    }
    reflections = {les.id: {p.id: worst_text(REFLECTION_MAX) for p in les.reflection}
                   for _, les in unit.course.lessons() if isinstance(les, CaseStudy) and not overflow}
    if reflections:
        state["r"] = reflections
    surveys = _surveys(unit)
    if surveys:
        state["sv"] = {s.id: worst_survey(s, overflow) for s in surveys if not s.anonymous}
        state["sd"] = [s.id for s in surveys]
        lengths_sv = {s.id: {i.id: i.limit for i in s.items if i.id in browser_only_items(s)}
                      for s in surveys if overflow and browser_only_items(s)}
        if lengths_sv:
            state["svl"] = lengths_sv
    if overflow:
        lengths = {eid: {f: _field_max(ex, f) for f in browser_only_fields(ex)}
                   for eid, ex in sorted(unit.exercises.items()) if browser_only_fields(ex)}
        if lengths:
            state["xl"] = lengths
    if unit.kind == "exercise":  # the exercises used, kept only where completion needs them
        state["xu"] = sorted(unit.exercises)
    if unit.ui_languages:
        state["lang"] = _longest(unit.ui_languages)
    if unit.course.path is not None:  # the learner's country (issue 12 item 2)
        state["c"] = _longest(unit.course.path.countries)
    return state


def _text_fields(ex: Exercise, overflow: bool) -> str:
    if not isinstance(ex, Worksheet):
        return ""
    texts = sorted((f for f in ex.fields if f.type in ("short-text", "long-text")
                    and not (overflow and f.type == "long-text")), key=lambda f: (-(f.max_length or 0), f.id))
    return f" (text fields {', '.join(f'{f.id} {f.max_length}' for f in texts[:4])})" if texts else ""


def _field_max(ex: Exercise, field_id: str) -> int:
    if isinstance(ex, Calculator):
        return NUMBER_CHARS
    assert isinstance(ex, Worksheet)
    return next(f.max_length or 0 for f in ex.fields if f.id == field_id)


def worst_case_size(unit: Unit, overflow: bool = False) -> int:
    """Characters of the encoded worst-case state of ``unit``."""
    return len(encode(worst_case_state(unit, overflow)))


def largest_parts(unit: Unit, overflow: bool = False) -> list[tuple[str, int]]:
    """What takes the space, largest first: ``("exercise 'swot'", 4830)``, ``("quiz 'final'", 900)``."""
    state = worst_case_state(unit, overflow)
    parts = [(f"exercise '{eid}'{_text_fields(unit.exercises[eid], overflow)}", len(encode(value)))
             for eid, value in state["x"].items()]
    for quiz in unit.course.quizzes():
        answers = {q.id: state["q"][q.id] for q in quiz.questions}
        parts.append((f"quiz '{quiz.id}'", len(encode(answers))))
    for cid, answers in state.get("r", {}).items():
        parts.append((f"reflections of '{cid}' ({len(answers)} of {REFLECTION_MAX} characters)", len(encode(answers))))
    for survey in _surveys(unit):
        if not survey.anonymous:
            texts = sorted((i for i in survey.items if i.limit), key=lambda i: (-i.limit, i.id))
            shown = f" (text items {', '.join(f'{i.id} {i.limit}' for i in texts[:4])})" if texts else ""
            parts.append((f"survey '{survey.id}'{shown}", len(encode(state["sv"][survey.id]))))
    return sorted(parts, key=lambda p: (-p[1], p[0]))
