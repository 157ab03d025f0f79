"""Toolkit packages complete only when used (issue 12 item 6), under scorm-again in Chromium.

A toolkit exercise packaged on its own is one lesson: showing it used to be enough for
`completed`. Now the learner must use it: compute with their own inputs, save a field, tick an
item, answer the whole self-check. Opening and leaving any package stays `incomplete` (RTE-27).
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from scorm12_support import LEARNER, build_package, launch, leave, lms, lms_site

from sbfa_pack.build import build

pytestmark = pytest.mark.timeout(240)
ROOT = Path(__file__).resolve().parents[1] / "roots" / "toolkit-all"
KINDS = {"calculator": "break-even", "worksheet": "pitch", "checklist": "registration",
         "self-assessment": "readiness"}


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Path]]:
    tmp = tmp_path_factory.mktemp("toolkit-completion")
    result = build(ROOT, tmp / "dist", formats=["scorm12"], languages=["en"], jobs=1,
                   only=set(KINDS.values()))
    assert not result.diagnostics.errors, [str(d) for d in result.diagnostics]
    out = {}
    for b in result.built:
        out[b.id] = lms_site(tmp / "dist" / b.file, tmp / f"site-{b.id}")
        with zipfile.ZipFile(tmp / "dist" / b.file) as zf:
            assert "index.html" in zf.namelist()
    out["course"] = lms_site(build_package(tmp), tmp / "site-course")  # the 'tracked' sample course
    yield out


def use(frame: Any, kind: str) -> None:
    """The least a learner does to have used the exercise."""
    x = frame.locator(".sbfa-x")
    if kind == "calculator":
        x.locator('[data-field="price"]').fill("25")
        x.locator('[data-field="unit_cost"]').fill("10")
        x.locator('[data-output="sales"]').filter(has_text="80").wait_for()
    elif kind == "worksheet":
        x.locator('[data-field="name"]').fill("Olena's Cleaning")
        x.locator('[data-field="name"]').press("Tab")  # leaving the field saves it
    elif kind == "checklist":
        x.locator("input[type=checkbox][data-field]").first.check()
    else:
        for group in x.locator(".sbfa-likert fieldset").all():
            group.locator("input[type=radio]").first.check()
    frame.locator("html").evaluate("() => 0")  # a round trip: the change handlers have run


def status_set(got: dict[str, Any]) -> list[str]:
    return [c["args"][1] for c in got["log"] if c["fn"] == "LMSSetValue" and c["args"][0] == "cmi.core.lesson_status"]


@pytest.mark.parametrize("package", [*KINDS.values(), "course"])
def test_opening_and_closing_a_package_is_incomplete(sites: dict[str, Path], serve: Any, page: Any,
                                                      package: str) -> None:
    """Issue 12 item 6 (RTE-27): opened and left at once, a toolkit package (every kind) or a
    course is `incomplete`, never `completed`."""
    launch(page, serve(sites[package]), LEARNER)
    leave(page)
    got = lms(page)
    assert got["cmi"]["cmi"]["core"]["lesson_status"] == "incomplete"
    assert "completed" not in status_set(got)


@pytest.mark.parametrize("kind", list(KINDS))
def test_a_toolkit_package_used_once_is_completed(sites: dict[str, Path], serve: Any, page: Any,
                                                  kind: str) -> None:
    """Issue 12 item 6: computed, saved, ticked or answered in full, the exercise is `completed`
    (without pressing "I have finished"), and it stays so after the learner leaves."""
    frame = launch(page, serve(sites[KINDS[kind]]), LEARNER)
    use(frame, kind)
    page.wait_for_function("() => LOG.some(c => c.fn === 'LMSSetValue' && c.args[0] === 'cmi.core.lesson_status'"
                           " && c.args[1] === 'completed')", timeout=10_000)
    leave(page)
    got = lms(page)
    assert got["cmi"]["cmi"]["core"]["lesson_status"] == "completed"
