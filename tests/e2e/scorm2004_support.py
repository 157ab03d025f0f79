"""Shared by the SCORM 2004 browser tests: built packages served under a scorm-again host page
(``Scorm2004API``), with the helpers of the SCORM 1.2 tests that do not depend on the version."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path
from typing import Any

import pytest
from scorm12_support import SAMPLES, flattened, go, launch, lms

__all__ = ["LEARNER", "build_package", "console_errors", "flattened", "go", "launch", "leave", "lms", "lms_site",
           "values_set"]

HOST = Path(__file__).resolve().parent / "scorm2004_host"
NEST = Path(__file__).resolve().parent / "scorm12_host"
SCORM_AGAIN = Path(__file__).resolve().parent / "node_modules" / "scorm-again" / "dist" / "scorm2004.js"
LEARNER = {"cmi.learner_id": "learner-1", "cmi.learner_name": "Haddad, Amira", "cmi.credit": "credit",
           "cmi.mode": "normal", "cmi.entry": "ab-initio", "cmi.completion_threshold": "1"}
"""What an LMS hands a first launch; completion_threshold 1 comes from the manifest."""


def build_package(tmp: Path, packaging: str = "single-sco") -> Path:
    """Build the 'tracked' sample course as SCORM 2004 and return the zip."""
    from sbfa_pack.build import build

    root = tmp / f"tracked-{packaging}"
    shutil.copytree(SAMPLES / "tracked", root)
    with (root / "sbfa.yaml").open("a") as fh:
        fh.write(f"scorm:\n  packaging: {packaging}\n")
    result = build(root, root / "dist", formats=["scorm2004"], jobs=1, only={"tracked"})
    assert not result.diagnostics.errors, [str(d) for d in result.diagnostics]
    return root / "dist" / result.built[0].file


def lms_site(package: Path, out: Path) -> Path:
    """A folder an LMS would serve: the host page, scorm-again, and the package unzipped in pkg/."""
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    for name in ("index.html", "host.js"):
        shutil.copy(HOST / name, out / name)
    for name in ("nest.html", "nest.js"):
        shutil.copy(NEST / name, out / name)
    if not SCORM_AGAIN.exists():
        pytest.fail(f"{SCORM_AGAIN} is missing: run `make test` or `cd tests/e2e && npm ci`", pytrace=False)
    shutil.copy(SCORM_AGAIN, out / "scorm2004.js")
    with zipfile.ZipFile(package) as zf:
        zf.extractall(out / "pkg")
    return out


def leave(page: Any) -> None:
    """Navigate the course frame away (the learner closes the course): pagehide fires in the SCO."""
    page.evaluate("() => { document.getElementById('sco').src = 'about:blank'; }")
    page.wait_for_function("() => LOG.some(c => c.fn === 'Terminate')", timeout=10_000)


def values_set(log: list[dict[str, Any]], element: str) -> list[str]:
    return [c["args"][1] for c in log if c["fn"] == "SetValue" and c["args"][0] == element]


def console_errors(page: Any) -> list[str]:
    """Collects the console errors of every frame of ``page`` from now on (the list fills as it runs)."""
    errors: list[str] = []

    def seen(m: Any) -> None:
        # The test host page has no favicon: the browser's request for it is not the package's.
        if m.type == "error" and not str(m.location.get("url", "")).endswith("/favicon.ico"):
            errors.append(f"{m.text} ({m.location.get('url', '')})")

    page.on("console", seen)
    page.on("pageerror", lambda e: errors.append(str(e)))
    return errors
