"""The verbs and IRI shapes the report reads (what the runtime sends: docs/lms.md, "xAPI and cmi5")."""

from __future__ import annotations

ADL = "http://adlnet.gov/expapi/verbs/"
CMI5 = "https://w3id.org/xapi/adl/verbs/"

COMPLETED = ADL + "completed"
PASSED = ADL + "passed"
FAILED = ADL + "failed"
TERMINATED = ADL + "terminated"
EXPERIENCED = ADL + "experienced"
ANSWERED = ADL + "answered"
RESPONDED = ADL + "responded"
PROGRESSED = ADL + "progressed"
SATISFIED = CMI5 + "satisfied"
COURSE_VERBS = (*(ADL + v for v in ("launched", "initialized", "attempted", "resumed", "suspended", "terminated",
                                     "completed", "passed", "failed")),
                *(CMI5 + v for v in ("satisfied", "waived", "abandoned")))
"""Verbs of the course itself (a launch, a session, a result): a registration is known by them."""

COURSE_MARK = "/courses/"
LESSON_MARK = "/lessons/"
QUESTION_MARK = "/questions/"
SURVEY_MARK = "/surveys/"
TOOLKIT_MARK = "/toolkit/"


def tail(iri: str, mark: str) -> str:
    """The part of ``iri`` after ``mark`` (``…/lessons/intro`` → ``intro``)."""
    return iri.rpartition(mark)[2]
