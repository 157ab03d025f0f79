"""A small store of learning records for the report's tests: one course, nine learners, a quiz,
a pre/post survey, a toolkit exercise. Every figure the tests expect can be worked out by hand
from the tables below."""

from __future__ import annotations

import uuid
from pathlib import Path

from sbfa_pack.evaluation import vocab
from sbfa_pack.evaluation.coursemap import CourseInfo, Option, ProjectInfo, QuestionInfo, survey_info
from sbfa_pack.evaluation.store import Record, Store

BASE = "https://w3id.org/sbfa"
COURSE = f"{BASE}/courses/c1"
EXERCISE = f"{BASE}/toolkit/budget"
KEY = bytes(range(32))
NAMES = [f"Zofia Testperson{i}" for i in range(9)]
MAILS = [f"mailto:zofia.{i}@example.org" for i in range(9)]

# First answers (1 right, 0 wrong) of learners 0..8 to q1..q4; learner 8 answers q1 only.
MATRIX = [[1, 1, 1, 1], [1, 1, 1, 0], [1, 1, 0, 0], [1, 1, 1, 1], [1, 0, 0, 0], [1, 1, 1, 0],
          [1, 0, 0, 1], [0, 0, 0, 1]]
CHOICES = {1: "b", 0: "c"}  # q1's response: b is right, c wrong; nobody picks a or d
LANGS = ["en"] * 6 + ["de"] * 3
COUNTRIES = ["gr"] * 6 + ["es"] * 3
LESSONS = ["intro", "quiz1", "outro"]
REACHED = {"intro": range(9), "quiz1": range(8), "outro": range(3)}
COMPLETED = range(7)
PASSED = range(5)
SESSIONS = {i: [600.0 + 60 * i, 120.0] for i in range(9)}  # two sessions each
PRE = [2, 3, 1, 4, 2, 3, 2]  # likert "confidence" before, learners 0..6
POST = [4, 4, 3, 4, 3, 5, 2]  # after
COMMENTS = ["More examples please", "The budget part was hard", "Good", "Too long", "Clear videos", "Ok"]
TOOLKIT_USED, TOOLKIT_DONE, TOOLKIT_SHARED = range(6), range(5), range(2)


def _rec(store: Store, i: int, verb: str, obj: str, t: int, **kw: object) -> Record:
    learner = kw.pop("learner", None) or store.pseudonym(MAILS[i])
    fields: dict[str, object] = {"id": str(uuid.uuid5(uuid.NAMESPACE_URL, f"{i}|{verb}|{obj}|{t}")),
                                 "source": "lrs:test", "stored": f"2026-01-01T00:{t // 60:02d}:{t % 60:02d}Z",
                                 "timestamp": f"2026-01-01T00:{t // 60:02d}:{t % 60:02d}Z", "learner": learner,
                                 "registration": f"reg-{i}", "verb": verb, "object": obj, "object_type": "",
                                 "course": COURSE, "course_version": "1.0", "language": LANGS[i],
                                 "country": COUNTRIES[i]}
    fields.update(kw)
    return Record(**fields)  # type: ignore[arg-type]


def records(store: Store) -> list[Record]:
    out: list[Record] = []
    for i in range(9):
        out.append(_rec(store, i, vocab.ADL + "initialized", COURSE, 1))
        for lesson, who in REACHED.items():
            if i in who:
                out.append(_rec(store, i, vocab.EXPERIENCED, f"{COURSE}/lessons/{lesson}", 2 + LESSONS.index(lesson)))
        for s, d in enumerate(SESSIONS[i]):
            out.append(_rec(store, i, vocab.TERMINATED, COURSE, 50 + s, duration=d))
        if i in COMPLETED:
            out.append(_rec(store, i, vocab.COMPLETED, COURSE, 40, completion=1))
        if i in PASSED:
            out.append(_rec(store, i, vocab.PASSED, COURSE, 41, success=1))
        elif i in COMPLETED:
            out.append(_rec(store, i, vocab.FAILED, COURSE, 41, success=0))
    for i, answers in enumerate(MATRIX):
        for j, ok in enumerate(answers):
            resp = CHOICES[ok] if j == 0 else ("true" if ok else "false")
            out.append(_rec(store, i, vocab.ANSWERED, f"{COURSE}/questions/q{j + 1}", 10 + j, success=ok,
                            score=float(ok), response=resp))
            # a second attempt, always right: the analysis must ignore it
            out.append(_rec(store, i, vocab.ANSWERED, f"{COURSE}/questions/q{j + 1}", 30 + j, success=1,
                            score=1.0, response="b" if j == 0 else "true"))
    out.append(_rec(store, 8, vocab.ANSWERED, f"{COURSE}/questions/q1", 10, success=1, score=1.0, response="b"))
    for i, (a, b) in enumerate(zip(PRE, POST, strict=True)):
        out.append(_rec(store, i, vocab.RESPONDED, f"{COURSE}/surveys/pre/confidence", 5, response=str(a)))
        out.append(_rec(store, i, vocab.RESPONDED, f"{COURSE}/surveys/post/confidence", 45, response=str(b)))
    for k, text in enumerate(COMMENTS):  # anonymous: a hash per record, never the learner
        out.append(_rec(store, k, vocab.RESPONDED, f"{COURSE}/surveys/post/comments", 46, response=text,
                        anonymous=1, learner=f"anon{k:012d}"))
    for i in TOOLKIT_USED:
        out.append(_rec(store, i, vocab.PROGRESSED, EXERCISE, 20, completion=1 if i in TOOLKIT_DONE else 0,
                        response='{"rent": 400}' if i in TOOLKIT_SHARED else None))
    return out


def make_store(path: Path, *, identities: bool = True) -> Store:
    store = Store(path, key=KEY)
    store.add(records(store))
    if identities:
        for name, mail in zip(NAMES, MAILS, strict=True):
            store.remember(store.pseudonym(mail), name, mail.removeprefix("mailto:"))
    return store


def info() -> ProjectInfo:
    """The project's view of the course, as coursemap.project_info would build it."""
    q1 = QuestionInfo("q1", "quiz1", "single-choice", (Option("a", "Rent first"), Option("b", "Write a budget", True),
                                                        Option("c", "Borrow"), Option("d", "Wait")))
    tf = {f"q{j}": QuestionInfo(f"q{j}", "quiz1", "true-false", (Option("true", "true", True),
                                                                  Option("false", "false"))) for j in (2, 3, 4)}
    pre = survey_info({"id": "pre", "scale": {"points": 5}, "items": [{"id": "confidence", "type": "likert"}]})
    post = survey_info({"id": "post", "pairs_with": "pre", "anonymous": False, "scale": {"points": 5},
                        "items": [{"id": "confidence", "type": "likert"}, {"id": "comments", "type": "long-text"}]})
    course = CourseInfo(COURSE, "Starting a business", tuple((lid, lid.title()) for lid in LESSONS),
                        {"q1": q1, **tf}, {"pre": pre, "post": post})
    return ProjectInfo("Test project", {COURSE: course}, {EXERCISE: "Monthly budget"})
