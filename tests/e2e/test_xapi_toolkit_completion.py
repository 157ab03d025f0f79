"""A toolkit exercise package over xAPI (Ralph, a real LRS): `completed` only once it was used
(issue 12 item 6; the same rule as under SCORM, tests/e2e/test_toolkit_completion.py)."""

from __future__ import annotations

import uuid
import zipfile
from collections.abc import Iterator
from typing import Any

import pytest
from learner_support import begin
from lrs import Ralph
from xapi_walk import QUEUE_EMPTY, ROOTS, Server, settled

from sbfa_pack.build import build

pytestmark = [pytest.mark.browser, pytest.mark.lrs, pytest.mark.timeout(120)]


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Server, Ralph]]:
    tmp = tmp_path_factory.mktemp("xapi-toolkit")
    result = build(ROOTS / "basic", tmp / "dist", formats=["xapi"], jobs=1, only={"swot"})
    assert not result.diagnostics.errors and result.built, [str(d) for d in result.diagnostics]
    with zipfile.ZipFile(tmp / "dist" / result.built[0].file) as z:
        z.extractall(tmp / "site" / "swot")
    server = Server(tmp / "site")
    ralph = Ralph(tmp / "ralph", cors_origins=[server.url]).start()
    server.ralph = ralph
    yield server, ralph
    ralph.stop()
    server.close()


def verbs(ralph: Ralph, registration: str, count: int) -> list[str]:
    return [s["verb"]["id"].rsplit("/", 1)[1] for s in settled(ralph, registration, count)]


def test_opened_and_left_sends_no_completed(env: tuple[Server, Ralph], page: Any) -> None:
    """Issue 12 item 6 (XP-17): opening a worksheet package and leaving is not completion."""
    server, ralph = env
    registration = str(uuid.uuid4())
    page.goto(server.xapi_launch("swot", registration, endpoint=ralph.endpoint))
    page.wait_for_selector("html.sbfa-ready")
    begin(page)  # past the welcome screen (issue 12 item 1)
    page.wait_for_function(QUEUE_EMPTY)
    page.goto("about:blank")
    got = verbs(ralph, registration, 4)
    assert got[0] == "initialized" and got[-1] == "terminated"
    assert "completed" not in got


def test_used_once_sends_completed(env: tuple[Server, Ralph], page: Any) -> None:
    """Issue 12 item 6 (XP-17): one field saved is enough for the `completed` statement."""
    server, ralph = env
    registration = str(uuid.uuid4())
    page.goto(server.xapi_launch("swot", registration, endpoint=ralph.endpoint))
    page.wait_for_selector("html.sbfa-ready")
    begin(page)  # past the welcome screen (issue 12 item 1)
    page.fill(".sbfa-x textarea >> nth=0", "I speak three languages")
    page.press(".sbfa-x textarea >> nth=0", "Tab")  # leaving the field saves it
    page.wait_for_function("() => SBFA.core.decide().completed")
    page.wait_for_function(QUEUE_EMPTY)
    page.goto("about:blank")
    got = verbs(ralph, registration, 5)
    assert got.count("completed") == 1 and got.index("completed") > got.index("initialized")
