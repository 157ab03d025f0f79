"""Test-side pieces for the xAPI and cmi5 browser tests: helpers to walk the basic sample course.

The content server with its LRS gateway, State resource and cmi5 launcher is the product's own
(``sbfa_pack.gate.gateway``, shared with ``sbfa-pack test``), re-exported here.
"""

from __future__ import annotations

import time
import zipfile
from pathlib import Path
from typing import Any

from learner_support import begin
from lrs import Ralph

from sbfa_pack.gate.gateway import LEARNER, Cmi5Launcher, Server, StateStore

__all__ = ["LEARNER", "Cmi5Launcher", "Server", "StateStore"]

ROOTS = Path(__file__).resolve().parents[1] / "roots"
COURSE = "https://w3id.org/sbfa/courses/first-steps"
QUEUE_EMPTY = """() => Object.keys(localStorage).filter(k => k.startsWith('sbfa:xq:') && !k.endsWith(':rejected'))
    .every(k => JSON.parse(localStorage.getItem(k)).length === 0)"""
VERB = "http://adlnet.gov/expapi/verbs/"


def build_and_extract(out: Path, formats: list[str]) -> Path:
    """The basic sample course built in ``formats``, each extracted to ``<site>/<format>/``."""
    from sbfa_pack.build import build

    result = build(ROOTS / "basic", out / "dist", formats=formats, jobs=1)
    assert not result.diagnostics.errors
    site = out / "site"
    for b in result.built:
        if b.id == "first-steps":
            with zipfile.ZipFile(out / "dist" / b.file) as z:
                z.extractall(site / b.format)
    return site


def settled(ralph: Ralph, registration: str, count: int, timeout: float = 15) -> list[dict[str, Any]]:
    """The registration's statements once ``count`` have arrived (keepalive sends finish after pagehide)."""
    deadline = time.monotonic() + timeout
    while True:
        got = ralph.statements(registration=registration)
        if len(got) >= count or time.monotonic() > deadline:
            return got
        time.sleep(0.2)


def summary(statements: list[dict[str, Any]]) -> list[tuple[str, str]]:
    return [(s["verb"]["id"].rsplit("/", 1)[1], s["object"]["id"].replace(COURSE, "")) for s in statements]


def walk(page: Any) -> None:
    """Every lesson of the basic course, then the final quiz answered right and submitted."""
    page.wait_for_selector("html.sbfa-ready")
    begin(page)  # past the welcome screen (issue 12 item 1)
    for _ in range(4):
        page.click("#sbfa-next")
    page.check("#c-final-quiz-q1-a")
    page.fill("#i-final-quiz-q2", "15")
    page.click("form.quiz [type=submit]")


def walk_failing(page: Any) -> None:
    """Every lesson of the basic course, then the final quiz answered wrong (q1 b, q2 3) and submitted."""
    page.wait_for_selector("html.sbfa-ready")
    begin(page)  # past the welcome screen (issue 12 item 1)
    for _ in range(4):
        page.click("#sbfa-next")
    page.check("#c-final-quiz-q1-b")
    page.fill("#i-final-quiz-q2", "3")
    page.click("form.quiz [type=submit]")


def drop_out(page: Any) -> None:
    """The first lesson, Next once, and nothing more."""
    page.wait_for_selector("html.sbfa-ready")
    begin(page)  # past the welcome screen (issue 12 item 1)
    page.click("#sbfa-next")
