"""A Tin Can package in headless Chromium against a real LRS (Ralph), cross-origin as in production.

The content is served on one port, Ralph on another (CORS allowed for the content origin only),
launched with the parameters mod_tincanlaunch builds. Ralph has no State API, so this also
covers the fallback: the bookmark and answers stay in the browser, and the learner is not told
anything alarming.
"""

from __future__ import annotations

import json
import re
import time
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
import tincan
from learner_support import begin
from lrs import Ralph
from xapi_walk import COURSE, LEARNER, QUEUE_EMPTY, VERB, Server, build_and_extract, settled, summary, walk

pytestmark = [pytest.mark.browser, pytest.mark.lrs, pytest.mark.timeout(120)]
UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Server, Ralph]]:
    tmp = tmp_path_factory.mktemp("xapi-walk")
    server = Server(build_and_extract(tmp, ["xapi"]))
    ralph = Ralph(tmp / "ralph", cors_origins=[server.url]).start()
    server.ralph = ralph
    yield server, ralph
    ralph.stop()
    server.close()


def test_walkthrough_records_exactly_the_expected_statements(env: tuple[Server, Ralph], page: Any) -> None:
    """XP-7…XP-11, XP-15…XP-20: the LRS, queried by registration, holds these statements, in order."""
    server, ralph = env
    registration = str(uuid.uuid4())
    page.goto(server.xapi_launch("xapi", registration, endpoint=ralph.endpoint))
    walk(page)
    page.wait_for_function(QUEUE_EMPTY)  # a learner leaving a second later, not mid-request
    status = page.text_content("#sbfa-status")
    page.goto("about:blank")  # pagehide: suspended/terminated leave with keepalive
    statements = settled(ralph, registration, 11)
    time.sleep(0.5)  # "nothing else": give a stray extra statement the time to show up
    statements = ralph.statements(registration=registration)
    assert summary(statements) == [
        ("initialized", ""), ("experienced", "/lessons/welcome"), ("experienced", "/lessons/amira"),
        ("experienced", "/lessons/swot-ex"), ("experienced", "/lessons/links"),
        ("experienced", "/lessons/final-quiz"), ("answered", "/questions/q1"), ("answered", "/questions/q2"),
        ("completed", ""), ("passed", ""), ("terminated", ""),
    ]
    assert "not" not in status.lower()  # no State API at Ralph: nothing alarming is shown
    by_verb = {summary([s])[0]: s for s in statements}
    q1 = by_verb[("answered", "/questions/q1")]
    assert q1["result"]["response"] == "a" and q1["result"]["success"] is True
    assert q1["object"]["definition"]["interactionType"] == "choice"
    assert q1["context"]["contextActivities"]["parent"][0]["id"] == COURSE + "/lessons/final-quiz"
    assert [a["id"] for a in q1["context"]["contextActivities"]["grouping"]] == [COURSE + "/modules/intro", COURSE]
    assert by_verb[("answered", "/questions/q2")]["result"]["response"] == "15"
    passed = by_verb[("passed", "")]["result"]
    assert passed["success"] is True and passed["score"]["scaled"] == 1
    assert by_verb[("completed", "")]["result"]["score"]["scaled"] == 1  # mod_tincanlaunch grade sync (XP-17b)
    assert re.match(r"^PT(\d+H)?(\d+M)?\d+(\.\d+)?S$", by_verb[("terminated", "")]["result"]["duration"])
    for s in statements:
        assert UUID.match(s["id"]), s["id"]
        assert s["actor"]["account"] == LEARNER["account"]
        assert s["context"]["registration"] == registration
        assert s["verb"]["id"].startswith(VERB) and s["verb"]["display"]
        tincan.Statement.from_json(json.dumps(s)).to_json("1.0.3")  # valid xAPI for the tincan library
    stamps = [s["timestamp"] for s in statements]
    assert stamps == sorted(stamps)
    # XP-17: mod_tincanlaunch's completion query (actor, completed verb, activity_id, no related activities).
    completion = ralph.statements(agent=json.dumps({"account": LEARNER["account"]}),
                                  verb=VERB + "completed", activity=COURSE, related_activities="false")
    assert [s["id"] for s in completion] == [by_verb[("completed", "")]["id"]]


def test_mbox_actor_is_used_as_given(env: tuple[Server, Ralph], page: Any) -> None:
    """XP-10: an actor identified by mbox (mod_tincanlaunch "identify by email") works too."""
    server, ralph = env
    registration, actor = str(uuid.uuid4()), {"objectType": "Agent", "mbox": "mailto:amira@sbfa-learners.eu"}
    page.goto(server.xapi_launch("xapi", registration, endpoint=ralph.endpoint, actor=actor))
    page.wait_for_selector("html.sbfa-ready")
    begin(page)  # past the welcome screen (issue 12 item 1)
    page.click("#sbfa-next")
    page.wait_for_function(QUEUE_EMPTY)
    statements = ralph.statements(registration=registration)
    assert summary(statements) == [("initialized", ""), ("experienced", "/lessons/welcome"),
                                   ("experienced", "/lessons/amira")]
    assert all(s["actor"]["mbox"] == actor["mbox"] for s in statements)


