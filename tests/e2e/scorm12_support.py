"""Shared by the SCORM 1.2 browser tests: built packages served under a scorm-again host page."""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path
from typing import Any

import pytest

# Re-exported: the gate and these tests read an LMS data model the same way.
from sbfa_pack.gate.site import flattened as flattened

HOST = Path(__file__).resolve().parent / "scorm12_host"
SCORM_AGAIN = Path(__file__).resolve().parent / "node_modules" / "scorm-again" / "dist" / "scorm12.js"
SAMPLES = Path(__file__).resolve().parents[1] / "scorm12" / "roots"
LEARNER = {"cmi.core.student_id": "learner-1", "cmi.core.student_name": "Haddad, Amira",
           "cmi.core.credit": "credit", "cmi.core.lesson_mode": "normal", "cmi.core.entry": "ab-initio"}


def build_package(tmp: Path, packaging: str = "single-sco") -> Path:
    """Build the 'tracked' sample course as SCORM 1.2 and return the zip."""
    from sbfa_pack.build import build

    root = tmp / f"tracked-{packaging}"
    shutil.copytree(SAMPLES / "tracked", root)
    with (root / "sbfa.yaml").open("a") as fh:
        fh.write(f"scorm:\n  packaging: {packaging}\n")
    result = build(root, root / "dist", jobs=1, only={"tracked"})
    assert not result.diagnostics.errors, [str(d) for d in result.diagnostics]
    return root / "dist" / result.built[0].file


def lms_site(package: Path, out: Path) -> Path:
    """A folder an LMS would serve: the host page, scorm-again, and the package unzipped in pkg/."""
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    for name in ("index.html", "host.js", "nest.html", "nest.js"):
        shutil.copy(HOST / name, out / name)
    if not SCORM_AGAIN.exists():
        pytest.fail(f"{SCORM_AGAIN} is missing: run `make test` or `cd tests/e2e && npm ci`", pytrace=False)
    shutil.copy(SCORM_AGAIN, out / "scorm12.js")
    with zipfile.ZipFile(package) as zf:
        zf.extractall(out / "pkg")
    return out


def launch(page: Any, base: str, data: dict[str, str], launch: str = "pkg/index.html",
           settings: dict[str, Any] | None = None, start: bool = True) -> Any:
    """Open the host with the data model pre-filled; return the course frame once the runtime is
    ready (with ``start``, past the welcome screen a new learner sees first)."""
    cfg = {"launch": launch, "data": data, "settings": settings or {}}
    page.add_init_script(f"window.HOST = {json.dumps(cfg)};")
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(f"{base}/index.html")
    frame = page.frame_locator("#sco")
    try:
        # Generous: the machine running the suite may be busy with other browsers.
        frame.locator("html.sbfa-ready").wait_for(timeout=30_000)
    except Exception as exc:
        calls = page.evaluate("() => (window.LOG || []).map(c => c.fn + ' ' + c.args.join(' ') + ' ' + c.ret)")
        raise AssertionError(f"the course did not start: {exc}; page errors {errors}; LMS calls {calls}") from exc
    if start and frame.locator("#sbfa-welcome:not([hidden])").count():
        frame.locator("#sbfa-start").click()  # a new learner's welcome screen (issue 12 item 1)
    return frame


def lms(page: Any) -> dict[str, Any]:
    """The LMS's data model now (what it would store), its call log and the data of every commit."""
    return page.evaluate("() => ({cmi: LMS.renderCMIToJSONObject(), log: LOG, commits: COMMITS, messages: SA_LOG})")


def leave(page: Any) -> None:
    """Navigate the course frame away (the learner closes the course): pagehide fires in the SCO."""
    page.evaluate("() => { document.getElementById('sco').src = 'about:blank'; }")
    page.wait_for_function("() => LOG.some(c => c.fn === 'LMSFinish')", timeout=10_000)


def go(page: Any, lesson: str) -> None:
    """Show ``lesson`` in the course frame (as the table of contents does)."""
    sco = page.main_frame.child_frames[0]
    sco.evaluate("id => SBFA.core.go(id, true)", lesson)
    sco.wait_for_selector(f"#l-{lesson}:not([hidden])")
