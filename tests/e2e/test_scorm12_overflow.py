"""SCORM 1.2 with ``scorm.state_overflow: browser``: long free text too big for 4,096 characters.

RTE-16: cmi.suspend_data never exceeds 4,096 characters. The documented strategy: long texts stay
in the learner's browser (the runtime's local copy, and their downloadable copy); suspend_data
keeps everything else and the length of each text left out.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from scorm12_support import LEARNER, SAMPLES, flattened, launch, leave, lms, lms_site

from sbfa_pack import state
from sbfa_pack.build import build

pytestmark = pytest.mark.timeout(120)
SUMMARY = "مخبز " * 180   # 900 characters, each three in the encoding
MARKET = "Καφέ «Ω» " * 100  # 900


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    tmp = tmp_path_factory.mktemp("scorm12-overflow")
    root = tmp / "overflow"
    shutil.copytree(SAMPLES / "overflow", root)
    with (root / "sbfa.yaml").open("a") as fh:
        fh.write("scorm:\n  state_overflow: browser\n")
    result = build(root, root / "dist", jobs=1)
    assert not result.diagnostics.errors, [str(d) for d in result.diagnostics]
    yield lms_site(root / "dist" / result.built[0].file, tmp / "site")


def test_long_texts_stay_in_the_browser_and_suspend_data_fits(site: Path, serve: Any, page: Any,
                                                              browser: Any) -> None:
    """The state with 2 × 900 Arabic/Greek characters would take ~5,500 characters: suspend_data
    holds the short field and the lengths (≤ 4,096, printable ASCII); the same browser gets the
    long texts back on relaunch; another browser resumes the rest."""
    base = serve(site)
    frame = launch(page, base, LEARNER)
    box = frame.locator("#x-business-plan")
    box.locator('[data-field="summary"]').fill(SUMMARY)
    box.locator('[data-field="market"]').fill(MARKET)
    box.locator('[data-field="name"]').fill("Anna's bakery")
    box.locator(".sbfa-x-submit").click()
    leave(page)
    got = lms(page)
    suspend = got["cmi"]["cmi"]["suspend_data"]
    assert len(suspend) <= state.SCORM12_LIMIT
    saved = state.decode(suspend)
    assert saved is not None
    assert saved["x"]["business-plan"] == {"name": "Anna's bakery"}
    assert saved["xl"] == {"business-plan": {"summary": 900, "market": 900}}
    assert [c for c in got["log"] if c["error"] != "0"] == []
    stored = {k: v for k, v in flattened(got["cmi"]["cmi"]).items() if not k.startswith("cmi.interactions.")}
    relaunch = {**stored, **LEARNER, "cmi.core.entry": "resume"}
    # Same browser: everything is back.
    same = page.context.new_page()
    frame = launch(same, base, relaunch)
    assert frame.locator('[data-field="summary"]').input_value() == SUMMARY
    assert frame.locator('[data-field="market"]').input_value() == MARKET
    same.close()
    # Another browser (no local copy): the rest resumes, the long texts are not invented.
    context = browser.new_context()
    try:
        other = context.new_page()
        frame = launch(other, base, relaunch)
        assert frame.locator('[data-field="name"]').input_value() == "Anna's bakery"
        assert frame.locator('[data-field="summary"]').input_value() == ""
    finally:
        context.close()
