"""Shared by the survey browser tests: the sample tests/roots/survey built in one format."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1] / "roots" / "survey"


def build_survey(tmp: Path, fmt: str, lang: str = "en") -> Path:
    """The sample's package in ``fmt`` and ``lang`` (a zip)."""
    from sbfa_pack.build import build

    root = tmp / f"survey-{fmt}"
    shutil.copytree(ROOT, root)
    text = (root / "sbfa.yaml").read_text().replace("formats: [web, scorm12, xapi]", f"formats: [{fmt}]")
    (root / "sbfa.yaml").write_text(text)
    result = build(root, root / "dist", jobs=1, only={"feedback"})
    assert not result.diagnostics.errors, [str(d) for d in result.diagnostics]
    return root / "dist" / next(b.file for b in result.built if b.language == lang)


def answer_after(frame: Any) -> None:
    """The post-survey: Likert 5, 'The job centre', Money + Law, an idea, rating 10; submitted."""
    form = "#survey-confidence-after"
    frame.locator(f"{form} [data-item=plan] .pt >> nth=4").click()
    frame.locator(f"{form} [data-item=prices] .pt >> nth=0").click()
    frame.locator(f"{form} [data-item=channel] label >> nth=1").click()
    frame.locator(f"{form} [data-item=topics] label >> nth=0").click()
    frame.locator(f"{form} [data-item=topics] label >> nth=1").click()
    frame.locator(f"{form} [data-item=name-idea] input").fill("Bakery & café «Ωμέγα»")
    frame.locator(f"{form} [data-item=recommend] .pt >> nth=10").click()
    frame.locator(f"{form} [type=submit]").click()
    frame.locator(f"{form} .sv-done:not([hidden])").wait_for()


def answer_anonymous(frame: Any) -> None:
    """The anonymous survey: Likert 4 (of 4), rating 7, a comment; submitted."""
    form = "#survey-satisfaction"
    frame.locator(f"{form} [data-item=clear] .pt >> nth=3").click()
    frame.locator(f"{form} [data-item=recommend] .pt >> nth=7").click()
    frame.locator(f"{form} [data-item=comments] textarea").fill("I liked the lessons about zebras.")
    frame.locator(f"{form} [type=submit]").click()
    frame.locator(f"{form} .sv-done:not([hidden])").wait_for()
