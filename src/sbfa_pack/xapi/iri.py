"""Activity ids (IRIs) of a course, minted from the project's base IRI and the stable ids.

An activity id never contains a language, a version or a position: the same lesson or question
has the same IRI in every language and every revision of its course, so an LRS can aggregate
answers across all of them (xAPI 1.0.3 §2.4.4.1; checklist XP-4, XP-21). Module, lesson and
question ids share one id space in a course (the loader checks it), so each kind gets its own
path segment without clashes. Toolkit exercises are shared between courses: their IRI does not
include the course, so "every worksheet submitted" can be queried in one place.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from ..unit import Unit


@dataclass(frozen=True)
class Iris:
    """The IRI scheme of one unit (a course, or a toolkit exercise packaged on its own)."""

    base: str
    course: str

    def module(self, ident: str) -> str:
        """IRI of a module."""
        return f"{self.course}/modules/{ident}"

    def lesson(self, ident: str) -> str:
        """IRI of a lesson (page, case study, quiz, exercise lesson, resources)."""
        return f"{self.course}/lessons/{ident}"

    def question(self, ident: str) -> str:
        """IRI of a question (a cmi.interaction activity)."""
        return f"{self.course}/questions/{ident}"

    def survey_item(self, survey: str, item: str) -> str:
        """IRI of one item of a survey lesson (a cmi.interaction activity); item ids are the survey's own."""
        return f"{self.course}/surveys/{survey}/{item}"

    def exercise(self, ident: str) -> str:
        """IRI of a toolkit exercise, the same in every course that uses it."""
        return f"{self.base}/toolkit/{ident}"

    def extension(self, name: str) -> str:
        """Our own extension keys and activity types live under the base IRI."""
        return f"{self.base}/xapi/{name}"


def iris(unit: Unit) -> Iris:
    """The IRIs of ``unit``: ``<base>/courses/<course-id>`` or ``<base>/toolkit/<exercise-id>``."""
    base = str(unit.project.xapi.base_iri).rstrip("/")
    parts = urlsplit(base)
    if parts.query or parts.fragment:
        # A query or fragment would swallow every path segment appended below.
        raise ValueError(f"xapi.base_iri '{base}' must not contain '?' or '#'")
    kind = "toolkit" if unit.kind == "exercise" else "courses"
    return Iris(base=base, course=f"{base}/{kind}/{unit.course.id}")