def test_resume_without_state_api_uses_the_local_copy(env: tuple[Server, Ralph], page: Any) -> None:
    """Ralph answers 404 for the State API: relaunching in the same browser resumes from localStorage."""
    server, ralph = env
    registration = str(uuid.uuid4())
    page.goto(server.xapi_launch("xapi", registration, endpoint=ralph.endpoint))
    page.wait_for_selector("html.sbfa-ready")
    begin(page)  # past the welcome screen (issue 12 item 1)
    page.click("#sbfa-next")
    page.click("#sbfa-next")
    page.wait_for_function(QUEUE_EMPTY)
    page.goto("about:blank")
    page.goto(server.xapi_launch("xapi", registration, endpoint=ralph.endpoint))
    page.wait_for_selector("html.sbfa-ready")
    begin(page)  # past the welcome screen (issue 12 item 1)
    assert page.is_visible("#l-swot-ex h1")
    page.wait_for_function(QUEUE_EMPTY, timeout=15_000)
    verbs = [v for v, _ in summary(ralph.statements(registration=registration))]
    second = verbs.index("initialized", 1)
    assert verbs[second:second + 2] == ["initialized", "resumed"]
    assert verbs[:second].count("suspended") == 1 and verbs[second - 1] == "terminated"


def test_exercise_submitted_is_progressed_without_the_learners_values(env: tuple[Server, Ralph], page: Any) -> None:
    """A worksheet submitted: progressed with the progress extension; its text is not sent without consent."""
    server, ralph = env
    registration = str(uuid.uuid4())
    page.goto(server.xapi_launch("xapi", registration, endpoint=ralph.endpoint))
    page.wait_for_selector("html.sbfa-ready")
    begin(page)  # past the welcome screen (issue 12 item 1)
    page.click("#sbfa-next")
    page.click("#sbfa-next")
    page.fill("#l-swot-ex textarea >> nth=0", "I speak three languages")
    assert not page.is_checked("#l-swot-ex .sbfa-x-share input")  # consent is never pre-ticked
    page.click("#l-swot-ex .sbfa-x-submit")
    page.wait_for_function(QUEUE_EMPTY)
    progressed = [s for s in ralph.statements(registration=registration) if s["verb"]["id"] == VERB + "progressed"]
    assert progressed, "no progressed statement"
    last = progressed[-1]
    assert last["object"]["id"] == "https://w3id.org/sbfa/toolkit/swot"
    assert last["object"]["definition"]["type"] == "https://w3id.org/sbfa/xapi/activities/worksheet"
    assert last["context"]["contextActivities"]["parent"][0]["id"] == COURSE + "/lessons/swot-ex"
    assert last["result"]["extensions"] == {"https://w3id.org/xapi/cmi5/result/extensions/progress": 100}
    assert "three languages" not in json.dumps(progressed)


def test_standalone_without_launch_parameters_records_nothing(env: tuple[Server, Ralph], page: Any) -> None:
    """No launch parameters: the package works and says that progress stays in this browser."""
    server, _ = env
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(f"{server.url}/xapi/index.html")
    page.wait_for_selector("html.sbfa-ready")
    begin(page)  # past the welcome screen (issue 12 item 1)
    page.click("#sbfa-next")
    assert page.get_attribute("#sbfa-status", "class").endswith("is-local-only")
    assert all(u.startswith(server.url + "/xapi/") for u in requests), requests


def test_exercise_values_reach_the_lrs_with_consent(env: tuple[Server, Ralph], page: Any) -> None:
    """XP-15: 'progressed' for a submitted exercise carries the learner's answers as a result
    extension when they ticked 'Share my answers with my trainer' (without it: the test above)."""
    server, ralph = env
    registration = str(uuid.uuid4())
    page.goto(server.xapi_launch("xapi", registration, endpoint=ralph.endpoint))
    page.wait_for_selector("html.sbfa-ready")
    begin(page)  # past the welcome screen (issue 12 item 1)
    for _ in range(2):
        page.click("#sbfa-next")
    page.fill("#l-swot-ex textarea >> nth=0", "I speak three languages")
    page.check("#l-swot-ex .sbfa-x-share input")
    page.click("#l-swot-ex .sbfa-x-submit")
    page.wait_for_function(QUEUE_EMPTY)
    progressed = [s for s in ralph.statements(registration=registration) if s["verb"]["id"] == VERB + "progressed"]
    assert progressed, "no progressed statement for the exercise"
    extensions = progressed[-1]["result"]["extensions"]
    values = [v for v in extensions.values() if isinstance(v, dict)]
    assert any("I speak three languages" in json.dumps(v, ensure_ascii=False) for v in values), extensions
