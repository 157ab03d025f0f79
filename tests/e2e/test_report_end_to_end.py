"""From the learner's browser to the evaluation report, against a real LRS (issue 14 Must show).

Learners are driven through two built xAPI packages in Chromium: the basic sample course (two pass,
one fails, one drops out) and the survey sample (three learners answer the post-course survey and the
anonymous satisfaction survey). The runtime's statements go to Ralph; `report sync` reads them into
the local store; the report model is built from it, and its figures are checked against values worked
out by hand from what the learners did.
"""

from __future__ import annotations

import time
import uuid
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from lrs import PASSWORD, USER, Ralph
from survey_support import answer_after, answer_anonymous, build_survey
from xapi_walk import COURSE, QUEUE_EMPTY, VERB, Server, build_and_extract, drop_out, walk, walk_failing

from sbfa_pack.evaluation.analysis import build
from sbfa_pack.evaluation.model import Table
from sbfa_pack.evaluation.store import Store
from sbfa_pack.evaluation.sync import sync

pytestmark = [pytest.mark.browser, pytest.mark.lrs, pytest.mark.timeout(300)]
KEY = bytes(range(32, 64))
SURVEY_COURSE = "https://example.org/sbfa/courses/feedback"


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Server, Ralph]]:
    tmp = tmp_path_factory.mktemp("report-e2e")
    site = build_and_extract(tmp, ["xapi"])
    with zipfile.ZipFile(build_survey(tmp, "xapi")) as z:
        z.extractall(site / "survey")
    server = Server(site)
    server.ralph = Ralph(tmp / "ralph").start(timeout=90)  # a loaded machine starts it slowly
    yield server, server.ralph
    server.ralph.stop()
    server.close()


def _actor(name: str) -> dict[str, Any]:
    return {"objectType": "Agent", "name": f"{name.title()} Learner",
            "account": {"homePage": "https://moodle.sbfa.test", "name": name}}


def _survey(page: Any) -> None:
    page.wait_for_selector("html.sbfa-ready")
    for lesson in ("confidence-after", "satisfaction"):
        page.evaluate("id => SBFA.core.go(id, true)", lesson)
        page.wait_for_selector(f"#l-{lesson}:not([hidden])")
        (answer_after if lesson == "confidence-after" else answer_anonymous)(page)


def _settle(ralph: Ralph, registration: str, timeout: float = 60) -> None:
    """Wait until the learner's session has ended at the LRS (its terminated statement arrived)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if any(s["verb"]["id"] == VERB + "terminated" for s in ralph.statements(registration=registration)):
            return
        time.sleep(0.2)


def _rows(table: Table) -> list[tuple[Any, ...]]:
    return [r.cells for r in table.rows if not r.suppressed]


def test_learners_in_the_browser_give_the_expected_report(env: tuple[Server, Ralph], browser: Any,
                                                           tmp_path: Path) -> None:
    """Issue 14 Must show: pass, fail, drop out, survey answered, one anonymous survey per learner →
    `report sync` + the report: registrations, completion and pass rates, item difficulty and the
    survey distributions equal the hand-computed figures; nothing identifies a learner."""
    server, ralph = env
    learners = [("ana", "xapi", walk), ("ben", "xapi", walk), ("carla", "xapi", walk_failing),
                ("dmytro", "xapi", drop_out),
                ("eva", "survey", _survey), ("farid", "survey", _survey), ("gosia", "survey", _survey)]
    for name, folder, steps in learners:
        registration = str(uuid.uuid4())
        context = browser.new_context()  # each learner on a device of their own
        context.set_default_timeout(20_000)
        page = context.new_page()
        page.goto(server.xapi_launch(folder, registration, actor=_actor(name)))
        steps(page)
        page.wait_for_function(QUEUE_EMPTY)
        page.goto("about:blank")  # pagehide: suspended/terminated leave with keepalive
        _settle(ralph, registration)
        context.close()

    store = tmp_path / "records.sqlite"
    result = CliRunner().invoke(sync, ["--endpoint", ralph.endpoint, "--store", str(store), "--activity", COURSE,
                                       "--activity", SURVEY_COURSE, "--timeout", "120"],
                                env={"SBFA_LRS_USER": USER, "SBFA_LRS_PASSWORD": PASSWORD,
                                     "SBFA_REPORT_KEY": KEY.hex()})
    assert result.exit_code == 0, result.output
    with Store(store, key=KEY) as s:
        report = build(s, min_group=3)
    tables = {t.key: t for t in report.tables}

    # The basic course: 4 learners, 4 registrations; ana and ben passed (2 of 4), carla failed.
    overview = {(c[0], c[1]): c for c in _rows(tables["overview"])}
    everyone = overview[(COURSE, "all")]
    assert everyone[3:5] == (4, 4)
    assert everyone[7:9] == (2, 0.5)
    # Item difficulty over first answers: q1 and q2 each right for ana and ben, wrong for carla.
    items = {c[2]: c for c in _rows(tables["items"]) if c[0] == COURSE}
    assert items["q1"][3:5] == (3, 0.6667) and items["q2"][3:5] == (3, 0.6667)

    # The survey: every learner chose 5 for "plan" and "The job centre"; the anonymous answers count three.
    dist = {(c[1], c[2], c[3]): c for c in _rows(tables["survey"]) if c[0] == SURVEY_COURSE}
    assert dist[("confidence-after", "plan", "5")][5:] == (3, 3, 1.0)
    assert dist[("confidence-after", "channel", "office")][5:] == (3, 3, 1.0)
    assert dist[("satisfaction", "clear", "4")][5:] == (3, 3, 1.0)
    assert dist[("satisfaction", "recommend", "7")][5:] == (3, 3, 1.0)
    comments = [c[3] for c in _rows(tables["free_text"]) if c[2] == "comments"]
    assert comments == ["I liked the lessons about zebras."] * 3

    # Nothing that identifies a learner is in the report by default.
    text = repr(report)
    assert not any(name in text for name, _, _ in learners) and "moodle.sbfa.test" not in text
