"""Shared by the learner-runtime browser tests: sample courses rendered as served packages, page helpers."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from sbfa_pack.build import localiser, units
from sbfa_pack.diagnostics import Diagnostics
from sbfa_pack.load import load_project
from sbfa_pack.render import render_unit
from sbfa_pack.unit import Unit

ROOTS = Path(__file__).resolve().parents[1] / "roots"
AXE = Path(__file__).resolve().parent / "node_modules" / "axe-core" / "axe.min.js"


def course_unit(root: str, lang: str | None = None) -> Unit:
    """The first course of ``tests/roots/<root>``, localised to ``lang`` as the build does."""
    diags = Diagnostics()
    lp = load_project(ROOTS / root, diags)
    assert lp is not None and not diags.errors, [str(d) for d in diags]
    unit = next(u for u in units(lp) if u.kind == "course")
    return localiser()(replace(unit, language=lang), lang) if lang else unit


def write_site(files: dict[str, bytes], out: Path) -> Path:
    """Unpack rendered files into ``out`` (what an LMS serves after importing the package)."""
    shutil.rmtree(out, ignore_errors=True)
    for name, data in files.items():
        (out / name).parent.mkdir(parents=True, exist_ok=True)
        (out / name).write_bytes(data)
    return out


def build_site(root: str, out: Path, adapter: str = "none") -> Path:
    return write_site(render_unit(course_unit(root), adapter), out)


def ready(page: Any, url: str, start: bool = True) -> None:
    """Open the package and wait until the runtime has started; with ``start``, leave the welcome
    screen a new learner sees first for the first lesson, as the learner does with Start."""
    page.goto(url)
    page.wait_for_selector("html.sbfa-ready")
    if start:
        begin(page)


def begin(page: Any) -> None:
    """Press Start (or Continue) when the welcome screen is shown (issue 12 item 1)."""
    if page.locator("#sbfa-welcome:not([hidden])").count():
        page.locator("#sbfa-start").click()


def show(page: Any, lesson: str) -> None:
    page.evaluate("id => SBFA.core.go(id, true)", lesson)
    page.wait_for_selector(f"#l-{lesson}:not([hidden])")


def axe_violations(page: Any, tags: list[str]) -> list[dict[str, Any]]:
    """axe-core's violations for ``tags``, shortened for a readable assertion message."""
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run `make test` or `cd tests/e2e && npm ci`", pytrace=False)
    if not page.evaluate("!!window.axe"):
        page.add_script_tag(path=str(AXE))
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", tags)
    return [{"id": v["id"], "help": v["help"], "nodes": [n["html"][:160] for n in v["nodes"]][:3]}
            for v in result["violations"]]


def console_errors(page: Any) -> list[str]:
    """Collects page errors and console errors from now on (the list fills as the page runs)."""
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    return errors
