"""`report sync` of the statements the real runtime sends: learners driven through the built
basic package in Chromium against Ralph (pass, fail, drop out), then synced into the local store.
Issue 14 item 2 (sources)."""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from learner_support import begin
from lrs import PASSWORD, USER, Ralph
from xapi_walk import COURSE, QUEUE_EMPTY, VERB, Server, build_and_extract, walk

from sbfa_pack.evaluation.store import Store
from sbfa_pack.evaluation.sync import sync

pytestmark = [pytest.mark.browser, pytest.mark.lrs, pytest.mark.timeout(180)]
KEY = bytes(32)


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Server, Ralph]]:
    tmp = tmp_path_factory.mktemp("report-sync-walk")
    server = Server(build_and_extract(tmp, ["xapi"]))
    server.ralph = Ralph(tmp / "ralph").start()
    yield server, server.ralph
    server.ralph.stop()
    server.close()


def actor(name: str) -> dict[str, Any]:
    return {"objectType": "Agent", "name": f"{name.title()} Walk",
            "account": {"homePage": "https://moodle.sbfa.test", "name": name}}


def ended(ralph: Ralph, registration: str, timeout: float = 60) -> list[dict[str, Any]]:
    """The registration's statements once its last one (terminated) has arrived."""
    deadline = time.monotonic() + timeout
    while True:
        got = ralph.statements(registration=registration)
        if any(s["verb"]["id"] == VERB + "terminated" for s in got) or time.monotonic() > deadline:
            return got
        time.sleep(0.2)


def test_runtime_learners_who_pass_fail_and_drop_out_sync_into_records(env: tuple[Server, Ralph], browser: Any,
                                                                       tmp_path: Path) -> None:
    """Issue 14 item 2: the runtime's own statements (through the LRS) become the records the
    report reads: one registration per learner, passed/failed/suspended, answers with success."""
    server, ralph = env
    regs = {name: str(uuid.uuid4()) for name in ("pass", "fail", "drop")}

    def finish_quiz(page: Any) -> None:
        page.wait_for_selector("html.sbfa-ready")
        begin(page)  # past the welcome screen (issue 12 item 1)
        for _ in range(4):
            page.click("#sbfa-next")
        page.check("#c-final-quiz-q1-b")
        page.fill("#i-final-quiz-q2", "3")
        page.click("form.quiz [type=submit]")

    def drop_out(page: Any) -> None:
        page.wait_for_selector("html.sbfa-ready")
        begin(page)  # past the welcome screen (issue 12 item 1)
        page.click("#sbfa-next")

    sent = {}
    for name, steps in (("pass", walk), ("fail", finish_quiz), ("drop", drop_out)):
        context = browser.new_context()  # each learner on a device of their own
        context.set_default_timeout(15_000)
        page = context.new_page()
        page.goto(server.xapi_launch("xapi", regs[name], actor=actor(name)))
        steps(page)
        page.wait_for_function(QUEUE_EMPTY)
        page.goto("about:blank")  # pagehide: suspended/terminated leave with keepalive
        sent[name] = ended(ralph, regs[name])
        context.close()

    store = tmp_path / "r.sqlite"
    result = CliRunner().invoke(sync, ["--endpoint", ralph.endpoint, "--store", str(store), "--activity", COURSE,
                                       "--limit", "7", "--timeout", "120"],
                                env={"SBFA_LRS_USER": USER, "SBFA_LRS_PASSWORD": PASSWORD,
                                     "SBFA_REPORT_KEY": KEY.hex()})
    assert result.exit_code == 0, result.output
    total = sum(len(v) for v in sent.values())
    assert f"{total} statements read" in result.output and f"{total} new" in result.output
    with Store(store, key=KEY) as s:
        recs = list(s.records())
        learner = {name: s.pseudonym(f"account:https://moodle.sbfa.test|{name}") for name in regs}
    assert {r.id for r in recs} == {st["id"] for v in sent.values() for st in v}
    assert all(r.course == COURSE and r.language == "en" for r in recs)
    verbs = {name: {r.verb.removeprefix(VERB) for r in recs if r.learner == learner[name]} for name in regs}
    assert {"passed", "completed"} <= verbs["pass"] and "failed" not in verbs["pass"]
    assert "failed" in verbs["fail"] and "passed" not in verbs["fail"]
    assert "suspended" in verbs["drop"] and not verbs["drop"] & {"passed", "failed", "completed", "answered"}
    assert {r.registration for r in recs if r.learner == learner["fail"]} == {regs["fail"]}
    answers = {(name, r.object.rsplit("/", 1)[1]): (r.response, r.success)
               for name in regs for r in recs if r.learner == learner[name] and r.verb == VERB + "answered"}
    assert answers == {("pass", "q1"): ("a", 1), ("pass", "q2"): ("15", 1),
                       ("fail", "q1"): ("b", 0), ("fail", "q2"): ("3", 0)}
    passed = next(r for r in recs if r.learner == learner["pass"] and r.verb == VERB + "passed")
    assert passed.score == 1 and passed.duration is not None and passed.duration > 0
