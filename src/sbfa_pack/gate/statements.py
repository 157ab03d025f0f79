"""What the gate checks in the statements an xAPI or cmi5 package sent (as the LRS stored them).

Pure functions over statement lists (one session's, in arrival order), each returning problems as
short sentences (empty when nothing is wrong), so they are tested without a browser:
``done_verbs`` (what must never be sent at a mere open and close), ``answered`` (one ``answered``
per question, right, in xAPI notation), ``cmi5_rules`` (CMI5 §9.3, §9.5: the defined statements).
"""

from __future__ import annotations

from typing import Any

CMI5 = "https://w3id.org/xapi/cmi5/context/categories/cmi5"
MOVEON = "https://w3id.org/xapi/cmi5/context/categories/moveon"
SESSION = "https://w3id.org/xapi/cmi5/context/extensions/sessionid"
MASTERY = "https://w3id.org/xapi/cmi5/context/extensions/masteryscore"
DEFINED = ("initialized", "completed", "passed", "failed", "terminated", "abandoned", "waived", "satisfied")
JUDGED = ("completed", "passed", "failed")


def verb(s: dict[str, Any]) -> str:
    return str(s.get("verb", {}).get("id", "")).rsplit("/", 1)[-1]


def verbs(statements: list[dict[str, Any]]) -> list[str]:
    return [verb(s) for s in statements]


def categories(s: dict[str, Any]) -> set[str]:
    return {str(c.get("id")) for c in s.get("context", {}).get("contextActivities", {}).get("category", [])}


def about_course(statements: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The statements about the activity the session began with (its ``initialized`` or
    ``launched``: the course, the AU): a survey's ``completed`` about its own lesson is not the
    course's. All of them when the session began otherwise."""
    if not statements or verb(statements[0]) not in ("initialized", "launched"):
        return statements
    first = statements[0].get("object", {}).get("id")
    return [s for s in statements if s.get("object", {}).get("id") == first]


def is_defined(s: dict[str, Any], activity: str) -> bool:
    """A cmi5 defined statement (§9.3, §9.5): a defined verb about the AU or with the cmi5 category.
    The same verb about another activity without it is a cmi5 allowed statement (the spec's sample
    scenario 18 sends an allowed ``completed``): the runtime's survey lessons send one."""
    return verb(s) in DEFINED and (s.get("object", {}).get("id") == activity or CMI5 in categories(s))


def last_judged(statements: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The last ``passed`` or ``failed``, else the last ``completed``: what the LMS shows."""
    judged = [s for s in statements if verb(s) in ("passed", "failed")]
    judged = judged or [s for s in statements if verb(s) == "completed"]
    return judged[-1] if judged else None


def scaled(s: dict[str, Any] | None) -> float | None:
    value = (s or {}).get("result", {}).get("score", {}).get("scaled")
    return float(value) if isinstance(value, int | float) else None


def done_verbs(statements: list[dict[str, Any]]) -> list[str]:
    return [v for v in verbs(statements) if v in JUDGED]


def same_response(kind: str, response: str, pattern: str) -> bool:
    """``response`` matches ``pattern``; the items of a choice or matching response are a set (their
    order is not significant, xAPI Data §4.1.4.1), those of a sequencing one are not."""
    if kind in ("choice", "matching"):
        return sorted(response.split("[,]")) == sorted(pattern.split("[,]"))
    return response == pattern


def answered(statements: list[dict[str, Any]], questions: int) -> list[str]:
    """One ``answered`` per question, each ``success: true`` with a response the interaction's own
    ``correctResponsesPattern`` lists (xAPI notation, xAPI Data §4.1.4.1)."""
    items = [s for s in statements if verb(s) == "answered"]
    out = [] if len(items) == questions else [f"{len(items)} answered statements for {questions} questions answered"]
    for s in items:
        ident = str(s.get("object", {}).get("id", "")).rsplit("/", 1)[-1]
        kind = str(s.get("object", {}).get("definition", {}).get("interactionType", ""))
        result = s.get("result", {})
        if result.get("success") is not True:
            out.append(f"answered '{ident}' right is sent with success {result.get('success')!r}")
        patterns = s.get("object", {}).get("definition", {}).get("correctResponsesPattern")
        response = result.get("response")
        if not isinstance(response, str):
            out.append(f"answered '{ident}' has no response")
        elif isinstance(patterns, list) and patterns and not any(
                same_response(kind, response, str(p)) for p in patterns):
            out.append(f"answered '{ident}': response '{response[:80]}' is not its correctResponsesPattern "
                       f"{patterns[:3]}")
    return out


def cmi5_rules(statements: list[dict[str, Any]], activity: str, session: str,
               mastery: float | None) -> list[str]:
    """CMI5 §9.3 (initialized first, terminated last, no defined statement twice, never both passed
    and failed), §9.5 (the defined statements' object, cmi5 and moveOn categories, score on passed
    and failed only, the mastery score in context) and §9.6.2 (the session id) on one session."""
    vs = verbs(statements)
    out = []
    if not vs or vs[0] != "initialized":
        out.append(f"the first statement is '{vs[0] if vs else 'none'}' (cmi5: 'initialized')")
    if not vs or vs[-1] != "terminated":
        out.append(f"the last statement is '{vs[-1] if vs else 'none'}' (cmi5: 'terminated')")
    defined = [verb(s) for s in statements if is_defined(s, activity)]
    twice = sorted({v for v in defined if defined.count(v) > 1})
    if twice:
        out.append(f"'{', '.join(twice)}' sent twice in one session")
    if {"passed", "failed"} <= set(defined):
        out.append("both 'passed' and 'failed' in one session")
    for s in statements:
        v, ctx, result = verb(s), s.get("context", {}), s.get("result", {})
        if ctx.get("extensions", {}).get(SESSION) != session:
            out.append(f"'{v}' does not carry the session id of the launch")
        if not is_defined(s, activity):
            if categories(s) & {CMI5, MOVEON}:
                out.append(f"'{v}' is not a cmi5 defined statement but has the cmi5 category")
            continue
        if s.get("object", {}).get("id") != activity:
            out.append(f"'{v}' is not about the AU's activity id")
        if CMI5 not in categories(s):
            out.append(f"'{v}' lacks the cmi5 category")
        if (MOVEON in categories(s)) != ("success" in result or "completion" in result):
            out.append(f"'{v}': the moveOn category goes with a success or completion result, and only then")
        if ("score" in result) != (v in ("passed", "failed")):
            out.append(f"'{v}' {'has' if 'score' in result else 'lacks'} a score")
        if v in ("passed", "failed") and mastery is not None and ctx.get("extensions", {}).get(MASTERY) != mastery:
            out.append(f"'{v}' does not carry the LMS's masteryScore {mastery:g} in context")
    return list(dict.fromkeys(out))
