"""Playing every target in one headless Chromium: the part of ``sbfa-pack test`` that needs a browser."""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..browser import CHROMIUM_ARGS, INSTALL_CHROMIUM, INSTALL_PLAYWRIGHT, StaticServer, chromium_path, has_playwright
from .result import Outcome
from .site import make_site, scorm_again_dist
from .targets import Target

PLAYED = ("scorm12", "scorm2004")
SETUP_SCORM_AGAIN = "`sbfa-pack test --setup` (npm install of scorm-again) or SBFA_SCORM_AGAIN=<scorm-again's dist/>"


def missing() -> str | None:
    """One line saying exactly what to install, or None when everything the gate needs is here."""
    needs = []
    if not has_playwright():
        needs.append(f"`{INSTALL_PLAYWRIGHT}`")
    if chromium_path() is None:
        needs.append(f"`{INSTALL_CHROMIUM}` (Debian's chromium; set SBFA_CHROMIUM to use another path)")
    if scorm_again_dist() is None:
        needs.append(SETUP_SCORM_AGAIN)
    return "sbfa-pack test needs: " + "; ".join(needs) if needs else None


def play_all(targets: list[Target], progress: Callable[[Outcome], None] | None = None,
             browser: Any = None) -> list[Outcome]:
    """Play each target in ``browser`` (a Playwright Chromium; one is started when None); targets
    of formats not played yet are reported as skipped."""
    if browser is not None:
        return _play(targets, progress, browser)
    from playwright.sync_api import sync_playwright

    exe = chromium_path()
    assert exe is not None, "missing() is checked first"
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=exe, args=CHROMIUM_ARGS, headless=True)
        try:
            return _play(targets, progress, browser)
        finally:
            browser.close()


def _play(targets: list[Target], progress: Callable[[Outcome], None] | None, browser: Any) -> list[Outcome]:
    from .dialect import DIALECTS
    from .scorm import play

    dist = scorm_again_dist()
    assert dist is not None, "missing() is checked first"
    outcomes = []
    with tempfile.TemporaryDirectory(prefix="sbfa-test-") as tmp:
        for i, t in enumerate(targets):
            out = Outcome(t.name, t.format or "?", ours=t.plan is not None)
            if t.problem:
                out.fail("open", t.problem.removeprefix(f"{t.name}: "))
            elif t.format == "web":
                out.skipped = "a web package reports to no LMS"
            elif t.format not in PLAYED:
                out.skipped = f"{t.format or 'unknown'} packages are not played yet (only {', '.join(PLAYED)})"
            else:
                start = time.monotonic()
                dialect = DIALECTS[t.format]
                site = make_site(t.zip, Path(tmp) / f"site-{i}", dist / dialect.api_js)
                with StaticServer(site) as server:
                    play(browser, dialect, server.url, t.launch, t.plan, t.mastery, out, t.scos)
                out.seconds = round(time.monotonic() - start, 2)
            outcomes.append(out)
            if progress:
                progress(out)
    return outcomes
