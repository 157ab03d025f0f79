"""The personal path over xAPI (Ralph, a real LRS): choosing a country sends one `preferred`
statement and every statement after it carries the country extension (issue 12 item 2)."""

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
COUNTRY = "https://w3id.org/sbfa/xapi/extensions/country"
COURSE = "https://w3id.org/sbfa/courses/abroad"


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Server, Ralph]]:
    tmp = tmp_path_factory.mktemp("xapi-path")
    result = build(ROOTS / "path", tmp / "dist", formats=["xapi"], languages=["en"], jobs=1, only={"abroad"})
    assert not result.diagnostics.errors and result.built, [str(d) for d in result.diagnostics]
    with zipfile.ZipFile(tmp / "dist" / result.built[0].file) as z:
        z.extractall(tmp / "site" / "abroad")
    server = Server(tmp / "site")
    ralph = Ralph(tmp / "ralph", cors_origins=[server.url]).start()
    server.ralph = ralph
    yield server, ralph
    ralph.stop()
    server.close()


def test_choice_is_a_preferred_statement_and_every_later_statement_carries_the_country(
        env: tuple[Server, Ralph], page: Any) -> None:
    """Issue 12 item 2: `preferred` (object: the course, result.response: the id), then the
    context extension `<base>/xapi/extensions/country` on every statement that follows."""
    server, ralph = env
    registration = str(uuid.uuid4())
    page.goto(server.xapi_launch("abroad", registration, endpoint=ralph.endpoint))
    page.wait_for_selector("html.sbfa-ready")
    begin(page)  # past the welcome screen (issue 12 item 1)
    page.check("#path-pl")
    page.click("#sbfa-path [type=submit]")
    page.click("#sbfa-next")
    page.wait_for_function(QUEUE_EMPTY)
    page.goto("about:blank")
    got = settled(ralph, registration, 5)
    verbs = [s["verb"]["id"].rsplit("/", 1)[1] for s in got]
    at = verbs.index("preferred")
    chosen = got[at]
    assert chosen["object"]["id"] == COURSE and chosen["result"]["response"] == "pl"
    assert verbs[0] == "initialized" and verbs[-1] == "terminated" and at > 0
    later = got[at:]
    assert len(later) >= 3 and all(s["context"]["extensions"][COUNTRY] == "pl" for s in later), later
    assert COUNTRY not in got[0]["context"].get("extensions", {})  # before the choice: no country yet
