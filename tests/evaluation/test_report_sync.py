"""`sbfa-pack report sync` against a real LRS (Ralph on 127.0.0.1, page size 4): Issue 14 item 2 (sources)."""

from __future__ import annotations

import sqlite3
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests
from click.testing import CliRunner

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "e2e"))
from lrs import PASSWORD, USER, VERSION, Ralph

from sbfa_pack.evaluation.store import Store
from sbfa_pack.evaluation.sync import Summary, sync, sync_activity
from sbfa_pack.lrs_client import Client

pytestmark = pytest.mark.lrs

BASE = "https://w3id.org/sbfa"
COURSE = f"{BASE}/courses/first-steps"
V = "http://adlnet.gov/expapi/verbs/"
KEY = bytes(32)
ENV = {"SBFA_LRS_USER": USER, "SBFA_LRS_PASSWORD": PASSWORD, "SBFA_REPORT_KEY": KEY.hex()}


@pytest.fixture(scope="module")
def ralph(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Ralph]:
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("RALPH_RUNSERVER_MAX_SEARCH_HITS_COUNT", "4")  # Ralph's page size: paging on a few statements
        lrs = Ralph(tmp_path_factory.mktemp("ralph")).start()
    yield lrs
    lrs.stop()


def statement(who: str, verb: str, obj: str, result: dict[str, Any] | None = None, *, course: str = COURSE,
              when: str = "2026-12-03T12:00:00Z", ext: dict[str, Any] | None = None) -> dict[str, Any]:
    """A statement shaped as the runtime sends it (adapters/xapi.js): registration, language, parent/grouping."""
    st: dict[str, Any] = {
        "id": str(uuid.uuid4()), "timestamp": when,
        "actor": {"objectType": "Agent", "name": f"{who.title()} Test",
                  "account": {"homePage": "https://moodle.sbfa.test", "name": who}},
        "verb": {"id": V + verb, "display": {"en-US": verb}},
        "object": {"objectType": "Activity", "id": obj,
                   "definition": {"type": "http://adlnet.gov/expapi/activities/cmi.interaction"
                                  if "/questions/" in obj else "http://adlnet.gov/expapi/activities/course"}},
        "context": {"registration": str(uuid.uuid5(uuid.NAMESPACE_URL, who)), "language": "en",
                    "extensions": {f"{BASE}/xapi/extensions/country": "DE", **(ext or {})}}}
    if obj != course:
        st["context"]["contextActivities"] = {"parent": [{"id": f"{course}/lessons/final-quiz"}],
                                              "grouping": [{"id": f"{course}/modules/m1"}, {"id": course}]}
    if result:
        st["result"] = result
    return st


def post(ralph: Ralph, statements: list[dict[str, Any]]) -> None:
    r = requests.post(f"{ralph.endpoint}statements", json=statements, timeout=60,
                      headers={"Authorization": ralph.auth, "X-Experience-API-Version": VERSION})
    assert r.status_code == 200, r.text


def learners(course: str) -> list[dict[str, Any]]:
    """Three learners (pass, fail, drop out) and one anonymous survey answer: 10 statements."""
    q = f"{course}/questions/q1"
    return [
        statement("amira", "initialized", course, course=course),
        statement("amira", "answered", q, {"response": "b", "success": True, "score": {"scaled": 1},
                                           "duration": "PT12.5S"}, course=course),
        statement("amira", "passed", course, {"success": True, "duration": "PT1M3S",
                                              "score": {"scaled": 0.9, "raw": 90, "max": 100}}, course=course),
        statement("olena", "initialized", course, course=course),
        statement("olena", "answered", q, {"response": "a", "success": False, "score": {"scaled": 0}}, course=course),
        statement("olena", "failed", course, {"success": False, "score": {"raw": 40, "min": 0, "max": 100}},
                  course=course),
        statement("jonas", "initialized", course, course=course),
        statement("jonas", "suspended", course, {"duration": "PT7S"}, course=course),
        statement("amira", "responded", f"{course}/surveys/feedback/useful", {"response": "4"}, course=course,
                  ext={f"{BASE}/xapi/extensions/anonymous": True}),
        statement("amira", "experienced", f"{BASE}/other/thing", course=course),  # grouped in the course: ours
    ]


