"""A survey in a Tin Can (xapi) package against a real LRS, Ralph (issue 14 item 1; XP-20).

Each answered item is a ``responded`` statement on ``<course-iri>/surveys/<lesson>/<item>`` (a
cmi.interaction of the item's interactionType) with the contract's response format, then
``completed`` on the survey lesson; never success or a score. An anonymous survey's statements carry
an actor made for that one submission, no registration, the anonymous extension and the day only.
"""

from __future__ import annotations

import json
import uuid
import zipfile
from collections.abc import Iterator
from typing import Any

import pytest
import tincan
from learner_support import begin
from lrs import Ralph
from survey_support import answer_after, answer_anonymous, build_survey
from xapi_walk import LEARNER, QUEUE_EMPTY, VERB, Cmi5Launcher, Server

pytestmark = [pytest.mark.browser, pytest.mark.lrs, pytest.mark.timeout(150)]
BASE = "https://example.org/sbfa"
COURSE = BASE + "/courses/feedback"


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Server, Ralph]]:
    tmp = tmp_path_factory.mktemp("survey-xapi")
    with zipfile.ZipFile(build_survey(tmp, "xapi")) as z:
        z.extractall(tmp / "site" / "xapi")
    server = Server(tmp / "site")
    ralph = Ralph(tmp / "ralph", cors_origins=[server.url]).start()
    server.ralph = ralph
    yield server, ralph
    ralph.stop()
    server.close()


def _show(page: Any, lesson: str) -> None:
    page.evaluate("id => SBFA.core.go(id, true)", lesson)
    page.wait_for_selector(f"#l-{lesson}:not([hidden])")


def test_survey_statements_at_ralph(env: tuple[Server, Ralph], page: Any) -> None:
    """Issue 14 item 1 (XP-20): responded statements with the contract's IRIs, types and responses; the
    anonymous survey's carry no learner identity and no registration, and Ralph stores them all."""
    server, ralph = env
    registration = str(uuid.uuid4())
    page.goto(server.xapi_launch("xapi", registration, endpoint=ralph.endpoint))
    page.wait_for_selector("html.sbfa-ready")
    begin(page)  # past the welcome screen (issue 12 item 1)
    _show(page, "confidence-after")
    answer_after(page)
    _show(page, "satisfaction")
    answer_anonymous(page)
    page.wait_for_function(QUEUE_EMPTY)
    everything = ralph.statements()
    mine = [s for s in everything if s.get("context", {}).get("registration") == registration]
    anon = [s for s in everything if s["actor"].get("account", {}).get("homePage") == BASE + "/anonymous"]
    responded = {s["object"]["id"].replace(COURSE, ""): s for s in mine if s["verb"]["id"] == VERB + "responded"}
    assert {k: s["result"]["response"] for k, s in responded.items()} == {
        "/surveys/confidence-after/plan": "5", "/surveys/confidence-after/prices": "1",
        "/surveys/confidence-after/channel": "office", "/surveys/confidence-after/topics": "money[,]law",
        "/surveys/confidence-after/name-idea": "Bakery & café «Ωμέγα»", "/surveys/confidence-after/recommend": "10",
    }
    plan = responded["/surveys/confidence-after/plan"]["object"]["definition"]
    assert plan["type"] == "http://adlnet.gov/expapi/activities/cmi.interaction"
    assert plan["interactionType"] == "likert" and [c["id"] for c in plan["scale"]] == ["1", "2", "3", "4", "5"]
    assert plan["scale"][0]["description"]["en"] == "Not sure at all"
    types = {k.rsplit("/", 1)[1]: s["object"]["definition"]["interactionType"] for k, s in responded.items()}
    assert types == {"plan": "likert", "prices": "likert", "channel": "choice", "topics": "choice",
                     "name-idea": "fill-in", "recommend": "numeric"}
    for s in responded.values():
        assert "success" not in s["result"] and "score" not in s["result"]
        assert s["actor"]["account"] == LEARNER["account"]
        assert s["context"]["contextActivities"]["parent"][0]["id"] == COURSE + "/lessons/confidence-after"
        tincan.Statement.from_json(json.dumps(s)).to_json("1.0.3")
    done = [s for s in mine if s["verb"]["id"] == VERB + "completed"
            and s["object"]["id"].endswith("/lessons/confidence-after")]
    assert len(done) == 1 and done[0]["object"]["definition"]["type"] == BASE + "/xapi/activities/survey"
    # The anonymous survey: one made-up agent for the submission, no registration, the flag, the day only.
    assert sorted((s["verb"]["id"].rsplit("/", 1)[1], s["object"]["id"].replace(COURSE, "")) for s in anon) == [
        ("completed", "/lessons/satisfaction"), ("responded", "/surveys/satisfaction/clear"),
        ("responded", "/surveys/satisfaction/comments"), ("responded", "/surveys/satisfaction/recommend")]
    assert len({json.dumps(s["actor"], sort_keys=True) for s in anon}) == 1
    assert {s["result"].get("response") for s in anon} == {"4", "7", "I liked the lessons about zebras.", None}
    for s in anon:
        assert "registration" not in s["context"] and "name" not in s["actor"]
        assert s["context"]["extensions"] == {BASE + "/xapi/extensions/anonymous": True}
        assert "T00:00:00" in s["timestamp"]
        assert LEARNER["account"]["name"] not in json.dumps(s)
    # Only that the learner opened the anonymous survey's lesson is theirs: none of its answers.
    assert [s["verb"]["id"] for s in mine if "satisfaction" in json.dumps(s)] == [VERB + "experienced"]


@pytest.fixture(scope="module")
def cmi5_env(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    tmp = tmp_path_factory.mktemp("survey-cmi5")
    with zipfile.ZipFile(build_survey(tmp, "cmi5")) as z:
        z.extractall(tmp / "site" / "cmi5")
    server = Server(tmp / "site")
    server.ralph = Ralph(tmp / "ralph").start()
    yield server
    server.ralph.stop()
    server.close()


def test_anonymous_survey_in_cmi5_keeps_the_session_and_sends_values_only(cmi5_env: Server, page: Any) -> None:
    """Issue 14 item 1 (C5-8, C5-11): a cmi5 session belongs to the launched learner, so an anonymous
    survey's statements keep its actor and registration (an LMS may refuse any other), carry the
    anonymous flag, never the cmi5 category, and never the free-text answer."""
    server = cmi5_env
    launcher = Cmi5Launcher(COURSE)
    page.goto(server.cmi5_launch("cmi5", launcher))
    page.wait_for_selector("html.sbfa-ready")
    begin(page)  # past the welcome screen (issue 12 item 1)
    _show(page, "satisfaction")
    answer_anonymous(page)
    page.wait_for_function(QUEUE_EMPTY)
    assert server.ralph is not None
    flagged = [s for s in server.ralph.statements(registration=launcher.registration)
               if s["context"].get("extensions", {}).get(BASE + "/xapi/extensions/anonymous")]
    assert sorted((s["verb"]["id"].rsplit("/", 1)[1], s["object"]["id"].replace(COURSE, "")) for s in flagged) == [
        ("completed", "/lessons/satisfaction"), ("responded", "/surveys/satisfaction/clear"),
        ("responded", "/surveys/satisfaction/recommend")]
    for s in flagged:
        assert s["actor"]["account"] == LEARNER["account"] and s["context"]["registration"] == launcher.registration
        assert "category" not in s["context"].get("contextActivities", {})
        assert "zebras" not in json.dumps(s)
