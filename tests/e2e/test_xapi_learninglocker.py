"""The Tin Can walk-through against a second, stricter real LRS: Learning Locker's statements
service (npm, in memory), which refuses requests without X-Experience-API-Version (XP-13)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from lrs import LearningLocker
from xapi_walk import QUEUE_EMPTY, Server, build_and_extract, settled, summary, walk

pytestmark = [pytest.mark.browser, pytest.mark.lrs, pytest.mark.timeout(120)]


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    tmp = tmp_path_factory.mktemp("xapi-ll")
    server = Server(build_and_extract(tmp, ["xapi"]))
    server.state.enabled = False  # like most LRSs of this kind: no State API
    server.ralph = LearningLocker(tmp / "ll").start()
    yield server
    server.ralph.stop()
    server.close()


def test_walkthrough_against_learning_locker(env: Server, page: Any) -> None:
    """The same statements as with Ralph arrive, in order, at an LRS that enforces the version header."""
    assert env.ralph is not None
    registration = str(uuid.uuid4())
    page.goto(env.xapi_launch("xapi", registration))
    walk(page)
    page.wait_for_function(QUEUE_EMPTY)
    page.goto("about:blank")
    statements = settled(env.ralph, registration, 11)
    assert summary(statements) == [
        ("initialized", ""), ("experienced", "/lessons/welcome"), ("experienced", "/lessons/amira"),
        ("experienced", "/lessons/swot-ex"), ("experienced", "/lessons/links"),
        ("experienced", "/lessons/final-quiz"), ("answered", "/questions/q1"), ("answered", "/questions/q2"),
        ("completed", ""), ("passed", ""), ("terminated", ""),
    ]
    assert len({s["id"] for s in statements}) == 11
    sent = [h for m, p, h in env.log if m == "POST" and p.startswith("/lrs/statements")]
    assert sent and all(h.get("X-Experience-API-Version") == "1.0.3" for h in sent)