def rows(path: Path) -> list[tuple[Any, ...]]:
    with sqlite3.connect(path) as db:
        return sorted(db.execute("SELECT * FROM records"))


def run(ralph: Ralph, store: Path, *args: str) -> Any:
    return CliRunner().invoke(sync, ["--endpoint", ralph.endpoint, "--store", str(store), "--timeout", "120", *args],
                              env=ENV)


def test_sync_maps_the_runtime_statements_to_records(ralph: Ralph, tmp_path: Path) -> None:
    """Issue 14 item 2: learners who pass, fail and drop out, and an anonymous survey answer, become
    pseudonymous records; names only in `identities`; paging follows `more` (Ralph's page size 4)."""
    course = f"{BASE}/courses/sync-map"
    post(ralph, learners(course))
    post(ralph, [statement("li", "initialized", f"{BASE}/courses/not-this-one", course=f"{BASE}/courses/not-this-one")])
    result = run(ralph, tmp_path / "r.sqlite", "--activity", course)
    assert result.exit_code == 0, result.output
    assert "10 statements read in 3 pages, 10 new" in result.output
    with Store(tmp_path / "r.sqlite", key=KEY) as store:
        recs = list(store.records())
        amira = store.pseudonym("account:https://moodle.sbfa.test|amira")
        names = dict(store.db.execute("SELECT learner, name FROM identities"))
    assert len(recs) == 10 and {r.course for r in recs} == {course}
    by_verb = {r.verb.rsplit("/", 1)[1]: r for r in recs if r.learner == amira}
    assert by_verb["passed"].success == 1 and by_verb["passed"].score == 0.9 and by_verb["passed"].duration == 63
    assert by_verb["answered"].response == "b" and by_verb["answered"].duration == 12.5
    assert by_verb["answered"].object_type.endswith("cmi.interaction")
    failed = next(r for r in recs if r.verb.endswith("failed"))
    assert failed.score == 0.4 and failed.success == 0  # scaled from raw/min/max
    assert all(r.country == "de" and r.language == "en" and (r.registration or r.anonymous) for r in recs)
    survey = next(r for r in recs if r.verb.endswith("responded"))
    assert survey.anonymous == 1 and survey.learner != amira and survey.learner not in names
    assert len({r.learner for r in recs}) == 4  # amira, olena, jonas + the anonymous answer
    assert names[amira] == "Amira Test"
    text = repr(rows(tmp_path / "r.sqlite"))
    assert "amira" not in text.lower() and "moodle.sbfa.test" not in text


def test_interrupted_sync_then_rerun_equals_one_clean_sync(ralph: Ralph, tmp_path: Path) -> None:
    """Issue 14 item 2: Ctrl-C inside the page loop keeps whole pages only; a re-run loses and
    duplicates nothing: the store equals one clean sync's."""
    course = f"{BASE}/courses/sync-interrupt"
    post(ralph, learners(course))
    client = Client(ralph.endpoint, USER, PASSWORD, 120)  # a loaded machine: no timing in tests

    def stop(page: int) -> None:
        if page == 2:
            raise KeyboardInterrupt

    with Store(tmp_path / "cut.sqlite", key=KEY) as store:
        with pytest.raises(KeyboardInterrupt):
            sync_activity(client, store, course, each_page=stop)
        assert len(list(store.records())) == 8  # two pages of 4, committed whole
        summary = sync_activity(client, store, course)
        assert summary.new == 2
    with Store(tmp_path / "clean.sqlite", key=KEY) as store:
        assert sync_activity(client, store, course, summary=Summary()).new == 10
    assert rows(tmp_path / "cut.sqlite") == rows(tmp_path / "clean.sqlite")


