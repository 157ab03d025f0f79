"""Issue 16 item 1: what `sbfa-pack test` checks in the statements of an xAPI or cmi5 session
(sbfa_pack/gate/statements.py), without a browser: C5-8…C5-11 (cmi5 defined statements), XP-15
(answered statements in xAPI notation)."""

from __future__ import annotations

from typing import Any

from sbfa_pack.gate.statements import CMI5, MASTERY, MOVEON, SESSION, answered, cmi5_rules, last_judged

AU, SID = "https://lms.test/au/1", "s-1"


def st(verb: str, result: dict[str, Any] | None = None, cats: tuple[str, ...] = (), obj: str = AU,
       ext: dict[str, Any] | None = None) -> dict[str, Any]:
    return {"verb": {"id": f"http://adlnet.gov/expapi/verbs/{verb}"}, "object": {"id": obj},
            "result": result or {},
            "context": {"extensions": {SESSION: SID, **(ext or {})},
                        "contextActivities": {"category": [{"id": c} for c in cats]}}}


def good() -> list[dict[str, Any]]:
    return [st("initialized", cats=(CMI5,)), st("answered", {"success": True, "response": "a"}, obj=AU + "/q1"),
            st("completed", {"completion": True, "duration": "PT1S"}, (CMI5, MOVEON)),
            st("passed", {"success": True, "score": {"scaled": 1}}, (CMI5, MOVEON), ext={MASTERY: 0.7}),
            st("terminated", {"duration": "PT2S"}, (CMI5,))]


def test_cmi5_rules_accept_a_right_session() -> None:
    """Issue 16 item 1, C5-8…C5-11: a session as the runtime sends it has no problem."""
    assert cmi5_rules(good(), AU, SID, 0.7) == []
    judged = last_judged(good())
    assert judged is not None and judged["verb"]["id"].endswith("/passed")


def test_cmi5_rules_name_each_breach() -> None:
    """Issue 16 item 1, C5-8…C5-11: order, twice, passed and failed, categories, score, mastery, session."""
    bad = good()
    bad.insert(3, st("failed", {"success": False, "score": {"scaled": 0}}, (CMI5, MOVEON)))
    bad.insert(1, st("completed", {"completion": True, "score": {"scaled": 1}}, (CMI5, MOVEON)))
    bad.append(st("experienced", cats=(CMI5,), ext={SESSION: "other"}))
    got = cmi5_rules(bad, AU, SID, 0.7)
    assert "the last statement is 'experienced' (cmi5: 'terminated')" in got
    assert "'completed' sent twice in one session" in got
    assert "both 'passed' and 'failed' in one session" in got
    assert "'completed' has a score" in got
    assert "'failed' does not carry the LMS's masteryScore 0.7 in context" in got
    assert "'experienced' is not a cmi5 defined statement but has the cmi5 category" in got
    assert "'experienced' does not carry the session id of the launch" in got


def test_answered_statements_are_right_and_in_xapi_notation() -> None:
    """Issue 16 item 1, XP-15: one answered per question, success true, the response in the pattern."""
    def q(response: str, success: bool = True) -> dict[str, Any]:
        s = st("answered", {"success": success, "response": response}, obj=AU + "/q1")
        s["object"]["definition"] = {"correctResponsesPattern": ["a[,]b"], "interactionType": "choice"}
        return s

    assert answered([q("a[,]b")], 1) == []
    assert answered([q("b[,]a")], 1) == []  # a choice's items are a set
    assert answered([q("a,b"), q("a[,]b", False)], 3) == [
        "2 answered statements for 3 questions answered",
        "answered 'q1': response 'a,b' is not its correctResponsesPattern ['a[,]b']",
        "answered 'q1' right is sent with success False"]


def test_an_allowed_completed_about_another_activity_is_no_defined_statement() -> None:
    """Issue 16 item 3, C5-8…C5-11: a survey lesson's `completed` about its own activity, without
    the cmi5 category, is a cmi5 allowed statement (the spec's sample scenario 18 sends one): no
    breach, and not what the LMS shows for the course; a second `completed` about the AU still is."""
    from sbfa_pack.gate.statements import about_course

    session = good()
    session.insert(-1, st("completed", {"completion": True}, obj=AU + "/lesson/survey"))
    assert cmi5_rules(session, AU, SID, 0.7) == []
    only = [s for s in session if not s["verb"]["id"].endswith("/passed")]
    judged = last_judged(about_course(only))
    assert judged is not None and judged["object"]["id"] == AU
    session.insert(2, st("completed", {"completion": True}, (CMI5, MOVEON)))
    assert "'completed' sent twice in one session" in cmi5_rules(session, AU, SID, 0.7)
    session.insert(2, st("completed", {"completion": True}, (CMI5, MOVEON), obj=AU + "/other"))
    assert "'completed' is not about the AU's activity id" in cmi5_rules(session, AU, SID, 0.7)
