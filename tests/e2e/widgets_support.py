"""Shared by the widget browser tests: the toolkit-all sample built as web packages, and small page helpers."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

import pytest

from sbfa_pack.build import build

ROOT = Path(__file__).resolve().parents[1] / "roots" / "toolkit-all"
LESSONS = {
    "self-assessment": "l-readiness", "worksheet form": "l-pitch", "canvas": "l-canvas", "swot": "l-swot",
    "calculator": "l-break-even", "checklist": "l-registration",
}
"""Every exercise kind and layout of the sample, with the lesson that holds it."""


def axe_script() -> Path:
    """axe-core from tests/e2e/node_modules (pinned in package.json)."""
    path = Path(__file__).resolve().parent / "node_modules" / "axe-core" / "axe.min.js"
    if not path.is_file():
        pytest.fail(f"{path} is missing: run `make test` or `cd tests/e2e && npm ci`", pytrace=False)
    return path


def build_tour(out: Path) -> dict[str, Path]:
    """The sample course as unzipped web packages, one folder per language (en, and ar written right to left)."""
    result = build(ROOT, out / "dist", formats=["web"], only={"tour"})
    assert not result.diagnostics.errors, [str(d) for d in result.diagnostics]
    folders = {}
    for built in result.built:
        folder = out / built.language
        with zipfile.ZipFile(out / "dist" / built.file) as zf:
            zf.extractall(folder)
        folders[built.language] = folder
    return folders


def open_lesson(page: Any, url: str, lesson: str) -> Any:
    """Load the package (unless it is open), show ``lesson`` and return its exercise widget."""
    if not page.url.startswith(url):
        page.goto(url + "/index.html")
    page.wait_for_function("() => document.documentElement.classList.contains('sbfa-ready')")
    page.evaluate("id => SBFA.core.go(id, true)", lesson)
    widget = page.locator(f"#l-{lesson} .sbfa-x")
    widget.wait_for()
    return widget


def field(widget: Any, name: str) -> Any:
    """The control of a field, input or calculator value by its id in the exercise."""
    return widget.locator(f'[data-field="{name}"]')


def console_problems(page: Any) -> list[str]:
    """Collects errors, CSP violations and uncaught exceptions of ``page`` as they happen."""
    problems: list[str] = []
    def seen(m: Any) -> None:
        if m.type == "error" and not str(m.location.get("url", "")).endswith("/favicon.ico"):
            problems.append(m.text)
    page.on("console", seen)
    page.on("pageerror", lambda e: problems.append(f"uncaught: {e}"))
    return problems
