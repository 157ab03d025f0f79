"""xAPI statement → store record, without an LRS: Issue 14 item 2 (the mapping `report sync` uses)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from sbfa_pack.evaluation.statements import course_of, iso_utc, record, seconds
from sbfa_pack.evaluation.store import Store

BASE = "https://w3id.org/sbfa"
COURSE = f"{BASE}/courses/money-matters"


@pytest.fixture()
def store(tmp_path: Path) -> Any:
    with Store(tmp_path / "r.sqlite", key=bytes(32)) as s:
        yield s


def st(**kw: Any) -> dict[str, Any]:
    base: dict[str, Any] = {"id": "6f1c0b0e-0000-4000-8000-000000000001", "stored": "2026-12-03T13:00:00.5+01:00",
                            "actor": {"mbox": "mailto:Amira@Example.org", "name": "Amira"},
                            "verb": {"id": "http://adlnet.gov/expapi/verbs/answered"},
                            "object": {"id": f"{COURSE}/questions/price-calc",
                                       "definition": {"type": "http://adlnet.gov/expapi/activities/cmi.interaction"}},
                            "context": {"registration": "r1", "language": "ar", "revision": "1.0.0",
                                        "contextActivities": {"grouping": [{"id": f"{COURSE}/modules/m"},
                                                                           {"id": COURSE}]},
                                        "extensions": {f"{BASE}/xapi/extensions/country": "NO"}},
                            "result": {"response": "20", "success": True, "completion": False,
                                       "score": {"raw": 3, "min": 1, "max": 5}, "duration": "PT1M2.5S"}}
    base.update(kw)
    return base


def test_a_statement_becomes_one_pseudonymous_record(store: Store) -> None:
    """Issue 14 item 2: every Record field from the statement; the actor only as a pseudonym (the
    one Moodle's e-mail gives), name and address only in `names`."""
    names: dict[str, tuple[str, str]] = {}
    r = record(st(), store, "lrs:x", names)
    assert r is not None
    assert (r.stored, r.timestamp) == ("2026-12-03T12:00:00.500Z", "2026-12-03T12:00:00.500Z")
    assert r.learner == store.pseudonym("mailto:amira@example.org") and "mailto" not in repr(r)
    assert names == {r.learner: ("Amira", "mailto:Amira@Example.org")}
    assert (r.course, r.course_version, r.language, r.country) == (COURSE, "1.0.0", "ar", "no")
    assert (r.success, r.completion, r.score, r.duration, r.response) == (1, 0, 0.5, 62.5, "20")
    assert r.object_type.endswith("cmi.interaction") and r.registration == "r1" and r.anonymous == 0


def test_anonymous_answers_and_statements_that_are_not_ours(store: Store) -> None:
    """Issue 14 item 2: an anonymous survey answer gets a per-statement learner and no registration;
    statements without a course IRI, with a statement reference or an unidentified actor are skipped."""
    anon = st(object={"id": f"{COURSE}/surveys/feedback/useful"},
              context={"registration": "r1", "extensions": {f"{BASE}/xapi/extensions/anonymous": True}})
    names: dict[str, tuple[str, str]] = {}
    a, b = record(anon, store, "s", names), record({**anon, "id": "other"}, store, "s", names)
    assert a and b and a.anonymous == 1 and a.registration == "" and not names
    assert a.timestamp == a.stored == "2026-12-03T00:00:00.000Z"  # the day only
    assert len({a.learner, b.learner, store.pseudonym("mailto:amira@example.org")}) == 3
    assert record(st(object={"id": "https://example.org/other"}, context={}), store, "s") is None
    assert record(st(object={"objectType": "StatementRef", "id": "x"}), store, "s") is None
    assert record(st(actor={"objectType": "Group", "member": []}), store, "s") is None


def test_course_of_and_times() -> None:
    """Issue 14 item 2: the course from the object or its context (a course before a toolkit
    exercise; the cmi5 AU is in its course); ISO 8601 durations and times."""
    tool = f"{BASE}/toolkit/pricing"
    assert course_of(tool, {"contextActivities": {"grouping": [{"id": COURSE}]}}) == (COURSE, BASE)
    assert course_of(tool, {}) == (tool, BASE)
    assert course_of(f"{COURSE}/au", {}) == (COURSE, BASE)
    assert course_of("https://example.org/x", {}) == ("", "")
    assert seconds("PT1H2M3.5S") == 3723.5 and seconds("P1DT1S") == 86401 and seconds("PT") is None
    assert seconds("1 minute") is None
    assert iso_utc("2026-12-03T12:00:00Z") == "2026-12-03T12:00:00.000Z" and iso_utc("soon") == ""


def test_sync_and_import_commands_without_a_project_or_interrupted(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 14 item 2: no project here → a usage line naming the option (exit 2); Ctrl-C during a
    sync → one line saying the store keeps whole pages (exit 130). No LRS needed."""
    from click.testing import CliRunner

    from sbfa_pack.evaluation import sync as sync_module
    from sbfa_pack.evaluation.moodle import import_

    monkeypatch.chdir(tmp_path)
    env = {"SBFA_LRS_USER": "u", "SBFA_LRS_PASSWORD": "p", "SBFA_REPORT_KEY": "00" * 32}
    args = ["--endpoint", "http://127.0.0.1:9/xAPI/", "--store", str(tmp_path / "s.sqlite")]
    lost = CliRunner().invoke(sync_module.sync, args, env=env)
    assert lost.exit_code == 2 and "give --project DIR (the courses whose statements to read) or --activity IRI" \
        in lost.output
    lost = CliRunner().invoke(import_, ["x.txt", "--store", str(tmp_path / "s.sqlite")], env=env)
    assert lost.exit_code == 2 and "give --project DIR, the project the packages were built from" in lost.output

    def interrupted(*a: object, **k: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(sync_module, "sync_activity", interrupted)
    cut = CliRunner().invoke(sync_module.sync, [*args, "--activity", COURSE], env=env)
    assert cut.exit_code == 130
    assert cut.output.strip() == ("sbfa-pack: interrupted; the store keeps every page read whole; "
                                  "run sync again to go on")
