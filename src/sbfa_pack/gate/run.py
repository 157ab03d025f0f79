"""Playing every target in one headless Chromium: the part of ``sbfa-pack test`` that needs a browser."""

from __future__ import annotations

import contextlib
import tempfile
import threading
import time
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from ..browser import CHROMIUM_ARGS, INSTALL_CHROMIUM, INSTALL_PLAYWRIGHT, StaticServer, chromium_path, has_playwright
from .result import Outcome
from .site import make_site, scorm_again_dist
from .targets import Target

PLAYED = ("scorm12", "scorm2004", "xapi", "cmi5")
LRS_FORMATS = ("xapi", "cmi5")
SETUP_SCORM_AGAIN = "`sbfa-pack test --setup` (npm install of scorm-again) or SBFA_SCORM_AGAIN=<scorm-again's dist/>"


def missing(formats: tuple[str, ...] = ()) -> str | None:
    """One line saying exactly what to install, or None when everything the gate needs is here
    (Ralph, the local LRS, only when one of ``formats`` is xAPI or cmi5)."""
    from .lrs import INSTALL_RALPH, has_ralph

    needs = []
    if not has_playwright():
        needs.append(f"`{INSTALL_PLAYWRIGHT}`")
    if chromium_path() is None:
        needs.append(f"`{INSTALL_CHROMIUM}` (Debian's chromium; set SBFA_CHROMIUM to use another path)")
    if scorm_again_dist() is None:
        needs.append(SETUP_SCORM_AGAIN)
    if set(formats) & set(LRS_FORMATS) and not has_ralph():
        needs.append(INSTALL_RALPH.split(": ", 1)[1] + " (Ralph, the local LRS of the xAPI and cmi5 checks)")
    return "sbfa-pack test needs: " + "; ".join(needs) if needs else None


def play_all(targets: list[Target], progress: Callable[[Outcome], None] | None = None,
             browser: Any = None, jobs: int = 1) -> list[Outcome]:
    """Play each target in ``browser`` (a Playwright Chromium), or in ``jobs`` Chromiums of their
    own started here, each in its thread (Playwright's sync API: one instance per thread); results
    in the order of ``targets``. Targets of formats not played yet are reported as skipped."""
    with _lrs(targets) as ralph:
        return _play_all(targets, progress, browser, jobs, ralph)


@contextlib.contextmanager
def _lrs(targets: list[Target]) -> Iterator[Any]:
    """One Ralph for the whole run when an xAPI or cmi5 package is to be played (None otherwise)."""
    if not any(_playable(t) and t.format in LRS_FORMATS for t in targets):
        yield None
        return
    from .lrs import Ralph

    with tempfile.TemporaryDirectory(prefix="sbfa-test-lrs-") as tmp:
        ralph = Ralph(Path(tmp), slots=len(targets)).start()  # a statements file per package
        try:
            yield ralph
        finally:
            ralph.stop()


def _play_all(targets: list[Target], progress: Callable[[Outcome], None] | None, browser: Any, jobs: int,
              ralph: Any) -> list[Outcome]:
    if browser is not None:
        return _play(list(enumerate(targets)), progress, browser, ralph)
    chunks = [list(enumerate(targets))[i::max(1, jobs)] for i in range(max(1, min(jobs, len(targets))))]
    results: dict[int, Outcome] = {}
    errors: list[BaseException] = []
    lock = threading.Lock()

    def report(o: Outcome) -> None:
        with lock:
            if progress:
                progress(o)

    def worker(chunk: list[tuple[int, Target]]) -> None:
        try:
            results.update(zip([i for i, _ in chunk], _in_own_browser(chunk, report, ralph), strict=True))
        except BaseException as exc:  # re-raised in the calling thread
            errors.append(exc)

    threads = [threading.Thread(target=worker, args=(c,), daemon=True) for c in chunks]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if errors:
        raise errors[0]
    return [results[i] for i in range(len(targets))]


def _in_own_browser(chunk: list[tuple[int, Target]], progress: Callable[[Outcome], None],
                    ralph: Any) -> list[Outcome]:
    if not any(_playable(t) for _, t in chunk):
        return _play(chunk, progress, None, ralph)
    from playwright.sync_api import sync_playwright

    exe = chromium_path()
    assert exe is not None, "missing() is checked first"
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=exe, args=CHROMIUM_ARGS, headless=True)
        try:
            return _play(chunk, progress, browser, ralph)
        finally:
            browser.close()


def _playable(t: Target) -> bool:
    return not t.problem and t.format in PLAYED


def _play(targets: list[tuple[int, Target]], progress: Callable[[Outcome], None] | None,
          browser: Any, ralph: Any = None) -> list[Outcome]:
    from .scorm import new_tab

    outcomes = []
    tab: Any = None  # one page for the packages, one after the other (scorm.new_tab)
    with tempfile.TemporaryDirectory(prefix="sbfa-test-") as tmp:
        try:
            for i, t in targets:
                if browser is not None and _playable(t) and (tab is None or tab.is_closed()):
                    tab = new_tab(browser)
                out = _play_one(i, t, tab, ralph, Path(tmp))
                if out.failures and tab is not None:
                    tab.context.close()  # a package that failed may have left its page in any state
                    tab = None
                outcomes.append(out)
                if progress:
                    progress(out)
        finally:
            if tab is not None:
                tab.context.close()
    return outcomes


def _play_one(i: int, t: Target, tab: Any, ralph: Any, tmp: Path) -> Outcome:
    from .dialect import DIALECTS
    from .scorm import play

    out = Outcome(t.name, t.format or "?", ours=t.plan is not None)
    if t.problem:
        out.fail("open", t.problem.removeprefix(f"{t.name}: "))
    elif t.format == "web":
        out.skipped = "a web package reports to no LMS"
    elif t.format not in PLAYED:
        out.skipped = f"{t.format or 'unknown'} packages are not played yet (only {', '.join(PLAYED)})"
    elif t.format in LRS_FORMATS:
        from .xapi import LrsPlayer

        start = time.monotonic()
        site = tmp / f"site-{i}"
        with zipfile.ZipFile(t.zip) as zf:
            zf.extractall(site / "pkg")  # zipfile drops '..' and absolute parts of entry names
        LrsPlayer(tab, ralph, site, t.format, t.launch, t.plan, t.mastery, out, slot=i + 1).run()
        out.seconds = round(time.monotonic() - start, 2)
    else:
        start = time.monotonic()
        dialect, dist = DIALECTS[t.format], scorm_again_dist()
        assert dist is not None, "missing() is checked first"
        site = make_site(t.zip, tmp / f"site-{i}", dist / dialect.api_js)
        with StaticServer(site) as server:
            play(tab, dialect, server.url, t.launch, t.plan, t.mastery, out, t.scos)
        out.seconds = round(time.monotonic() - start, 2)
    return out