def test_incremental_since_and_until(ralph: Ralph, tmp_path: Path) -> None:
    """Issue 14 item 2: the watermark makes the next sync ask `since` it; --since/--until bound a sync."""
    course = f"{BASE}/courses/sync-window"
    early = [statement("amira", "initialized", course, course=course, when=f"2026-12-01T10:0{i}:00Z") for i in range(3)]
    post(ralph, early)
    store = tmp_path / "w.sqlite"
    assert "3 new" in run(ralph, store, "--activity", course).output
    with Store(store, key=KEY) as s:
        assert s.meta(f"sync:{ralph.endpoint}|{course}")
    late = [statement("olena", "initialized", course, course=course, when=f"2099-12-01T10:0{i}:00Z") for i in range(2)]
    post(ralph, late)
    again = run(ralph, store, "--activity", course, "--overlap", "PT0S")
    assert again.exit_code == 0 and "2 statements read in 1 pages, 2 new" in again.output  # only what is new
    overlapping = run(ralph, store, "--activity", course, "--overlap", "P30D")  # reads again, adds nothing
    assert overlapping.exit_code == 0 and "5 statements read in 2 pages, 0 new" in overlapping.output
    window = tmp_path / "window.sqlite"
    result = run(ralph, window, "--activity", course,
                 "--since", "2026-12-01T10:00:30Z", "--until", "2026-12-01T10:01:30Z")
    assert result.exit_code == 0, result.output
    assert [r[0] for r in rows(window)] == [early[1]["id"]]


def test_wrong_password_and_no_lrs_are_one_line(ralph: Ralph, tmp_path: Path) -> None:
    """Issue 14 item 2: auth and network failures: one line, exit 1, no secret shown."""
    bad = CliRunner().invoke(sync, ["--endpoint", ralph.endpoint, "--store", str(tmp_path / "x.sqlite"),
                                    "--activity", COURSE], env={**ENV, "SBFA_LRS_PASSWORD": "wrong-secret"})
    assert bad.exit_code == 1 and "HTTP 401 (the user or password is wrong)" in bad.output
    assert "wrong-secret" not in bad.output and len(bad.output.strip().splitlines()) == 1
    gone = CliRunner().invoke(sync, ["--endpoint", "http://127.0.0.1:9/xAPI/", "--store", str(tmp_path / "x.sqlite"),
                                     "--activity", COURSE, "--timeout", "2"], env=ENV)
    assert gone.exit_code == 1 and "cannot reach the LRS" in gone.output
    assert len(gone.output.strip().splitlines()) == 1
    usage = CliRunner().invoke(sync, ["--endpoint", ralph.endpoint, "--since", "yesterday", "--activity", COURSE],
                               env=ENV)
    assert usage.exit_code == 2 and "--since: 'yesterday' is not an ISO 8601 time" in usage.output


def test_learning_locker_paging(tmp_path: Path) -> None:
    """Issue 14 item 2: Learning Locker's statements service (stricter, correct `ascending`): paging
    with --limit 3 follows its `more` links; a second sync adds nothing."""
    from lrs import LearningLocker

    lrs = LearningLocker(tmp_path / "ll").start()
    try:
        course = f"{BASE}/courses/sync-ll"
        post(lrs, learners(course))
        store = tmp_path / "ll.sqlite"
        first = run(lrs, store, "--activity", course, "--limit", "3")
        assert first.exit_code == 0 and "10 statements read in 4 pages, 10 new" in first.output, first.output
        again = run(lrs, store, "--activity", course, "--limit", "3")
        assert again.exit_code == 0 and ", 0 new" in again.output, again.output
        with Store(store, key=KEY) as s:
            assert {r.course for r in s.records()} == {course}
    finally:
        lrs.stop()


def test_the_project_names_the_activities(ralph: Ralph, tmp_path: Path) -> None:
    """Issue 14 item 2: without --activity, one query per course and toolkit exercise of --project
    (here the basic sample: first-steps and its exercises); other courses' statements stay out."""
    from sbfa_pack.evaluation.sync import activities

    root = Path(__file__).resolve().parents[1] / "roots" / "basic"
    iris = activities(root)
    assert iris[0] == COURSE and all(i.startswith(f"{BASE}/toolkit/") for i in iris[1:]) and len(iris) > 1
    post(ralph, [statement("amira", "initialized", COURSE),
                 statement("amira", "progressed", iris[1], course=iris[1])])
    result = run(ralph, tmp_path / "p.sqlite", "--project", str(root))
    assert result.exit_code == 0, result.output
    with Store(tmp_path / "p.sqlite", key=KEY) as s:
        assert {r.course for r in s.records()} == {COURSE, iris[1]}
